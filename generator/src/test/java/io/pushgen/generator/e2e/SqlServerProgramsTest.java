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
import io.pushgen.generator.descriptor.Descriptor;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.runtime.collect.Quoting;
import io.pushgen.runtime.collect.Sql;
import io.pushgen.testsupport.ScriptedDriver;
import io.pushgen.testsupport.ScriptedDriver.Column;
import io.pushgen.testsupport.ScriptedDriver.Table;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted SQL Server programs (metadata, lineage from views, Query Store query logs) on rows
 * laid out as Microsoft documents {@code sys.databases}, {@code sys.tables}/{@code sys.views},
 * {@code sys.columns}/{@code sys.types}, {@code sys.sql_modules} and the Query Store views
 * (column labels as the descriptor's SQL names them, JDBC types of the documented SQL types:
 * sysname and nvarchar as NVARCHAR, bigint, float, datetime2), served by {@link ScriptedDriver}
 * for the exact statements the descriptor issues, through to the local gateway. The programs
 * load the real {@code SQLServerDriver} class; the URL is a scripted one.
 *
 * <p>What is held: one connection per database, the database given as the driver's {@code
 * databaseName} property (never spliced into a URL, where a {@code ;} or {@code }} in a name
 * would change its meaning), system databases never opened, two catalog queries per database, and
 * volume without invented freshness; T-SQL view definitions as sys.sql_modules keeps them
 * (brackets, {@code CREATE OR ALTER}, {@code WITH SCHEMABINDING}) parsed for column lineage; one
 * Query Store row becoming one query-log entry, errors from its execution type.
 */
class SqlServerProgramsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ODD_DB = "odd ]db; select";

  private static final List<Column> DATABASES = List.of(new Column("name", Types.NVARCHAR));
  private static final List<Column> TABLES =
      List.of(
          new Column("schema_name", Types.NVARCHAR),
          new Column("table_name", Types.NVARCHAR),
          new Column("table_type", Types.NVARCHAR),
          new Column("description", Types.NVARCHAR),
          new Column("row_count", Types.BIGINT),
          new Column("byte_count", Types.BIGINT),
          new Column("view_query", Types.NVARCHAR));
  private static final List<Column> COLUMNS =
      List.of(
          new Column("schema_name", Types.NVARCHAR),
          new Column("table_name", Types.NVARCHAR),
          new Column("column_name", Types.NVARCHAR),
          new Column("data_type", Types.NVARCHAR),
          new Column("description", Types.NVARCHAR));
  private static final List<Column> VIEWS =
      List.of(
          new Column("schema_name", Types.NVARCHAR),
          new Column("view_name", Types.NVARCHAR),
          new Column("definition", Types.NVARCHAR));
  private static final List<Column> QUERY_STORE =
      List.of(
          new Column("query_id", Types.NVARCHAR),
          new Column("query_text", Types.NVARCHAR),
          new Column("start_time", Types.TIMESTAMP),
          new Column("end_time", Types.TIMESTAMP),
          new Column("error_text", Types.NVARCHAR),
          new Column("returned_rows", Types.BIGINT),
          new Column("execution_type", Types.NVARCHAR),
          new Column("count_executions", Types.BIGINT),
          new Column("avg_duration_us", Types.DOUBLE),
          new Column("avg_cpu_time_us", Types.DOUBLE),
          new Column("avg_rowcount", Types.DOUBLE),
          new Column("query_store_query_id", Types.BIGINT),
          new Column("plan_id", Types.BIGINT),
          new Column("database_name", Types.NVARCHAR),
          new Column("interval_start", Types.TIMESTAMP),
          new Column("interval_end", Types.TIMESTAMP));

  private static final String V_OPEN =
      "CREATE VIEW [dbo].[v_open] AS\r\nSELECT [o].[order_id], [o].[amount]\r\n"
          + "FROM [dbo].[orders] AS [o] WHERE [o].[status] = N'open'";

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static Descriptor descriptor;

  @BeforeAll
  static void generate() throws Exception {
    descriptor = Descriptors.loadShipped("sqlserver", null).descriptor();
    // Monte Carlo has no SQL Server log type: the query-log programs need --log-type.
    programs = InProcessPrograms.generate(work, "sqlserver", "--log-type", "s3");
  }

  @AfterAll
  static void close() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }

  /** A descriptor query as the programs send it (no identifiers: the database is the connection's). */
  private static String sql(String text) {
    return Sql.of(text).render(new Quoting("\"", "\"\""), Map.of()).strip();
  }

  private static String[] connection(ScriptedDriver.Script script, String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--jdbc-url", script.url(),
                "--host", "sales.database.windows.net",
                "--user", "collector",
                "--password", "Secret;pw}",
                "--encrypt", "true",
                "--host-name-in-certificate", "*.database.windows.net"));
    arguments.addAll(List.of(more));
    return arguments.toArray(String[]::new);
  }

  /** sys.databases as the master database of a server shows it, and each database's catalog. */
  private static ScriptedDriver.Script catalog() {
    return ScriptedDriver.script("sqlserver-" + System.nanoTime())
        .answer(
            sql(descriptor.metadata().databases().sql()),
            binds ->
                new Table(
                    DATABASES,
                    List.of(
                        row("master"), row("model"), row("msdb"), row(ODD_DB), row("sales"),
                        row("tempdb"))))
        .answer(
            sql(descriptor.metadata().tables().sql()),
            binds ->
                new Table(
                    TABLES,
                    List.of(
                        row("dbo", "orders", "USER_TABLE", "Order transactions", 1500L, 196608L, null),
                        row("dbo", "v_open", "VIEW", null, null, null, V_OPEN),
                        // A heap never written: sys.partitions has its row, with 0 rows and pages.
                        row("mart", "Order ]Totals", "USER_TABLE", null, 0L, 0L, null))))
        .answer(
            sql(descriptor.metadata().columns().sql()),
            binds ->
                new Table(
                    COLUMNS,
                    List.of(
                        row("dbo", "orders", "order_id", "int", "Primary key"),
                        row("dbo", "orders", "amount", "decimal", null),
                        row("dbo", "orders", "status", "nvarchar", null),
                        row("dbo", "v_open", "order_id", "int", null),
                        row("dbo", "v_open", "amount", "decimal", null),
                        row("mart", "Order ]Totals", "select", "datetime2", "a reserved word"))))
        .answer(
            sql(descriptor.lineage().views().sql()),
            binds ->
                new Table(
                    VIEWS,
                    List.of(
                        row("dbo", "v_open", V_OPEN),
                        // Encrypted (WITH ENCRYPTION): sys.sql_modules has no definition.
                        row("dbo", "v_secret", null),
                        row("mart", "v_totals",
                            "CREATE OR ALTER VIEW mart.v_totals WITH SCHEMABINDING AS\n"
                                + "SELECT o.status, SUM(o.amount) AS total FROM dbo.orders o"
                                + " GROUP BY o.status"))))
        .answer(
            sql(descriptor.lineage().statements().sql()),
            binds ->
                new Table(
                    List.of(
                        new Column("query_id", Types.VARCHAR),
                        new Column("query_text", Types.NVARCHAR),
                        new Column("database_name", Types.NVARCHAR),
                        new Column("schema_name", Types.VARCHAR)),
                    List.of(
                        // A prepared statement, as Query Store keeps it: declarations first.
                        row("41", "(@P0 decimal(10,2))INSERT INTO mart.big_orders (order_id, amount)"
                            + " SELECT order_id, amount FROM orders WHERE amount > @P0",
                            "sales", "dbo"),
                        // Found by the filter (INTO), but a read: no lineage, no failure.
                        row("42", "SELECT COUNT(*) FROM dbo.orders WHERE status = 'INTO'",
                            "sales", "dbo"))));
  }

  @Test
  void metadataOpensOneConnectionPerUserDatabaseAndSendsDocumentedVolume() throws Exception {
    ScriptedDriver.Script sqlserver = catalog();
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      Path manifest = work.resolve("m.json");
      assertEquals(
          0,
          programs.run(
              "CollectMetadata",
              connection(sqlserver, "--output-file", manifest.toString(), "--parallelism", "1")));
      assertEquals(
          0,
          programs.run(
              "PushMetadata",
              push(
                  gateway,
                  "--resource-type", "sqlserver",
                  "--input-file", manifest.toString(),
                  "--result-file", work.resolve("mr.json").toString())));
      JsonNode body = gateway.received(Flow.METADATA).get(0).body();
      assertEquals("sqlserver", body.at("/resource/resource_type").asText(), "--resource-type wins");
      Map<String, JsonNode> assets = Received.assets(gateway, "sqlserver");
      assertEquals(
          List.of(
              ODD_DB + ".dbo.orders", ODD_DB + ".dbo.v_open", ODD_DB + ".mart.Order ]Totals",
              "sales.dbo.orders", "sales.dbo.v_open", "sales.mart.Order ]Totals"),
          List.copyOf(assets.keySet()),
          "the user databases only, each with its tables and views");
      assertEquals(
          JSON.readTree(
              """
              {"type": "TABLE",
               "metadata": {"name": "orders", "database": "sales", "schema": "dbo",
                            "description": "Order transactions"},
               "fields": [{"name": "order_id", "type": "INT", "description": "Primary key"},
                          {"name": "amount", "type": "DECIMAL"},
                          {"name": "status", "type": "NVARCHAR"}],
               "volume": {"row_count": 1500, "byte_count": 196608}}
              """),
          assets.get("sales.dbo.orders"));
      JsonNode view = assets.get("sales.dbo.v_open");
      assertEquals("VIEW", view.get("type").asText());
      assertEquals(V_OPEN, view.at("/metadata/view_query").asText());
      assertFalse(view.has("volume"), "views have no counts");
      JsonNode empty = assets.get(ODD_DB + ".mart.Order ]Totals");
      assertEquals(JSON.readTree("{\"row_count\": 0, \"byte_count\": 0}"), empty.get("volume"));
      assertEquals("select", empty.at("/fields/0/name").asText());
      assertEquals("DATETIME2", empty.at("/fields/0/type").asText());
      assets.values().forEach(a -> assertFalse(a.has("freshness"), "no freshness is invented: " + a));

      // sys.databases on the first connection, then two queries per user database.
      assertEquals(
          List.of(
              sql(descriptor.metadata().databases().sql()),
              sql(descriptor.metadata().tables().sql()),
              sql(descriptor.metadata().columns().sql()),
              sql(descriptor.metadata().tables().sql()),
              sql(descriptor.metadata().columns().sql())),
          sqlserver.executed().stream().map(e -> e.sql().strip()).toList());
      // Each database is its own connection, named by the databaseName property (the first one
      // is the configured database, master); system databases are never opened.
      List<String> databases =
          sqlserver.connections().stream().map(p -> p.getProperty("databaseName")).toList();
      assertEquals(List.of("master", ODD_DB, "sales"), databases);
      Properties first = sqlserver.connections().get(0);
      assertEquals("collector", first.getProperty("user"));
      assertEquals("Secret;pw}", first.getProperty("password"));
      assertEquals("true", first.getProperty("encrypt"));
      assertEquals("*.database.windows.net", first.getProperty("hostNameInCertificate"));
      assertFalse(first.containsKey("authentication"), "SQL authentication sets no method");
    }
  }

  @Test
  void everyOrderByCanStandInADerivedTable() {
    // T-SQL refuses ORDER BY in a derived table without OFFSET or TOP, and the preflight check
    // wraps every query in one.
    for (String query :
        List.of(
            descriptor.metadata().databases().sql(),
            descriptor.metadata().tables().sql(),
            descriptor.metadata().columns().sql(),
            descriptor.lineage().views().sql(),
            descriptor.lineage().statements().sql(),
            descriptor.queryLogs().sql())) {
      assertTrue(query.strip().endsWith("OFFSET 0 ROWS"), query);
    }
  }

  @Test
  void lineageParsesTheViewsAndEachDatabasesQueryStore() throws Exception {
    ScriptedDriver.Script sqlserver = catalog();
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      int exit =
          programs.run(
              "CollectAndPushLineage",
              concat(
                  connection(sqlserver, "--databases", "sales"),
                  push(
                      gateway,
                      "--output-file", work.resolve("l.json").toString(),
                      "--result-file", work.resolve("lr.json").toString(),
                      "--start", "2026-03-01T00:00:00Z",
                      "--end", "2026-03-02T00:00:00Z",
                      "--state-file", work.resolve("l-state.json").toString())));
      assertEquals(0, exit);
      Map<String, JsonNode> byDestination = Received.lineageByDestination(gateway);
      assertEquals(
          List.of("sales.dbo.v_open", "sales.mart.big_orders", "sales.mart.v_totals"),
          List.copyOf(byDestination.keySet()));
      // The prepared INSERT, its declarations read past, unqualified names in dbo.
      assertEquals(
          JSON.readTree(
              """
              {"destination": {"type": "TABLE", "name": "big_orders", "database": "sales",
                               "schema": "mart", "asset_id": "dest"},
               "sources": [{"type": "TABLE", "name": "orders", "database": "sales",
                            "schema": "dbo", "asset_id": "src1"}],
               "fields": [
                 {"name": "amount", "source_fields": [{"asset_id": "src1", "field_name": "amount"}]},
                 {"name": "order_id", "source_fields": [{"asset_id": "src1", "field_name": "order_id"}]}]}
              """),
          byDestination.get("sales.mart.big_orders"));
      assertEquals(
          JSON.readTree(
              """
              {"destination": {"type": "VIEW", "name": "v_open", "database": "sales",
                               "schema": "dbo", "asset_id": "dest"},
               "sources": [{"type": "TABLE", "name": "orders", "database": "sales",
                            "schema": "dbo", "asset_id": "src1"}],
               "fields": [
                 {"name": "amount", "source_fields": [{"asset_id": "src1", "field_name": "amount"}]},
                 {"name": "order_id", "source_fields": [{"asset_id": "src1", "field_name": "order_id"}]}]}
              """),
          byDestination.get("sales.dbo.v_open"));
      JsonNode totals = byDestination.get("sales.mart.v_totals");
      assertEquals("dbo", totals.at("/sources/0/schema").asText());
      assertEquals("orders", totals.at("/sources/0/name").asText());
      // The views and the Query Store were each read once, in the named database only, the
      // history bound to the window.
      assertEquals(
          List.of(sql(descriptor.lineage().views().sql()), sql(descriptor.lineage().statements().sql())),
          sqlserver.executed().stream()
              .map(e -> e.sql().strip())
              .filter(s -> !s.equals(sql(descriptor.metadata().databases().sql())))
              .toList());
      ScriptedDriver.Executed history =
          sqlserver.executed().stream()
              .filter(e -> e.sql().strip().equals(sql(descriptor.lineage().statements().sql())))
              .findFirst()
              .orElseThrow();
      assertEquals(
          List.of(ts("2026-03-01T00:00:00Z"), ts("2026-03-02T00:00:00Z")),
          history.parameters().stream().map(p -> Timestamp.from(((Timestamp) p).toInstant())).toList());
      assertEquals(
          2,
          sqlserver.connections().stream()
              .filter(c -> "sales".equals(c.getProperty("databaseName")))
              .count(),
          "views and history are each read over a connection to the database collected");
    }
  }

  @Test
  void queryStoreRowsBecomeOneEntryEachWithTheirOutcome() throws Exception {
    ScriptedDriver.Script sqlserver =
        ScriptedDriver.script("sqlserver-qs-" + System.nanoTime())
            .answer(
                sql(descriptor.queryLogs().sql()),
                binds ->
                    new Table(
                        QUERY_STORE,
                        List.of(
                            row("41-7-1200-0", "SELECT order_id, amount FROM dbo.orders WHERE status = @P0",
                                ts("2026-03-01T09:59:58.500Z"), ts("2026-03-01T10:00:00Z"), null, 42L,
                                "Regular", 12L, 1830.5, 900.0, 40.25, 41L, 7L, "sales",
                                ts("2026-03-01T09:00:00Z"), ts("2026-03-01T10:00:00Z")),
                            row("52-9-1200-4", "INSERT INTO mart.daily SELECT * FROM dbo.orders",
                                ts("2026-03-01T09:30:00Z"), ts("2026-03-01T09:30:02Z"), "Exception", 0L,
                                "Exception", 1L, 2000000.0, 1500000.0, 0.0, 52L, 9L, "sales",
                                ts("2026-03-01T09:00:00Z"), ts("2026-03-01T10:00:00Z")))));
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      int exit =
          programs.run(
              "CollectAndPushQueryLogs",
              concat(
                  connection(sqlserver, "--database", "sales"),
                  push(
                      gateway,
                      "--start", "2026-03-01T00:00:00Z",
                      "--end", "2026-03-02T00:00:00Z",
                      "--state-file", work.resolve("qs-state.json").toString(),
                      "--output-file", work.resolve("q.json").toString(),
                      "--result-file", work.resolve("qr.json").toString())));
      assertEquals(0, exit);
      JsonNode body = gateway.received(Flow.QUERY_LOGS).get(0).body();
      assertEquals("s3", body.at("/resource/log_type").asText());
      JsonNode events = body.get("events");
      assertEquals(2, events.size());
      assertEquals(
          JSON.readTree(
              """
              {"query_id": "41-7-1200-0",
               "query_text": "SELECT order_id, amount FROM dbo.orders WHERE status = @P0",
               "start_time": "2026-03-01T09:59:58.500000Z",
               "end_time": "2026-03-01T10:00:00Z",
               "returned_rows": 42,
               "extra": {"execution_type": "Regular", "count_executions": 12,
                         "avg_duration_us": 1830.5, "avg_cpu_time_us": 900.0, "avg_rowcount": 40.25,
                         "query_store_query_id": 41, "plan_id": 7, "database_name": "sales",
                         "interval_start": "2026-03-01T09:00:00Z",
                         "interval_end": "2026-03-01T10:00:00Z"}}
              """),
          events.get(0));
      assertEquals("Exception", events.get(1).get("error_text").asText());
      assertFalse(events.get(0).has("user"), "Query Store records no user");
      // One statement, bound to the window, on the configured database's connection.
      ScriptedDriver.Executed history = sqlserver.executed().get(0);
      assertEquals(1, sqlserver.executed().size());
      assertEquals(
          List.of(ts("2026-03-01T00:00:00Z"), ts("2026-03-02T00:00:00Z")),
          history.parameters().stream().map(p -> Timestamp.from(((Timestamp) p).toInstant())).toList());
      assertEquals("sales", sqlserver.connections().get(0).getProperty("databaseName"));
    }
  }
}
