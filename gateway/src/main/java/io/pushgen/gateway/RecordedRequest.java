package io.pushgen.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the local gateway accepted (answered 202).
 *
 * @param seq 1-based position among all accepted requests since start (or the last clear)
 * @param flow the flow of the path
 * @param path the request path
 * @param headers request headers, names lower-cased and sorted; the value of {@code x-mcd-token}
 *     is replaced by {@link LocalGateway#REDACTED}
 * @param body the parsed (decompressed) body
 * @param invocationId the invocation id returned to the client
 * @param receivedAt when the request arrived
 * @param compressedBytes the body's gzip-compressed size (as sent, or as compressed by the gateway)
 * @param gzipped whether the client sent the body with {@code Content-Encoding: gzip}
 */
public record RecordedRequest(
    int seq,
    Flow flow,
    String path,
    Map<String, List<String>> headers,
    JsonNode body,
    String invocationId,
    Instant receivedAt,
    int compressedBytes,
    boolean gzipped) {

  /** The first value of a header (name case-insensitive), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body's {@code event_type}. */
  public String eventType() {
    return body.path("event_type").asText(null);
  }

  /** How many events the body carries. */
  public int eventCount() {
    JsonNode events = body.get("events");
    return events == null ? 0 : events.size();
  }

  /** This request with its body's {@code events} left out (see {@link LocalGateway#letEventsGo}). */
  RecordedRequest withoutEvents() {
    ObjectNode rest = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!field.getKey().equals("events")) {
        rest.set(field.getKey(), field.getValue());
      }
    }
    return new RecordedRequest(
        seq, flow, path, headers, rest, invocationId, receivedAt, compressedBytes, gzipped);
  }

  /** The body's events array. */
  public JsonNode events() {
    return body.path("events");
  }
}
