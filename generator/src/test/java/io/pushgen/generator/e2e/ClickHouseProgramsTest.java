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
import java.math.BigInteger;
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
 * The emitted ClickHouse programs on rows laid out as ClickHouse documents {@code system.databases},
 * {@code system.tables}, {@code system.columns} and {@code system.query_log}, served by {@link
 * ScriptedDriver} (no server of a version the current driver can talk to installs here: Debian
 * bookworm's clickhouse-server 18.16.1 has no RowBinaryWithNamesAndTypes format, which the driver
 * reads every result in, and no total_rows/total_bytes/as_select in system.tables), through to
 * the local gateway with the exact payloads; and what the real {@code clickhouse-jdbc} driver
 * receives for the password method with TLS.
 */
class ClickHouseProgramsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "pw-SECRET-clickhouse-17";

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static LoadedDescriptor descriptor;
  private static Quoting quoting;

  @BeforeAll
  static void generate() throws Exception {
    programs = InProcessPrograms.generate(work, "clickhouse");
    descriptor = Descriptors.loadShipped("clickhouse", null);
    quoting = new Quoting("`", "\\`");
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
    return List.of("--jdbc-url", script.url(), "--host", "ch.example.com", "--user", "collector",
        "--password", PASSWORD);
  }

  private static List<String> push(LocalGateway gateway, String name) {
    return List.of(
        ScriptedRuns.push(
            gateway,
            "--output-file", work.resolve(name + ".json").toString(),
            "--result-file", work.resolve(name + "-result.json").toString()));
  }

  private static Table table(List<Column> columns, List<Object>... rows) {
    return new Table(columns, List.of(rows));
  }

  private static Column text(String label) {
    return new Column(label, Types.VARCHAR);
  }

  /** system.tables (with the newest part from system.parts) and system.columns of two databases. */
  private static ScriptedDriver.Script catalog(String name) {
    List<Column> tables =
        List.of(text("database_name"), text("table_name"), text("engine"), text("description"),
            new Column("row_count", Types.NUMERIC), new Column("byte_count", Types.NUMERIC),
            new Column("last_update_time", Types.TIMESTAMP), text("view_query"));
    List<Column> columns =
        List.of(text("database_name"), text("table_name"), text("column_name"), text("data_type"),
            text("description"));
    return ScriptedDriver.script(name + System.nanoTime())
        .answer(sql("/metadata/databases/sql"),
            p -> table(List.of(text("name")), List.of("INFORMATION_SCHEMA"), List.of("analytics"),
                List.of("system"), List.of("web")))
        .answer(sql("/metadata/tables/sql"),
            p -> switch ((String) p.get(0)) {
              case "analytics" -> table(tables,
                  // total_rows/total_bytes as the driver returns UInt64 (BigInteger).
                  Arrays.asList("analytics", "events", "MergeTree", "Raw click events",
                      BigInteger.valueOf(1_250_000), BigInteger.valueOf(48_213_504),
                      ts("2026-03-01T09:58:12Z"), null),
                  // A view: no volume, no parts, its SELECT.
                  Arrays.asList("analytics", "events_daily", "View", "", null, null, null,
                      "SELECT toDate(ts) AS day, count() AS n FROM analytics.events GROUP BY day"),
                  // An empty MergeTree table: exact zero rows, no part, so no freshness.
                  Arrays.asList("analytics", "staging", "ReplicatedMergeTree", "",
                      BigInteger.ZERO, BigInteger.ZERO, null, null));
              case "web" -> table(tables,
                  // A Distributed table: ClickHouse knows no exact count for it.
                  Arrays.asList("web", "hits_all", "Distributed", "", null, null, null, null));
              default -> table(tables);
            })
        .answer(sql("/metadata/columns/sql"),
            p -> switch ((String) p.get(0)) {
              case "analytics" -> table(columns,
                  List.of("analytics", "events", "ts", "DateTime64(3, 'UTC')", ""),
                  List.of("analytics", "events", "user_id", "UInt64", "Who clicked"),
                  List.of("analytics", "events", "url", "LowCardinality(String)", ""),
                  List.of("analytics", "events_daily", "day", "Date", ""),
                  List.of("analytics", "events_daily", "n", "UInt64", ""),
                  List.of("analytics", "staging", "payload", "Nullable(String)", ""));
              case "web" -> table(columns, List.of("web", "hits_all", "id", "UInt32", ""));
              default -> table(columns);
            });
  }

  @Test
  void metadataOfEveryDatabaseWithExactCountsAndPartFreshness() throws Exception {
    ScriptedDriver.Script clickhouse = catalog("clickhouse-md-");
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      List<String> arguments = new ArrayList<>(connection(clickhouse));
      arguments.addAll(push(gateway, "m"));
      assertEquals(0, programs.run("CollectAndPushMetadata", arguments.toArray(String[]::new)));

      Map<String, JsonNode> assets = Received.assets(gateway, "data-lake");
      assertEquals(
          List.of(
              "analytics.analytics.events",
              "analytics.analytics.events_daily",
              "analytics.analytics.staging",
              "web.web.hits_all"),
          List.copyOf(assets.keySet()), "system and INFORMATION_SCHEMA are skipped");
      assertEquals(
          JSON.readTree(
              """
              {"type": "TABLE",
               "metadata": {"name": "events", "database": "analytics", "schema": "analytics",
                            "description": "Raw click events"},
               "fields": [{"name": "ts", "type": "DateTime64(3, 'UTC')"},
                          {"name": "user_id", "type": "UInt64", "description": "Who clicked"},
                          {"name": "url", "type": "LowCardinality(String)"}],
               "volume": {"row_count": 1250000, "byte_count": 48213504},
               "freshness": {"last_update_time": "2026-03-01T09:58:12Z"}}
              """),
          assets.get("analytics.analytics.events"));
      // ClickHouse's empty comment is no description.
      assertEquals(
          JSON.readTree(
              """
              {"type": "VIEW",
               "metadata": {"name": "events_daily", "database": "analytics", "schema": "analytics",
                            "view_query": "SELECT toDate(ts) AS day, count() AS n FROM analytics.events GROUP BY day"},
               "fields": [{"name": "day", "type": "Date"}, {"name": "n", "type": "UInt64"}]}
              """),
          assets.get("analytics.analytics.events_daily"));
      assertEquals(JSON.readTree("{\"row_count\": 0, \"byte_count\": 0}"),
          assets.get("analytics.analytics.staging").get("volume"));
      assertFalse(assets.get("analytics.analytics.staging").has("freshness"), "no part: no freshness");
      assertFalse(assets.get("web.web.hits_all").has("volume"), "Distributed: no exact count");

      // One query for the list, then two per database (read in parallel, so in any order), the
      // tables query binding its database twice (system.tables and system.parts), the columns
      // query once.
      List<ScriptedDriver.Executed> executed = clickhouse.executed();
      assertEquals(5, executed.size(), executed.toString());
      List<List<Object>> binds = executed.stream().skip(1).map(ScriptedDriver.Executed::parameters).toList();
      assertTrue(binds.containsAll(List.of(List.of("analytics", "analytics"), List.of("analytics"),
          List.of("web", "web"), List.of("web"))), binds.toString());
    }
  }

  @Test
  void queryLogsSendFinishedAndFailedQueriesWithTheirExtras() throws Exception {
    List<Column> columns =
        List.of(text("query_id"), text("query"), new Column("start_time", Types.TIMESTAMP),
            new Column("end_time", Types.TIMESTAMP), text("user"), text("event_type"),
            new Column("error_code", Types.INTEGER), text("error_text"),
            new Column("result_rows", Types.NUMERIC), text("query_kind"), text("current_database"),
            new Column("read_rows", Types.NUMERIC), new Column("read_bytes", Types.NUMERIC),
            new Column("written_rows", Types.NUMERIC), new Column("written_bytes", Types.NUMERIC),
            new Column("memory_usage", Types.NUMERIC), new Column("query_duration_ms", Types.NUMERIC));
    ScriptedDriver.Script clickhouse =
        ScriptedDriver.script("clickhouse-ql-" + System.nanoTime())
            .answer(sql("/query_logs/sql"),
                p -> table(columns,
                    Arrays.asList("5f0c7a1e-1111-4c1e-9d7a-000000000001",
                        "SELECT url, count() FROM analytics.events GROUP BY url",
                        ts("2026-03-01T10:00:00.123456Z"), ts("2026-03-01T10:00:01.373456Z"),
                        "analyst", "QueryFinish", null, null, BigInteger.valueOf(42), "Select",
                        "analytics", BigInteger.valueOf(1_250_000), BigInteger.valueOf(9_000_000),
                        BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(4_194_304),
                        BigInteger.valueOf(1250)),
                    Arrays.asList("5f0c7a1e-1111-4c1e-9d7a-000000000002",
                        "INSERT INTO analytics.events SELECT * FROM s3('bad')",
                        ts("2026-03-01T10:05:00Z"), ts("2026-03-01T10:05:00Z"), "etl",
                        "ExceptionWhileProcessing", 499,
                        "Code: 499. DB::Exception: Failed to get object info", BigInteger.ZERO,
                        "Insert", "default", BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                        BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO)));
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      List<String> arguments = new ArrayList<>(connection(clickhouse));
      arguments.addAll(push(gateway, "q"));
      arguments.addAll(List.of("--start", "2026-03-01T00:00:00Z", "--end", "2026-03-02T00:00:00Z",
          "--state-file", work.resolve("q-state.json").toString()));
      assertEquals(0, programs.run("CollectAndPushQueryLogs", arguments.toArray(String[]::new)));

      JsonNode body = gateway.received(Flow.QUERY_LOGS).get(0).body();
      assertEquals("clickhouse", body.at("/resource/log_type").asText());
      assertEquals(
          JSON.readTree(
              """
              [{"start_time": "2026-03-01T10:00:00.123456Z", "end_time": "2026-03-01T10:00:01.373456Z",
                "query_text": "SELECT url, count() FROM analytics.events GROUP BY url",
                "query_id": "5f0c7a1e-1111-4c1e-9d7a-000000000001", "user": "analyst",
                "returned_rows": 42,
                "extra": {"event_type": "QueryFinish", "query_kind": "Select",
                          "database_name": "analytics", "read_rows": 1250000, "read_bytes": 9000000,
                          "written_rows": 0, "written_bytes": 0, "memory_usage": 4194304,
                          "duration_ms": 1250}},
               {"start_time": "2026-03-01T10:05:00Z", "end_time": "2026-03-01T10:05:00Z",
                "query_text": "INSERT INTO analytics.events SELECT * FROM s3('bad')",
                "query_id": "5f0c7a1e-1111-4c1e-9d7a-000000000002", "user": "etl",
                "error_code": 499, "error_text": "Code: 499. DB::Exception: Failed to get object info",
                "returned_rows": 0,
                "extra": {"event_type": "ExceptionWhileProcessing", "query_kind": "Insert",
                          "database_name": "default", "read_rows": 0, "read_bytes": 0,
                          "written_rows": 0, "written_bytes": 0, "memory_usage": 0,
                          "duration_ms": 0}}]
              """),
          body.get("events"));
      // The window is bound three times: the day bound of event_date and the two end bounds.
      List<Object> binds = clickhouse.executed().get(0).parameters();
      assertEquals(3, binds.size(), binds.toString());
      assertEquals(Instant.parse("2026-03-01T00:00:00Z"), ((Timestamp) binds.get(0)).toInstant());
      assertEquals(Instant.parse("2026-03-02T00:00:00Z"), ((Timestamp) binds.get(2)).toInstant());
    }
  }

  @Test
  void lineageFromViewsAndInsertSelects() throws Exception {
    List<Column> views = List.of(text("database_name"), text("view_name"), text("definition"));
    ScriptedDriver.Script clickhouse =
        ScriptedDriver.script("clickhouse-lin-" + System.nanoTime())
            .answer(sql("/metadata/databases/sql"),
                p -> table(List.of(text("name")), List.of("analytics")))
            .answer(sql("/lineage/views/sql"),
                p -> table(views,
                    List.of("analytics", "events_daily",
                        "SELECT toDate(ts) AS day, count() AS n FROM analytics.events GROUP BY day"),
                    // A materialized view's create_table_query, as the server formats it: its
                    // query writes the TO table.
                    List.of("analytics", "url_hits_mv",
                        "CREATE MATERIALIZED VIEW analytics.url_hits_mv TO analytics.url_hits\n"
                            + "(\n    `url` String,\n    `hits` UInt64\n)\n"
                            + "AS SELECT url, count() AS hits\nFROM analytics.events\nGROUP BY url")))
            .answer(sql("/lineage/statements/sql"),
                p -> table(List.of(text("query_id"), text("query"), text("current_database")),
                    List.of("q-1", "INSERT INTO daily_users (day, user_id) SELECT toDate(ts), user_id FROM events",
                        "analytics"),
                    // ClickHouse syntax as a client sends it: quoted names, FINAL, PREWHERE,
                    // ARRAY JOIN, SETTINGS.
                    List.of("q-2", "INSERT INTO \"reports\".`Tags` (event_id, tag) SELECT e.event_id, t"
                        + " FROM events AS e FINAL ARRAY JOIN e.tags AS t PREWHERE e.ts > now() - 3600"
                        + " SETTINGS max_threads = 4", "analytics"),
                    // Rows inside the statement: no lineage, and nothing to report.
                    List.of("q-3", "INSERT INTO events FORMAT JSONEachRow {\"url\": \"/a\"}",
                        "analytics")));
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      List<String> arguments = new ArrayList<>(connection(clickhouse));
      arguments.addAll(push(gateway, "l"));
      arguments.addAll(List.of("--start", "2026-03-01T00:00:00Z", "--end", "2026-03-02T00:00:00Z",
          "--state-file", work.resolve("l-state.json").toString()));
      assertEquals(0, programs.run("CollectAndPushLineage", arguments.toArray(String[]::new)));
      Map<String, JsonNode> byDestination = Received.lineageByDestination(gateway);
      assertEquals(
          List.of(
              "analytics.analytics.daily_users",
              "analytics.analytics.events_daily",
              "analytics.analytics.url_hits",
              "analytics.analytics.url_hits_mv",
              "reports.reports.Tags"),
          List.copyOf(byDestination.keySet()));
      // An unqualified name resolves against the query's current database, as its schema too.
      assertEquals(
          JSON.readTree(
              """
              {"destination": {"type": "TABLE", "name": "daily_users", "database": "analytics",
                               "schema": "analytics", "asset_id": "dest"},
               "sources": [{"type": "TABLE", "name": "events", "database": "analytics",
                            "schema": "analytics", "asset_id": "src1"}],
               "fields": [
                 {"name": "day", "source_fields": [{"asset_id": "src1", "field_name": "ts"}]},
                 {"name": "user_id", "source_fields": [{"asset_id": "src1", "field_name": "user_id"}]}]}
              """),
          byDestination.get("analytics.analytics.daily_users"));
      JsonNode view = byDestination.get("analytics.analytics.events_daily");
      assertEquals("VIEW", view.at("/destination/type").asText());
      assertEquals("events", view.at("/sources/0/name").asText());
      // The materialized view reads events, and so does the table it writes, column by column.
      assertEquals("VIEW", byDestination.get("analytics.analytics.url_hits_mv").at("/destination/type").asText());
      JsonNode written = byDestination.get("analytics.analytics.url_hits");
      assertEquals("TABLE", written.at("/destination/type").asText());
      assertEquals("events", written.at("/sources/0/name").asText());
      assertEquals("url", written.at("/fields/0/name").asText());
      assertEquals("url", written.at("/fields/0/source_fields/0/field_name").asText());
      JsonNode tags = byDestination.get("reports.reports.Tags");
      assertEquals("reports", tags.at("/destination/schema").asText());
      assertEquals("analytics", tags.at("/sources/0/database").asText());
      assertEquals(
          JSON.readTree(
              """
              [{"name": "event_id", "source_fields": [{"asset_id": "src1", "field_name": "event_id"}]},
               {"name": "tag", "source_fields": [{"asset_id": "src1", "field_name": "tags"}]}]
              """),
          tags.get("fields"));
      // Two views and three logged statements, every one understood by the parser.
      JsonNode counts = JSON.readTree(work.resolve("l.json").toFile()).get("counts");
      assertEquals(5, counts.path("statements_read").asLong(-1), counts.toString());
      assertEquals(5, counts.path("statements_parsed").asLong(-1), counts.toString());
    }
  }

  @Test
  void passwordOverHttpsWithTheServersCertificateAuthorityReachesTheRealDriver() throws Exception {
    Path ca = Files.writeString(work.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    try (DriverBoundary boundary =
        DriverBoundary.replace("com.clickhouse.jdbc.ClickHouseDriver", "jdbc:clickhouse:",
            "jdbc:clickhouse:https://ch.example.com:8443/")) {
      Path out = Files.createDirectories(work.resolve("auth"));
      DriverBoundary.Output output = DriverBoundary.capture(() -> programs.run("CollectMetadata",
          "--host", "ch.example.com", "--user", "collector", "--password", PASSWORD,
          "--ssl-root-cert", ca.toString(),
          "--output-file", out.resolve("m.json").toString()));
      assertEquals(1, output.exitCode(), output.all());
      assertFalse((output.all() + TestCertificates.everythingWritten(out)).contains(PASSWORD),
          output.all());
      DriverBoundary.Call call = boundary.only();
      assertEquals("jdbc:clickhouse:https://ch.example.com:8443/", call.url());
      Properties properties = call.properties();
      assertEquals("collector", properties.getProperty("user"));
      assertEquals(PASSWORD, properties.getProperty("password"));
      assertEquals(ca.toString(), properties.getProperty("sslrootcert"));
      // Without it the driver refuses the programs' setAutoCommit(false) before any query.
      assertEquals("true", properties.getProperty("jdbc_ignore_unsupported_values"));
      assertTrue(output.stderr().contains("cannot connect to jdbc:clickhouse:"), output.all());
    }
  }
}
