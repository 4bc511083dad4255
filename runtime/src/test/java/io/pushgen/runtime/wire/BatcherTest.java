package io.pushgen.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.LineageEvent.ColumnLineageField;
import io.pushgen.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.runtime.model.LineageEvent;
import io.pushgen.runtime.model.QueryLogEntry;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset;
import io.pushgen.runtime.wire.EventValidator.InvalidEventException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatcherTest {
  private static final String UUID = "3f1a2b4c-0000-4000-8000-00000000abcd";

  private static RelationalAsset asset(int i, String description) {
    return new RelationalAsset(
        "TABLE",
        new AssetMetadata("t" + i, "d", "s", description, null, null),
        List.of(),
        List.of(),
        null,
        null);
  }

  private static List<RelationalAsset> assets(int count, int descriptionLength, long seed) {
    Random random = new Random(seed);
    return IntStream.range(0, count)
        .mapToObj(i -> asset(i, randomText(random, descriptionLength)))
        .toList();
  }

  /** Text that gzip can hardly compress. */
  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('!' + random.nextInt(90)));
    }
    return text.toString();
  }

  private static List<Batcher.Item> all(Batcher batcher) {
    List<Batcher.Item> items = new ArrayList<>();
    batcher.forEachRemaining(items::add);
    return items;
  }

  private static List<Batcher.Batch> batches(List<Batcher.Item> items) {
    return items.stream()
        .filter(Batcher.Batch.class::isInstance)
        .map(Batcher.Batch.class::cast)
        .toList();
  }

  private static List<String> names(Batcher.Batch batch) throws IOException {
    JsonNode body = WireJson.mapper().readTree(batch.request().body());
    List<String> names = new ArrayList<>();
    for (JsonNode event : body.get("events")) {
      names.add(event.at("/relational_asset/metadata/name").asText());
    }
    return names;
  }

  private static Batcher metadata(List<RelationalAsset> assets, int maxEvents, int maxBytes) {
    return metadata(assets, new Batcher.Limits(maxEvents, maxBytes));
  }

  private static Batcher metadata(List<RelationalAsset> assets, Batcher.Limits limits) {
    return new Batcher(Flow.METADATA, UUID, "postgres", null, limits, assets.iterator());
  }

  @Test
  void splitsByCount() throws IOException {
    List<Batcher.Item> items = all(metadata(assets(7, 10, 1), 3, 1_000_000));
    assertEquals(3, items.size());
    List<Batcher.Batch> batches = batches(items);
    assertEquals(List.of(0, 1, 2), batches.stream().map(Batcher.Batch::index).toList());
    assertEquals(List.of(0L, 3L, 6L), batches.stream().map(Batcher.Batch::firstEvent).toList());
    assertEquals(List.of(2L, 5L, 6L), batches.stream().map(Batcher.Batch::lastEvent).toList());
    assertEquals(List.of(3, 3, 1), batches.stream().map(Batcher.Batch::eventCount).toList());
    assertEquals(List.of("t3", "t4", "t5"), names(batches.get(1)));
    Batcher.Batch last = batches.get(2);
    assertEquals(1, last.request().eventCount());
    assertEquals("/ingest/v1/metadata", last.request().path());
    assertEquals("METADATA", last.eventType());
    assertEquals(GzipSize.of(last.request().body()), last.compressedBytes());
  }

  @Test
  void bodiesMatchTheSingleRequestBuilder() {
    List<RelationalAsset> assets = assets(4, 20, 2);
    Batcher.Batch only = batches(all(metadata(assets, 50, 1_000_000))).get(0);
    assertEquals(
        new String(IngestionService.metadataRequest(UUID, "postgres", assets).body()),
        new String(only.request().body()));
  }

  @Test
  void splitsBySizeKeepingEveryCompressedBodyUnderTheLimit() throws IOException {
    int limit = 4_000;
    List<RelationalAsset> assets = assets(60, 300, 3);
    List<Batcher.Batch> batches = batches(all(metadata(assets, 1_000, limit)));
    assertTrue(batches.size() > 3, "expected several batches, got " + batches.size());
    List<String> sent = new ArrayList<>();
    long expectedFirst = 0;
    for (Batcher.Batch batch : batches) {
      int compressed = GzipSize.of(batch.request().body());
      assertTrue(compressed < limit, "batch " + batch.index() + " is " + compressed + " bytes");
      assertEquals(compressed, batch.compressedBytes());
      assertEquals(expectedFirst, batch.firstEvent());
      assertEquals(batch.lastEvent() - batch.firstEvent() + 1, batch.eventCount());
      expectedFirst = batch.lastEvent() + 1;
      sent.addAll(names(batch));
    }
    assertEquals(assets.stream().map(a -> a.metadata().name()).toList(), sent);
    for (Batcher.Batch batch : batches.subList(0, batches.size() - 1)) {
      assertTrue(
          batch.compressedBytes() > limit - 2 * 400,
          "batch " + batch.index() + " is only " + batch.compressedBytes() + " bytes");
    }
  }

  @Test
  void packsCompressibleEventsByTheirCompressedSize() throws IOException {
    int limit = 3_000;
    List<RelationalAsset> assets =
        IntStream.range(0, 400).mapToObj(i -> asset(i, "same words again ".repeat(10))).toList();
    List<Batcher.Batch> batches = batches(all(metadata(assets, 10_000, limit)));
    int raw = batches.get(0).request().body().length;
    assertTrue(raw > 3 * limit, "the first batch holds only " + raw + " bytes of JSON");
    int total = 0;
    for (Batcher.Batch batch : batches) {
      assertTrue(GzipSize.of(batch.request().body()) < limit);
      total += names(batch).size();
    }
    assertEquals(400, total);
  }

  @Test
  void rejectsAnEventTooLargeToSendAlone() {
    Random random = new Random(4);
    List<RelationalAsset> assets =
        List.of(
            asset(0, "small"),
            asset(1, randomText(random, 5_000)),
            asset(2, "small"),
            asset(3, "small"));
    List<Batcher.Item> items = all(metadata(assets, 2, 2_000));
    assertEquals(3, items.size());
    Batcher.Rejection rejection = assertInstanceOf(Batcher.Rejection.class, items.get(0));
    assertEquals(1, rejection.eventIndex());
    assertEquals(Envelope.eventBytes(assets.get(1)).length, rejection.bytes());
    assertTrue(
        rejection.reason().startsWith("events[1]: too large to send: a request holding only"),
        rejection.reason());
    assertTrue(rejection.reason().endsWith("the limit is 2000"), rejection.reason());
    Batcher.Batch first = assertInstanceOf(Batcher.Batch.class, items.get(1));
    assertEquals(0, first.firstEvent());
    assertEquals(2, first.lastEvent());
    assertEquals(2, first.eventCount());
    Batcher.Batch second = assertInstanceOf(Batcher.Batch.class, items.get(2));
    assertEquals(3, second.firstEvent());
    assertEquals(1, second.index());
  }

  @Test
  void rejectsAnOversizedFirstEvent() {
    Random random = new Random(5);
    List<RelationalAsset> assets = List.of(asset(0, randomText(random, 5_000)), asset(1, "s"));
    List<Batcher.Item> items = all(metadata(assets, 50, 2_000));
    assertEquals(0, assertInstanceOf(Batcher.Rejection.class, items.get(0)).eventIndex());
    Batcher.Batch batch = assertInstanceOf(Batcher.Batch.class, items.get(1));
    assertEquals(1, batch.firstEvent());
    assertEquals(0, batch.index());
    assertEquals(2, items.size());
  }

  @Test
  void rejectsInvalidEventsAndSendsTheRest() {
    List<RelationalAsset> assets =
        List.of(
            asset(0, null),
            new RelationalAsset("BASE TABLE", new AssetMetadata("x", "d", "s"), List.of()),
            asset(2, null));
    List<Batcher.Item> items = all(metadata(assets, 50, 1_000_000));
    Batcher.Rejection rejection = assertInstanceOf(Batcher.Rejection.class, items.get(0));
    assertEquals(
        "events[1].type: 'BASE TABLE' is not an asset type (TABLE or VIEW)", rejection.reason());
    Batcher.Batch batch = assertInstanceOf(Batcher.Batch.class, items.get(1));
    assertEquals(2, batch.eventCount());
    assertEquals(2, batch.lastEvent());
    assertEquals(2, items.size());
  }

  @Test
  void rejectsAnEventThatCannotBeSerialisedAndYieldsRejectionsOneByOne() {
    Instant ok = Instant.parse("2024-03-01T10:00:00Z");
    Instant tooLate = Instant.parse("+10000-01-01T00:00:00Z");
    List<QueryLogEntry> entries =
        List.of(
            new QueryLogEntry(tooLate, ok, "q0"),
            new QueryLogEntry(ok, ok, null),
            new QueryLogEntry(ok, ok, "q2"));
    Batcher batcher =
        new Batcher(
            Flow.QUERY_LOGS,
            UUID,
            "snowflake",
            null,
            Batcher.Limits.defaults(Flow.QUERY_LOGS),
            entries.iterator());
    Batcher.Rejection first = assertInstanceOf(Batcher.Rejection.class, batcher.next());
    assertEquals(0, first.eventIndex());
    assertTrue(first.reason().startsWith("events[0]: "), first.reason());
    assertTrue(first.reason().contains("outside the years 1 to 9999"), first.reason());
    assertEquals(
        "events[1].query_text: missing",
        assertInstanceOf(Batcher.Rejection.class, batcher.next()).reason());
    Batcher.Batch batch = assertInstanceOf(Batcher.Batch.class, batcher.next());
    assertEquals(2, batch.firstEvent());
    assertEquals("QUERY_LOG", batch.eventType());
    assertFalse(batcher.hasNext());
  }

  @Test
  void decidesTheLineageEventTypePerBatch() {
    LineageAssetRef a = new LineageAssetRef("TABLE", "a", "d", "s", "a");
    LineageAssetRef b = new LineageAssetRef("TABLE", "b", "d", "s", "b");
    LineageEvent table = new LineageEvent(a, List.of(b));
    LineageEvent column =
        new LineageEvent(a, List.of(b), List.of(new ColumnLineageField("x", List.of())));
    List<LineageEvent> events = List.of(table, table, table, column, table);
    Batcher auto =
        new Batcher(
            Flow.LINEAGE,
            UUID,
            "snowflake",
            null,
            new Batcher.Limits(2, 1_000_000),
            events.iterator());
    assertEquals(
        List.of("LINEAGE", "COLUMN_LINEAGE", "LINEAGE"),
        batches(all(auto)).stream().map(Batcher.Batch::eventType).toList());
    Batcher forced =
        new Batcher(
            Flow.LINEAGE,
            UUID,
            "snowflake",
            "LINEAGE",
            new Batcher.Limits(2, 1_000_000),
            events.iterator());
    List<Batcher.Batch> batches = batches(all(forced));
    assertEquals(
        List.of("LINEAGE", "LINEAGE", "LINEAGE"),
        batches.stream().map(Batcher.Batch::eventType).toList());
    assertTrue(
        new String(batches.get(1).request().body()).startsWith("{\"event_type\":\"LINEAGE\""));
  }

  @Test
  void readsLazilyAndHoldsOneBatch() {
    int[] pulled = {0};
    Iterator<RelationalAsset> source =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return pulled[0] < 1_000;
          }

          @Override
          public RelationalAsset next() {
            return asset(pulled[0]++, null);
          }
        };
    Batcher batcher =
        new Batcher(
            Flow.METADATA, UUID, "pg", null, Batcher.Limits.defaults(Flow.METADATA), source);
    assertEquals(0, pulled[0]);
    assertInstanceOf(Batcher.Batch.class, batcher.next());
    assertEquals(50, pulled[0]);
    batcher.next();
    assertEquals(100, pulled[0]);
  }

  @Test
  void fillsRequestsToTheTargetMeasuringEachBodyOnce() throws IOException {
    // Half-compressible assets: 40 KB of target is a few hundred of them.
    Random random = new Random(5);
    List<RelationalAsset> assets =
        IntStream.range(0, 3_000)
            .mapToObj(i -> asset(i, "orders of the day " + randomText(random, 60)))
            .toList();
    Batcher.Limits limits = new Batcher.Limits(100_000, 400_000, 40_000);
    List<Batcher.Batch> batches = batches(all(metadata(assets, limits)));
    assertTrue(batches.size() > 3, "expected several batches, got " + batches.size());
    List<String> sent = new ArrayList<>();
    for (Batcher.Batch batch : batches) {
      // Measured once, at the fastest level: never less than the default level's size.
      int compressed = GzipSize.of(batch.request().body());
      assertTrue(compressed <= batch.compressedBytes(), "batch " + batch.index());
      assertTrue(batch.compressedBytes() < limits.maxCompressedBytes());
      sent.addAll(names(batch));
    }
    assertEquals(assets.stream().map(a -> a.metadata().name()).toList(), sent);
    for (Batcher.Batch batch : batches.subList(0, batches.size() - 1)) {
      int compressed = batch.compressedBytes();
      assertTrue(compressed >= 40_000, "batch " + batch.index() + " is only " + compressed);
      assertTrue(compressed < 40_000 + 65_536, "batch " + batch.index() + " is " + compressed);
    }
    assertEquals(
        new String(IngestionService.metadataRequest(UUID, "postgres", assets.subList(0, (int) batches.get(0).eventCount())).body()),
        new String(batches.get(0).request().body()),
        "the same body as the single request builder");
  }

  @Test
  void fillingStopsAtEightMegabytesOfJsonForEventsThatCompressVeryWell() throws IOException {
    String repetitive = "the same column description, again and again. ".repeat(2_000);
    List<RelationalAsset> assets =
        IntStream.range(0, 200).mapToObj(i -> asset(i, repetitive)).toList();
    List<Batcher.Batch> batches =
        batches(all(metadata(assets, Batcher.Limits.filling(100_000, 1_000_000))));
    assertTrue(batches.size() >= 2, "the 512 KB target alone would take all in one request");
    int eventBytes = Envelope.eventBytes(assets.get(0)).length;
    List<String> sent = new ArrayList<>();
    for (Batcher.Batch batch : batches) {
      assertTrue(
          batch.request().body().length < Batcher.Limits.MAX_FILLED_BODY_BYTES + eventBytes + 200,
          "batch " + batch.index() + " is " + batch.request().body().length + " bytes");
      assertTrue(batch.compressedBytes() < Batcher.Limits.DEFAULT_TARGET_BYTES);
      sent.addAll(names(batch));
    }
    assertEquals(assets.stream().map(a -> a.metadata().name()).toList(), sent);
  }

  @Test
  void fillingStopsAtTheEventCount() {
    List<Batcher.Batch> batches =
        batches(all(metadata(assets(25, 10, 6), new Batcher.Limits(10, 1_000_000, 500_000))));
    assertEquals(List.of(10, 10, 5), batches.stream().map(Batcher.Batch::eventCount).toList());
    for (Batcher.Batch batch : batches) {
      assertTrue(GzipSize.of(batch.request().body()) <= batch.compressedBytes());
    }
  }

  @Test
  void fillingMeasuresTableLevelLineageBatchesAgain() {
    LineageAssetRef a = new LineageAssetRef("TABLE", "a", "d", "s", "a");
    LineageAssetRef b = new LineageAssetRef("TABLE", "b", "d", "s", "b");
    LineageEvent table = new LineageEvent(a, List.of(b));
    LineageEvent column =
        new LineageEvent(a, List.of(b), List.of(new ColumnLineageField("x", List.of())));
    Batcher batcher =
        new Batcher(
            Flow.LINEAGE,
            UUID,
            "snowflake",
            null,
            new Batcher.Limits(2, 1_000_000, 100_000),
            List.of(table, table, column, table).iterator());
    List<Batcher.Batch> batches = batches(all(batcher));
    assertEquals(
        List.of("LINEAGE", "COLUMN_LINEAGE"),
        batches.stream().map(Batcher.Batch::eventType).toList());
    // The running measure started with the COLUMN_LINEAGE envelope: a LINEAGE body is measured
    // again, itself.
    assertEquals(
        GzipSize.of(batches.get(0).request().body()), batches.get(0).compressedBytes());
    assertTrue(
        GzipSize.of(batches.get(1).request().body()) <= batches.get(1).compressedBytes());
  }

  @Test
  void fillingRejectsAnEventTooLargeToSendAloneAndSendsTheRest() throws IOException {
    Random random = new Random(7);
    List<RelationalAsset> assets =
        List.of(asset(0, "small"), asset(1, randomText(random, 200_000)), asset(2, "small"));
    Batcher.Limits limits = new Batcher.Limits(50, 160_000, 20_000);
    List<Batcher.Item> items = all(metadata(assets, limits));
    assertEquals(3, items.size(), items.toString());
    Batcher.Rejection rejection = assertInstanceOf(Batcher.Rejection.class, items.get(1));
    assertEquals(1, rejection.eventIndex());
    assertTrue(rejection.reason().contains("too large to send"), rejection.reason());
    List<Batcher.Batch> batches = batches(items);
    assertEquals(List.of("t0"), names(batches.get(0)));
    assertEquals(List.of("t2"), names(batches.get(1)));
  }

  @Test
  void pushProgramsFillToTheDefaultTargetUnlessTheCapIsTooLowForIt() {
    Batcher.Limits defaults = Batcher.Limits.filling(2_000, Contract.MAX_COMPRESSED_BODY_BYTES);
    assertEquals(Batcher.Limits.DEFAULT_TARGET_BYTES, defaults.targetCompressedBytes());
    assertTrue(defaults.onePass());
    Batcher.Limits low = Batcher.Limits.filling(2_000, 300_000);
    assertEquals(300_000, low.targetCompressedBytes(), "packed under the cap itself");
    assertFalse(low.onePass());
    assertEquals(low, low.withMaxEvents(2_000));
    assertThrows(IllegalArgumentException.class, () -> new Batcher.Limits(5, 1_000, 1_001));
  }

  @Test
  void endsCleanly() {
    Batcher empty = metadata(List.of(), 5, 1_000);
    assertFalse(empty.hasNext());
    assertThrows(NoSuchElementException.class, empty::next);
  }

  @Test
  void hasDocumentedDefaultsAndRefusesBadSettings() {
    assertEquals(new Batcher.Limits(50, 1_000_000), Batcher.Limits.defaults(Flow.METADATA));
    assertEquals(100, Batcher.Limits.defaults(Flow.LINEAGE).maxEvents());
    assertEquals(250, Batcher.Limits.defaults(Flow.QUERY_LOGS).maxEvents());
    assertEquals(10, Batcher.Limits.defaults(Flow.QUERY_LOGS).withMaxEvents(10).maxEvents());
    assertThrows(IllegalArgumentException.class, () -> new Batcher.Limits(0, 10));
    assertThrows(
        InvalidEventException.class,
        () ->
            new Batcher(
                Flow.QUERY_LOGS,
                UUID,
                "hive",
                null,
                Batcher.Limits.defaults(Flow.QUERY_LOGS),
                List.of().iterator()));
  }
}
