package io.pushgen.runtime.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.manifest.ManifestReader.ManifestCounts;
import io.pushgen.runtime.manifest.ManifestWriter.ReportEntry;
import io.pushgen.runtime.model.ErrorCode;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.runtime.model.LineageEvent;
import io.pushgen.runtime.model.QueryLogEntry;
import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetFreshness;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset.AssetVolume;
import io.pushgen.runtime.model.RelationalAsset.Tag;
import io.pushgen.runtime.model.RelationalAsset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestRoundTripTest {
  private static final Instant COLLECTED = Instant.parse("2026-11-24T10:00:00Z");

  @TempDir Path dir;

  private static final List<RelationalAsset> ASSETS =
      List.of(
          new RelationalAsset(
              "TABLE",
              new AssetMetadata("orders", "analytics", "public", "Orders", null, "2026-01-05"),
              List.of(new Tag("env", "prod"), new Tag("pii")),
              List.of(new AssetField("id", "INTEGER", "key"), new AssetField("amount", "DECIMAL")),
              new AssetVolume(0L, null),
              new AssetFreshness(null)),
          new RelationalAsset("VIEW", new AssetMetadata("v", "analytics", "public"), List.of()),
          new RelationalAsset(
              "TABLE", new AssetMetadata("Mixed \"Case\"", "a", "raw été"), List.of()));

  private static List<Object> readAll(ManifestReader reader) throws IOException {
    List<Object> events = new ArrayList<>();
    try (ManifestReader.Events it = reader.events()) {
      it.forEachRemaining(events::add);
    }
    return events;
  }

  @Test
  void roundTripsMetadataWithCountsReportAndDigest() throws Exception {
    Path file = dir.resolve("metadata.json");
    ManifestHeader header = ManifestHeader.of(Flow.METADATA, "postgres", "postgres", COLLECTED);
    try (ManifestWriter writer = ManifestWriter.open(file, header)) {
      for (RelationalAsset asset : ASSETS) {
        writer.write(asset);
      }
      writer.report("skipped", "analytics.tmp.t", "no columns");
      writer.report("skipped", "analytics.tmp.u", "no privileges");
      writer.report("errors", "analytics: timeout");
      assertEquals(3, writer.eventCount());
      writer.commit();
    }

    ManifestReader reader = ManifestReader.open(file);
    assertEquals(header, reader.header());
    assertEquals(new ManifestCounts(3, Map.of("skipped", 2L, "errors", 1L)), reader.counts());
    assertEquals(
        List.of(
            new ReportEntry("errors", "analytics: timeout", null),
            new ReportEntry("skipped", "analytics.tmp.t", "no columns"),
            new ReportEntry("skipped", "analytics.tmp.u", "no privileges")),
        reader.report());
    assertEquals(
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))),
        reader.sha256());
    assertEquals(ASSETS, readAll(reader));
    assertEquals(ASSETS, readAll(reader), "a second pass reads the same events");
  }

  @Test
  void writesOneLinePerEventInTheWireShape() throws IOException {
    Path file = dir.resolve("m.json");
    try (ManifestWriter writer =
        ManifestWriter.open(
            file, ManifestHeader.of(Flow.METADATA, "postgres", "postgres", COLLECTED))) {
      writer.write(ASSETS.get(1));
      writer.write(ASSETS.get(1));
      writer.commit();
    }
    String event =
        "{\"type\":\"VIEW\",\"metadata\":{\"name\":\"v\",\"database\":\"analytics\","
            + "\"schema\":\"public\"}}";
    assertEquals(
        "{\n"
            + "  \"format_version\": 1,\n"
            + "  \"flow\": \"metadata\",\n"
            + "  \"warehouse\": \"postgres\",\n"
            + "  \"resource_type\": \"postgres\",\n"
            + "  \"collected_at\": \"2026-11-24T10:00:00Z\",\n"
            + "  \"window\": null,\n"
            + "  \"events\": [\n"
            + "    "
            + event
            + ",\n"
            + "    "
            + event
            + "\n"
            + "  ],\n"
            + "  \"counts\": {\"events\":2}\n"
            + "}\n",
        Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void recordsTheShardOfAShardedRunAndNoneForTheWholeAccount() throws IOException {
    Path file = dir.resolve("shard.json");
    ManifestHeader header =
        ManifestHeader.of(Flow.METADATA, "postgres", "postgres", COLLECTED).withShard(2, 7);
    try (ManifestWriter writer = ManifestWriter.open(file, header)) {
      writer.write(ASSETS.get(1));
      writer.commit();
    }
    assertEquals(
        "{\"index\":2,\"count\":7}",
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).get("shard").toString());
    assertEquals(new ManifestHeader.Shard(2, 7), ManifestReader.open(file).header().shard());
    assertEquals(header, ManifestReader.open(file).header());

    Path whole = dir.resolve("whole.json");
    try (ManifestWriter writer =
        ManifestWriter.open(
            whole,
            ManifestHeader.of(Flow.METADATA, "postgres", "postgres", COLLECTED).withShard(0, 1))) {
      writer.commit();
    }
    assertFalse(Files.readString(whole).contains("shard"));
    assertEquals(null, ManifestReader.open(whole).header().shard());
  }

  @Test
  void roundTripsQueryLogsWithWindowAndLineageWithEmptyEvents() throws IOException {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("warehouse_name", null);
    extra.put("bytes_scanned", 1024000);
    List<QueryLogEntry> entries =
        List.of(
            new QueryLogEntry(
                Instant.parse("2024-03-01T10:00:00.120000Z"),
                Instant.parse("2024-03-01T10:00:01Z"),
                "select 1",
                "q1",
                "me",
                ErrorCode.of(1064),
                "syntax",
                0L,
                extra),
            new QueryLogEntry(
                Instant.parse("2024-03-01T10:00:00Z"),
                Instant.parse("2024-03-01T10:00:00Z"),
                "select 2",
                null,
                null,
                ErrorCode.of("E42"),
                null,
                null,
                null));
    ManifestHeader header =
        ManifestHeader.of(Flow.QUERY_LOGS, "snowflake", "snowflake", COLLECTED)
            .withWindow(
                Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-02T00:00:00Z"));
    Path file = dir.resolve("logs.json");
    try (ManifestWriter writer = ManifestWriter.open(file, header)) {
      for (QueryLogEntry entry : entries) {
        writer.write(entry);
      }
      writer.commit();
    }
    ManifestReader reader = ManifestReader.open(file);
    assertEquals(header, reader.header());
    assertEquals("snowflake", reader.header().resourceValue());
    assertEquals(entries, readAll(reader));

    Path lineage = dir.resolve("sub/lineage.json");
    try (ManifestWriter writer =
        ManifestWriter.open(
            lineage, ManifestHeader.of(Flow.LINEAGE, "pg", "postgres", COLLECTED))) {
      writer.commit();
    }
    ManifestReader empty = ManifestReader.open(lineage);
    assertEquals(0, empty.counts().events());
    assertFalse(empty.events().hasNext());
  }

  @Test
  void keepsNoFileWhenTheCollectFails() throws IOException {
    Path file = dir.resolve("metadata.json");
    ManifestHeader header = ManifestHeader.of(Flow.METADATA, "postgres", "postgres", COLLECTED);
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () -> {
              try (ManifestWriter writer = ManifestWriter.open(file, header)) {
                writer.write(ASSETS.get(0));
                throw new IllegalStateException("connection lost");
              }
            });
    assertEquals("connection lost", failure.getMessage());
    assertFalse(Files.exists(file));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void keepsThePreviousManifestWhenARewriteFails() throws IOException {
    Path file = dir.resolve("metadata.json");
    ManifestHeader header = ManifestHeader.of(Flow.METADATA, "postgres", "postgres", COLLECTED);
    try (ManifestWriter writer = ManifestWriter.open(file, header)) {
      writer.write(ASSETS.get(0));
      writer.commit();
    }
    byte[] before = Files.readAllBytes(file);
    ManifestWriter writer = ManifestWriter.open(file, header);
    writer.write(ASSETS.get(1));
    writer.abort();
    writer.close();
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(file), left.toList());
    }
    assertThrows(IllegalStateException.class, () -> writer.write(ASSETS.get(0)));
  }

  @Test
  void refusesEventsOfAnotherFlowAndBadReportKinds() throws IOException {
    try (ManifestWriter writer =
        ManifestWriter.open(
            dir.resolve("l.json"), ManifestHeader.of(Flow.LINEAGE, "pg", "postgres", COLLECTED))) {
      assertEquals(
          "this manifest holds LineageEvent events, not RelationalAsset",
          assertThrows(IllegalArgumentException.class, () -> writer.write(ASSETS.get(0)))
              .getMessage());
      assertThrows(IllegalArgumentException.class, () -> writer.report("events", "x", "y"));
      writer.write(new LineageEvent(new LineageAssetRef("TABLE", "a", "d", "s"), List.of()));
      writer.commit();
    }
  }

  @Test
  void capsReportEntriesButCountsThemAll() throws IOException {
    Path file = dir.resolve("m.json");
    try (ManifestWriter writer =
        ManifestWriter.open(file, ManifestHeader.of(Flow.METADATA, "pg", "postgres", COLLECTED))) {
      for (int i = 0; i < ManifestWriter.MAX_REPORT_ENTRIES + 5; i++) {
        writer.report("unparsed", "q" + i, "syntax");
      }
      writer.commit();
    }
    ManifestReader reader = ManifestReader.open(file);
    assertEquals(
        ManifestWriter.MAX_REPORT_ENTRIES + 5L, reader.counts().reported().get("unparsed"));
    assertEquals(ManifestWriter.MAX_REPORT_ENTRIES, reader.report().size());
  }

  @Test
  void headerRefusesInconsistentValues() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ManifestHeader(1, Flow.QUERY_LOGS, "pg", "postgres", null, COLLECTED, null, null, null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ManifestHeader.of(Flow.METADATA, "pg", "postgres", COLLECTED)
                .withWindow(COLLECTED, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ManifestHeader(2, Flow.METADATA, "pg", "postgres", null, COLLECTED, null, null, null));
  }
}
