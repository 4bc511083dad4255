package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.runtime.wire.Timestamps;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted PostgreSQL query-log programs on the CSV log of a real PostgreSQL server, through to
 * the local gateway.
 *
 * <p>PostgreSQL has no Monte Carlo log_type, so the programs are generated with {@code --log-type
 * redshift}: Redshift's SQL is PostgreSQL's dialect, so Monte Carlo reads these texts with the
 * parser that fits them best (the other types are other engines' dialects, or object stores).
 */
class PostgresQueryLogsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "pushgen-e2e";

  /** Extended protocol (pgjdbc's default): logged as {@code execute <unnamed>: ...}. */
  private static final String MULTI_LINE =
      "SELECT g AS one,\n       'two' AS two\n  FROM generate_series(1, 3) g\n WHERE g > 1";

  /** Simple protocol: logged as {@code statement: ...}. */
  private static final String UNICODE =
      "SELECT 'it''s \"quoted\", ü € 😀' AS \"Spalte \"\"x\"\"\" -- comment, with \"quotes\"";

  private static final String FAILING = "SELECT *\n  FROM no_such_table";

  private static EmbeddedPostgres postgres;
  private static InProcessPrograms programs;
  @TempDir static Path work;
  private static Path logDir;

  @BeforeAll
  static void start() throws Exception {
    logDir = Files.createDirectories(work.resolve("pg_log"));
    // The settings a customer's server needs (see PostgresCsvLog), plus a directory of our own.
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("logging_collector", "on")
            .setServerConfig("log_destination", "csvlog")
            .setServerConfig("log_directory", logDir.toString())
            .setServerConfig("log_filename", "postgresql-%Y-%m-%d_%H%M%S.log")
            .setServerConfig("log_min_duration_statement", "0")
            .setServerConfig("log_timezone", "UTC")
            .setServerConfig("lc_messages", "C")
            .start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE analyst LOGIN PASSWORD 'pw'");
    }
    programs = InProcessPrograms.generate(work, "postgres", "--flows", "query_logs", "--log-type", "redshift");
  }

  @AfterAll
  static void stop() throws Exception {
    if (programs != null) {
      programs.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static Connection analyst(boolean simpleProtocol) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "analyst");
    p.setProperty("password", "pw");
    p.setProperty("ApplicationName", APP);
    if (simpleProtocol) {
      p.setProperty("preferQueryMode", "simple");
    }
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", p);
  }

  /** The log records reach the file as statements end; and windows end on whole seconds. */
  private static void settle() throws InterruptedException {
    Thread.sleep(1_500);
  }

  private String[] push(Path state, String manifest, LocalGateway gateway) {
    return new String[] {
      "--log-file", logDir.toString(),
      "--state-file", state.toString(),
      "--lag-minutes", "0",
      "--lookback-minutes", "60",
      "--key-id", "kid",
      "--key-token", "ktok",
      "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
      "--endpoint", gateway.baseUrl(),
      "--output-file", work.resolve(manifest + ".json").toString(),
      "--result-file", work.resolve(manifest + "_result.json").toString()
    };
  }

  /** The analyst's entries among the events (the test's own set-up statements are the server's). */
  private static List<JsonNode> analysts(Iterable<JsonNode> events) {
    List<JsonNode> mine = new ArrayList<>();
    for (JsonNode e : events) {
      if ("analyst".equals(e.path("user").asText(null))) {
        mine.add(e);
      }
    }
    return mine;
  }

  /** pgjdbc's own statement at each connection: a query of the analyst's as well. */
  private static final String DRIVER_SET = "SET application_name = '" + APP + "'";

  /** {@code events} without the driver's statements, checking there is one per connection. */
  private static List<JsonNode> withoutDriverSets(List<JsonNode> events, int connections) {
    List<JsonNode> rest = new ArrayList<>();
    int sets = 0;
    for (JsonNode e : events) {
      if (e.get("query_text").asText().equals(DRIVER_SET)) {
        sets++;
      } else {
        rest.add(e);
      }
    }
    assertEquals(connections, sets, events.toString());
    return rest;
  }

  private static List<JsonNode> sent(LocalGateway gateway) {
    List<JsonNode> events = new ArrayList<>();
    gateway.received(Flow.QUERY_LOGS).forEach(r -> r.events().forEach(events::add));
    return events;
  }

  @Test
  void sendsEachStatementOnceWithExactTextsErrorsUsersAndTimes() throws Exception {
    Instant before = Instant.now();
    try (Connection c = analyst(false); Statement s = c.createStatement()) {
      s.executeQuery(MULTI_LINE).close();
    }
    try (Connection c = analyst(true); Statement s = c.createStatement()) {
      s.executeQuery(UNICODE).close();
      try {
        s.executeQuery(FAILING);
      } catch (SQLException expected) {
        assertEquals("42P01", expected.getSQLState());
      }
    }
    Instant after = Instant.now();
    settle();
    try (Stream<Path> files = Files.list(logDir)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".csv")), "the server writes csvlog");
    }

    Path state = work.resolve("query_logs_state.json");
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      assertEquals(0, programs.run("CollectAndPushQueryLogs", push(state, "q1", gateway)));
      assertTrue(gateway.received(Flow.QUERY_LOGS).size() >= 1);
      JsonNode body = gateway.received(Flow.QUERY_LOGS).get(0).body();
      assertEquals("redshift", body.at("/resource/log_type").asText());

      List<JsonNode> mine = withoutDriverSets(analysts(sent(gateway)), 2);
      assertEquals(3, mine.size(), mine.toString());
      JsonNode multi = mine.get(0);
      JsonNode unicode = mine.get(1);
      JsonNode failed = mine.get(2);

      assertEquals(MULTI_LINE, multi.get("query_text").asText());
      assertEquals(UNICODE, unicode.get("query_text").asText());
      assertEquals(FAILING, failed.get("query_text").asText());
      for (JsonNode e : mine) {
        assertEquals("postgres", e.at("/extra/database_name").asText());
        assertEquals(APP, e.at("/extra/application_name").asText());
        String session = e.at("/extra/session_id").asText();
        assertTrue(e.get("query_id").asText().startsWith(session + ":"), e.toString());
        Instant start = Timestamps.parse(e.get("start_time").asText());
        Instant end = Timestamps.parse(e.get("end_time").asText());
        assertFalse(start.isAfter(end), e.toString());
        // Log times have millisecond precision: allow for their truncation.
        assertFalse(end.isBefore(before.minusMillis(1)), e + " before " + before);
        assertFalse(end.isAfter(after), e + " after " + after);
        assertTrue(Duration.between(start, end).compareTo(Duration.ofSeconds(5)) < 0, e.toString());
      }
      assertNull(multi.get("error_code"));
      assertNull(unicode.get("error_text"));
      assertEquals("42P01", failed.get("error_code").asText());
      assertEquals("relation \"no_such_table\" does not exist", failed.get("error_text").asText());
      assertEquals(failed.get("start_time"), failed.get("end_time"), "no duration for a failed statement");

      // The first window: lookback before its end; the state holds that end.
      JsonNode window = JSON.readTree(work.resolve("q1.json").toFile()).get("window");
      Instant end = Timestamps.parse(window.get("end").asText());
      assertEquals(Duration.ofMinutes(60), Duration.between(Timestamps.parse(window.get("start").asText()), end));
      assertTrue(Files.readString(state).contains(window.get("end").asText()));

      // A second run: only what ran since, nothing twice.
      try (Connection c = analyst(true); Statement s = c.createStatement()) {
        s.executeQuery("SELECT 'second window'").close();
      }
      settle();
      int requestsBefore = gateway.received(Flow.QUERY_LOGS).size();
      assertEquals(0, programs.run("CollectAndPushQueryLogs", push(state, "q2", gateway)));
      List<JsonNode> second = new ArrayList<>();
      gateway.received(Flow.QUERY_LOGS).subList(requestsBefore, gateway.received(Flow.QUERY_LOGS).size())
          .forEach(r -> r.events().forEach(second::add));
      List<JsonNode> secondMine = withoutDriverSets(analysts(second), 1);
      assertEquals(1, secondMine.size(), secondMine.toString());
      assertEquals("SELECT 'second window'", secondMine.get(0).get("query_text").asText());
      JsonNode secondWindow = JSON.readTree(work.resolve("q2.json").toFile()).get("window");
      assertEquals(window.get("end"), secondWindow.get("start"));

      Set<String> ids = new HashSet<>();
      for (JsonNode e : sent(gateway)) {
        assertTrue(ids.add(e.get("query_id").asText()), "sent twice: " + e);
      }

      // A backfill with CollectQueryLogs over both windows: the same entries, the state untouched.
      String stateBefore = Files.readString(state);
      assertEquals(
          0,
          programs.run(
              "CollectQueryLogs",
              "--log-file", logDir.resolve("*.csv").toString(),
              "--state-file", state.toString(),
              "--start", window.get("start").asText(),
              "--end", Timestamps.format(Instant.now().plusSeconds(60)),
              "--output-file", work.resolve("backfill.json").toString()));
      assertEquals(stateBefore, Files.readString(state));
      List<JsonNode> backfill = new ArrayList<>();
      JSON.readTree(work.resolve("backfill.json").toFile()).get("events").forEach(backfill::add);
      List<JsonNode> all = new ArrayList<>(mine);
      all.addAll(secondMine);
      assertEquals(all, withoutDriverSets(analysts(backfill), 3));
    }
  }
}
