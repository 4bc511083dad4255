package io.pushgen.generator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A minimal Java equivalent of {@code reference_push.py}, the baseline of {@link
 * PushComparisonBenchmark} where Python's {@code requests} is not installed: the whole manifest
 * read into a tree, fixed batches of 500, one request at a time, no validation and no size check;
 * a refused request is counted and the loop goes on.
 */
public final class ReferenceLoop {
  private static final int BATCH = 500;

  private ReferenceLoop() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(Path.of(args[0]).toFile());
    boolean metadata = manifest.get("flow").asText().equals("metadata");
    String endpoint = System.getenv("MCD_API_ENDPOINT").replaceAll("/$", "");
    URI uri = URI.create(endpoint + (metadata ? "/ingest/v1/metadata" : "/ingest/v1/querylogs"));
    ObjectNode resource = json.createObjectNode().put("uuid", System.getenv("MCD_RESOURCE_UUID"));
    if (metadata) {
      resource.put("resource_type", manifest.get("resource_type").asText());
    } else {
      resource.put("log_type", manifest.get("log_type").asText());
    }
    JsonNode events = manifest.get("events");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    int refused = 0;
    for (int start = 0; start < events.size(); start += BATCH) {
      ObjectNode body = json.createObjectNode();
      body.put("event_type", metadata ? "METADATA" : "QUERY_LOG");
      body.set("resource", resource);
      ArrayNode batch = body.putArray("events");
      for (int i = start; i < Math.min(start + BATCH, events.size()); i++) {
        batch.add(metadata ? json.createObjectNode().set("relational_asset", events.get(i)) : events.get(i));
      }
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .header("x-mcd-id", System.getenv("MCD_INGEST_ID"))
              .header("x-mcd-token", System.getenv("MCD_INGEST_TOKEN"))
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
              .build();
      if (client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() >= 300) {
        refused++;
      }
    }
    System.out.println("sent " + events.size() + " events, " + refused + " requests refused");
  }
}
