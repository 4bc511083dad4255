package io.pushgen.runtime.wire;

import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.RelationalAsset;
import io.pushgen.runtime.wire.EventValidator.InvalidEventException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Assembles request bodies from events that are already serialised, so that a batcher can measure
 * each event once and never serialise it again:
 *
 * <pre>{"event_type":T,"resource":{"uuid":U,"resource_type"|"log_type":V},"events":[e1,e2,...]}
 * </pre>
 */
public final class Envelope {
  private Envelope() {}

  private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] WRAPPER_START =
      "{\"relational_asset\":".getBytes(StandardCharsets.UTF_8);

  /**
   * Serialises one event as it appears in a request's {@code events} array: a {@link
   * RelationalAsset} wrapped as {@code {"relational_asset": ...}}, any other event as is.
   */
  public static byte[] eventBytes(Object event) {
    byte[] json = WireJson.toBytes(event);
    if (!(event instanceof RelationalAsset)) {
      return json;
    }
    byte[] wrapped = new byte[WRAPPER_START.length + json.length + 1];
    System.arraycopy(WRAPPER_START, 0, wrapped, 0, WRAPPER_START.length);
    System.arraycopy(json, 0, wrapped, WRAPPER_START.length, json.length);
    wrapped[wrapped.length - 1] = '}';
    return wrapped;
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
