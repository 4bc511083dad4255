package io.pushgen.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.runtime.model.LineageEvent;
import io.pushgen.runtime.model.QueryLogEntry;
import io.pushgen.runtime.model.RelationalAsset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with Monte Carlo's Python SDK: every vector in {@code shared/golden} (produced by the
 * SDK's own models) is read into the model records, built into a request and compared with the
 * SDK's body as a JSON value.
 */
class GoldenVectorsTest {
  private static final ObjectMapper MAPPER = WireJson.mapper();

  static Path goldenFolder() {
    String root = System.getProperty("pushgen.root");
    if (root != null && !root.isBlank()) {
      Path folder = Paths.get(root).resolve("../shared/golden").normalize();
      if (Files.isDirectory(folder)) {
        return folder;
      }
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (String candidate : List.of("../shared/golden", "shared/golden")) {
        Path folder = dir.resolve(candidate).normalize();
        if (Files.isDirectory(folder)) {
          return folder;
        }
      }
    }
    return fail(
        "no shared/golden folder found from pushgen.root="
            + root
            + " or from "
            + Paths.get("").toAbsolutePath());
  }

  static Stream<Path> vectors() throws IOException {
    try (Stream<Path> files = Files.list(goldenFolder())) {
      List<Path> json = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertFalse(json.isEmpty(), "the golden folder holds no vectors");
      return json.stream();
    }
  }

  @Test
  void goldenFolderHoldsVectors() throws IOException {
    assertTrue(vectors().count() >= 11, "expected at least the 11 SDK vectors");
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
    assertEquals(expected.get("path").asText(), request.path());
    assertEquals(expected.get("body"), MAPPER.readTree(request.body()));
    assertEquals(events.size(), request.eventCount());
  }

  private static <T> List<T> read(JsonNode events, TypeReference<List<T>> type) throws IOException {
    return MAPPER.readerFor(type).readValue(MAPPER.treeAsTokens(events));
  }
}
