package io.pushgen.runtime.model;

import com.fasterxml.jackson.annotation.JsonProperty;

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
