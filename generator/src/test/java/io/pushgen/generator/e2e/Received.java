package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.gateway.RecordedRequest;
import java.util.Map;
import java.util.TreeMap;

/** What the local gateway received, in the shapes the end-to-end tests assert on. */
final class Received {
  private Received() {}

  /**
   * Every asset of every metadata request, keyed by {@code database.schema.name}, after checking
   * that each request named {@code resourceType}.
   */
  static Map<String, JsonNode> assets(LocalGateway gateway, String resourceType) {
    Map<String, JsonNode> assets = new TreeMap<>();
    gateway
        .received(Flow.METADATA)
        .forEach(
            request -> {
              assertEquals(resourceType, request.body().at("/resource/resource_type").asText());
              for (JsonNode event : request.events()) {
                JsonNode asset = event.get("relational_asset");
                assets.put(fullName(asset.get("metadata")), asset);
              }
            });
    return assets;
  }

  /**
   * Every lineage event of every lineage request, keyed by its destination's {@code
   * database.schema.name} (a later event for the same destination replaces an earlier one).
   */
  static Map<String, JsonNode> lineageByDestination(LocalGateway gateway) {
    Map<String, JsonNode> byDestination = new TreeMap<>();
    for (RecordedRequest request : gateway.received(Flow.LINEAGE)) {
      for (JsonNode event : request.events()) {
        byDestination.put(fullName(event.get("destination")), event);
      }
    }
    return byDestination;
  }

  /** {@code database.schema.name} of an asset's metadata or a lineage reference. */
  private static String fullName(JsonNode named) {
    return named.get("database").asText()
        + "."
        + named.get("schema").asText()
        + "."
        + named.get("name").asText();
  }
}
