package io.pushgen.generator.e2e;

import static io.pushgen.generator.e2e.ScriptedRuns.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.descriptor.LoadedDescriptor;
import io.pushgen.runtime.collect.Quoting;
import io.pushgen.runtime.collect.Sql;
import io.pushgen.testsupport.ScriptedDriver;
import io.pushgen.testsupport.ScriptedDriver.Column;
import io.pushgen.testsupport.ScriptedDriver.Table;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Teradata programs on rows laid out as Teradata documents the dictionary views
 * ({@code DBC.DatabasesV}, {@code TablesV}, {@code ColumnsV}, {@code TableSizeV}) and the DBQL
 * views ({@code DBC.QryLogV} with {@code QryLogSQLV}), served by {@link ScriptedDriver} (no
 * Teradata system runs here), through to the local gateway with the exact payloads; and what the
 * real Teradata JDBC driver receives for TD2 (the default) and LDAP logons with TLS.
 */
class TeradataProgramsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "pw-SECRET-teradata-29";

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static LoadedDescriptor descriptor;
  private static Quoting quoting;

  @BeforeAll
  static void generate() throws Exception {
    programs = InProcessPrograms.generate(work, "teradata");
    descriptor = Descriptors.loadShipped("teradata", null);
    quoting = new Quoting("\"", "\"\"");
  }

  @AfterAll
  static void close() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }

  /** The descriptor's query at {@code pointer}, as the programs send it. */
  private static String sql(String pointer) {
    return Sql.of(descriptor.tree().root().at(pointer).asText()).render(quoting, Map.of());
  }

  private static List<String> connection(ScriptedDriver.Script script) {
    return List.of("--jdbc-url", script.url(), "--host", "td.example.com", "--user", "collector",
        "--password", PASSWORD);
  }

  private static List<String> push(LocalGateway gateway, String name) {
    return List.of(
        ScriptedRuns.push(
            gateway,
            "--output-file", work.resolve(name + ".json").toString(),
            "--result-file", work.resolve(name + "-result.json").toString()));
  }

  @SafeVarargs
  private static Table table(List<Column> columns, List<Object>... rows) {
    return new Table(columns, List.of(rows));
  }

  private static Column text(String label) {
    return new Column(label, Types.VARCHAR);
  }

  @Test
  void metadataWithBytesSummedOverAmpsAndViewText() throws Exception {
    List<Column> tables =
        List.of(text("DatabaseName"), text("TableName"), text("TableKind"), text("CommentString"),
            new Column("CurrentPerm", Types.DECIMAL), new Column("CreateTimeStamp", Types.TIMESTAMP),
            text("ViewText"));
    List<Column> columns =
        List.of(text("DatabaseName"), text("TableName"), text("ColumnName"), text("ColumnType"),
            text("CommentString"));
    ScriptedDriver.Script teradata =
        ScriptedDriver.script("teradata-md-" + System.nanoTime())
            .answer(sql("/metadata/databases/sql"),
                p -> table(List.of(text("DatabaseName")), List.of("DBC"), List.of("Sales"),
                    List.of("SYSLIB"), List.of("TD_SYSFNLIB"), List.of("TD_OBJ_HOME")))
            .answer(sql("/metadata/tables/sql"),
                p -> "Sales".equals(p.get(0))
                    ? table(tables,
                        // CurrentPerm summed over the AMPs (DECIMAL(18,0) per AMP, summed).
                        Arrays.asList("Sales", "Orders", "T", "Order lines",
                            new BigDecimal("3145728"), ts("2025-11-02T08:15:30Z"), null),
                        Arrays.asList("Sales", "Orders_V", "V", null, null,
                            ts("2025-11-03T09:00:00Z"),
                            "CREATE VIEW Sales.Orders_V AS SELECT OrderId, Amount FROM Sales.Orders;"),
                        // A NoPI staging table never loaded: no TableSizeV row.
                        Arrays.asList("Sales", "stage_orders", "O", null, null,
                            ts("2025-11-04T10:00:00Z"), null))
                    : table(tables))
            .answer(sql("/metadata/columns/sql"),
                p -> table(columns,
                    List.of("Sales", "Orders", "OrderId", "I8", "Surrogate key"),
                    List.of("Sales", "Orders", "Amount", "D", ""),
                    List.of("Sales", "Orders", "Placed", "TS", ""),
                    // ColumnsV keeps no type for a view's columns.
                    List.of("Sales", "Orders_V", "OrderId", "UNKNOWN", ""),
                    List.of("Sales", "stage_orders", "Payload", "JN", "")));
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      List<String> arguments = new ArrayList<>(connection(teradata));
      arguments.addAll(push(gateway, "m"));
      assertEquals(0, programs.run("CollectAndPushMetadata", arguments.toArray(String[]::new)));

      Map<String, JsonNode> assets = Received.assets(gateway, "data-lake");
      assertEquals(List.of("Sales.Sales.Orders", "Sales.Sales.Orders_V", "Sales.Sales.stage_orders"),
          List.copyOf(assets.keySet()), "system databases (DBC, SYSLIB, TD_*) are skipped");
      // An empty comment is no description.
      assertEquals(
          JSON.readTree(
              """
              {"type": "TABLE",
               "metadata": {"name": "Orders", "database": "Sales", "schema": "Sales",
                            "description": "Order lines", "created_on": "2025-11-02T08:15:30Z"},
               "fields": [{"name": "OrderId", "type": "BIGINT", "description": "Surrogate key"},
                          {"name": "Amount", "type": "DECIMAL"},
                          {"name": "Placed", "type": "TIMESTAMP"}],
               "volume": {"byte_count": 3145728}}
              """),
          assets.get("Sales.Sales.Orders"));
      JsonNode view = assets.get("Sales.Sales.Orders_V");
      assertEquals("VIEW", view.get("type").asText());
      assertEquals("CREATE VIEW Sales.Orders_V AS SELECT OrderId, Amount FROM Sales.Orders;",
          view.at("/metadata/view_query").asText());
      assertEquals("UNKNOWN", view.at("/fields/0/type").asText());
      assertFalse(view.has("volume"));
      assertFalse(view.has("freshness"), "no data-change time in the dictionary");
      assertEquals("TABLE", assets.get("Sales.Sales.stage_orders").get("type").asText());
      assertEquals("JSON", assets.get("Sales.Sales.stage_orders").at("/fields/0/type").asText());
      // The list, then two queries for the one database collected: the tables query binds it
      // twice (TablesV and TableSizeV), the columns query once.
      List<ScriptedDriver.Executed> executed = teradata.executed();
      assertEquals(3, executed.size(), executed.toString());
      List<List<Object>> binds = executed.stream().skip(1).map(ScriptedDriver.Executed::parameters).toList();
      assertTrue(binds.containsAll(List.of(List.of("Sales", "Sales"), List.of("Sales"))), binds.toString());
    }
  }

  private static final List<Column> QUERY_LOG =
      List.of(new Column("QueryID", Types.DECIMAL), new Column("SqlRowNo", Types.INTEGER),
          text("QueryText"), new Column("StartTime", Types.TIMESTAMP),
          new Column("EndTime", Types.TIMESTAMP), text("UserName"),
          new Column("ErrorCode", Types.INTEGER), text("ErrorText"),
          new Column("NumResultRows", Types.DECIMAL), text("StatementType"),
          text("DefaultDatabase"), text("AppID"), new Column("SessionID", Types.INTEGER),
          new Column("AMPCPUTime", Types.DECIMAL), new Column("TotalIOCount", Types.DECIMAL),
          text("AbortFlag"));

  @Test
  void queryLogsJoinTheSqlRowsOfEachQueryInOrder() throws Exception {
    String head = "INSERT INTO Sales.Daily SELECT CAST(Placed AS DATE), SUM(Amount) ";
    String tail = "FROM Sales.Orders GROUP BY 1";
    BigDecimal insertId = new BigDecimal("307191234567890123");
    ScriptedDriver.Script teradata =
        ScriptedDriver.script("teradata-ql-" + System.nanoTime())
            .answer(sql("/query_logs/sql"),
                p -> table(QUERY_LOG,
                    // The INSERT's text in two QryLogSQLV rows, joined in SqlRowNo order.
                    Arrays.asList(insertId, 1, head, ts("2026-03-01T10:00:00Z"),
                        ts("2026-03-01T10:00:04.5Z"), "ETL_USER", null, null,
                        new BigDecimal("365"), "Insert", "Sales", "BTEQ", 4711,
                        new BigDecimal("1.25"), new BigDecimal("880"), "F"),
                    Arrays.asList(insertId, 2, tail, ts("2026-03-01T10:00:00Z"),
                        ts("2026-03-01T10:00:04.5Z"), "ETL_USER", null, null,
                        new BigDecimal("365"), "Insert", "Sales", "BTEQ", 4711,
                        new BigDecimal("1.25"), new BigDecimal("880"), "F"),
                    // Failed before responding: no SQL row, QryLogV's own text.
                    Arrays.asList(new BigDecimal("307191234567890124"), null,
                        "SELECT * FROM Sales.Nope", ts("2026-03-01T10:01:00Z"),
                        ts("2026-03-01T10:01:00Z"), "ANALYST", 3807,
                        "Object 'Sales.Nope' does not exist.", null, "Select", "Sales",
                        "JDBC", 4712, BigDecimal.ZERO, BigDecimal.ZERO, "T")));
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      List<String> arguments = new ArrayList<>(connection(teradata));
      arguments.addAll(push(gateway, "q"));
      arguments.addAll(List.of("--start", "2026-03-01T00:00:00Z", "--end", "2026-03-02T00:00:00Z",
          "--state-file", work.resolve("q-state.json").toString()));
      assertEquals(0, programs.run("CollectAndPushQueryLogs", arguments.toArray(String[]::new)));

      JsonNode body = gateway.received(Flow.QUERY_LOGS).get(0).body();
      assertEquals("teradata", body.at("/resource/log_type").asText());
      assertEquals(
          JSON.readTree(
              """
              [{"start_time": "2026-03-01T10:00:00Z", "end_time": "2026-03-01T10:00:04.500000Z",
                "query_text": "INSERT INTO Sales.Daily SELECT CAST(Placed AS DATE), SUM(Amount) FROM Sales.Orders GROUP BY 1",
                "query_id": "307191234567890123", "user": "ETL_USER", "returned_rows": 365,
                "extra": {"statement_type": "Insert", "default_database": "Sales",
                          "app_id": "BTEQ", "session_id": 4711, "amp_cpu_time": 1.25,
                          "total_io_count": 880, "abort_flag": "F"}},
               {"start_time": "2026-03-01T10:01:00Z", "end_time": "2026-03-01T10:01:00Z",
                "query_text": "SELECT * FROM Sales.Nope", "query_id": "307191234567890124",
                "user": "ANALYST", "error_code": 3807,
                "error_text": "Object 'Sales.Nope' does not exist.",
                "extra": {"statement_type": "Select", "default_database": "Sales",
                          "app_id": "JDBC", "session_id": 4712, "amp_cpu_time": 0,
                          "total_io_count": 0, "abort_flag": "T"}}]
              """),
          body.get("events"));
      List<Object> binds = teradata.executed().get(0).parameters();
      assertEquals(2, binds.size(), binds.toString());
      assertEquals(Instant.parse("2026-03-01T00:00:00Z"), ((Timestamp) binds.get(0)).toInstant());
      assertEquals(Instant.parse("2026-03-02T00:00:00Z"), ((Timestamp) binds.get(1)).toInstant());
    }
  }

  @Test
  void lineageFromViewTextAndDbqlStatements() throws Exception {
    List<Column> views = List.of(text("DatabaseName"), text("TableName"), text("ViewText"));
    ScriptedDriver.Script teradata =
        ScriptedDriver.script("teradata-lin-" + System.nanoTime())
            .answer(sql("/metadata/databases/sql"),
                p -> table(List.of(text("DatabaseName")), List.of("Sales")))
            .answer(sql("/lineage/views/sql"),
                p -> table(views,
                    List.of("Sales", "Orders_V",
                        "CREATE VIEW Sales.Orders_V AS SELECT OrderId, Amount FROM Sales.Orders;"),
                    // RequestText keeps the statement as it was run: REPLACE VIEW, LOCKING.
                    List.of("Sales", "Big_Orders_V",
                        "REPLACE VIEW Sales.Big_Orders_V AS LOCKING ROW FOR ACCESS\r"
                            + "SEL \"OrderId\", Amount (FORMAT 'ZZZ9.99') FROM Sales.Orders"
                            + " WHERE Amount > 100;")))
            .answer(sql("/lineage/statements/sql"),
                p -> table(
                    List.of(new Column("QueryID", Types.DECIMAL), text("QueryText"),
                        text("DefaultDatabase")),
                    List.of(new BigDecimal("307191234567890123"), "INSERT INTO Daily SELECT ",
                        "Sales"),
                    List.of(new BigDecimal("307191234567890123"), "OrderId, Amount FROM Orders",
                        "Sales"),
                    // Teradata syntax, its text cut mid-word across two SQL rows.
                    List.of(new BigDecimal("307191234567890125"),
                        "LOCKING ROW FOR ACCESS INS INTO Mart.Top_Orders (OrderId, Amount) SEL TOP 10 Ord",
                        "Sales"),
                    List.of(new BigDecimal("307191234567890125"),
                        "erId, Amount FROM Orders ORDER BY Amount DESC;", "Sales"),
                    // A multi-statement request: a transaction of two statements.
                    List.of(new BigDecimal("307191234567890126"),
                        "BT; DEL FROM Mart.Regions ALL; INS Mart.Regions SEL DISTINCT Region"
                            + " FROM Sales.Customers; ET;", "Sales")));
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      List<String> arguments = new ArrayList<>(connection(teradata));
      arguments.addAll(push(gateway, "l"));
      arguments.addAll(List.of("--start", "2026-03-01T00:00:00Z", "--end", "2026-03-02T00:00:00Z",
          "--state-file", work.resolve("l-state.json").toString()));
      assertEquals(0, programs.run("CollectAndPushLineage", arguments.toArray(String[]::new)));
      Map<String, JsonNode> byDestination = Received.lineageByDestination(gateway);
      assertEquals(
          List.of(
              "Mart.Mart.Regions",
              "Mart.Mart.Top_Orders",
              "Sales.Sales.Big_Orders_V",
              "Sales.Sales.Daily",
              "Sales.Sales.Orders_V"),
          List.copyOf(byDestination.keySet()));
      // The statement's text, joined from its two SQL rows, resolves against its default database.
      JsonNode insert = byDestination.get("Sales.Sales.Daily");
      assertEquals("Sales", insert.at("/destination/schema").asText());
      assertEquals("Orders", insert.at("/sources/0/name").asText());
      assertEquals("Sales", insert.at("/sources/0/database").asText());
      assertEquals("VIEW", byDestination.get("Sales.Sales.Orders_V").at("/destination/type").asText());
      assertEquals("Orders", byDestination.get("Sales.Sales.Orders_V").at("/sources/0/name").asText());
      // The REPLACE VIEW text, with its locking clause and FORMAT phrase, column by column.
      JsonNode big = byDestination.get("Sales.Sales.Big_Orders_V");
      assertEquals("VIEW", big.at("/destination/type").asText());
      assertEquals(
          JSON.readTree(
              """
              [{"name": "Amount", "source_fields": [{"asset_id": "src1", "field_name": "Amount"}]},
               {"name": "OrderId", "source_fields": [{"asset_id": "src1", "field_name": "OrderId"}]}]
              """),
          big.get("fields"));
      // LOCKING ROW FOR ACCESS INS ... SEL TOP: the abbreviations and the modifier understood.
      JsonNode top = byDestination.get("Mart.Mart.Top_Orders");
      assertEquals("Mart", top.at("/destination/schema").asText());
      assertEquals("Sales", top.at("/sources/0/database").asText());
      assertEquals("Orders", top.at("/sources/0/name").asText());
      assertEquals(List.of("Amount", "OrderId"),
          List.of(top.at("/fields/0/name").asText(), top.at("/fields/1/name").asText()));
      assertEquals("Customers", byDestination.get("Mart.Mart.Regions").at("/sources/0/name").asText());
      // Three views and statements plus the four statements of the request, all understood.
      JsonNode counts = JSON.readTree(work.resolve("l.json").toFile()).get("counts");
      assertEquals(8, counts.path("statements_read").asLong(-1), counts.toString());
      assertEquals(8, counts.path("statements_parsed").asLong(-1), counts.toString());
    }
  }

  private static DriverBoundary.Call logon(DriverBoundary boundary, String... more) throws Exception {
    int before = boundary.calls().size();
    Path out = Files.createDirectories(work.resolve("auth"));
    List<String> arguments = new ArrayList<>(List.of("--host", "td.example.com", "--user",
        "collector", "--password", PASSWORD, "--output-file", out.resolve("m.json").toString()));
    arguments.addAll(List.of(more));
    DriverBoundary.Output output = DriverBoundary.capture(
        () -> programs.run("CollectMetadata", arguments.toArray(String[]::new)));
    assertEquals(1, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("cannot connect to jdbc:teradata:"), output.all());
    assertFalse((output.all() + TestCertificates.everythingWritten(out)).contains(PASSWORD),
        output.all());
    assertEquals(before + 1, boundary.calls().size());
    return boundary.calls().get(before);
  }

  @Test
  void td2AndLdapLogonsWithVerifiedTlsReachTheRealDriver() throws Exception {
    Path ca = Files.writeString(work.resolve("td-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    try (DriverBoundary boundary = DriverBoundary.replace("com.teradata.jdbc.TeraDriver",
        "jdbc:teradata:", "jdbc:teradata://td.example.com/DBS_PORT=1025")) {
      DriverBoundary.Call td2 = logon(boundary, "--ssl-mode", "VERIFY-FULL",
          "--ssl-ca", ca.toString());
      assertEquals("jdbc:teradata://td.example.com/DBS_PORT=1025", td2.url());
      Properties p = td2.properties();
      assertEquals("TD2", p.getProperty("LOGMECH"));
      assertEquals("collector", p.getProperty("user"));
      assertEquals(PASSWORD, p.getProperty("password"));
      assertEquals("VERIFY-FULL", p.getProperty("SSLMODE"));
      assertEquals(ca.toString(), p.getProperty("SSLCA"));

      DriverBoundary.Call ldap = logon(boundary, "--logmech", "LDAP", "--port", "443");
      assertEquals("jdbc:teradata://td.example.com/DBS_PORT=443", ldap.url());
      assertEquals("LDAP", ldap.properties().getProperty("LOGMECH"));
      assertEquals(PASSWORD, ldap.properties().getProperty("password"));
    }
  }
}
