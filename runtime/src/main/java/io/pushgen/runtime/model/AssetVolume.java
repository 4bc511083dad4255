package io.pushgen.runtime.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Size of an asset. A volume whose counts are both null is still written, as {@code {}}.
 *
 * @param rowCount the number of rows, or null when unknown
 * @param byteCount the size in bytes, or null when unknown
 */
public record AssetVolume(
    @JsonProperty("row_count") Long rowCount, @JsonProperty("byte_count") Long byteCount) {}
