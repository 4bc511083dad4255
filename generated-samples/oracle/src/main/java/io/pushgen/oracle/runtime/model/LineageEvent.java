// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.oracle.runtime.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
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

  /**
   * A table (or other asset) taking part in a lineage event.
   *
   * @param type {@code TABLE}, {@code VIEW}, {@code EXTERNAL}, {@code WILDCARD}, ...
   * @param name the asset name (required)
   * @param database the database (required)
   * @param schema the schema (required)
   * @param assetId an id local to the event that column lineage refers to, or null
   */
  public record LineageAssetRef(
      String type,
      String name,
      String database,
      String schema,
      @JsonProperty("asset_id") String assetId) {

    /** A reference without an asset id (table-level lineage). */
    public LineageAssetRef(String type, String name, String database, String schema) {
      this(type, name, database, schema, null);
    }
  }

  /**
   * A destination column and the columns it is derived from.
   *
   * <p>{@code sourceFields} is never null and is always written, even when empty.
   *
   * @param name the destination column
   * @param sourceFields the source columns, possibly empty
   */
  public record ColumnLineageField(
      String name, @JsonProperty("source_fields") List<ColumnLineageSourceField> sourceFields) {

    /** Copies the list; its elements must not be null. */
    public ColumnLineageField {
      sourceFields = sourceFields == null ? List.of() : List.copyOf(sourceFields);
    }
  }

  /**
   * A source column of a column-lineage field.
   *
   * @param assetId the {@link LineageAssetRef#assetId()} of the destination or a source in the same
   *     event
   * @param fieldName the column name in that asset
   */
  public record ColumnLineageSourceField(
      @JsonProperty("asset_id") String assetId, @JsonProperty("field_name") String fieldName) {}
}
