// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.wire;

import io.pushgen.teradata.runtime.model.Flow;
import io.pushgen.teradata.runtime.model.LineageEvent.ColumnLineageField;
import io.pushgen.teradata.runtime.model.LineageEvent.ColumnLineageSourceField;
import io.pushgen.teradata.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.teradata.runtime.model.LineageEvent;
import io.pushgen.teradata.runtime.model.QueryLogEntry;
import io.pushgen.teradata.runtime.model.RelationalAsset.AssetField;
import io.pushgen.teradata.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.teradata.runtime.model.RelationalAsset.Tag;
import io.pushgen.teradata.runtime.model.RelationalAsset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks events and request parameters for values Monte Carlo refuses (or silently mishandles) so
 * that they are reported before sending, with the JSON path of the value.
 */
public final class EventValidator {
  private EventValidator() {}

  /**
   * One problem of an event.
   *
   * @param path the JSON path inside the event, e.g. {@code metadata.name} or {@code
   *     fields[2].source_fields[0].asset_id}
   * @param message what is wrong
   * @param missing true when a required value is absent (a shape problem), false when a value is
   *     present but not acceptable
   */
  public record Problem(String path, String message, boolean missing) {

    /**
     * This problem as an exception, its path prefixed with {@code prefix}, e.g. {@code events[3]}.
     */
    public InvalidEventException toException(String prefix) {
      return new InvalidEventException(prefix + "." + path, message);
    }
  }

  /**
   * Validates a whole request: the resource and every event.
   *
   * @throws InvalidEventException for the first problem found
   */
  public static void validate(
      Flow flow, String resourceUuid, String resourceValue, List<?> events) {
    validateResource(flow, resourceUuid, resourceValue);
    if (events == null || events.isEmpty()) {
      throw new InvalidEventException("events", "no events; a request must carry at least one");
    }
    for (int i = 0; i < events.size(); i++) {
      List<Problem> problems = problems(flow, events.get(i));
      if (!problems.isEmpty()) {
        throw problems.get(0).toException("events[" + i + "]");
      }
    }
  }

  /**
   * Validates the resource part of a request: a uuid, and a resource type or (query logs) one of
   * {@link Contract#LOG_TYPES}.
   *
   * @throws InvalidEventException when one is missing or the log type is unknown
   */
  public static void validateResource(Flow flow, String resourceUuid, String resourceValue) {
    if (isBlank(resourceUuid)) {
      throw new InvalidEventException("resource.uuid", "missing");
    }
    String key = "resource." + flow.resourceKey();
    if (isBlank(resourceValue)) {
      throw new InvalidEventException(key, "missing");
    }
    if (flow == Flow.QUERY_LOGS && !Contract.LOG_TYPES.contains(resourceValue)) {
      throw new InvalidEventException(
          key,
          "'"
              + resourceValue
              + "' is not a log_type Monte Carlo accepts ("
              + String.join(", ", Contract.LOG_TYPES)
              + ")");
    }
  }

  /**
   * Lists the problems of one event of the given flow, in field order.
   *
   * @throws IllegalArgumentException when the event is not the flow's model record
   */
  public static List<Problem> problems(Flow flow, Object event) {
    if (!flow.eventClass().isInstance(event)) {
      throw new IllegalArgumentException(
          "a "
              + flow.id()
              + " event must be a "
              + flow.eventClass().getSimpleName()
              + ", not "
              + (event == null ? "null" : event.getClass().getSimpleName()));
    }
    List<Problem> problems = new ArrayList<>();
    switch (flow) {
      case METADATA -> checkAsset((RelationalAsset) event, problems);
      case LINEAGE -> checkLineage((LineageEvent) event, problems);
      case QUERY_LOGS -> checkQueryLog((QueryLogEntry) event, problems);
    }
    return problems;
  }

  private static void checkAsset(RelationalAsset asset, List<Problem> problems) {
    if (asset.type() == null) {
      problems.add(new Problem("type", "missing (TABLE or VIEW)", true));
    } else if (!Contract.ASSET_TYPES.contains(asset.type())) {
      problems.add(
          new Problem(
              "type", "'" + asset.type() + "' is not an asset type (TABLE or VIEW)", false));
    }
    AssetMetadata metadata = asset.metadata();
    if (metadata == null) {
      problems.add(new Problem("metadata", "missing", true));
    } else {
      requireName(() -> "metadata.name", metadata.name(), problems);
      require(() -> "metadata.database", metadata.database(), problems);
      require(() -> "metadata.schema", metadata.schema(), problems);
    }
    for (int i = 0; i < asset.tags().size(); i++) {
      int index = i;
      Tag tag = asset.tags().get(i);
      requireName(() -> "tags[" + index + "].key", tag.key(), problems);
    }
    for (int i = 0; i < asset.fields().size(); i++) {
      int index = i;
      AssetField field = asset.fields().get(i);
      requireName(() -> "fields[" + index + "].name", field.name(), problems);
      require(() -> "fields[" + index + "].type", field.type(), problems);
    }
  }

  private static void checkLineage(LineageEvent event, List<Problem> problems) {
    Set<String> assetIds = new HashSet<>();
    if (event.destination() == null) {
      problems.add(new Problem("destination", "missing", true));
    } else {
      checkRef(() -> "destination", event.destination(), assetIds, problems);
    }
    for (int i = 0; i < event.sources().size(); i++) {
      int index = i;
      checkRef(() -> "sources[" + index + "]", event.sources().get(i), assetIds, problems);
    }
    for (int i = 0; i < event.fields().size(); i++) {
      ColumnLineageField field = event.fields().get(i);
      int index = i;
      requireName(() -> "fields[" + index + "].name", field.name(), problems);
      for (int j = 0; j < field.sourceFields().size(); j++) {
        ColumnLineageSourceField source = field.sourceFields().get(j);
        int sourceIndex = j;
        Supplier<String> sourcePath =
            () -> "fields[" + index + "].source_fields[" + sourceIndex + "]";
        if (source.assetId() == null) {
          problems.add(new Problem(sourcePath.get() + ".asset_id", "missing", true));
        } else if (!assetIds.contains(source.assetId())) {
          problems.add(
              new Problem(
                  sourcePath.get() + ".asset_id",
                  "'"
                      + source.assetId()
                      + "' is not the asset_id of the destination or of a source of this event",
                  false));
        }
        requireName(() -> sourcePath.get() + ".field_name", source.fieldName(), problems);
      }
    }
  }

  private static void checkRef(
      Supplier<String> path, LineageAssetRef ref, Set<String> assetIds, List<Problem> problems) {
    require(() -> path.get() + ".type", ref.type(), problems);
    requireName(() -> path.get() + ".name", ref.name(), problems);
    require(() -> path.get() + ".database", ref.database(), problems);
    require(() -> path.get() + ".schema", ref.schema(), problems);
    if (ref.assetId() != null) {
      assetIds.add(ref.assetId());
    }
  }

  private static void checkQueryLog(QueryLogEntry entry, List<Problem> problems) {
    if (entry.startTime() == null) {
      problems.add(new Problem("start_time", "missing", true));
    }
    if (entry.endTime() == null) {
      problems.add(new Problem("end_time", "missing", true));
    }
    if (entry.queryText() == null) {
      problems.add(new Problem("query_text", "missing", true));
    }
  }

  /**
   * A required value: null is missing; an empty string is accepted. The path is only built for a
   * problem, since every event of a push passes through here.
   */
  private static void require(Supplier<String> path, String value, List<Problem> problems) {
    if (value == null) {
      problems.add(new Problem(path.get(), "missing", true));
    }
  }

  /** A required name: null is missing and a blank name is refused. */
  private static void requireName(Supplier<String> path, String value, List<Problem> problems) {
    if (value == null) {
      problems.add(new Problem(path.get(), "missing", true));
    } else if (value.isBlank()) {
      problems.add(new Problem(path.get(), "blank name '" + value + "'", false));
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /**
   * An event or a request parameter that Monte Carlo would refuse, caught before sending. The message
   * starts with the JSON path of the offending value, e.g. {@code events[3].type: 'BASE TABLE' is not
   * an asset type (TABLE or VIEW)}.
   */
  public static class InvalidEventException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path where the problem is, e.g. {@code events[3].metadata.name} or {@code
     *     resource.log_type}
     * @param problem what is wrong with the value there
     */
    public InvalidEventException(String path, String problem) {
      super(path + ": " + problem);
      this.path = path;
    }

    /** Where the problem is, e.g. {@code events[3].metadata.name}. */
    public String path() {
      return path;
    }
  }
}
