package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.run.EmittedPrograms;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Trino programs (warehouses/trino.yaml) against a real Trino 483 server with the
 * memory connector, over the real trino-jdbc driver, through to the local gateway: metadata,
 * lineage from view definitions and from the coordinator's query history, query logs from {@code
 * system.runtime.queries}, and {@code Check}.
 *
 * <p>Trino's classes are Java 25 bytecode: the server (trino-fixture's {@code TrinoTestServer})
 * runs in a child JVM of the Java 25 at {@code -Dpushgen.java25.home}, started once for this
 * class, which is the only one that starts it. Its start-up time is printed.
 */
class TrinoEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE_UUID = "3f1a2b4c-0000-4000-8000-0000000071e0";
  // Generous: on a 2-core machine shared with other builds the start-up has taken over 4 minutes.
  private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

  /** What the loader runs, in order; the query-log and lineage windows cover exactly these. */
  private static final List<String> SETUP =
      List.of(
          "CREATE SCHEMA memory.sales",
          "CREATE TABLE memory.sales.orders (id bigint, amount decimal(10,2), status varchar,"
              + " created_at timestamp(3) with time zone) COMMENT 'Order transactions'",
          "INSERT INTO memory.sales.orders VALUES (1, 10.50, 'open', TIMESTAMP '2026-01-01 00:00:00 UTC'),"
              + " (2, 99.00, 'shipped', TIMESTAMP '2026-01-02 00:00:00 UTC')",
          "CREATE VIEW memory.sales.open_orders COMMENT 'Still open' AS"
              + " SELECT id, amount FROM memory.sales.orders WHERE status = 'open'",
          "CREATE SCHEMA memory.reporting",
          "CREATE TABLE memory.reporting.order_totals AS"
              + " SELECT status, sum(amount) AS total FROM memory.sales.orders GROUP BY status",
          "INSERT INTO memory.reporting.order_totals SELECT 'all', sum(amount) FROM memory.sales.orders",
          "SELECT count(*) FROM memory.sales.missing",
          "CREATE SCHEMA memory.empty_schema");

  private static final String FAILING = "SELECT count(*) FROM memory.sales.missing";

  @TempDir static Path work;
  private static Process server;
  private static int port;
  private static InProcessPrograms programs;
  private static Instant setupStart;
  private static Instant setupEnd;

  @BeforeAll
  static void startTrinoAndBuildPrograms() throws Exception {
    Path java = Path.of(System.getProperty("pushgen.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
    if (!Files.isExecutable(java)) {
      fail("Java 25 is needed to run the Trino 483 test server and was not found at " + java
          + ": install a Java 25 JDK there, or give its home with -Dpushgen.java25.home=DIR");
    }
    Path classpath = Path.of(requiredProperty("pushgen.trino.classpath"));
    if (!Files.isRegularFile(classpath)) {
      fail(classpath + " is missing: build the trino-fixture module first (mvn -pl generator -am ...)");
    }
    Path ready = work.resolve("trino-ready.txt");
    Path log = work.resolve("trino-server.log");
    long started = System.nanoTime();
    server =
        new ProcessBuilder(
                // C1 only and the serial collector: less compilation and GC work while starting,
                // which dominates on a small machine; the test's queries are tiny.
                java.toString(), "-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--add-modules", "jdk.incubator.vector",
                "-cp", Files.readString(classpath).strip(),
                requiredProperty("pushgen.trino.server"), ready.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // The programs are generated and compiled while Trino starts.
    programs = InProcessPrograms.generate(work, "trino");
    String baseUrl = awaitReady(ready, log, started);
    long startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    port = URI.create(baseUrl).getPort();
    System.out.printf("TrinoEndToEndTest: Trino 483 server started in %d ms%n", startupMillis);

    setupStart = Instant.now();
    try (Connection c = connect("loader"); Statement s = c.createStatement()) {
      for (String sql : SETUP) {
        try {
          s.execute(sql);
        } catch (SQLException e) {
          assertEquals(FAILING, sql, "only the failing query fails: " + e);
        }
      }
    }
    // The history's end times are the coordinator's; leave a margin before the window closes.
    Thread.sleep(300);
    setupEnd = Instant.now();
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      fail("system property " + name + " is not set (the generator pom's failsafe configuration sets it)");
    }
    return value;
  }

  private static String awaitReady(Path ready, Path log, long started) throws Exception {
    long deadline = started + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(ready)) {
        return Files.readString(ready).strip();
      }
      if (!server.isAlive()) {
        fail("the Trino test server exited with " + server.exitValue() + ":\n" + tail(log));
      }
      Thread.sleep(100);
    }
    fail("the Trino test server did not start within " + START_TIMEOUT + ":\n" + tail(log));
    return null;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (programs != null) {
      programs.close();
    }
    if (server != null) {
      server.getOutputStream().close();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }

  private static Connection connect(String user) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    return DriverManager.getConnection("jdbc:trino://127.0.0.1:" + port, p);
  }

  /** The connection options of every program: no authentication, plain HTTP, user alice. */
  private static List<String> connection() {
    return List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--ssl", "false",
        "--auth", "none", "--user", "alice");
  }

  private static String[] args(LocalGateway gateway, String name, String... more) {
    List<String> all = new ArrayList<>(connection());
    all.addAll(List.of("--key-id", "kid", "--key-token", "ktok", "--resource-uuid", RESOURCE_UUID,
        "--endpoint", gateway.baseUrl(),
        "--result-file", work.resolve(name + "_result.json").toString(),
        "--output-file", work.resolve(name + "_manifest.json").toString()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void metadataOfEveryCatalogReachesTheGateway() throws Exception {
    try (LocalGateway gateway = new LocalGateway().expectKey("kid", "ktok").start(0)) {
      assertEquals(0, programs.run("CollectAndPushMetadata", args(gateway, "metadata")));
      Map<String, JsonNode> expected = new TreeMap<>();
      expected.put(
          "memory.sales.orders",
          JSON.readTree(
              """
              {"type": "TABLE",
               "metadata": {"name": "orders", "database": "memory", "schema": "sales",
                            "description": "Order transactions"},
               "fields": [{"name": "id", "type": "BIGINT"},
                          {"name": "amount", "type": "DECIMAL(10,2)"},
                          {"name": "status", "type": "VARCHAR"},
                          {"name": "created_at", "type": "TIMESTAMP(3) WITH TIME ZONE"}]}
              """));
      expected.put(
          "memory.sales.open_orders",
          JSON.readTree(
              """
              {"type": "VIEW",
               "metadata": {"name": "open_orders", "database": "memory", "schema": "sales",
                            "description": "Still open",
                            "view_query": "SELECT\\n  id\\n, amount\\nFROM\\n  memory.sales.orders\\nWHERE (status = 'open')\\n"},
               "fields": [{"name": "id", "type": "BIGINT"}, {"name": "amount", "type": "DECIMAL(10,2)"}]}
              """));
      expected.put(
          "memory.reporting.order_totals",
          JSON.readTree(
              """
              {"type": "TABLE",
               "metadata": {"name": "order_totals", "database": "memory", "schema": "reporting"},
               "fields": [{"name": "status", "type": "VARCHAR"}, {"name": "total", "type": "DECIMAL(38,2)"}]}
              """));
      assertEquals(expected, Received.assets(gateway, "data-lake"),
          "memory's tables and view; the system catalog and information_schema skipped");
    }
  }

  @Test
  void viewsAndWritingStatementsOfTheHistoryBecomeLineage() throws Exception {
    Path catalog = work.resolve("lineage_catalog.json");
    List<String> collect = new ArrayList<>(connection());
    collect.addAll(List.of("--output-file", catalog.toString()));
    assertEquals(0, programs.run("CollectMetadata", collect.toArray(String[]::new)));
    try (LocalGateway gateway = new LocalGateway().expectKey("kid", "ktok").start(0)) {
      assertEquals(
          0,
          programs.run(
              "CollectAndPushLineage",
              args(gateway, "lineage", "--catalog", catalog.toString(),
                  "--start", setupStart.toString(), "--end", setupEnd.toString(),
                  "--state-file", work.resolve("lineage_state.json").toString())));
      Map<String, JsonNode> events = new TreeMap<>();
      gateway.received(Flow.LINEAGE).forEach(r -> r.events().forEach(
          e -> events.put(e.at("/destination/schema").asText() + "." + e.at("/destination/name").asText(), e)));
      assertEquals(
          Map.of(
              "sales.open_orders",
              JSON.readTree(
                  """
                  {"destination": {"type": "VIEW", "name": "open_orders", "database": "memory",
                                   "schema": "sales", "asset_id": "dest"},
                   "sources": [{"type": "TABLE", "name": "orders", "database": "memory",
                                "schema": "sales", "asset_id": "src1"}],
                   "fields": [
                     {"name": "amount", "source_fields": [{"asset_id": "src1", "field_name": "amount"}]},
                     {"name": "id", "source_fields": [{"asset_id": "src1", "field_name": "id"}]}]}
                  """),
              "reporting.order_totals",
              JSON.readTree(
                  """
                  {"destination": {"type": "TABLE", "name": "order_totals", "database": "memory",
                                   "schema": "reporting", "asset_id": "dest"},
                   "sources": [{"type": "TABLE", "name": "orders", "database": "memory",
                                "schema": "sales", "asset_id": "src1"}],
                   "fields": [
                     {"name": "status", "source_fields": [{"asset_id": "src1", "field_name": "status"}]},
                     {"name": "total", "source_fields": [{"asset_id": "src1", "field_name": "amount"}]}]}
                  """)),
          events);
    }
  }

  @Test
  void finishedAndFailedQueriesOfTheWindowArePushedAsPrestoS3Logs() throws Exception {
    try (LocalGateway gateway = new LocalGateway().expectKey("kid", "ktok").start(0)) {
      assertEquals(
          0,
          programs.run(
              "CollectAndPushQueryLogs",
              args(gateway, "query_logs", "--start", setupStart.toString(), "--end", setupEnd.toString(),
                  "--state-file", work.resolve("query_logs_state.json").toString())));
      List<JsonNode> entries = new ArrayList<>();
      gateway.received(Flow.QUERY_LOGS).forEach(r -> {
        assertEquals("presto-s3", r.body().at("/resource/log_type").asText());
        r.events().forEach(entries::add);
      });
      assertEquals(SETUP.size(), entries.size(), entries.toString());
      // In end-time order, which for statements run one after the other is the order they ran in.
      for (int i = 0; i < SETUP.size(); i++) {
        JsonNode entry = entries.get(i);
        boolean failed = SETUP.get(i).equals(FAILING);
        assertEquals(SETUP.get(i), entry.path("query_text").asText());
        assertEquals("loader", entry.path("user").asText());
        assertTrue(entry.path("query_id").asText().matches("\\d{8}_\\d{6}_\\d{5}_[a-z0-9]{5}"), entry.toString());
        Instant start = Instant.parse(entry.path("start_time").asText());
        Instant end = Instant.parse(entry.path("end_time").asText());
        assertTrue(!start.isAfter(end) && !end.isBefore(setupStart) && end.isBefore(setupEnd), entry.toString());
        JsonNode extra = entry.path("extra");
        assertEquals(failed ? "FAILED" : "FINISHED", extra.path("state").asText(), entry.toString());
        assertEquals("trino-jdbc", extra.path("source").asText());
        assertEquals("global", extra.path("resource_group").asText());
        assertTrue(extra.path("queued_time_ms").isIntegralNumber(), entry.toString());
        if (failed) {
          assertEquals("TABLE_NOT_FOUND", entry.path("error_code").asText(), entry.toString());
          assertEquals("USER_ERROR", extra.path("error_type").asText());
        } else {
          assertTrue(entry.path("error_code").isMissingNode(), entry.toString());
          assertTrue(extra.path("error_type").isNull(), entry.toString());
        }
      }
      assertEquals(
          JSON.readTree(
              "[\"analysis_time_ms\", \"error_type\", \"planning_time_ms\", \"queued_time_ms\","
                  + " \"resource_group\", \"source\", \"state\"]"),
          fieldNames(entries.get(0).path("extra")));
    }
  }

  private static ArrayNode fieldNames(JsonNode object) {
    ArrayNode names = JSON.createArrayNode();
    List<String> sorted = new ArrayList<>();
    object.fieldNames().forEachRemaining(sorted::add);
    sorted.sort(null);
    sorted.forEach(names::add);
    return names;
  }

  @Test
  void checkPassesOnTheServer() throws Exception {
    EmittedPrograms.Run run =
        programs
            .compiled()
            .run(
                "io.pushgen.trino.Check",
                Map.of(
                    "TRINO_HOST", "127.0.0.1",
                    "TRINO_PORT", String.valueOf(port),
                    "TRINO_SSL", "false",
                    "TRINO_AUTH", "none",
                    "TRINO_USER", "alice",
                    "MCD_INGEST_ID", "kid",
                    "MCD_INGEST_TOKEN", "tok-SECRET-trino",
                    "MCD_RESOURCE_UUID", RESOURCE_UUID),
                List.of("--json"));
    CheckReports.assertNotShown(run, "tok-SECRET-trino");
    assertEquals(0, run.exitCode(), run.output());
    Map<String, JsonNode> checks = CheckReports.checks(run.stdout());
    assertEquals(
        List.of(
            "metadata/databases/null",
            "metadata/connect/memory",
            "metadata/tables query/memory",
            "metadata/columns query/memory",
            "metadata/tables visible/memory",
            "lineage/views query/memory",
            "lineage/view definitions/memory",
            "lineage/connect/null",
            "lineage/statements query/null",
            "lineage/statements in the last day/null",
            "query_logs/query history/null",
            "query_logs/queries in the last day/null"),
        checks.keySet().stream().filter(k -> !k.startsWith("monte_carlo/")).toList(),
        "the system catalog is skipped; the history is checked once, not per catalog");
    checks.values().forEach(c -> assertEquals("ok", c.path("status").asText(), c.toString()));
  }

  @Test
  void aPasswordOverPlainHttpFailsTheCheckWithTheDriversReasonAndNoSecret() throws Exception {
    String password = "pw-SECRET-trino";
    EmittedPrograms.Run run =
        programs
            .compiled()
            .run(
                "io.pushgen.trino.Check",
                Map.of(
                    "TRINO_HOST", "127.0.0.1",
                    "TRINO_PORT", String.valueOf(port),
                    "TRINO_SSL", "false",
                    "TRINO_USER", "alice",
                    "TRINO_PASSWORD", password,
                    "MCD_INGEST_ID", "kid",
                    "MCD_INGEST_TOKEN", "tok-SECRET-trino",
                    "MCD_RESOURCE_UUID", RESOURCE_UUID),
                List.of("--json", "--auth", "password"));
    CheckReports.assertNotShown(run, password, "tok-SECRET-trino");
    assertEquals(1, run.exitCode(), run.output());
    JsonNode databases = CheckReports.checks(run.stdout()).get("metadata/databases/null");
    assertEquals("failed", databases.path("status").asText(), run.output());
    assertTrue(
        databases.path("detail").asText().contains("TLS/SSL is required for authentication with username and password"),
        databases.toString());
  }
}
