package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.runtime.wire.Timestamps;
import io.pushgen.testsupport.ScriptedDriver.Column;
import io.pushgen.testsupport.ScriptedDriver.Executed;
import io.pushgen.testsupport.ScriptedDriver.Table;
import io.pushgen.testsupport.ScriptedDriver;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Snowflake query-log programs on rows laid out as Snowflake documents
 * ACCOUNT_USAGE.QUERY_HISTORY, through to the local gateway; and the window chaining that makes
 * hourly runs send every query exactly once.
 */
class SnowflakeQueryLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String QUERY_HISTORY =
      """
      SELECT QUERY_ID, QUERY_TEXT, START_TIME, END_TIME, USER_NAME, ROLE_NAME,
             DATABASE_NAME, SCHEMA_NAME, WAREHOUSE_NAME, WAREHOUSE_SIZE, QUERY_TYPE, QUERY_TAG,
             EXECUTION_STATUS, ERROR_CODE, ERROR_MESSAGE, BYTES_SCANNED, ROWS_PRODUCED
      FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY
      WHERE END_TIME >= ?
        AND END_TIME < ?
      ORDER BY END_TIME, QUERY_ID
      """;

  /** QUERY_HISTORY's documented columns and types (TIMESTAMP_LTZ, NUMBER, VARCHAR). */
  private static final List<Column> COLUMNS =
      List.of(
          new Column("QUERY_ID", Types.VARCHAR),
          new Column("QUERY_TEXT", Types.VARCHAR),
          new Column("START_TIME", Types.TIMESTAMP_WITH_TIMEZONE),
          new Column("END_TIME", Types.TIMESTAMP_WITH_TIMEZONE),
          new Column("USER_NAME", Types.VARCHAR),
          new Column("ROLE_NAME", Types.VARCHAR),
          new Column("DATABASE_NAME", Types.VARCHAR),
          new Column("SCHEMA_NAME", Types.VARCHAR),
          new Column("WAREHOUSE_NAME", Types.VARCHAR),
          new Column("WAREHOUSE_SIZE", Types.VARCHAR),
          new Column("QUERY_TYPE", Types.VARCHAR),
          new Column("QUERY_TAG", Types.VARCHAR),
          new Column("EXECUTION_STATUS", Types.VARCHAR),
          new Column("ERROR_CODE", Types.VARCHAR),
          new Column("ERROR_MESSAGE", Types.VARCHAR),
          new Column("BYTES_SCANNED", Types.DECIMAL),
          new Column("ROWS_PRODUCED", Types.DECIMAL));

  @TempDir Path work;

  private static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  @Test
  void sendsEveryFinishedQueryWithItsExtrasAndChainsWindows() throws Exception {
    ScriptedDriver.Script snowflake =
        ScriptedDriver.script("snowflake-ql-" + System.nanoTime())
            .answer(
                QUERY_HISTORY,
                binds ->
                    new Table(
                        COLUMNS,
                        List.of(
                            Arrays.asList(
                                "01b2-0001", "SELECT * FROM ANALYTICS.PUBLIC.ORDERS",
                                ts("2026-03-01T10:00:00Z"), ts("2026-03-01T10:00:05.12Z"),
                                "ANALYST", "REPORTER", "ANALYTICS", "PUBLIC", "COMPUTE_WH", "X-Small",
                                "SELECT", "", "SUCCESS", null, null,
                                new BigDecimal("1024000"), new BigDecimal("847")),
                            Arrays.asList(
                                "01b2-0002", "INSERT INTO T SELECT 1/0",
                                ts("2026-03-01T10:01:00Z"), ts("2026-03-01T10:01:00Z"),
                                "ETL", "LOADER", "ANALYTICS", null, "ETL_WH", "Large",
                                "INSERT", "nightly", "FAIL", "100051", "Division by zero",
                                BigDecimal.ZERO, null),
                            // Empty text: cannot be sent, reported instead.
                            Arrays.asList(
                                "01b2-0003", "", ts("2026-03-01T10:02:00Z"),
                                ts("2026-03-01T10:02:01Z"), "X", null, null, null, null, null,
                                "UNKNOWN", null, "SUCCESS", null, null, null, null))));

    Path state = work.resolve("query_logs_state.json");
    try (LocalGateway gateway = new LocalGateway().start(0);
        InProcessPrograms programs = InProcessPrograms.generate(work, "snowflake")) {
      Instant before = Instant.now();
      int exit =
          programs.run(
              "CollectAndPushQueryLogs",
              "--jdbc-url", snowflake.url(),
              "--account", "acme",
              "--user", "COLLECTOR", "--password", "pw",
              "--warehouse", "COMPUTE_WH",
              "--state-file", state.toString(),
              "--key-id", "kid",
              "--key-token", "ktok",
              "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
              "--endpoint", gateway.baseUrl(),
              "--output-file", work.resolve("q.json").toString(),
              "--result-file", work.resolve("qr.json").toString());
      assertEquals(0, exit);

      assertEquals(1, gateway.received(Flow.QUERY_LOGS).size());
      JsonNode body = gateway.received(Flow.QUERY_LOGS).get(0).body();
      assertEquals("snowflake", body.at("/resource/log_type").asText());
      assertEquals(
          JSON.readTree(
              """
              [
               {"start_time": "2026-03-01T10:00:00Z", "end_time": "2026-03-01T10:00:05.120000Z",
                "query_text": "SELECT * FROM ANALYTICS.PUBLIC.ORDERS", "query_id": "01b2-0001",
                "user": "ANALYST", "returned_rows": 847,
                "extra": {"warehouse_name": "COMPUTE_WH", "warehouse_size": "X-Small",
                          "role_name": "REPORTER", "database_name": "ANALYTICS", "schema_name": "PUBLIC",
                          "query_type": "SELECT", "query_tag": "", "execution_status": "SUCCESS",
                          "bytes_scanned": 1024000}},
               {"start_time": "2026-03-01T10:01:00Z", "end_time": "2026-03-01T10:01:00Z",
                "query_text": "INSERT INTO T SELECT 1/0", "query_id": "01b2-0002", "user": "ETL",
                "error_code": "100051", "error_text": "Division by zero",
                "extra": {"warehouse_name": "ETL_WH", "warehouse_size": "Large",
                          "role_name": "LOADER", "database_name": "ANALYTICS", "schema_name": null,
                          "query_type": "INSERT", "query_tag": "nightly", "execution_status": "FAIL",
                          "bytes_scanned": 0}}
              ]
              """),
          body.get("events"));
      JsonNode manifest = JSON.readTree(work.resolve("q.json").toFile());
      assertTrue(manifest.toString().contains("01b2-0003"), "the entry without text is reported");

      // The window: [end - 24 h, now - 60 min), bound as the two parameters: QUERY_HISTORY's
      // documented latency is up to 45 minutes, and rows arriving that late must not fall
      // behind a window already read, so the lag keeps a margin over it.
      List<Object> binds = snowflake.executed().get(0).parameters();
      Instant start = ((Timestamp) binds.get(0)).toInstant();
      Instant end = ((Timestamp) binds.get(1)).toInstant();
      assertEquals(Duration.ofMinutes(1440), Duration.between(start, end));
      assertTrue(!end.isAfter(Instant.now().minus(Duration.ofMinutes(60))));
      assertTrue(!end.isBefore(before.minus(Duration.ofMinutes(61))));
      assertTrue(Files.readString(state).contains(Timestamps.format(end)));

      // The next run starts exactly where this one ended: nothing twice, nothing missed.
      assertEquals(
          0,
          programs.run(
              "CollectQueryLogs",
              "--jdbc-url", snowflake.url(),
              "--account", "acme",
              "--user", "COLLECTOR", "--password", "pw",
              "--warehouse", "COMPUTE_WH",
              "--state-file", state.toString(),
              "--output-file", work.resolve("q2.json").toString()));
      // (Run within the same second, its window may even be empty: then no query is made.)
      JsonNode secondWindow = JSON.readTree(work.resolve("q2.json").toFile()).get("window");
      assertEquals(Timestamps.format(end), secondWindow.get("start").asText());

      // An explicit window (a backfill) leaves the state alone.
      String stateBefore = Files.readString(state);
      assertEquals(
          0,
          programs.run(
              "CollectQueryLogs",
              "--jdbc-url", snowflake.url(),
              "--account", "acme",
              "--user", "COLLECTOR", "--password", "pw",
              "--warehouse", "COMPUTE_WH",
              "--state-file", state.toString(),
              "--start", "2026-01-01T00:00:00Z",
              "--end", "2026-01-02T00:00:00Z",
              "--output-file", work.resolve("q3.json").toString()));
      List<Executed> executed = snowflake.executed();
      List<Object> explicit = executed.get(executed.size() - 1).parameters();
      assertEquals(Instant.parse("2026-01-01T00:00:00Z"), ((Timestamp) explicit.get(0)).toInstant());
      assertEquals(Instant.parse("2026-01-02T00:00:00Z"), ((Timestamp) explicit.get(1)).toInstant());
      assertEquals(stateBefore, Files.readString(state));
    }
  }

  @Test
  void hourlyWindowsAreTheLastCompleteHourOlderThanTheLatencyAndOnlyShardZeroReadsTheHistory()
      throws Exception {
    ScriptedDriver.Script snowflake =
        ScriptedDriver.script("snowflake-ql-hourly-" + System.nanoTime())
            .answer(QUERY_HISTORY, binds -> new Table(COLUMNS, List.of()));
    Path state = work.resolve("hourly_state.json");
    try (InProcessPrograms programs = InProcessPrograms.generate(work, "snowflake")) {
      Instant before = Instant.now();
      assertEquals(
          0,
          programs.run(
              "CollectQueryLogs",
              "--jdbc-url", snowflake.url(),
              "--account", "acme",
              "--user", "COLLECTOR", "--password", "pw",
              "--warehouse", "COMPUTE_WH",
              "--state-file", state.toString(),
              "--window", "hourly",
              "--output-file", work.resolve("hourly.json").toString()));
      Instant after = Instant.now();
      // Bound at the driver: one clock hour, ending on the hour at least the 60-minute lag ago.
      List<Object> binds = snowflake.executed().get(0).parameters();
      Instant start = ((Timestamp) binds.get(0)).toInstant();
      Instant end = ((Timestamp) binds.get(1)).toInstant();
      assertEquals(Duration.ofHours(1), Duration.between(start, end));
      assertTrue(
          List.of(before, after).stream()
              .map(now -> now.minus(Duration.ofMinutes(60)).truncatedTo(ChronoUnit.HOURS))
              .toList()
              .contains(end),
          end.toString());
      assertFalse(Files.exists(state), "no state is kept");

      // Shard 1 of 3: the history is the account's, read by shard 0 alone.
      assertEquals(
          0,
          programs.run(
              "CollectQueryLogs",
              "--jdbc-url", snowflake.url(),
              "--account", "acme",
              "--user", "COLLECTOR", "--password", "pw",
              "--warehouse", "COMPUTE_WH",
              "--window", "hourly",
              "--shard", "1/3",
              "--output-file", work.resolve("shard1.json").toString()));
      assertEquals(1, snowflake.executed().size(), "shard 1 queries nothing");
      JsonNode manifest = JSON.readTree(work.resolve("shard1.json").toFile());
      assertEquals(0, manifest.get("events").size());
      assertTrue(manifest.get("window").isNull());
      assertEquals(JSON.readTree("{\"index\": 1, \"count\": 3}"), manifest.get("shard"));
    }
  }
}
