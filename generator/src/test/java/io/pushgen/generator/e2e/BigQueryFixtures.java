package io.pushgen.generator.e2e;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.descriptor.LoadedDescriptor;
import io.pushgen.runtime.collect.Quoting;
import io.pushgen.runtime.collect.Sql;
import java.util.List;
import java.util.Map;

/**
 * What the BigQuery tests share: the exact SQL the shipped descriptors issue (placeholders filled
 * in as the programs fill them), and result schemas laid out with the column names and types
 * Google documents for each INFORMATION_SCHEMA view (INT64 arrives as INTEGER, BOOL as BOOLEAN,
 * STRUCT as RECORD in the client's result schema).
 */
final class BigQueryFixtures {
  private BigQueryFixtures() {}

  static final String PROJECT = "acme-prod";

  /** The descriptors' quoting: backticks, a backtick inside written with a backslash. */
  static final Quoting QUOTING = new Quoting("`", "\\`");

  /** The SQL at {@code pointer} of a shipped descriptor, as sent for {@link #PROJECT} in us. */
  static String sql(String warehouse, String pointer) throws Exception {
    LoadedDescriptor d = Descriptors.loadShipped(warehouse, null);
    String text = d.tree().root().at(pointer).asText();
    return Sql.of(text).renderNamed(QUOTING, Map.of("database", PROJECT, "region", "region-us"));
  }

  static Field string(String name) {
    return Field.of(name, LegacySQLTypeName.STRING);
  }

  static Field int64(String name) {
    return Field.of(name, LegacySQLTypeName.INTEGER);
  }

  static Field timestamp(String name) {
    return Field.of(name, LegacySQLTypeName.TIMESTAMP);
  }

  static Field bool(String name) {
    return Field.of(name, LegacySQLTypeName.BOOLEAN);
  }

  /**
   * The BigQuery metadata tables query: TABLES (table_catalog, table_schema, table_name,
   * table_type STRING, creation_time TIMESTAMP), TABLE_STORAGE (total_rows, total_logical_bytes
   * INT64, storage_last_modified_time TIMESTAMP) and TABLE_OPTIONS.option_value (STRING).
   */
  static final Schema TABLES =
      Schema.of(
          string("table_catalog"),
          string("table_schema"),
          string("table_name"),
          string("table_type"),
          timestamp("creation_time"),
          int64("total_rows"),
          int64("total_logical_bytes"),
          timestamp("storage_last_modified_time"),
          string("description"));

  /** COLUMN_FIELD_PATHS: table_schema, table_name, field_path, data_type, description (STRING). */
  static final Schema COLUMNS =
      Schema.of(
          string("table_schema"),
          string("table_name"),
          string("field_path"),
          string("data_type"),
          string("description"));

  /** TABLE_STORAGE (Iceberg): current_physical_bytes instead of total_logical_bytes. */
  static final Schema ICEBERG_TABLES =
      Schema.of(
          string("table_catalog"),
          string("table_schema"),
          string("table_name"),
          string("table_type"),
          timestamp("creation_time"),
          string("description"));

  /** JOBS as the query-log query selects it. */
  static final Schema JOBS_QUERY_LOGS =
      Schema.of(
          string("job_id"),
          string("query"),
          timestamp("creation_time"),
          timestamp("start_time"),
          timestamp("end_time"),
          string("user_email"),
          string("state"),
          string("statement_type"),
          string("priority"),
          bool("cache_hit"),
          string("error_reason"),
          string("error_message"),
          int64("total_bytes_processed"),
          int64("total_bytes_billed"),
          int64("total_slot_ms"),
          string("reservation_id"));

  /** JOBS.referenced_tables: REPEATED RECORD of project_id, dataset_id, table_id (STRING). */
  static final FieldList TABLE_REFERENCE =
      FieldList.of(string("project_id"), string("dataset_id"), string("table_id"));

  /** JOBS as the lineage query selects it. */
  static final Schema JOBS_LINEAGE =
      Schema.of(
          string("job_id"),
          string("query"),
          string("project_id"),
          string("destination_project_id"),
          string("destination_dataset_id"),
          string("destination_table_id"),
          Field.newBuilder("referenced_tables", LegacySQLTypeName.RECORD, TABLE_REFERENCE)
              .setMode(Field.Mode.REPEATED)
              .build());

  /** SCHEMATA_LINKS: catalog_name, schema_name, linked_schema_catalog_name, linked_schema_name. */
  static final Schema SCHEMATA_LINKS =
      Schema.of(
          string("catalog_name"),
          string("schema_name"),
          string("linked_schema_catalog_name"),
          string("linked_schema_name"));

  /** A bound ARRAY&lt;STRING&gt; parameter's values. */
  static List<String> strings(QueryParameterValue value) {
    return value.getArrayValues().stream().map(QueryParameterValue::getValue).toList();
  }
}
