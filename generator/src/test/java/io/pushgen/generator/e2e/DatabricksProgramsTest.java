package io.pushgen.generator.e2e;

import static io.pushgen.generator.e2e.ScriptedRuns.concat;
import static io.pushgen.generator.e2e.ScriptedRuns.push;
import static io.pushgen.generator.e2e.ScriptedRuns.row;
import static io.pushgen.generator.e2e.ScriptedRuns.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.testsupport.ScriptedDriver.Column;
import io.pushgen.testsupport.ScriptedDriver.Table;
import io.pushgen.testsupport.ScriptedDriver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Databricks programs (metadata, lineage, query logs) on rows laid out exactly as
 * Databricks documents SHOW CATALOGS, {@code information_schema.tables/views/columns}, DESCRIBE
 * DETAIL, {@code system.access.table_lineage/column_lineage} and {@code system.query.history}
 * (column labels and JDBC types), served by {@link ScriptedDriver} for the exact statements the
 * descriptor issues, through to the local gateway. The real driver class is loaded by the
 * programs; the URL is a scripted one.
 *
 * <p>Regression cases for the reference script's defects (warehouses.md §4.6): hive_metastore
 * (no INFORMATION_SCHEMA) refused when named and never queried, row counts never invented, two
 * catalog queries per catalog whatever the number of tables, column-lineage sources present in
 * the event, one edge per pair whatever the number of creators, names quoted and escaped.
 */
class DatabricksProgramsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ODD_CATALOG = "we`ird select";

  private static final String TABLES_SQL =
      """
      SELECT t.table_catalog, t.table_schema, t.table_name, t.table_type, t.comment,
             t.created, v.view_definition
      FROM %1$s.information_schema.tables t
      LEFT JOIN %1$s.information_schema.views v
        ON v.table_schema = t.table_schema AND v.table_name = t.table_name
      WHERE t.table_schema <> 'information_schema'
      ORDER BY CAST(t.table_schema AS BINARY), CAST(t.table_name AS BINARY)
      """;
  private static final String COLUMNS_SQL =
      """
      SELECT table_schema, table_name, column_name, full_data_type, comment
      FROM %s.information_schema.columns
      WHERE table_schema <> 'information_schema'
      ORDER BY CAST(table_schema AS BINARY), CAST(table_name AS BINARY), ordinal_position
      """;
  private static final String EDGES_SQL =
      """
      SELECT DISTINCT target_table_catalog, target_table_schema, target_table_name,
             CAST(NULL AS STRING) AS target_column_name,
             source_table_catalog, source_table_schema, source_table_name,
             CAST(NULL AS STRING) AS source_column_name
      FROM system.access.table_lineage
      WHERE event_time >= ?
        AND event_time < ?
        AND source_table_full_name IS NOT NULL
        AND target_table_full_name IS NOT NULL
      UNION ALL
      SELECT DISTINCT target_table_catalog, target_table_schema, target_table_name,
             target_column_name,
             source_table_catalog, source_table_schema, source_table_name,
             source_column_name
      FROM system.access.column_lineage
      WHERE event_time >= ?
        AND event_time < ?
        AND source_table_full_name IS NOT NULL
        AND target_table_full_name IS NOT NULL
        AND source_column_name IS NOT NULL
        AND target_column_name IS NOT NULL
      """;
  private static final String HISTORY_SQL =
      """
      SELECT statement_id, statement_text, start_time, end_time, executed_by, executed_as, workspace_id,
             execution_status, error_message, statement_type, client_application,
             compute.warehouse_id AS warehouse_id, total_duration_ms, execution_duration_ms,
             read_rows, read_bytes, produced_rows, written_rows, written_bytes, from_result_cache
      FROM system.query.history
      WHERE workspace_id = ?
        AND end_time >= ?
        AND end_time < ?
      ORDER BY end_time, statement_id
      """;

  /** SHOW CATALOGS: one STRING column. */
  private static final List<Column> CATALOGS = List.of(new Column("catalog", Types.VARCHAR));

  /** The selected columns of information_schema.tables (and views.view_definition). */
  private static final List<Column> TABLES =
      List.of(
          new Column("table_catalog", Types.VARCHAR),
          new Column("table_schema", Types.VARCHAR),
          new Column("table_name", Types.VARCHAR),
          new Column("table_type", Types.VARCHAR),
          new Column("comment", Types.VARCHAR),
          new Column("created", Types.TIMESTAMP),
          new Column("view_definition", Types.VARCHAR));

  private static final List<Column> COLUMNS =
      List.of(
          new Column("table_schema", Types.VARCHAR),
          new Column("table_name", Types.VARCHAR),
          new Column("column_name", Types.VARCHAR),
          new Column("full_data_type", Types.VARCHAR),
          new Column("comment", Types.VARCHAR));

  /** DESCRIBE DETAIL's documented output. */
  private static final List<Column> DETAIL =
      List.of(
          new Column("format", Types.VARCHAR),
          new Column("id", Types.VARCHAR),
          new Column("name", Types.VARCHAR),
          new Column("description", Types.VARCHAR),
          new Column("location", Types.VARCHAR),
          new Column("createdAt", Types.TIMESTAMP),
          new Column("lastModified", Types.TIMESTAMP),
          new Column("partitionColumns", Types.ARRAY),
          new Column("clusteringColumns", Types.ARRAY),
          new Column("numFiles", Types.BIGINT),
          new Column("sizeInBytes", Types.BIGINT),
          new Column("properties", Types.OTHER),
          new Column("minReaderVersion", Types.INTEGER),
          new Column("minWriterVersion", Types.INTEGER),
          new Column("tableFeatures", Types.ARRAY));

  private static final List<Column> EDGES =
      List.of(
          new Column("target_table_catalog", Types.VARCHAR),
          new Column("target_table_schema", Types.VARCHAR),
          new Column("target_table_name", Types.VARCHAR),
          new Column("target_column_name", Types.VARCHAR),
          new Column("source_table_catalog", Types.VARCHAR),
          new Column("source_table_schema", Types.VARCHAR),
          new Column("source_table_name", Types.VARCHAR),
          new Column("source_column_name", Types.VARCHAR));

  /** system.query.history's documented columns (STRING, TIMESTAMP, BIGINT, BOOLEAN). */
  private static final List<Column> HISTORY =
      List.of(
          new Column("statement_id", Types.VARCHAR),
          new Column("statement_text", Types.VARCHAR),
          new Column("start_time", Types.TIMESTAMP),
          new Column("end_time", Types.TIMESTAMP),
          new Column("executed_by", Types.VARCHAR),
          new Column("executed_as", Types.VARCHAR),
          new Column("workspace_id", Types.VARCHAR),
          new Column("execution_status", Types.VARCHAR),
          new Column("error_message", Types.VARCHAR),
          new Column("statement_type", Types.VARCHAR),
          new Column("client_application", Types.VARCHAR),
          new Column("warehouse_id", Types.VARCHAR),
          new Column("total_duration_ms", Types.BIGINT),
          new Column("execution_duration_ms", Types.BIGINT),
          new Column("read_rows", Types.BIGINT),
          new Column("read_bytes", Types.BIGINT),
          new Column("produced_rows", Types.BIGINT),
          new Column("written_rows", Types.BIGINT),
          new Column("written_bytes", Types.BIGINT),
          new Column("from_result_cache", Types.BOOLEAN));

  @TempDir static Path work;
  private static InProcessPrograms programs;

  @BeforeAll
  static void generate() throws Exception {
    programs = InProcessPrograms.generate(work, "databricks");
  }

  @AfterAll
  static void close() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static Function<List<Object>, Table> rows(List<Column> columns, List<List<Object>> rows) {
    return binds -> new Table(columns, rows);
  }

  private static String[] connection(ScriptedDriver.Script script, String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--jdbc-url", script.url(),
                "--host", "dbc-a1b2.cloud.databricks.com",
                "--http-path", "/sql/1.0/warehouses/abc123",
                "--token", "dapi-SECRET-token"));
    arguments.addAll(List.of(more));
    return arguments.toArray(String[]::new);
  }

  private static ScriptedDriver.Script catalogScript() {
    return ScriptedDriver.script("databricks-md-" + System.nanoTime())
        .answer(
            "SHOW CATALOGS",
            rows(
                CATALOGS,
                List.of(
                    row("hive_metastore"), row("main"), row("samples"), row("system"),
                    row(ODD_CATALOG))))
        .answer(
            TABLES_SQL.formatted("`main`"),
            rows(
                TABLES,
                List.of(
                    row("main", "sales", "daily", "MATERIALIZED_VIEW", null,
                        ts("2026-01-02T00:00:00Z"), null),
                    row("main", "sales", "orders", "MANAGED", "Order transactions",
                        ts("2026-01-01T00:00:00Z"), null),
                    row("main", "sales", "v_open", "VIEW", "",
                        ts("2026-01-03T00:00:00Z"),
                        "SELECT id FROM main.sales.orders WHERE status = 'open'"),
                    row("main", "staging", "ext_raw", "EXTERNAL", null,
                        ts("2026-01-04T00:00:00Z"), null))))
        .answer(
            COLUMNS_SQL.formatted("`main`"),
            rows(
                COLUMNS,
                List.of(
                    row("sales", "daily", "day", "date", null),
                    row("sales", "orders", "id", "bigint", "Primary key"),
                    row("sales", "orders", "amount", "decimal(10,2)", null),
                    row("sales", "orders", "tags", "array<string>", null),
                    row("sales", "v_open", "id", "bigint", null),
                    row("staging", "ext_raw", "payload", "struct<a:int,b:string>", null))))
        .answer(TABLES_SQL.formatted("`samples`"), rows(TABLES, List.of()))
        .answer(COLUMNS_SQL.formatted("`samples`"), rows(COLUMNS, List.of()))
        .answer(
            TABLES_SQL.formatted(quoted(ODD_CATALOG)),
            rows(
                TABLES,
                List.of(
                    row(ODD_CATALOG, "from`s", "order by", "MANAGED", null,
                        ts("2026-01-05T00:00:00Z"), null))))
        .answer(
            COLUMNS_SQL.formatted(quoted(ODD_CATALOG)),
            rows(COLUMNS, List.of(row("from`s", "order by", "select", "int", null))));
  }

  @Test
  void metadataReadsEveryUnityCatalogWithTwoQueriesEachAndNoInventedCounts() throws Exception {
    ScriptedDriver.Script databricks = catalogScript();
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      // Collect, then push the manifest (CollectAndPush runs the same two steps).
      Path manifest = work.resolve("m.json");
      // One catalog at a time, so that the statements asserted below come in a fixed order.
      assertEquals(
          0,
          programs.run(
              "CollectMetadata",
              connection(
                  databricks, "--output-file", manifest.toString(), "--parallelism", "1")));
      assertEquals(
          0,
          programs.run(
              "PushMetadata",
              push(
                  gateway,
                  "--input-file", manifest.toString(),
                  "--result-file", work.resolve("mr.json").toString())));
      List<JsonNode> assets = new ArrayList<>();
      gateway
          .received(Flow.METADATA)
          .forEach(r -> r.events().forEach(e -> assets.add(e.get("relational_asset"))));
      assertEquals(
          JSON.readTree(
              """
              [
               {"type": "TABLE",
                "metadata": {"name": "daily", "database": "main", "schema": "sales",
                             "created_on": "2026-01-02T00:00:00Z"},
                "fields": [{"name": "day", "type": "DATE"}]},
               {"type": "TABLE",
                "metadata": {"name": "orders", "database": "main", "schema": "sales",
                             "description": "Order transactions", "created_on": "2026-01-01T00:00:00Z"},
                "fields": [{"name": "id", "type": "BIGINT", "description": "Primary key"},
                           {"name": "amount", "type": "DECIMAL(10,2)"},
                           {"name": "tags", "type": "ARRAY<STRING>"}]},
               {"type": "VIEW",
                "metadata": {"name": "v_open", "database": "main", "schema": "sales",
                             "view_query": "SELECT id FROM main.sales.orders WHERE status = 'open'",
                             "created_on": "2026-01-03T00:00:00Z"},
                "fields": [{"name": "id", "type": "BIGINT"}]},
               {"type": "TABLE",
                "metadata": {"name": "ext_raw", "database": "main", "schema": "staging",
                             "created_on": "2026-01-04T00:00:00Z"},
                "fields": [{"name": "payload", "type": "STRUCT<A:INT,B:STRING>"}]},
               {"type": "TABLE",
                "metadata": {"name": "order by", "database": "we`ird select", "schema": "from`s",
                             "created_on": "2026-01-05T00:00:00Z"},
                "fields": [{"name": "select", "type": "INT"}]}
              ]
              """),
          JSON.valueToTree(assets));
      // No volume and no freshness without --describe-detail: INFORMATION_SCHEMA has no counts,
      // and its last_altered is when a definition changed, not the data: nothing is invented.
      assets.forEach(asset -> assertFalse(asset.has("volume"), asset.toString()));
      assets.forEach(asset -> assertFalse(asset.has("freshness"), asset.toString()));
      // SHOW CATALOGS, then two per Unity Catalog catalog; hive_metastore and system never
      // queried; the odd catalog name quoted with backticks, its backtick doubled.
      assertEquals(
          List.of(
              "SHOW CATALOGS",
              ScriptedDriver.normalise(TABLES_SQL.formatted("`main`")),
              ScriptedDriver.normalise(COLUMNS_SQL.formatted("`main`")),
              ScriptedDriver.normalise(TABLES_SQL.formatted("`samples`")),
              ScriptedDriver.normalise(COLUMNS_SQL.formatted("`samples`")),
              ScriptedDriver.normalise(TABLES_SQL.formatted("`we``ird select`")),
              ScriptedDriver.normalise(COLUMNS_SQL.formatted("`we``ird select`"))),
          databricks.executed().stream().map(e -> ScriptedDriver.normalise(e.sql())).toList());
      // The token is a connection property, never in the URL; transactions are not opened.
      databricks
          .connections()
          .forEach(
              properties ->
                  assertEquals(
                      java.util.Map.of("AuthMech", "3", "UID", "token", "PWD", "dapi-SECRET-token"),
                      new java.util.HashMap<>(properties)));
    }
  }

  @Test
  void hiveMetastoreIsRefusedWithTheReasonWhenNamed() throws Exception {
    ScriptedDriver.Script databricks = catalogScript();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    int exit;
    System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
    try {
      exit =
          programs.run(
              "CollectMetadata",
              connection(
                  databricks,
                  "--databases", "main,hive_metastore",
                  "--output-file", work.resolve("refused.json").toString()));
    } finally {
      System.setErr(previous);
    }
    assertEquals(2, exit);
    String message = errors.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("cannot collect database hive_metastore"), message);
    assertTrue(message.contains("no INFORMATION_SCHEMA (Unity Catalog only)"), message);
    assertEquals(List.of(), databricks.executed(), "refused before any query");
    assertFalse(Files.exists(work.resolve("refused.json")));
  }

  /** 1 + 2 per catalog, whatever the number of tables (the reference made 1 + 2N). */
  @Test
  void catalogRoundTripsDoNotGrowWithTheNumberOfTables() throws Exception {
    assertEquals(statementsFor(2), statementsFor(50));
    assertEquals(3, statementsFor(50));
  }

  private static int statementsFor(int tables) throws Exception {
    List<List<Object>> tableRows = new ArrayList<>();
    List<List<Object>> columnRows = new ArrayList<>();
    for (int i = 0; i < tables; i++) {
      String name = "t%03d".formatted(i);
      tableRows.add(row("main", "s", name, "MANAGED", null, ts("2026-01-01T00:00:00Z"), null));
      columnRows.add(row("s", name, "a", "int", null));
      columnRows.add(row("s", name, "b", "string", null));
    }
    ScriptedDriver.Script databricks =
        ScriptedDriver.script("databricks-n-" + System.nanoTime())
            .answer("SHOW CATALOGS", rows(CATALOGS, List.of(row("main"))))
            .answer(TABLES_SQL.formatted("`main`"), rows(TABLES, tableRows))
            .answer(COLUMNS_SQL.formatted("`main`"), rows(COLUMNS, columnRows));
    Path out = work.resolve("n" + tables + ".json");
    assertEquals(0, programs.run("CollectMetadata", connection(databricks, "--output-file", out.toString())));
    assertEquals(tables, JSON.readTree(out.toFile()).at("/counts/events").asInt());
    return databricks.executed().size();
  }

  @Test
  void describeDetailIsOptInPerTableAndReportsFailures() throws Exception {
    ScriptedDriver.Script databricks =
        catalogScript()
            .answer(
                "DESCRIBE DETAIL `main`.`sales`.`orders`",
                rows(
                    DETAIL,
                    List.of(
                        row("delta", "a1b2", "main.sales.orders", null, "s3://bucket/orders",
                            ts("2026-01-01T00:00:00Z"), ts("2026-03-12T15:00:00Z"), null, null,
                            12L, 734003200L, null, 3, 7, null))))
            .answer(
                "DESCRIBE DETAIL `main`.`sales`.`daily`",
                rows(
                    DETAIL,
                    List.of(
                        row("delta", "c3d4", "main.sales.daily", null, null,
                            ts("2026-01-02T00:00:00Z"), ts("2026-03-10T06:00:00Z"), null, null,
                            1L, 2048L, null, 1, 2, null))))
            .answer(
                "DESCRIBE DETAIL `main`.`staging`.`ext_raw`",
                binds -> {
                  throw new IllegalStateException(
                      new SQLException("[DELTA_MISSING_DELTA_TABLE] ext_raw is not a Delta table."));
                })
            .answer(
                "DESCRIBE DETAIL `we``ird select`.`from``s`.`order by`",
                rows(
                    DETAIL,
                    List.of(
                        row("delta", "e5f6", "x", null, null, ts("2026-01-05T00:00:00Z"),
                            ts("2026-01-05T00:00:00Z"), null, null, 0L, 0L, null, 1, 2, null))));
    Path manifest = work.resolve("detail.json");
    int exit =
        programs.run(
            "CollectMetadata",
            connection(databricks, "--describe-detail", "--output-file", manifest.toString()));
    assertEquals(0, exit);
    JsonNode events = JSON.readTree(manifest.toFile()).get("events");
    JsonNode orders = events.get(1);
    assertEquals("orders", orders.at("/metadata/name").asText());
    assertEquals(
        JSON.readTree("{\"byte_count\": 734003200}"), orders.get("volume"),
        "DESCRIBE DETAIL has no row count: bytes only");
    assertEquals("2026-03-12T15:00:00Z", orders.at("/freshness/last_update_time").asText());
    assertFalse(events.get(2).has("volume"), "views are not described");
    assertFalse(events.get(2).has("freshness"), "views get no freshness");
    assertFalse(events.get(3).has("volume"), "a failed detail keeps what the tables query gave");
    assertFalse(events.get(3).has("freshness"), "no data-change time without the detail");
    assertEquals("2026-03-10T06:00:00Z", events.get(0).at("/freshness/last_update_time").asText());
    assertEquals(JSON.readTree("{\"byte_count\": 0}"), events.get(4).get("volume"));
    String report = JSON.readTree(manifest.toFile()).get("report").toString();
    assertTrue(report.contains("main.staging.ext_raw"), report);
    List<String> describes =
        databricks.executed().stream()
            .map(e -> e.sql())
            .filter(sql -> sql.startsWith("DESCRIBE"))
            .toList();
    assertEquals(4, describes.size(), describes.toString());
  }
  @Test
  void lineageEventsDeclareEverySourceTheirColumnMappingsUse() throws Exception {
    Timestamp start = ts("2026-03-01T00:00:00Z");
    ScriptedDriver.Script databricks =
        ScriptedDriver.script("databricks-lineage-" + System.nanoTime())
            .answer(
                EDGES_SQL,
                rows(
                    EDGES,
                    List.of(
                        // Table rows: the same pair recorded for two creators (created_by) comes
                        // back twice when the server does not de-duplicate; one edge is sent.
                        row("main", "sales", "daily", null, "main", "sales", "orders", null),
                        row("main", "sales", "daily", null, "main", "sales", "orders", null),
                        // Column rows whose source table has no table row in the window.
                        row("main", "sales", "daily", "total", "main", "sales", "orders", "amount"),
                        row("main", "sales", "daily", "total", "main", "raw", "refunds", "amount"),
                        row("main", "sales", "daily", "day", "main", "sales", "orders", "created_at"),
                        row("main", "sales", "daily", "day", "main", "sales", "orders", "created_at"),
                        row("main", "gold", "kpis", "n", "main", "sales", "daily", "total"))));
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      int exit =
          programs.run(
              "CollectAndPushLineage",
              concat(
                  connection(
                      databricks,
                      "--start", "2026-03-01T00:00:00Z",
                      "--end", "2026-03-02T00:00:00Z",
                      "--state-file", work.resolve("lineage_state.json").toString(),
                      "--output-file", work.resolve("l.json").toString()),
                  push(gateway, "--result-file", work.resolve("lr.json").toString())));
      assertEquals(0, exit);
      List<JsonNode> events = new ArrayList<>();
      gateway.received(Flow.LINEAGE).forEach(r -> r.body().get("events").forEach(events::add));
      assertEquals(
          JSON.readTree(
              """
              [
               {"destination": {"type": "TABLE", "name": "kpis", "database": "main",
                                "schema": "gold", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "daily", "database": "main",
                             "schema": "sales", "asset_id": "src1"}],
                "fields": [{"name": "n", "source_fields": [{"asset_id": "src1", "field_name": "total"}]}]},
               {"destination": {"type": "TABLE", "name": "daily", "database": "main",
                                "schema": "sales", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "refunds", "database": "main",
                             "schema": "raw", "asset_id": "src1"},
                            {"type": "TABLE", "name": "orders", "database": "main",
                             "schema": "sales", "asset_id": "src2"}],
                "fields": [
                  {"name": "day", "source_fields": [{"asset_id": "src2", "field_name": "created_at"}]},
                  {"name": "total", "source_fields": [{"asset_id": "src2", "field_name": "amount"},
                                                      {"asset_id": "src1", "field_name": "amount"}]}]}
              ]
              """),
          JSON.valueToTree(events));
      // Every asset_id a column mapping names is declared in the same event.
      for (JsonNode event : events) {
        List<String> declared = new ArrayList<>();
        event.get("sources").forEach(s -> declared.add(s.get("asset_id").asText()));
        event
            .get("fields")
            .forEach(
                f ->
                    f.get("source_fields")
                        .forEach(sf -> assertTrue(declared.contains(sf.get("asset_id").asText()))));
      }
      // One windowed statement, bound to the explicit window (both UNION branches).
      assertEquals(1, databricks.executed().size());
      List<Object> binds = databricks.executed().get(0).parameters();
      assertEquals(List.of(start, ts("2026-03-02T00:00:00Z"), start, ts("2026-03-02T00:00:00Z")), binds);
    }
  }

  @Test
  void queryLogsCarryErrorsUsersAndExtras() throws Exception {
    ScriptedDriver.Script databricks =
        ScriptedDriver.script("databricks-ql-" + System.nanoTime())
            .answer(
                HISTORY_SQL,
                rows(
                    HISTORY,
                    List.of(
                        row("01ef-aaaa", "SELECT * FROM main.sales.orders",
                            ts("2026-03-01T10:00:00Z"), ts("2026-03-01T10:00:02.5Z"),
                            "ana@example.com", "ana@example.com", "1234567890123456", "FINISHED",
                            null, "SELECT", "Databricks SQL Editor", "ec58ee3772e8d305",
                            2500L, 2100L, 1500L, 1048576L, 1500L, 0L, 0L, false),
                        row("01ef-bbbb", "INSERT INTO main.sales.daily SELECT * FROM nope",
                            ts("2026-03-01T10:01:00Z"), ts("2026-03-01T10:01:01Z"),
                            "etl-sp", "etl-sp", "1234567890123456", "FAILED",
                            "[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found.",
                            "INSERT", "Databricks JDBC Driver", "ec58ee3772e8d305",
                            1000L, 0L, 0L, 0L, null, null, null, false),
                        // Text hidden by customer-managed keys: cannot be sent, reported.
                        row("01ef-cccc", "", ts("2026-03-01T10:02:00Z"), ts("2026-03-01T10:02:01Z"),
                            "x", "x", "1234567890123456", "FINISHED", null, "SELECT", null, null,
                            10L, 5L, 0L, 0L, 0L, 0L, 0L, true))));
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      int exit =
          programs.run(
              "CollectAndPushQueryLogs",
              concat(
                  connection(
                      databricks,
                      "--workspace-id", "1234567890123456",
                      "--start", "2026-03-01T00:00:00Z",
                      "--end", "2026-03-02T00:00:00Z",
                      "--state-file", work.resolve("ql_state.json").toString(),
                      "--output-file", work.resolve("q.json").toString()),
                  push(gateway, "--result-file", work.resolve("qr.json").toString())));
      assertEquals(0, exit);
      JsonNode body = gateway.received(Flow.QUERY_LOGS).get(0).body();
      assertEquals("databricks", body.at("/resource/log_type").asText());
      assertEquals(
          JSON.readTree(
              """
              [
               {"start_time": "2026-03-01T10:00:00Z", "end_time": "2026-03-01T10:00:02.500000Z",
                "query_text": "SELECT * FROM main.sales.orders", "query_id": "01ef-aaaa",
                "user": "ana@example.com", "returned_rows": 1500,
                "extra": {"workspace_id": "1234567890123456", "executed_as": "ana@example.com",
                          "execution_status": "FINISHED", "statement_type": "SELECT",
                          "client_application": "Databricks SQL Editor",
                          "warehouse_id": "ec58ee3772e8d305", "total_duration_ms": 2500,
                          "execution_duration_ms": 2100, "read_rows": 1500, "read_bytes": 1048576,
                          "written_rows": 0, "written_bytes": 0, "from_result_cache": false}},
               {"start_time": "2026-03-01T10:01:00Z", "end_time": "2026-03-01T10:01:01Z",
                "query_text": "INSERT INTO main.sales.daily SELECT * FROM nope",
                "query_id": "01ef-bbbb", "user": "etl-sp",
                "error_text": "[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found.",
                "extra": {"workspace_id": "1234567890123456", "executed_as": "etl-sp",
                          "execution_status": "FAILED", "statement_type": "INSERT",
                          "client_application": "Databricks JDBC Driver",
                          "warehouse_id": "ec58ee3772e8d305", "total_duration_ms": 1000,
                          "execution_duration_ms": 0, "read_rows": 0, "read_bytes": 0,
                          "written_rows": null, "written_bytes": null, "from_result_cache": false}}
              ]
              """),
          body.get("events"));
      assertTrue(Files.readString(work.resolve("q.json")).contains("01ef-cccc"));
      // The history holds every workspace of the region: only this one's statements are read.
      assertEquals(
          List.of("1234567890123456", ts("2026-03-01T00:00:00Z"), ts("2026-03-02T00:00:00Z")),
          databricks.executed().get(0).parameters());
    }
  }

  @Test
  void queryLogsNeedTheWorkspaceAndKeepAMarginOverTheHistorysLatency() throws Exception {
    ScriptedDriver.Script databricks =
        ScriptedDriver.script("databricks-ql-window-" + System.nanoTime())
            .answer(HISTORY_SQL, rows(HISTORY, List.of()));
    Path state = work.resolve("ql_window_state.json");
    String[] base =
        connection(databricks, "--state-file", state.toString(), "--output-file", work.resolve("qw.json").toString());
    // Without the workspace, a usage error and no query: never another workspace's statements.
    assertEquals(2, programs.run("CollectQueryLogs", base));
    assertTrue(databricks.executed().isEmpty());

    Instant before = Instant.now();
    assertEquals(0, programs.run("CollectQueryLogs", concat(base, new String[] {"--workspace-id", "42"})));
    // Records typically arrive within an hour: the window ends 90 minutes ago (a margin).
    Instant end = ((Timestamp) databricks.executed().get(0).parameters().get(2)).toInstant();
    assertTrue(!end.isAfter(Instant.now().minus(java.time.Duration.ofMinutes(90))), end.toString());
    assertTrue(!end.isBefore(before.minus(java.time.Duration.ofMinutes(91))), end.toString());
  }
}
