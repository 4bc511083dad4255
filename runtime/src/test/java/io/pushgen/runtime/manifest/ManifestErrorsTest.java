package io.pushgen.runtime.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.manifest.ManifestReader.ManifestException;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed manifests: each message names the file, the JSON path and the line and column. */
class ManifestErrorsTest {
  private static final String TABLE =
      "{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"}}";

  @TempDir Path dir;

  /** A metadata manifest laid out like the writer's: event i is on line 9 + i, column 5. */
  private static String manifest(String... events) {
    return header("metadata", "resource_type")
        + "  \"events\": [\n    "
        + String.join(",\n    ", events)
        + "\n  ],\n  \"counts\": {\"events\":"
        + events.length
        + "}\n}\n";
  }

  private static String header(String flow, String resourceKey) {
    return "{\n"
        + "  \"format_version\": 1,\n"
        + "  \"flow\": \""
        + flow
        + "\",\n"
        + "  \"warehouse\": \"postgres\",\n"
        + "  \""
        + resourceKey
        + "\": \"snowflake\",\n"
        + "  \"collected_at\": \"2026-11-24T10:00:00Z\",\n"
        + "  \"window\": null,\n";
  }

  private Path file(String text) throws IOException {
    Path file = dir.resolve("m.json");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Reads every event and returns the error. */
  private String error(String text) throws IOException {
    Path file = file(text);
    ManifestException e =
        assertThrows(
            ManifestException.class,
            () -> {
              ManifestReader reader = ManifestReader.open(file);
              List<Object> events = new ArrayList<>();
              try (ManifestReader.Events it = reader.events()) {
                it.forEachRemaining(events::add);
              }
            });
    return e.getMessage();
  }

  @Test
  void missingRequiredEventValue() throws IOException {
    String text =
        manifest(TABLE, "{\"type\":\"TABLE\",\"metadata\":{\"database\":\"d\",\"schema\":\"s\"}}");
    assertEquals("m.json:10:5: $.events[1].metadata.name: missing", error(text));
    ManifestException e =
        assertThrows(
            ManifestException.class,
            () -> {
              ManifestReader.Events events = ManifestReader.open(file(text)).events();
              assertEquals(
                  new RelationalAsset("TABLE", new AssetMetadata("t", "d", "s"), List.of()),
                  events.next());
              events.next();
            });
    assertEquals("$.events[1].metadata.name", e.jsonPath());
    assertEquals(10, e.line());
    assertEquals(5, e.column());
  }

  @Test
  void shardOutOfRange() throws IOException {
    String text =
        manifest(TABLE).replace("\"window\": null,", "\"window\": null,\n  \"shard\": {\"index\": 3, \"count\": 3},");
    String message =
        assertThrows(ManifestException.class, () -> ManifestReader.open(file(text))).getMessage();
    assertEquals(
        "m.json:8:35: $.shard: a shard has an index from 0 to count - 1 and a count of at least 1",
        message);
  }

  @Test
  void wrongValueType() throws IOException {
    assertEquals(
        "m.json:9:40: $.events[0].metadata.name: expected a string, found an integer",
        error(manifest(TABLE.replace("\"name\":\"t\"", "\"name\":5"))));
    assertEquals(
        "m.json:10:95: $.events[1].volume.row_count: expected an integer, found a string",
        error(manifest(TABLE, TABLE.replace("}}", "},\"volume\":{\"row_count\":\"12\"}}"))));
    assertEquals(
        "m.json:9:28: $.events[0].tags: expected an array, found an object",
        error(manifest("{\"type\":\"TABLE\",\"tags\":{},\"metadata\":{}}")));
  }

  @Test
  void unknownEventKeyAndEventOfAnotherFlow() throws IOException {
    assertEquals(
        // Jackson reports unknown keys of records where their object ends
        "m.json:9:72: $.events[0].metadata.nmae: unknown key 'nmae'",
        error(manifest(TABLE.replace("\"name\"", "\"nmae\""))));
    String lineage =
        header("lineage", "resource_type")
            + "  \"events\": [\n    "
            + TABLE
            + "\n  ],\n  \"counts\": {\"events\":1}\n}\n";
    assertEquals("m.json:9:73: $.events[0].type: unknown key 'type'", error(lineage));
  }

  @Test
  void eventThatIsNotAnObject() throws IOException {
    assertEquals(
        "m.json:10:5: $.events[1]: expected an event object, found a string",
        error(manifest(TABLE, "\"orders\"")));
  }

  @Test
  void badTimestampAndErrorCodeInQueryLogs() throws IOException {
    String start =
        "{\"start_time\":\"yesterday\",\"end_time\":\"2024-03-01T10:00:00Z\",\"query_text\":\"q\"}";
    String text =
        header("query_logs", "log_type")
            + "  \"events\": [\n    "
            + start
            + "\n  ],\n  \"counts\": {\"events\":1}\n}\n";
    assertEquals(
        "m.json:9:19: $.events[0].start_time: 'yesterday' is not an ISO-8601 date-time (e.g."
            + " 2024-03-01T10:00:05Z)",
        error(text));
    String code =
        "{\"start_time\":\"2024-03-01T10:00:00Z\",\"end_time\":\"2024-03-01T10:00:00Z\","
            + "\"query_text\":\"q\",\"error_code\":1.5}";
    assertEquals(
        "m.json:9:106: $.events[0].error_code: error_code must be a string or an integer, not the"
            + " number 1.5",
        error(text.replace(start, code)));
  }

  @Test
  void unknownFlow() throws IOException {
    assertEquals(
        "m.json:3:11: $.flow: unknown flow 'tables' (expected metadata, lineage or query_logs)",
        error(manifest(TABLE).replace("\"metadata\"", "\"tables\"")));
  }

  @Test
  void invalidJson() throws IOException {
    String message =
        error(manifest(TABLE, TABLE).replace("\"schema\":\"s\"}},", "\"schema\":\"s\"}}"));
    assertEquals(
        "m.json:10:5: $.events[1]: invalid JSON: Unexpected character ('{' (code 123)): was"
            + " expecting comma to separate Array entries",
        message);
    String text = manifest(TABLE, TABLE);
    String truncated = text.substring(0, text.lastIndexOf("\"name\":\"") + 8);
    assertEquals(
        "m.json:10:41: $.events[1].metadata.name: invalid JSON: Unexpected end-of-input in"
            + " VALUE_STRING",
        error(truncated).lines().findFirst().orElseThrow());
  }

  @Test
  void headerProblems() throws IOException {
    assertEquals(
        "m.json:11:1: $.collected_at: missing",
        error(manifest(TABLE).replace("  \"collected_at\": \"2026-11-24T10:00:00Z\",\n", "")));
    assertEquals(
        "m.json:2:21: $.format_version: format_version 2 is not supported (this program reads 1)",
        error(manifest(TABLE).replace("\"format_version\": 1", "\"format_version\": 2")));
    assertEquals(
        "m.json:11:23: $.counts.events: 3 but the manifest holds 1 events",
        error(manifest(TABLE).replace("{\"events\":1}", "{\"events\":3}")));
    assertEquals(
        "m.json:6:19: $.collected_at: 'noon' is not an ISO-8601 date-time (e.g."
            + " 2024-03-01T10:00:05Z)",
        error(manifest(TABLE).replace("\"2026-11-24T10:00:00Z\"", "\"noon\"")));
    assertEquals(
        "m.json:12:1: $.log_type: not allowed in a metadata manifest (it has a resource_type)",
        error(
            manifest(TABLE)
                .replace("\"window\": null,", "\"window\": null, \"log_type\": \"x\",")));
    assertEquals(
        "m.json:7:3: $.extra: unknown key",
        error(manifest(TABLE).replace("  \"window\"", "  \"extra\": 1,\n  \"window\"")));
    assertEquals("m.json:1:1: $: expected a JSON object", error("[1]"));
    assertEquals(
        "m.json:4:3: $.flow: duplicate key",
        error(
            manifest(TABLE)
                .replace("  \"warehouse\"", "  \"flow\": \"lineage\",\n  \"warehouse\"")));
  }

  @Test
  void acceptsKeysInAnyOrder() throws IOException {
    String text =
        "{\"counts\":{\"events\":1,\"skipped\":0},\"events\":["
            + TABLE
            + "],\"window\":{\"end\":\"2024-03-02T00:00:00+01:00\","
            + "\"start\":\"2024-03-01T00:00:00Z\"},"
            + "\"resource_type\":\"pg\",\"collected_at\":\"2026-11-24T10:00:00Z\","
            + "\"warehouse\":\"postgres\",\"flow\":\"metadata\",\"format_version\":1}";
    ManifestReader reader = ManifestReader.open(file(text));
    assertEquals("pg", reader.header().resourceType());
    assertEquals(java.time.Instant.parse("2024-03-01T23:00:00Z"), reader.header().windowEnd());
    assertEquals(1, reader.counts().events());
    try (ManifestReader.Events events = reader.events()) {
      assertEquals(
          new RelationalAsset("TABLE", new AssetMetadata("t", "d", "s"), List.of()), events.next());
      assertEquals(false, events.hasNext());
    }
  }

  /**
   * The first pass skips the events array by scanning its bytes (ManifestReader.EventsSkip): on
   * every layout it must find what the full parse finds, and report what follows the array at the
   * file's own lines and columns.
   */
  @Test
  void quickSkipOverTheEventsMatchesTheFullPass() throws IOException {
    String tricky =
        "{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t]}{\\\"\\\\\",\"database\":\"d\","
            + "\"schema\":\"s\",\"description\":\"[\\u005d } ,é\"}}";
    String pretty = manifest(TABLE, tricky, TABLE);
    String oneLine = pretty.replace("\n", "");
    String crlf = pretty.replace("\n", "\r\n");
    String empty = manifest();
    for (String text : List.of(pretty, oneLine, crlf, empty)) {
      Path file = file(text);
      ManifestReader quick = ManifestReader.open(file, true);
      ManifestReader full = ManifestReader.open(file, false);
      assertEquals(full.counts(), quick.counts(), text);
      assertEquals(full.header(), quick.header());
      assertEquals(full.sha256(), quick.sha256());
      // A problem after the array, where the quick pass's second parser reads.
      String late = text.replace("\"counts\"", "\"extra\": 1, \"counts\"");
      Path lateFile = file(late);
      String expected =
          assertThrows(ManifestException.class, () -> ManifestReader.open(lateFile, false))
              .getMessage();
      assertEquals(
          expected,
          assertThrows(ManifestException.class, () -> ManifestReader.open(lateFile, true))
              .getMessage());
      assertTrue(expected.endsWith(": $.extra: unknown key"), expected);
    }
    assertEquals(3, ManifestReader.open(file(pretty), true).counts().events());
    // What the scan does not take for an event makes the full pass report it, whatever the counts.
    for (String element : List.of("\"orders\"", "[]", "17", "null")) {
      Path odd = file(manifest(TABLE, element).replace("{\"events\":2}", "{\"events\":1}"));
      assertThrows(IllegalStateException.class, () -> ManifestReader.open(odd, true), element);
    }
    assertEquals(
        "m.json:13:3: $.extra: unknown key",
        error(pretty.replace("\"counts\"", "\"extra\": 1,\n  \"counts\"")));
  }
}
