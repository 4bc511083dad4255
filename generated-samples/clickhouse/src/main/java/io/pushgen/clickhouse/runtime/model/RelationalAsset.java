// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One table or view: a metadata event. On the wire each is wrapped as {@code {"relational_asset":
 * ...}}; in a manifest it is written as is.
 *
 * <p>{@code tags} and {@code fields} are never null (null becomes an empty list) and are left out
 * of the JSON when empty.
 *
 * @param type {@code TABLE} or {@code VIEW}; nothing else is accepted by Monte Carlo
 * @param metadata name, database, schema and description
 * @param tags tags, possibly empty
 * @param fields columns in their ordinal order, possibly empty
 * @param volume row and byte counts, or null
 * @param freshness last update time, or null
 */
public record RelationalAsset(
    String type,
    AssetMetadata metadata,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Tag> tags,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AssetField> fields,
    AssetVolume volume,
    AssetFreshness freshness) {

  /** Copies the lists; their elements must not be null. */
  public RelationalAsset {
    tags = tags == null ? List.of() : List.copyOf(tags);
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /** An asset without tags, volume or freshness. */
  public RelationalAsset(String type, AssetMetadata metadata, List<AssetField> fields) {
    this(type, metadata, List.of(), fields, null, null);
  }

  /** An asset without tags. */
  public RelationalAsset(
      String type,
      AssetMetadata metadata,
      List<AssetField> fields,
      AssetVolume volume,
      AssetFreshness freshness) {
    this(type, metadata, List.of(), fields, volume, freshness);
  }

  /**
   * Identity and description of an asset.
   *
   * @param name the table or view name (required)
   * @param database the database (required)
   * @param schema the schema (required)
   * @param description the table comment, or null
   * @param viewQuery the view definition, or null
   * @param createdOn the creation time as an ISO-8601 string passed through as given, or null
   */
  public record AssetMetadata(
      String name,
      String database,
      String schema,
      String description,
      @JsonProperty("view_query") String viewQuery,
      @JsonProperty("created_on") String createdOn) {

    /** An asset known only by its name. */
    public AssetMetadata(String name, String database, String schema) {
      this(name, database, schema, null, null, null);
    }
  }

  /**
   * A column of an asset.
   *
   * @param name the column name (required, not blank)
   * @param type the column type as pushed, e.g. {@code VARCHAR} (required)
   * @param description the column comment, or null
   */
  public record AssetField(String name, String type, String description) {

    /** A column without a description. */
    public AssetField(String name, String type) {
      this(name, type, null);
    }
  }

  /**
   * Size of an asset. A volume whose counts are both null is still written, as {@code {}}.
   *
   * @param rowCount the number of rows, or null when unknown
   * @param byteCount the size in bytes, or null when unknown
   */
  public record AssetVolume(
      @JsonProperty("row_count") Long rowCount, @JsonProperty("byte_count") Long byteCount) {}

  /**
   * When an asset last changed. Monte Carlo only advances freshness when this value changes between
   * pushes.
   *
   * @param lastUpdateTime an ISO-8601 timestamp, passed through exactly as given; or null
   */
  public record AssetFreshness(@JsonProperty("last_update_time") String lastUpdateTime) {}

  /**
   * A key/value tag on an asset.
   *
   * @param key the tag key (required)
   * @param value the tag value, or null for a key-only tag
   */
  public record Tag(String key, String value) {

    /** A key-only tag. */
    public Tag(String key) {
      this(key, null);
    }
  }
}
