package io.pushgen.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import io.pushgen.runtime.wire.IngestionService.Envelope;
import io.pushgen.runtime.wire.IngestionService.IngestRequest;
import io.pushgen.runtime.wire.PushException;
import io.pushgen.runtime.wire.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestionServiceTest {
  private static final String UUID = "3f1a2b4c-0000-4000-8000-00000000abcd";
  private static final RelationalAsset TABLE =
      new RelationalAsset("TABLE", new AssetMetadata("t", "d", "s"), List.of());
  private static final LineageAssetRef A = new LineageAssetRef("TABLE", "a", "d", "s", "a");
  private static final LineageAssetRef B = new LineageAssetRef("TABLE", "b", "d", "s", "b");

  private static JsonNode body(IngestRequest request) throws IOException {
    return WireJson.mapper().readTree(request.body());
  }

  @Test
  void sendsEachFlowToItsEndpointAndReturnsTheTransportResult() throws PushException {
    List<IngestRequest> sent = new ArrayList<>();
    Transport.SendResult result = new Transport.SendResult("inv-1", 1, 202);
    IngestionService service =
        new IngestionService(
            request -> {
              sent.add(request);
              return result;
            });
    Instant t = Instant.parse("2024-03-01T10:00:00Z");
    assertSame(result, service.sendMetadata(UUID, "postgres", List.of(TABLE)));
    service.sendLineage(UUID, "postgres", List.of(new LineageEvent(A, List.of(B))));
    service.sendQueryLogs(UUID, "snowflake", List.of(new QueryLogEntry(t, t, "q")));
    assertEquals(
        List.of("/ingest/v1/metadata", "/ingest/v1/lineage", "/ingest/v1/querylogs"),
        sent.stream().map(IngestRequest::path).toList());
  }

  @Test
  void refusesInvalidEventsWithoutSending() {
    List<IngestRequest> sent = new ArrayList<>();
    IngestionService service =
        new IngestionService(
            request -> {
              sent.add(request);
              return new Transport.SendResult("x", 1, 202);
            });
    assertThrows(
        InvalidEventException.class, () -> service.sendMetadata(UUID, "postgres", List.of()));
    assertThrows(
        InvalidEventException.class,
        () ->
            service.sendQueryLogs(
                UUID, "hive", List.of(new QueryLogEntry(Instant.EPOCH, Instant.EPOCH, "q"))));
    assertTrue(sent.isEmpty());
  }

  @Test
  void wrapsMetadataEventsAndKeysQueryLogsByLogType() throws IOException {
    JsonNode metadata = body(IngestionService.metadataRequest(UUID, "postgres", List.of(TABLE)));
    assertEquals("METADATA", metadata.get("event_type").asText());
    assertEquals("postgres", metadata.at("/resource/resource_type").asText());
    assertEquals("t", metadata.at("/events/0/relational_asset/metadata/name").asText());

    Instant t = Instant.parse("2024-03-01T10:00:00Z");
    IngestRequest logs =
        IngestionService.queryLogsRequest(UUID, "snowflake", List.of(new QueryLogEntry(t, t, "q")));
    JsonNode node = body(logs);
    assertEquals("QUERY_LOG", node.get("event_type").asText());
    assertEquals("snowflake", node.at("/resource/log_type").asText());
    assertTrue(node.at("/resource/resource_type").isMissingNode());
    assertEquals("q", node.at("/events/0/query_text").asText());
    assertEquals(1, logs.eventCount());
    assertEquals(Flow.QUERY_LOGS, logs.flow());
  }

  @Test
  void choosesTheLineageEventTypeUnlessForced() throws IOException {
    LineageEvent table = new LineageEvent(A, List.of(B));
    LineageEvent column =
        new LineageEvent(A, List.of(B), List.of(new ColumnLineageField("x", List.of())));
    assertEquals("LINEAGE", IngestionService.lineageEventType(List.of(table)));
    assertEquals("COLUMN_LINEAGE", IngestionService.lineageEventType(List.of(table, column)));
    assertEquals(
        "LINEAGE",
        body(IngestionService.lineageRequest(UUID, "pg", List.of(table), null))
            .get("event_type")
            .asText());
    assertEquals(
        "COLUMN_LINEAGE",
        body(IngestionService.lineageRequest(UUID, "pg", List.of(table), "COLUMN_LINEAGE"))
            .get("event_type")
            .asText());
    assertEquals(
        "event_type: 'METADATA' is not valid for lineage (expected LINEAGE or COLUMN_LINEAGE)",
        assertThrows(
                InvalidEventException.class,
                () -> IngestionService.lineageRequest(UUID, "pg", List.of(table), "METADATA"))
            .getMessage());
  }

  @Test
  void extractsTheInvocationId() {
    assertEquals(
        "5c1b7a9e-1111-4222-8333-444455556666",
        IngestionService.extractInvocationId(
            "{\"invocation_id\": \"5c1b7a9e-1111-4222-8333-444455556666\"}"));
    assertNull(IngestionService.extractInvocationId("{\"invocation_id\": 5}"));
    assertNull(IngestionService.extractInvocationId("{}"));
    assertNull(IngestionService.extractInvocationId("<html>bad gateway</html>"));
    assertNull(IngestionService.extractInvocationId(""));
    assertNull(IngestionService.extractInvocationId(null));
  }

  @Test
  void envelopeBuildsTheSameBodyFromSerialisedEvents() {
    byte[] event = Envelope.eventBytes(TABLE);
    assertEquals(
        "{\"relational_asset\":{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\","
            + "\"schema\":\"s\"}}}",
        new String(event, StandardCharsets.UTF_8));
    byte[] body = Envelope.build(Flow.METADATA, UUID, "pg", null, List.of(event, event));
    assertArrayEquals(
        IngestionService.metadataRequest(UUID, "pg", List.of(TABLE, TABLE)).body(), body);
    assertEquals(
        "{\"event_type\":\"METADATA\",\"resource\":{\"uuid\":\""
            + UUID
            + "\",\"resource_type\":"
            + "\"pg\"},\"events\":["
            + new String(event, StandardCharsets.UTF_8)
            + ","
            + new String(event, StandardCharsets.UTF_8)
            + "]}",
        new String(body, StandardCharsets.UTF_8));
    assertThrows(
        InvalidEventException.class,
        () -> Envelope.build(Flow.LINEAGE, UUID, "pg", null, List.of(event)));
    assertThrows(
        InvalidEventException.class,
        () -> Envelope.build(Flow.METADATA, UUID, "pg", null, List.of()));
  }

  @Test
  void oneSerialiserWritesEveryEventAsOnItsOwn() {
    Instant t = Instant.parse("2024-03-01T10:00:05.120Z");
    List<Object> events =
        List.of(
            TABLE,
            new LineageEvent(A, List.of(B)),
            new QueryLogEntry(t, t, "select 1"),
            new RelationalAsset("VIEW", new AssetMetadata("v", "d", "s"), List.of()),
            TABLE);
    Envelope.Serialiser serialiser = new Envelope.Serialiser();
    for (Object event : events) {
      // The same bytes as a fresh serialisation: no separator or leftover of the previous event.
      assertEquals(
          new String(Envelope.eventBytes(event), StandardCharsets.UTF_8),
          new String(serialiser.bytes(event), StandardCharsets.UTF_8));
    }
    assertEquals(
        "{\"relational_asset\":{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\","
            + "\"schema\":\"s\"}}}",
        new String(serialiser.bytes(TABLE), StandardCharsets.UTF_8));
  }

  @Test
  void envelopeEscapesResourceValues() throws IOException {
    byte[] body =
        Envelope.build(
            Flow.METADATA, "u\"1", "a\\b", "METADATA", List.of(Envelope.eventBytes(TABLE)));
    JsonNode node = WireJson.mapper().readTree(body);
    assertEquals("u\"1", node.at("/resource/uuid").asText());
    assertEquals("a\\b", node.at("/resource/resource_type").asText());
  }
}
