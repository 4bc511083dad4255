package io.pushgen.runtime.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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
}
