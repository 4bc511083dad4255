package io.pushgen.runtime.model;

import com.fasterxml.jackson.annotation.JsonProperty;

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
