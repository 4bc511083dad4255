package io.pushgen.runtime.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One lineage edge set: a destination and its sources, optionally with column lineage.
 *
 * <p>{@code sources} and {@code fields} are never null. {@code sources} is always written (even
 * {@code []}); {@code fields} is left out when empty.
 *
 * @param destination the asset written to
 * @param sources the assets read from, possibly empty
 * @param fields column lineage, empty for table-level lineage
 */
public record LineageEvent(
    LineageAssetRef destination,
    List<LineageAssetRef> sources,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ColumnLineageField> fields) {

  /** Copies the lists; their elements must not be null. */
  public LineageEvent {
    sources = sources == null ? List.of() : List.copyOf(sources);
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /** A table-level lineage event. */
  public LineageEvent(LineageAssetRef destination, List<LineageAssetRef> sources) {
    this(destination, sources, List.of());
  }

  /** True when this event carries column lineage. */
  public boolean hasColumnLineage() {
    return !fields.isEmpty();
  }
}
