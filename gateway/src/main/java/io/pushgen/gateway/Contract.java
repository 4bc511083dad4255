package io.pushgen.gateway;

import java.util.List;
import java.util.Set;

/**
 * Facts of Monte Carlo's push-ingestion contract ({@code shared/spec/ingest-api.md}) that the
 * gateway enforces. Written from the contract, not taken from the runtime, so that a mistake in
 * the programs' reading of it shows up as a refused request.
 */
final class Contract {
  private Contract() {}

  static final String ENV_INGEST_TOKEN = "MCD_INGEST_TOKEN";
  static final String ENV_API_ENDPOINT = "MCD_API_ENDPOINT";

  static final String HEADER_ID = "x-mcd-id";
  static final String HEADER_TOKEN = "x-mcd-token";
  static final String HEADER_TELEMETRY_REASON = "x-mcd-telemetry-reason";
  static final String HEADER_TELEMETRY_SERVICE = "x-mcd-telemetry-service";

  /** The only asset types the metadata endpoint accepts. */
  static final Set<String> ASSET_TYPES = Set.of("TABLE", "VIEW");

  /** Lineage event types. */
  static final String LINEAGE = "LINEAGE";
  static final String COLUMN_LINEAGE = "COLUMN_LINEAGE";

  /** The query-log {@code log_type} values Monte Carlo accepts, in its documentation's order. */
  static final List<String> LOG_TYPES =
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
  static final int MAX_COMPRESSED_BODY_BYTES = 1_000_000;
}
