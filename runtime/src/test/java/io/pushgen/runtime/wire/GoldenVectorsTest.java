package io.pushgen.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgen.runtime.model.LineageEvent;
import io.pushgen.runtime.model.QueryLogEntry;
import io.pushgen.runtime.model.RelationalAsset;
import io.pushgen.runtime.wire.IngestionService.IngestRequest;
import io.pushgen.testsupport.GoldenVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * Parity with Monte Carlo's Python SDK: every vector of {@link GoldenVectors} (produced by the
 * SDK's own models; the repository's copies and any in {@code PUSHGEN_GOLDEN_EXTRA}) is read into
 * the model records, built into a request and compared with the SDK's body as a JSON value. A
 * vector that fails is named by its file.
 */
class GoldenVectorsTest {
  private static final ObjectMapper MAPPER = WireJson.mapper();

  static List<Path> vectors() {
    return GoldenVectors.all();
  }

  @Test
  void theRepositoryHoldsTheSdkVectors() {
    assertTrue(vectors().size() >= 11, "expected at least the 11 SDK vectors");
  }

  @Test
  void anExtraVectorThatDiffersFailsNamingItsFile(@TempDir Path extra) throws IOException {
    Path wrong = extra.resolve("querylogs_wrong.json");
    ObjectNode vector = (ObjectNode) MAPPER.readTree(GoldenVectors.named("querylogs_basic_utc").toFile());
    ((ObjectNode) vector.at("/expected/body")).put("log_type", "bigquery");
    Files.writeString(wrong, MAPPER.writeValueAsString(vector));

    List<Path> all = GoldenVectors.all(extra.toString());
    assertEquals(wrong, all.get(all.size() - 1), "the extra folder's vectors are checked too");
    AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> matchesTheSdk(wrong));
    assertTrue(failure.getMessage().startsWith(wrong + ": body differs"), failure.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void matchesTheSdk(Path vector) throws IOException {
    JsonNode root = MAPPER.readTree(vector.toFile());
    JsonNode input = root.get("input");
    JsonNode expected = root.get("expected");
    String uuid = input.get("resource_uuid").asText();
    JsonNode events = input.get("events");

    IngestRequest request =
        switch (input.get("call").asText()) {
          case "send_metadata" ->
              IngestionService.metadataRequest(
                  uuid,
                  input.get("resource_type").asText(),
                  read(events, new TypeReference<List<RelationalAsset>>() {}));
          case "send_lineage" ->
              IngestionService.lineageRequest(
                  uuid,
                  input.get("resource_type").asText(),
                  read(events, new TypeReference<List<LineageEvent>>() {}),
                  input.path("event_type").textValue());
          case "send_query_logs" ->
              IngestionService.queryLogsRequest(
                  uuid,
                  input.get("log_type").asText(),
                  read(events, new TypeReference<List<QueryLogEntry>>() {}));
          default -> fail("unknown call " + input.get("call"));
        };

    assertEquals("POST", expected.get("method").asText());
    assertEquals(expected.get("path").asText(), request.path(), vector + ": path");
    assertEquals(expected.get("body"), MAPPER.readTree(request.body()), vector + ": body differs from the SDK's");
    assertEquals(events.size(), request.eventCount(), vector + ": event count");
  }

  private static <T> List<T> read(JsonNode events, TypeReference<List<T>> type) throws IOException {
    return MAPPER.readerFor(type).readValue(MAPPER.treeAsTokens(events));
  }
}
