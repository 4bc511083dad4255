// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.bigqueryiceberg.runtime.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.bigqueryiceberg.runtime.model.Flow;
import io.pushgen.bigqueryiceberg.runtime.model.LineageEvent;
import io.pushgen.bigqueryiceberg.runtime.model.QueryLogEntry;
import io.pushgen.bigqueryiceberg.runtime.model.RelationalAsset;
import io.pushgen.bigqueryiceberg.runtime.wire.EventValidator.InvalidEventException;
import io.pushgen.bigqueryiceberg.runtime.wire.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java counterpart of the SDK's ingestion service: each {@code send...} call validates its
 * events, builds one request holding all of them and sends it. It does not split large lists; use
 * {@link Batcher} for that. The {@code ...Request} builders are pure and used by both.
 */
public final class IngestionService {
  private final Transport transport;

  public IngestionService(Transport transport) {
    this.transport = transport;
  }

  /** Sends table metadata ({@code POST /ingest/v1/metadata}). */
  public Transport.SendResult sendMetadata(
      String resourceUuid, String resourceType, List<RelationalAsset> assets) throws PushException {
    return transport.send(metadataRequest(resourceUuid, resourceType, assets));
  }

  /** Sends lineage, choosing {@code COLUMN_LINEAGE} or {@code LINEAGE} from the events. */
  public Transport.SendResult sendLineage(
      String resourceUuid, String resourceType, List<LineageEvent> events) throws PushException {
    return sendLineage(resourceUuid, resourceType, events, null);
  }

  /**
   * Sends lineage ({@code POST /ingest/v1/lineage}).
   *
   * @param eventType {@code LINEAGE}, {@code COLUMN_LINEAGE}, or null to decide from the events
   */
  public Transport.SendResult sendLineage(
      String resourceUuid, String resourceType, List<LineageEvent> events, String eventType)
      throws PushException {
    return transport.send(lineageRequest(resourceUuid, resourceType, events, eventType));
  }

  /** Sends query logs ({@code POST /ingest/v1/querylogs}). */
  public Transport.SendResult sendQueryLogs(
      String resourceUuid, String logType, List<QueryLogEntry> entries) throws PushException {
    return transport.send(queryLogsRequest(resourceUuid, logType, entries));
  }

  /**
   * Builds a metadata request.
   *
   * @throws InvalidEventException when an event or parameter would be refused
   */
  public static IngestRequest metadataRequest(
      String resourceUuid, String resourceType, List<RelationalAsset> assets) {
    return request(Flow.METADATA, resourceUuid, resourceType, null, assets);
  }

  /**
   * Builds a lineage request.
   *
   * @param eventType {@code LINEAGE}, {@code COLUMN_LINEAGE}, or null for {@link #lineageEventType}
   * @throws InvalidEventException when an event or parameter would be refused
   */
  public static IngestRequest lineageRequest(
      String resourceUuid, String resourceType, List<LineageEvent> events, String eventType) {
    String type = eventType;
    if (type == null && events != null) {
      type = lineageEventType(events);
    }
    return request(Flow.LINEAGE, resourceUuid, resourceType, type, events);
  }

  /**
   * Builds a query-log request.
   *
   * @throws InvalidEventException when an event or parameter would be refused, including a {@code
   *     log_type} outside {@link Contract#LOG_TYPES}
   */
  public static IngestRequest queryLogsRequest(
      String resourceUuid, String logType, List<QueryLogEntry> entries) {
    return request(Flow.QUERY_LOGS, resourceUuid, logType, null, entries);
  }

  /**
   * The SDK's choice of lineage event type: {@code COLUMN_LINEAGE} when any event carries column
   * lineage, else {@code LINEAGE}.
   */
  public static String lineageEventType(List<LineageEvent> events) {
    for (LineageEvent event : events) {
      if (event != null && event.hasColumnLineage()) {
        return Contract.COLUMN_LINEAGE;
      }
    }
    return Contract.LINEAGE;
  }

  /**
   * Reads the {@code invocation_id} of a successful response.
   *
   * @return the id, or null when the body is not a JSON object with a textual {@code invocation_id}
   */
  public static String extractInvocationId(String responseBody) {
    if (responseBody == null || responseBody.isBlank()) {
      return null;
    }
    try {
      JsonNode id = WireJson.mapper().readTree(responseBody).path("invocation_id");
      return id.isTextual() ? id.textValue() : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static IngestRequest request(
      Flow flow, String resourceUuid, String resourceValue, String eventType, List<?> events) {
    EventValidator.validate(flow, resourceUuid, resourceValue, events);
    String type = Envelope.eventType(flow, eventType);
    List<byte[]> serialised = new ArrayList<>(events.size());
    for (Object event : events) {
      serialised.add(Envelope.eventBytes(event));
    }
    byte[] body = Envelope.build(flow, resourceUuid, resourceValue, type, serialised);
    return new IngestRequest(flow, body, events.size());
  }
}
