package io.pushgen.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.e2e.HiveMetadataTest;
import io.pushgen.runtime.wire.Timestamps;
import io.pushgen.testsupport.ScriptedDriver.Column;
import io.pushgen.testsupport.ScriptedDriver.Table;
import io.pushgen.testsupport.ScriptedDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Hive query-log and lineage programs on a HiveServer2 log (a rotated, gzipped file
 * and the current one: multi-line statements, a failed query, a query without its completion
 * line, the users in the metastore's audit lines), through to the local gateway; and the
 * regressions of warehouses.md 6.6 for those flows.
 */
class HiveLogsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS").withZone(ZoneOffset.UTC);

  @TempDir static Path work;
  private static InProcessPrograms programs;

  @BeforeAll
  static void generate() throws Exception {
    programs =
        InProcessPrograms.generate(
            work, "hive", "--flows", "lineage,query_logs", "--override", HiveMetadataTest.driverOverride(work).toString());
  }

  @AfterAll
  static void close() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }

  private static String[] push(Path logDir, Path state, String name, LocalGateway gateway, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--log-file", logDir.toString(),
                "--state-file", state.toString(),
                "--lag-minutes", "0",
                "--lookback-minutes", "60",
                "--key-id", "kid",
                "--key-token", "ktok",
                "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
                "--endpoint", gateway.baseUrl(),
                "--output-file", work.resolve(name + ".json").toString(),
                "--result-file", work.resolve(name + "_result.json").toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static List<JsonNode> sent(LocalGateway gateway, Flow flow, int fromRequest) {
    List<JsonNode> events = new ArrayList<>();
    var requests = gateway.received(flow);
    requests.subList(fromRequest, requests.size()).forEach(r -> r.events().forEach(events::add));
    return events;
  }

  private static ObjectNode entry(SampleHiveLog.Query q) {
    ObjectNode e = JSON.createObjectNode();
    e.put("start_time", Timestamps.format(q.start()));
    e.put("end_time", Timestamps.format(q.end()));
    e.put("query_text", q.sql());
    e.put("query_id", q.queryId());
    e.put("user", q.user());
    if (q.errorCode() != null) {
      e.put("error_code", q.errorCode());
      e.put("error_text", q.errorText());
    }
    return e;
  }

  @Test
  void queryLogsAreSentOnceWithRealEndTimesUsersAndErrorsAcrossRotatedGzippedFiles() throws Exception {
    Path logDir = work.resolve("qlogs");
    Instant now = Instant.now();
    List<SampleHiveLog.Query> queries = SampleHiveLog.write(logDir, now);
    Path state = work.resolve("q_state.json");
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      assertEquals(0, programs.run("CollectAndPushQueryLogs", push(logDir, state, "q1", gateway)));
      assertEquals("hive-s3", gateway.received(Flow.QUERY_LOGS).get(0).body().at("/resource/log_type").asText());

      ArrayNode expected = JSON.createArrayNode();
      queries.stream().filter(SampleHiveLog.Query::complete).forEach(q -> expected.add(entry(q)));
      assertEquals(5, expected.size());
      assertEquals(expected, JSON.valueToTree(sent(gateway, Flow.QUERY_LOGS, 0)));

      // The literal facts behind those entries (warehouses.md 6.4/6.6): real durations from the
      // completion lines, not the next line's time; the users of the audit lines, not "hadoop";
      // the multi-line text whole; the failure with Hive's error code.
      JsonNode first = sent(gateway, Flow.QUERY_LOGS, 0).get(0);
      assertEquals(
          42_000,
          Instant.parse(first.get("end_time").asText()).toEpochMilli()
              - Instant.parse(first.get("start_time").asText()).toEpochMilli());
      assertEquals("alice", first.get("user").asText());
      assertEquals(
          "CREATE TABLE sales.daily_revenue AS\nSELECT order_date, sum(amount) AS revenue\n"
              + "  FROM sales.orders\n GROUP BY order_date",
          first.get("query_text").asText());
      JsonNode failed = sent(gateway, Flow.QUERY_LOGS, 0).get(3);
      assertEquals("carol", failed.get("user").asText());
      assertEquals("10001", failed.get("error_code").asText());
      assertEquals(
          "SemanticException [Error 10001]: Line 1:14 Table not found 'order_archive'",
          failed.get("error_text").asText());
      // The still-running query is left out and reported, never sent with an invented end.
      JsonNode report = JSON.readTree(work.resolve("q1.json").toFile()).get("report");
      assertTrue(report.toString().contains(queries.get(5).queryId()), report.toString());

      // Its completion line arrives: the next run sends it, and only it (no re-send of the file).
      Instant windowEnd = Instant.parse(JSON.readTree(work.resolve("q1.json").toFile()).get("window").get("end").asText());
      Instant completed = windowEnd.plusMillis(300);
      Files.writeString(
          logDir.resolve(SampleHiveLog.FILE_NAME),
          TIME.format(completed)
              + "  INFO [HiveServer2-Background-Pool: Thread-91] ql.Driver: Completed executing command(queryId="
              + queries.get(5).queryId()
              + "); Time taken: 600.1 seconds\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      while (!Instant.now().isAfter(completed.plusSeconds(1))) {
        Thread.sleep(200);
      }
      int before = gateway.received(Flow.QUERY_LOGS).size();
      assertEquals(0, programs.run("CollectAndPushQueryLogs", push(logDir, state, "q2", gateway)));
      List<JsonNode> second = sent(gateway, Flow.QUERY_LOGS, before);
      assertEquals(1, second.size(), second.toString());
      SampleHiveLog.Query running = queries.get(5);
      assertEquals(
          entry(new SampleHiveLog.Query(
              running.queryId(), running.user(), running.sql(), running.start(), completed, null, null)),
          second.get(0));

      // Nothing new: a third run sends no query again.
      before = gateway.received(Flow.QUERY_LOGS).size();
      assertEquals(0, programs.run("CollectAndPushQueryLogs", push(logDir, state, "q3", gateway)));
      assertEquals(List.of(), sent(gateway, Flow.QUERY_LOGS, before));
    }
  }

  @Test
  void lineageComesFromLoggedStatementsAndViewDefinitionsWithQuotedNames() throws Exception {
    Path logDir = work.resolve("llogs");
    SampleHiveLog.write(logDir, Instant.now());
    String views =
        HiveMetadataTest.jdbc(Descriptors.loadShipped("hive", null).descriptor().lineage().views().sql());
    List<Column> viewColumns =
        List.of(
            new Column("view_schema", Types.VARCHAR),
            new Column("view_name", Types.VARCHAR),
            new Column("view_definition", Types.VARCHAR));
    ScriptedDriver.Script hive =
        ScriptedDriver.script("hive-views-" + System.nanoTime())
            .answer(
                "SHOW DATABASES",
                binds ->
                    new Table(
                        List.of(new Column("database_name", Types.VARCHAR)),
                        List.of(Arrays.asList("sales"), Arrays.asList("select"), Arrays.asList("sys"))))
            .answer(
                views,
                binds ->
                    switch ((String) binds.get(0)) {
                      // Hive keeps the expanded text fully qualified and backticked.
                      case "select" ->
                          new Table(
                              viewColumns,
                              List.of(
                                  Arrays.asList(
                                      "select",
                                      "v",
                                      "SELECT `from`.`when` AS `c` FROM `select`.`from`")));
                      default -> new Table(viewColumns, List.of());
                    });
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      assertEquals(
          0,
          programs.run(
              "CollectAndPushLineage",
              push(logDir, work.resolve("l_state.json"), "l1", gateway, "--jdbc-url", hive.url(), "--host", "hs2")));
      List<JsonNode> events = sent(gateway, Flow.LINEAGE, 0);
      assertEquals(
          JSON.readTree(
              """
              [
               {"destination": {"type": "TABLE", "name": "customer_summary", "database": "sales", "schema": "sales", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "customers", "database": "sales", "schema": "sales", "asset_id": "src1"},
                            {"type": "TABLE", "name": "orders", "database": "sales", "schema": "sales", "asset_id": "src2"}]},
               {"destination": {"type": "TABLE", "name": "daily_revenue", "database": "sales", "schema": "sales", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "orders", "database": "sales", "schema": "sales", "asset_id": "src1"}],
                "fields": [{"name": "order_date", "source_fields": [{"asset_id": "src1", "field_name": "order_date"}]},
                           {"name": "revenue", "source_fields": [{"asset_id": "src1", "field_name": "amount"}]}]},
               {"destination": {"type": "TABLE", "name": "orders_clean", "database": "sales", "schema": "sales", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "orders", "database": "sales", "schema": "sales", "asset_id": "src1"}]},
               {"destination": {"type": "VIEW", "name": "v", "database": "select", "schema": "select", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "from", "database": "select", "schema": "select", "asset_id": "src1"}],
                "fields": [{"name": "c", "source_fields": [{"asset_id": "src1", "field_name": "when"}]}]}
              ]
              """),
          JSON.valueToTree(events),
          JSON.readTree(work.resolve("l1.json").toFile()).get("report").toString());
      // Names are bound: the views query runs once per database, the database a bound value.
      assertEquals(
          List.of("sales", "select"),
          hive.executed().stream().filter(e -> e.sql().equals(views)).map(e -> (String) e.parameters().get(0)).toList());
      // warehouses.md 6.3/6.6: no "db__table" two-part asset ids, the failed and the read-only
      // queries give no lineage, and the still-running INSERT none until it completes.
      assertTrue(events.stream().noneMatch(e -> e.toString().contains("yearly_revenue")));
      assertTrue(events.stream().noneMatch(e -> e.toString().contains("order_archive")));
    }
  }
}
