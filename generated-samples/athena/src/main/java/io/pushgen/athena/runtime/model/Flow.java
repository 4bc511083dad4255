// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.model;

import java.util.Locale;

/** The three kinds of data Monte Carlo's push-ingestion API accepts, with their endpoints. */
public enum Flow {
  METADATA("metadata", "/ingest/v1/metadata"),
  LINEAGE("lineage", "/ingest/v1/lineage"),
  QUERY_LOGS("query_logs", "/ingest/v1/querylogs");

  private final String id;
  private final String path;

  Flow(String id, String path) {
    this.id = id;
    this.path = path;
  }

  /**
   * The name used in manifests and result files: {@code metadata}, {@code lineage}, {@code
   * query_logs}.
   */
  public String id() {
    return id;
  }

  /** The request path on the integration gateway. */
  public String path() {
    return path;
  }

  /**
   * The model record of one event of this flow: {@link RelationalAsset}, {@link LineageEvent} or
   * {@link QueryLogEntry}.
   */
  public Class<?> eventClass() {
    return switch (this) {
      case METADATA -> RelationalAsset.class;
      case LINEAGE -> LineageEvent.class;
      case QUERY_LOGS -> QueryLogEntry.class;
    };
  }

  /** Query logs are keyed by {@code log_type}; the other flows by {@code resource_type}. */
  public String resourceKey() {
    return this == QUERY_LOGS ? "log_type" : "resource_type";
  }

  /** Parses a manifest's {@code flow} value. */
  public static Flow fromId(String id) {
    for (Flow flow : values()) {
      if (flow.id.equals(id)) {
        return flow;
      }
    }
    throw new IllegalArgumentException(
        "unknown flow '" + id + "' (expected metadata, lineage or query_logs)");
  }

  @Override
  public String toString() {
    return id.toLowerCase(Locale.ROOT);
  }
}
