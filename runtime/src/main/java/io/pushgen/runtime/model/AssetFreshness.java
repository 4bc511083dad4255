package io.pushgen.runtime.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When an asset last changed. Monte Carlo only advances freshness when this value changes between
 * pushes.
 *
 * @param lastUpdateTime an ISO-8601 timestamp, passed through exactly as given; or null
 */
public record AssetFreshness(@JsonProperty("last_update_time") String lastUpdateTime) {}
