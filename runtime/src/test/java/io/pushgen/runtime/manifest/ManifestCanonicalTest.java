package io.pushgen.runtime.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.RelationalAsset;
import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetFreshness;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset.AssetVolume;
import io.pushgen.runtime.model.RelationalAsset.Tag;
import io.pushgen.runtime.wire.Batcher;
import io.pushgen.runtime.wire.IngestionService.Envelope;
import io.pushgen.runtime.wire.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata events are bound without data binding and, when their bytes are already what the
 * serialiser writes, handed to the batcher with those bytes: the records must be the ones data
 * binding builds, and the bytes the ones the serialiser writes, for every shape an event may take.
 */
class ManifestCanonicalTest {
  @TempDir Path dir;

  /** Each event as a manifest may hold it, and whether its bytes are canonical. */
  private record Case(String json, boolean canonical) {}

  private static final List<Case> CASES =
      List.of(
          // As ManifestWriter writes them.
          new Case(
              "{\"type\":\"TABLE\",\"metadata\":{\"name\":\"orders\",\"database\":\"d\","
                  + "\"schema\":\"s\",\"description\":\"Orders: one row/order\",\"view_query\":"
                  + "\"select 1\",\"created_on\":\"2026-01-05\"},\"tags\":[{\"key\":\"env\","
                  + "\"value\":\"prod\"},{\"key\":\"pii\"}],\"fields\":[{\"name\":\"id\",\"type\":"
                  + "\"BIGINT\",\"description\":\"key\"},{\"name\":\"a\",\"type\":\"TEXT\"}],"
                  + "\"volume\":{\"row_count\":0,\"byte_count\":-12},\"freshness\":"
                  + "{\"last_update_time\":\"2026-11-24T00:00:00Z\"}}",
              true),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"a b\u007f/c:{[,]}\",\"database\":\"d\",\"schema\":\"s\"}}", true),
          new Case("{\"type\":\"VIEW\",\"metadata\":{\"name\":\"v\",\"database\":\"d\",\"schema\":\"s\"}}", true),
          new Case(
              "{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"},"
                  + "\"volume\":{},\"freshness\":{}}",
              true),
          // Read all the same, serialised again.
          new Case("{\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"},\"type\":\"TABLE\"}", false),
          new Case("{\"type\": \"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"}}", false),
          new Case("{\"type\":\"TABLE\",\n\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"}}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\",\"description\":null}}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"},\"tags\":[]}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"},\"fields\":null}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\\\"q\\\"\",\"database\":\"d\",\"schema\":\"s\"}}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"\\u0074\",\"database\":\"d\",\"schema\":\"s\"}}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"\\/t\",\"database\":\"d\",\"schema\":\"s\"}}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"été\",\"database\":\"d\",\"schema\":\"s\"}}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"\uD83D\uDE00\",\"database\":\"d\",\"schema\":\"s\"}}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"}}  ", true),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"},\"volume\":{\"row_count\":-0}}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"},\"volume\":{\"byte_count\":1,\"row_count\":2}}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"},\"volume\":{\"row_count\":null,\"byte_count\":null}}", false),
          new Case("{\"type\":\"TABLE\",\"metadata\":{\"schema\":\"s\",\"name\":\"t\",\"database\":\"d\"},\"fields\":[{\"type\":\"INT\",\"name\":\"c\"}]}", false),
          new Case("{\"type\":\"TABLE\",\"type\":\"VIEW\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"}}", false));

  private Path manifest(List<String> events) throws IOException {
    StringBuilder text =
        new StringBuilder(
            "{\n  \"format_version\": 1,\n  \"flow\": \"metadata\",\n  \"warehouse\": \"postgres\",\n"
                + "  \"resource_type\": \"postgres\",\n  \"collected_at\": \"2026-11-24T10:00:00Z\",\n"
                + "  \"window\": null,\n  \"events\": [\n");
    for (int i = 0; i < events.size(); i++) {
      text.append("    ").append(events.get(i)).append(i + 1 < events.size() ? ",\n" : "\n");
    }
    text.append("  ],\n  \"counts\": {\"events\": ").append(events.size()).append("}\n}\n");
    Path file = dir.resolve("m.json");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static List<Object> read(ManifestReader.Events events) {
    List<Object> all = new ArrayList<>();
    try (events) {
      events.forEachRemaining(all::add);
    }
    return all;
  }

  @Test
  void recordsAreTheBoundOnesAndCopiedBytesTheSerialisedOnes() throws IOException {
    List<String> jsons = CASES.stream().map(Case::json).toList();
    ManifestReader reader = ManifestReader.open(manifest(jsons));
    List<Object> records = read(reader.events());
    List<Object> withJson = read(reader.eventsWithJson());
    assertEquals(CASES.size(), records.size());
    for (int i = 0; i < CASES.size(); i++) {
      Case c = CASES.get(i);
      Object bound =
          WireJson.mapper()
              .readerFor(RelationalAsset.class)
              .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readValue(c.json());
      assertEquals(bound, records.get(i), c.json());
      Object item = withJson.get(i);
      if (c.canonical()) {
        Batcher.Serialised serialised = assertInstanceOf(Batcher.Serialised.class, item, c.json());
        assertEquals(bound, serialised.event());
        assertArrayEquals(Envelope.eventBytes(bound), serialised.json(), c.json());
      } else {
        assertEquals(bound, item, c.json());
      }
    }
  }

  @Test
  void whatTheWriterWritesIsCopied() throws IOException {
    Path file = dir.resolve("written.json");
    List<RelationalAsset> assets =
        List.of(
            new RelationalAsset(
                "TABLE",
                new AssetMetadata("orders", "analytics", "public", "Orders", null, "2026-01-05"),
                List.of(new Tag("env", "prod"), new Tag("pii")),
                List.of(new AssetField("id", "INTEGER", "key"), new AssetField("amount", "DECIMAL")),
                new AssetVolume(0L, null),
                new AssetFreshness(null)),
            new RelationalAsset("VIEW", new AssetMetadata("v", "analytics", "public"), List.of()));
    ManifestHeader header =
        ManifestHeader.of(Flow.METADATA, "postgres", "postgres", Instant.parse("2026-11-24T10:00:00Z"));
    // Many of them, so that events cross the reader's buffers.
    int copies = 3_000;
    try (ManifestWriter writer = ManifestWriter.open(file, header)) {
      for (int i = 0; i < copies; i++) {
        for (RelationalAsset asset : assets) {
          writer.write(asset);
        }
      }
      writer.commit();
    }
    List<Object> items = read(ManifestReader.open(file).eventsWithJson());
    assertEquals(2 * copies, items.size());
    for (int i = 0; i < items.size(); i++) {
      Batcher.Serialised serialised = assertInstanceOf(Batcher.Serialised.class, items.get(i));
      RelationalAsset asset = assets.get(i % 2);
      assertEquals(asset, serialised.event());
      assertArrayEquals(Envelope.eventBytes(asset), serialised.json());
    }
    assertNotNull(items.get(0));
  }
}
