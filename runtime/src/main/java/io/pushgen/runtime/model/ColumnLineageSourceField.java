package io.pushgen.runtime.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A source column of a column-lineage field.
 *
 * @param assetId the {@link LineageAssetRef#assetId()} of the destination or a source in the same
 *     event
 * @param fieldName the column name in that asset
 */
public record ColumnLineageSourceField(
    @JsonProperty("asset_id") String assetId, @JsonProperty("field_name") String fieldName) {}
