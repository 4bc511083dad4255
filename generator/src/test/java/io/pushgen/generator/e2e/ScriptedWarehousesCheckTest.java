package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.descriptor.Descriptor;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.descriptor.LoadedDescriptor;
import io.pushgen.runtime.collect.Quoting;
import io.pushgen.runtime.collect.Sql;
import io.pushgen.testsupport.ScriptedDriver;
import io.pushgen.testsupport.ScriptedDriver.Column;
import io.pushgen.testsupport.ScriptedDriver.Table;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted {@code Check} of the warehouses that cannot run here (Snowflake, Databricks,
 * Redshift, Hive, ClickHouse, Teradata, SQL Server, Oracle), through {@link ScriptedDriver}: it answers exactly the statements the check
 * must send (each descriptor query wrapped to return no rows, then the real tables, views and
 * history queries) with rows laid out as the vendors document them, and fails chosen queries
 * with the vendor's own error for a missing privilege.
 */
class ScriptedWarehousesCheckTest {
  private static final String TOKEN = "ktok-SECRET-scripted";

  @TempDir Path work;

  /** How one warehouse answers. */
  private static final class Warehouse {
    final LoadedDescriptor descriptor;
    final Quoting quoting;
    final ScriptedDriver.Script script;

    Warehouse(String id) throws Exception {
      descriptor = Descriptors.loadShipped(id, null);
      quoting = new Quoting(text("/quoting/quote"), text("/quoting/escape"));
      script = ScriptedDriver.script(id + "-check-" + System.nanoTime());
    }

    String text(String pointer) {
      return descriptor.tree().root().at(pointer).asText();
    }

    /** The query at {@code pointer} as the programs send it for {@code database}. */
    String sql(String pointer, String... database) {
      Map<String, String> identifiers = new HashMap<>();
      if (database.length > 0) {
        identifiers.put("database", database[0]);
      }
      return Sql.of(text(pointer)).render(quoting, identifiers);
    }

    /** The same query as the check probes it: a subquery of a statement that returns no rows. */
    String noRows(String pointer, String... database) {
      return "SELECT * FROM (\n" + sql(pointer, database).strip() + "\n) pushgen_probe WHERE 1 = 0";
    }

    /** The databases query lists {@code names}. */
    Warehouse databases(String... names) {
      List<List<Object>> rows = new ArrayList<>();
      for (String name : names) {
        rows.add(List.of(name));
      }
      script.answer(
          sql("/metadata/databases/sql"),
          p -> new Table(List.of(column(text("/metadata/databases/column"))), rows));
      return this;
    }

    /** The probe of the query at {@code pointer} passes; the query itself returns {@code rows}. */
    Warehouse query(String pointer, List<String> labels, List<List<Object>> rows, String... database) {
      List<Column> columns = labels.stream().map(Warehouse::column).toList();
      script.answer(noRows(pointer, database), p -> new Table(columns, List.of()));
      script.answer(sql(pointer, database), p -> new Table(columns, rows));
      return this;
    }

    /** The probe passes; the query returns {@code rows} for the databases named, none for others. */
    Warehouse perDatabase(String pointer, List<String> labels, Map<String, List<List<Object>>> rows) {
      List<Column> columns = labels.stream().map(Warehouse::column).toList();
      script.answer(noRows(pointer), p -> new Table(columns, List.of()));
      script.answer(sql(pointer), p -> new Table(columns, rows.getOrDefault((String) p.get(0), List.of())));
      return this;
    }

    /** The query at {@code pointer} (probe and all) fails with the vendor's error. */
    Warehouse refuse(String pointer, SQLException error, String... database) {
      for (String sql : List.of(noRows(pointer, database), sql(pointer, database))) {
        script.answer(
            sql,
            p -> {
              throw new RuntimeException(error);
            });
      }
      return this;
    }

    /** Labels of a map in the descriptor, e.g. the tables query's schema, name and type. */
    List<String> labels(String mapPointer, String... keys) {
      List<String> labels = new ArrayList<>();
      for (String key : keys) {
        labels.add(text(mapPointer + "/" + key));
      }
      return labels;
    }

    static Column column(String label) {
      return new Column(label, Types.VARCHAR);
    }
  }

  private static List<List<Object>> rows(List<Object>... rows) {
    return List.of(rows);
  }

  private static Map<String, JsonNode> check(
      String id, String url, List<String> settings, Path dir, String... generateArguments)
      throws Exception {
    try (InProcessPrograms programs = InProcessPrograms.generate(dir, id, generateArguments)) {
      List<String> arguments = new ArrayList<>(List.of("--jdbc-url", url));
      arguments.addAll(settings);
      arguments.addAll(
          List.of(
              "--key-id", "kid", "--key-token", TOKEN,
              "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd", "--json"));
      InProcessPrograms.Run run = programs.captureStdout("Check", arguments.toArray(String[]::new));
      assertFalse(run.output().contains(TOKEN), run.output());
      Map<String, JsonNode> checks = CheckReports.checks(run.output());
      boolean failed = checks.values().stream().anyMatch(c -> Set.of("failed", "empty").contains(c.path("status").asText()));
      assertEquals(failed ? 1 : 0, run.exitCode(), run.output());
      return checks;
    }
  }

  private static String status(Map<String, JsonNode> checks, String key) {
    assertTrue(checks.containsKey(key), key + " not in " + checks.keySet());
    return checks.get(key).path("status").asText();
  }

  @Test
  void snowflakeNamesTheGrantsBehindAnEmptyDatabaseAndAnUnauthorisedAccountUsage() throws Exception {
    Warehouse snowflake = new Warehouse("snowflake");
    String tables = "/metadata/tables/sql";
    List<String> tableLabels = snowflake.labels("/metadata/tables/map", "schema", "name", "type");
    List<String> columnLabels = snowflake.labels("/metadata/columns/map", "schema", "table", "name");
    SQLException notAuthorized =
        new SQLException(
            "SQL compilation error:\nSchema 'SNOWFLAKE.ACCOUNT_USAGE' does not exist or not authorized.",
            "02000",
            2003);
    snowflake
        .databases("SALES", "EMPTYDB")
        .query(tables, tableLabels, rows(List.of("PUBLIC", "ORDERS", "BASE TABLE")), "SALES")
        .query("/metadata/columns/sql", columnLabels, rows(), "SALES")
        // Listed by SHOW DATABASES, but the role holds no privilege on any of its tables.
        .query(tables, tableLabels, rows(), "EMPTYDB")
        .query("/metadata/columns/sql", columnLabels, rows(), "EMPTYDB")
        .refuse("/lineage/edges/sql", notAuthorized)
        .refuse("/lineage/statements/sql", notAuthorized)
        .refuse("/query_logs/sql", notAuthorized);
    Map<String, JsonNode> checks =
        check(
            "snowflake",
            snowflake.script.url(),
            List.of("--account", "xy12345", "--user", "pushgen", "--password", "pw", "--warehouse", "WH"),
            work);

    assertEquals("ok", status(checks, "metadata/tables visible/SALES"));
    JsonNode empty = checks.get("metadata/tables visible/EMPTYDB");
    assertEquals("empty", empty.path("status").asText());
    assertEquals(snowflake.text("/empty_results/tables").replaceAll("\\s+", " "), empty.path("needed").asText());
    // ACCESS_HISTORY is optional (the statements are parsed without it): a warning only.
    assertEquals("warning", status(checks, "lineage/edges query/null"));
    JsonNode statements = checks.get("lineage/statements query/null");
    assertEquals("failed", statements.path("status").asText());
    assertEquals(
        "SQL compilation error: Schema 'SNOWFLAKE.ACCOUNT_USAGE' does not exist or not authorized."
            + " (SQLSTATE 02000, code 2003)",
        statements.path("detail").asText());
    assertEquals(
        snowflake.descriptor.descriptor().privileges().lineage(), statements.path("needed").asText());
    JsonNode history = checks.get("query_logs/query history/null");
    assertEquals("failed", history.path("status").asText());
    assertEquals(
        snowflake.descriptor.descriptor().privileges().queryLogs(), history.path("needed").asText());

    // The probe of the query history was bound to the last day.
    ScriptedDriver.Executed probe =
        snowflake.script.executed().stream()
            .filter(e -> ScriptedDriver.normalise(e.sql()).equals(ScriptedDriver.normalise(snowflake.noRows("/query_logs/sql"))))
            .findFirst()
            .orElseThrow();
    Instant start = ((Timestamp) probe.parameters().get(0)).toInstant();
    Instant end = ((Timestamp) probe.parameters().get(1)).toInstant();
    assertEquals(Duration.ofDays(1), Duration.between(start, end));
  }

  @Test
  void databricksChecksDescribeDetailAndNamesTheSystemTableGrant() throws Exception {
    Warehouse databricks = new Warehouse("databricks");
    SQLException insufficient =
        new SQLException(
            "[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have USE SCHEMA on"
                + " Schema 'system.access'.",
            "42501");
    databricks
        .databases("hive_metastore", "main")
        .query(
            "/metadata/tables/sql",
            databricks.labels("/metadata/tables/map", "schema", "name", "type"),
            rows(List.of("sales", "daily", "VIEW"), List.of("sales", "orders", "MANAGED")),
            "main")
        .query(
            "/metadata/columns/sql",
            databricks.labels("/metadata/columns/map", "schema", "table", "name"),
            rows(),
            "main")
        .refuse("/lineage/edges/sql", insufficient)
        .query("/query_logs/sql", List.of("statement_id"), rows(List.of("01ef-1")));
    // DESCRIBE DETAIL cannot be a subquery: it runs as it is, on the first base table.
    databricks.script.answer(
        "DESCRIBE DETAIL `main`.`sales`.`orders`",
        p -> new Table(List.of(Warehouse.column("sizeInBytes")), rows(List.of("1024"))));
    Map<String, JsonNode> checks =
        check(
            "databricks",
            databricks.script.url(),
            List.of("--host", "dbc.example.com", "--http-path", "/sql/1.0/warehouses/abc", "--token",
                "dapi-secret", "--describe-detail", "--workspace-id", "1234567890"),
            work);

    assertEquals(
        List.of(
            "metadata/databases/null",
            "metadata/connect/main",
            "metadata/tables query/main",
            "metadata/columns query/main",
            "metadata/tables visible/main",
            "metadata/describe-detail query/main.sales.orders",
            "lineage/connect/null",
            "lineage/edges query/null",
            "query_logs/query history/null",
            "query_logs/queries in the last day/null"),
        checks.keySet().stream().filter(k -> !k.startsWith("monte_carlo/")).toList());
    assertEquals("1 to collect: main", checks.get("metadata/databases/null").path("detail").asText());
    assertEquals("ok", status(checks, "metadata/describe-detail query/main.sales.orders"));
    JsonNode edges = checks.get("lineage/edges query/null");
    assertEquals("failed", edges.path("status").asText());
    assertTrue(edges.path("detail").asText().startsWith("[INSUFFICIENT_PERMISSIONS]"), edges.toString());
    assertEquals(databricks.descriptor.descriptor().privileges().lineage(), edges.path("needed").asText());
    assertEquals("ok", status(checks, "query_logs/queries in the last day/null"));
    // Both history statements bind the workspace, as collect-query-logs does.
    assertEquals(
        2,
        databricks.script.executed().stream()
            .filter(e -> e.parameters().contains("1234567890"))
            .count(),
        databricks.script.executed().toString());
  }

  @Test
  void redshiftReportsADeniedSchemaAndAHistoryShowingNothing() throws Exception {
    Warehouse redshift = new Warehouse("redshift");
    List<String> tableLabels = redshift.labels("/metadata/tables/map", "schema", "name", "type");
    List<String> columnLabels = redshift.labels("/metadata/columns/map", "schema", "table", "name");
    List<String> viewLabels = redshift.labels("/lineage/views/map", "schema", "name", "definition");
    redshift
        .databases("dev", "finance")
        .query("/metadata/tables/sql", tableLabels, rows(List.of("public", "orders", "BASE TABLE")))
        .query("/metadata/columns/sql", columnLabels, rows())
        .query("/lineage/views/sql", viewLabels, rows(List.of("public", "v", "SELECT 1")))
        .query("/lineage/statements/sql", List.of("query_id"), rows(List.of("1")))
        // Without SYSLOG ACCESS UNRESTRICTED only the user's own queries: none in the last day.
        .query("/query_logs/sql", List.of("query_id"), rows());
    Map<String, JsonNode> checks =
        check(
            "redshift",
            redshift.script.url(),
            List.of("--host", "cluster.example.com", "--user", "pushgen", "--databases", "dev"),
            work);
    assertEquals("ok", status(checks, "metadata/tables visible/dev"));
    assertEquals("ok", status(checks, "lineage/view definitions/dev"));
    assertEquals("ok", status(checks, "lineage/statements in the last day/null"));
    JsonNode history = checks.get("query_logs/queries in the last day/null");
    assertEquals("empty", history.path("status").asText());
    assertTrue(history.path("needed").asText().startsWith("`SYSLOG ACCESS UNRESTRICTED`"), history.toString());

    // The same check against a database whose schema the user may not use.
    Warehouse denied = new Warehouse("redshift");
    denied
        .databases("finance")
        .query("/metadata/tables/sql", tableLabels, rows(List.of("ledger", "entries", "BASE TABLE")))
        .refuse("/metadata/columns/sql", new SQLException("ERROR: permission denied for schema ledger", "42501"))
        .query("/lineage/views/sql", viewLabels, rows())
        .query("/lineage/statements/sql", List.of("query_id"), rows(List.of("1")))
        .query("/query_logs/sql", List.of("query_id"), rows(List.of("1")));
    Map<String, JsonNode> refused =
        check(
            "redshift",
            denied.script.url(),
            List.of("--host", "cluster.example.com", "--user", "pushgen"),
            work.resolve("denied"));
    JsonNode columns = refused.get("metadata/columns query/finance");
    assertEquals("failed", columns.path("status").asText());
    assertEquals("ERROR: permission denied for schema ledger (SQLSTATE 42501)", columns.path("detail").asText());
    assertEquals(denied.descriptor.descriptor().privileges().metadata(), columns.path("needed").asText());
  }

  @Test
  void hiveNamesTheSysGrantAndTheMissingServerLog() throws Exception {
    Warehouse hive = new Warehouse("hive");
    SQLException denied =
        new SQLException(
            "Error while compiling statement: FAILED: HiveAccessControlException Permission denied:"
                + " user [etl] does not have [SELECT] privilege on [sys/tbls]",
            "42000",
            40000);
    hive.databases("sales")
        .refuse("/metadata/tables/sql", denied, "sales")
        .refuse("/metadata/columns/sql", denied, "sales")
        .refuse("/lineage/views/sql", denied, "sales");
    // The logs are not where --log-file says (or not readable for this user).
    Path logs = work.resolve("no-such-hive-logs");
    Map<String, JsonNode> checks =
        check(
            "hive",
            hive.script.url(),
            List.of("--host", "hs2.example.com", "--log-file", logs.toString()),
            work,
            "--override",
            HiveMetadataTest.driverOverride(work).toString());
    JsonNode tables = checks.get("metadata/tables query/sales");
    assertEquals("failed", tables.path("status").asText());
    assertTrue(tables.path("detail").asText().contains("HiveAccessControlException"), tables.toString());
    assertEquals(hive.descriptor.descriptor().privileges().metadata(), tables.path("needed").asText());
    assertFalse(checks.containsKey("metadata/tables visible/sales"));
    assertEquals("failed", status(checks, "lineage/views query/sales"));
    JsonNode files = checks.get("query_logs/log files/" + logs);
    assertEquals("failed", files.path("status").asText());
    assertEquals(
        "no hiveserver2 log files at '" + logs + "' (a file, a directory or a glob)",
        files.path("detail").asText());
    assertEquals(hive.descriptor.descriptor().privileges().queryLogs(), files.path("needed").asText());
    assertEquals("failed", status(checks, "lineage/log files/" + logs));
    assertFalse(checks.containsKey("query_logs/statements in the last day/" + logs));
  }

  @Test
  void clickhouseFlagsADatabaseShowingNoTablesAndARefusedQueryLog() throws Exception {
    Warehouse clickhouse = new Warehouse("clickhouse");
    SQLException denied =
        new SQLException(
            "Code: 497. DB::Exception: collector: Not enough privileges. To execute this query,"
                + " it's necessary to have the grant SELECT(query_id, query) ON system.query_log."
                + " (ACCESS_DENIED)",
            "HY000",
            497);
    clickhouse
        .databases("analytics", "locked")
        .perDatabase("/metadata/tables/sql",
            clickhouse.labels("/metadata/tables/map", "schema", "name", "type"),
            Map.of("analytics", rows(List.of("analytics", "events", "MergeTree"))))
        .perDatabase("/metadata/columns/sql",
            clickhouse.labels("/metadata/columns/map", "schema", "table", "name"), Map.of())
        .perDatabase("/lineage/views/sql",
            clickhouse.labels("/lineage/views/map", "schema", "name", "definition"), Map.of())
        .refuse("/lineage/statements/sql", denied)
        .refuse("/query_logs/sql", denied);
    Map<String, JsonNode> checks =
        check("clickhouse", clickhouse.script.url(),
            List.of("--host", "ch.example.com", "--user", "collector", "--password", "pw"), work);
    assertEquals("ok", status(checks, "metadata/tables visible/analytics"));
    JsonNode locked = checks.get("metadata/tables visible/locked");
    assertEquals("empty", locked.path("status").asText());
    assertEquals(clickhouse.text("/empty_results/tables").replaceAll("\\s+", " "), locked.path("needed").asText());
    JsonNode history = checks.get("query_logs/query history/null");
    assertEquals("failed", history.path("status").asText());
    assertTrue(history.path("detail").asText().contains("(ACCESS_DENIED)"), history.toString());
    assertEquals(clickhouse.descriptor.descriptor().privileges().queryLogs(), history.path("needed").asText());
    assertEquals("failed", status(checks, "lineage/statements query/null"));
  }

  @Test
  void teradataNamesTheDbqlGrantAndLoggingBehindAnEmptyQueryLog() throws Exception {
    Warehouse teradata = new Warehouse("teradata");
    teradata
        .databases("DBC", "Sales")
        .perDatabase("/metadata/tables/sql",
            teradata.labels("/metadata/tables/map", "schema", "name", "type"),
            Map.of("Sales", rows(List.of("Sales", "Orders", "T"))))
        .perDatabase("/metadata/columns/sql",
            teradata.labels("/metadata/columns/map", "schema", "table", "name"), Map.of())
        .perDatabase("/lineage/views/sql",
            teradata.labels("/lineage/views/map", "schema", "name", "definition"),
            Map.of("Sales", rows(List.of("Sales", "Orders_V", "CREATE VIEW Sales.Orders_V AS SELECT 1"))))
        // DBQL readable but nothing logged (query logging not begun): empty, not failed.
        .query("/lineage/statements/sql", List.of("QueryID"), rows())
        .query("/query_logs/sql", List.of("QueryID"), rows());
    Map<String, JsonNode> checks =
        check("teradata", teradata.script.url(),
            List.of("--host", "td.example.com", "--user", "collector", "--password", "pw"), work);
    assertEquals("ok", status(checks, "metadata/tables visible/Sales"));
    assertFalse(checks.containsKey("metadata/tables visible/DBC"), "DBC is skipped");
    assertEquals("ok", status(checks, "lineage/view definitions/Sales"));
    JsonNode history = checks.get("query_logs/queries in the last day/null");
    assertEquals("empty", history.path("status").asText());
    assertTrue(history.path("needed").asText().contains("BEGIN QUERY LOGGING WITH SQL ON ALL"), history.toString());
    assertEquals("empty", status(checks, "lineage/statements in the last day/null"));
  }

  @Test
  void sqlServerNamesViewDefinitionAndTheQueryStorePermission() throws Exception {
    Warehouse sqlserver = new Warehouse("sqlserver");
    // SQL Server's own refusal of a DMV-backed view (error 300, class 14).
    SQLException denied =
        new SQLException(
            "VIEW DATABASE STATE permission denied in database 'sales'.", "S0001", 300);
    sqlserver
        .databases("master", "sales")
        .query(
            "/metadata/tables/sql",
            sqlserver.labels("/metadata/tables/map", "schema", "name", "type"),
            rows(List.of("dbo", "orders", "USER_TABLE"), List.of("dbo", "v_open", "VIEW")))
        .query(
            "/metadata/columns/sql",
            sqlserver.labels("/metadata/columns/map", "schema", "table", "name"),
            rows())
        // Without VIEW DEFINITION the view is listed, its definition is not.
        .query(
            "/lineage/views/sql",
            sqlserver.labels("/lineage/views/map", "schema", "name", "definition"),
            rows(Arrays.<Object>asList("dbo", "v_open", null)))
        .refuse("/query_logs/sql", denied);
    Map<String, JsonNode> checks =
        check(
            "sqlserver",
            sqlserver.script.url(),
            List.of("--host", "sales.database.windows.net", "--user", "collector", "--password", "pw"),
            work,
            "--log-type", "s3");
    assertEquals("1 to collect: sales", checks.get("metadata/databases/null").path("detail").asText());
    assertEquals("ok", status(checks, "metadata/tables visible/sales"));
    JsonNode views = checks.get("lineage/view definitions/sales");
    assertEquals("empty", views.path("status").asText());
    assertEquals(sqlserver.text("/empty_results/views").replaceAll("\\s+", " "), views.path("needed").asText());
    JsonNode history = checks.get("query_logs/query history/null");
    assertEquals("failed", history.path("status").asText());
    assertEquals(
        "VIEW DATABASE STATE permission denied in database 'sales'. (SQLSTATE S0001, code 300)",
        history.path("detail").asText());
    assertEquals(sqlserver.descriptor.descriptor().privileges().queryLogs(), history.path("needed").asText());
  }

  @Test
  void oracleNamesTheVsqlGrant() throws Exception {
    Warehouse oracle = new Warehouse("oracle");
    SQLException missing = new SQLException("ORA-00942: table or view does not exist", "42000", 942);
    oracle
        .databases("ORCLPDB1")
        .query(
            "/metadata/tables/sql",
            oracle.labels("/metadata/tables/map", "schema", "name", "type"),
            rows(List.of("HR", "EMPLOYEES", "TABLE")))
        .query(
            "/metadata/columns/sql",
            oracle.labels("/metadata/columns/map", "schema", "table", "name"),
            rows())
        .query(
            "/lineage/views/sql",
            oracle.labels("/lineage/views/map", "schema", "name", "definition"),
            rows(List.of("HR", "V", "SELECT 1 FROM DUAL")))
        .refuse("/query_logs/sql", missing);
    Map<String, JsonNode> checks =
        check(
            "oracle",
            oracle.script.url(),
            List.of("--host", "db.example.com", "--service-name", "ORCLPDB1", "--user", "COLLECTOR"),
            work,
            "--log-type", "s3");
    assertEquals("ok", status(checks, "metadata/tables visible/ORCLPDB1"));
    assertEquals("ok", status(checks, "lineage/view definitions/ORCLPDB1"));
    JsonNode history = checks.get("query_logs/query history/null");
    assertEquals("failed", history.path("status").asText());
    // The vendor code is already in the message (ORA-00942), so it is not repeated.
    assertEquals("ORA-00942: table or view does not exist (SQLSTATE 42000)", history.path("detail").asText());
    assertEquals(oracle.descriptor.descriptor().privileges().queryLogs(), history.path("needed").asText());
  }

  @Test
  void oracleChecksTheFormsTheOptInsSelectAndNamesTheirGrants() throws Exception {
    Warehouse oracle = new Warehouse("oracle");
    // A DBA_ view the user may not read does not exist for it: Oracle answers ORA-00942.
    SQLException noDbaSegments = new SQLException("ORA-00942: table or view does not exist", "42000", 942);
    SQLException noAwr = new SQLException("ORA-01031: insufficient privileges", "42000", 1031);
    oracle
        .databases("ORCLPDB1")
        .refuse("/metadata/tables/variants/0/sql", noDbaSegments)
        .query(
            "/metadata/columns/sql",
            oracle.labels("/metadata/columns/map", "schema", "table", "name"),
            rows())
        .query(
            "/lineage/views/sql",
            oracle.labels("/lineage/views/map", "schema", "name", "definition"),
            rows(List.of("HR", "V", "SELECT 1 FROM DUAL")))
        .refuse("/query_logs/variants/0/sql", noAwr);
    Map<String, JsonNode> checks =
        check(
            "oracle",
            oracle.script.url(),
            List.of(
                "--host", "db.example.com", "--service-name", "ORCLPDB1", "--user", "COLLECTOR",
                "--segment-sizes", "--history-source", "awr"),
            work,
            "--log-type", "s3");
    Descriptor d = oracle.descriptor.descriptor();
    JsonNode tables = checks.get("metadata/tables query/ORCLPDB1");
    assertEquals("failed", tables.path("status").asText());
    assertEquals("ORA-00942: table or view does not exist (SQLSTATE 42000)", tables.path("detail").asText());
    assertEquals(d.metadata().tables().variants().get(0).privileges(), tables.path("needed").asText());
    assertTrue(tables.path("needed").asText().contains("SELECT_CATALOG_ROLE"));
    JsonNode history = checks.get("query_logs/query history/null");
    assertEquals("failed", history.path("status").asText());
    assertEquals("ORA-01031: insufficient privileges (SQLSTATE 42000)", history.path("detail").asText());
    assertEquals(d.queryLogs().variants().get(0).privileges(), history.path("needed").asText());
    assertTrue(history.path("needed").asText().contains("Diagnostics Pack"));
    // The default forms are not what was checked.
    List<String> executed = oracle.script.executed().stream().map(e -> e.sql().strip()).toList();
    assertFalse(executed.contains(oracle.noRows("/metadata/tables/sql", "ORCLPDB1").strip()), executed.toString());
    assertFalse(executed.contains(oracle.noRows("/query_logs/sql").strip()), executed.toString());
  }
}
