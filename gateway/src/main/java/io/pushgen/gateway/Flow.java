package io.pushgen.gateway;

/**
 * The three push-ingestion endpoints the gateway serves, as the contract names them. The gateway
 * keeps its own reading of the contract (it shares no code with the programs it checks).
 */
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

  /** The flow's name in recordings: {@code metadata}, {@code lineage}, {@code query_logs}. */
  public String id() {
    return id;
  }

  /** The request path. */
  public String path() {
    return path;
  }

  /** Query logs are keyed by {@code log_type}; the other flows by {@code resource_type}. */
  public String resourceKey() {
    return this == QUERY_LOGS ? "log_type" : "resource_type";
  }

  @Override
  public String toString() {
    return id;
  }
}
