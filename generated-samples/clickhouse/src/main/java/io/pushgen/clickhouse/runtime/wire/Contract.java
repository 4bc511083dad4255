// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.wire;

import java.util.List;
import java.util.Set;

/** Facts of Monte Carlo's push-ingestion contract that code on both sides must agree on. */
public final class Contract {
  private Contract() {}

  /** The production integration gateway; {@code MCD_API_ENDPOINT} overrides it. */
  public static final String DEFAULT_BASE_URL = "https://integrations.getmontecarlo.com";

  /** Environment variables, exactly as Monte Carlo names them. */
  public static final String ENV_INGEST_ID = "MCD_INGEST_ID";
  public static final String ENV_INGEST_TOKEN = "MCD_INGEST_TOKEN";
  public static final String ENV_RESOURCE_UUID = "MCD_RESOURCE_UUID";
  public static final String ENV_API_ENDPOINT = "MCD_API_ENDPOINT";

  /** Request headers. */
  public static final String HEADER_ID = "x-mcd-id";
  public static final String HEADER_TOKEN = "x-mcd-token";
  public static final String HEADER_SESSION_ID = "x-mcd-session-id";
  public static final String HEADER_TRACE_ID = "x-mcd-trace-id";
  public static final String HEADER_TELEMETRY_REASON = "x-mcd-telemetry-reason";
  public static final String HEADER_TELEMETRY_SERVICE = "x-mcd-telemetry-service";

  /**
   * The telemetry reason pushgen's programs send: the SDK knows {@code user} (a person made the
   * request) and {@code service} (a program made it on someone's behalf); ours are programs.
   */
  public static final String TELEMETRY_REASON = "service";

  /** The telemetry service: the name of the calling program. */
  public static final String TELEMETRY_SERVICE = "pushgen";

  /** The only asset types the metadata endpoint accepts. */
  public static final Set<String> ASSET_TYPES = Set.of("TABLE", "VIEW");

  /** The metadata endpoint's event type. */
  public static final String METADATA = "METADATA";

  /** The query-log endpoint's event type. */
  public static final String QUERY_LOG = "QUERY_LOG";

  /** Lineage event types. */
  public static final String LINEAGE = "LINEAGE";
  public static final String COLUMN_LINEAGE = "COLUMN_LINEAGE";

  /** The query-log {@code log_type} values Monte Carlo accepts, in its documentation's order. */
  public static final List<String> LOG_TYPES =
      List.of(
          "snowflake",
          "bigquery",
          "databricks",
          "redshift",
          "hive-s3",
          "athena",
          "teradata",
          "clickhouse",
          "databricks-metastore-sql-warehouse",
          "s3",
          "presto-s3");

  /** The gzip-compressed body of one request must stay under this many bytes. */
  public static final int MAX_COMPRESSED_BODY_BYTES = 1_000_000;

  /** The gateway reports this many characters of an error body, as the SDK does. */
  public static final int ERROR_BODY_CHARS = 500;
}
