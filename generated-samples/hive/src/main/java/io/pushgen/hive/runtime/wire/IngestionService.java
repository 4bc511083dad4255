// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hive.runtime.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.hive.runtime.model.Flow;
import io.pushgen.hive.runtime.model.LineageEvent;
import io.pushgen.hive.runtime.model.QueryLogEntry;
import io.pushgen.hive.runtime.model.RelationalAsset;
import io.pushgen.hive.runtime.wire.EventValidator.InvalidEventException;
import io.pushgen.hive.runtime.wire.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * Assembles request bodies from events that are already serialised, so that a batcher can measure
   * each event once and never serialise it again:
   *
   * <pre>{"event_type":T,"resource":{"uuid":U,"resource_type"|"log_type":V},"events":[e1,e2,...]}
   * </pre>
   */
  public static final class Envelope {
    private Envelope() {}

    private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WRAPPER_START =
        "{\"relational_asset\":".getBytes(StandardCharsets.UTF_8);

    /**
     * Serialises one event as it appears in a request's {@code events} array: a {@link
     * RelationalAsset} wrapped as {@code {"relational_asset": ...}}, any other event as is.
     */
    public static byte[] eventBytes(Object event) {
      return new Serialiser().bytes(event);
    }

    /**
     * What {@link #eventBytes} gives for {@code event}, from {@code length} bytes of {@code json}
     * at {@code offset} that are already the event's JSON exactly as the serialiser writes it (a
     * manifest's bytes, checked by its reader): they are copied, not serialised again.
     */
    public static byte[] eventBytes(Object event, byte[] json, int offset, int length) {
      if (!(event instanceof RelationalAsset)) {
        return Arrays.copyOfRange(json, offset, offset + length);
      }
      byte[] bytes = new byte[WRAPPER_START.length + length + 1];
      System.arraycopy(WRAPPER_START, 0, bytes, 0, WRAPPER_START.length);
      System.arraycopy(json, offset, bytes, WRAPPER_START.length, length);
      bytes[bytes.length - 1] = '}';
      return bytes;
    }

    /**
     * Serialises events one after the other as {@link #eventBytes} does, through one generator and
     * one growing buffer instead of a new pair per event: what a batcher serialises a manifest's
     * worth of events with. Not thread-safe.
     */
    static final class Serialiser {
      /** Reset for every event; keeps its capacity. */
      private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
      private JsonGenerator generator;

      /** The bytes {@link #eventBytes} gives for {@code event}. */
      byte[] bytes(Object event) {
        buffer.reset();
        boolean wrapped = event instanceof RelationalAsset;
        if (wrapped) {
          buffer.writeBytes(WRAPPER_START);
        }
        try {
          if (generator == null) {
            generator = WireJson.mapper().createGenerator(buffer);
            generator.setRootValueSeparator(null);
          }
          WireJson.mapper().writeValue(generator, event);
          generator.flush();
        } catch (IOException e) {
          // A failed write leaves the generator in the middle of a value: start a new one.
          generator = null;
          throw new UncheckedIOException(
              "cannot serialise " + event.getClass().getSimpleName(), e);
        }
        if (wrapped) {
          buffer.write('}');
        }
        return buffer.toByteArray();
      }
    }

    /**
     * Builds a request body.
     *
     * @param flow the flow, which decides the resource key
     * @param resourceUuid the resource uuid
     * @param resourceValue the resource type, or the log type for query logs
     * @param eventType the event type; null means the flow's only type ({@code METADATA}, {@code
     *     QUERY_LOG}) and is refused for lineage, whose type depends on the events
     * @param events events as returned by {@link #eventBytes}, at least one
     * @return the UTF-8 JSON body
     */
    public static byte[] build(
        Flow flow, String resourceUuid, String resourceValue, String eventType, List<byte[]> events) {
      if (events.isEmpty()) {
        throw new InvalidEventException("events", "no events; a request must carry at least one");
      }
      byte[] prefix = prefix(flow, resourceUuid, resourceValue, eventType);
      int size = prefix.length + SUFFIX.length + events.size() - 1;
      for (byte[] event : events) {
        size += event.length;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream(size);
      body.writeBytes(prefix);
      for (int i = 0; i < events.size(); i++) {
        if (i > 0) {
          body.write(',');
        }
        body.writeBytes(events.get(i));
      }
      body.writeBytes(SUFFIX);
      return body.toByteArray();
    }

    /**
     * The event type a flow's requests carry, given the caller's choice.
     *
     * @param requested the requested type, or null for the flow's default
     * @throws IllegalArgumentException when the type does not belong to the flow, or is null for
     *     lineage
     */
    public static String eventType(Flow flow, String requested) {
      List<String> allowed =
          switch (flow) {
            case METADATA -> List.of(Contract.METADATA);
            case LINEAGE -> List.of(Contract.LINEAGE, Contract.COLUMN_LINEAGE);
            case QUERY_LOGS -> List.of(Contract.QUERY_LOG);
          };
      if (requested == null && allowed.size() == 1) {
        return allowed.get(0);
      }
      if (requested == null || !allowed.contains(requested)) {
        throw new InvalidEventException(
            "event_type",
            (requested == null ? "missing" : "'" + requested + "' is not valid")
                + " for "
                + flow.id()
                + " (expected "
                + String.join(" or ", allowed)
                + ")");
      }
      return requested;
    }

    /** Everything before the first event. */
    static byte[] prefix(Flow flow, String resourceUuid, String resourceValue, String eventType) {
      return ("{\"event_type\":"
              + quote(eventType(flow, eventType))
              + ",\"resource\":{\"uuid\":"
              + quote(resourceUuid)
              + ",\""
              + flow.resourceKey()
              + "\":"
              + quote(resourceValue)
              + "},\"events\":[")
          .getBytes(StandardCharsets.UTF_8);
    }

    /** Everything after the last event; do not modify. */
    static byte[] suffix() {
      return SUFFIX;
    }

    /** Length of everything after the last event. */
    static int suffixLength() {
      return SUFFIX.length;
    }

    private static String quote(String value) {
      return new String(WireJson.toBytes(value), StandardCharsets.UTF_8);
    }
  }

  /**
   * One request to the integration gateway: the flow (which gives the path) and the exact JSON
   * body, already serialised.
   *
   * @param flow the flow, which decides the path
   * @param body the UTF-8 JSON body
   * @param eventCount how many events the body carries
   */
  public record IngestRequest(Flow flow, byte[] body, int eventCount) {
    public String path() {
      return flow.path();
    }
  }
}
