package io.pushgen.generator.e2e;

import static io.pushgen.generator.e2e.BigQueryFixtures.JOBS_QUERY_LOGS;
import static io.pushgen.generator.e2e.BigQueryFixtures.sql;
import static io.pushgen.generator.e2e.FakeBigQuery.bool;
import static io.pushgen.generator.e2e.FakeBigQuery.int64;
import static io.pushgen.generator.e2e.FakeBigQuery.nul;
import static io.pushgen.generator.e2e.FakeBigQuery.row;
import static io.pushgen.generator.e2e.FakeBigQuery.str;
import static io.pushgen.generator.e2e.FakeBigQuery.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.QueryParameterValue;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.runtime.wire.Timestamps;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The emitted BigQuery query-log programs on rows laid out as Google documents
 * region-qualified INFORMATION_SCHEMA.JOBS, through to the local gateway; the chained windows.
 */
class BigQueryQueryLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  static Instant micros(QueryParameterValue value) {
    // A TIMESTAMP parameter's value as the client sends it: "yyyy-MM-dd HH:mm:ss.SSSSSSxxx".
    return Timestamps.parse(value.getValue().replace(' ', 'T'));
  }

  /**
   * Region qualifiers are not hierarchical, so a customer collecting two regions runs the
   * programs once per region: each region keeps its own state file by default (a shared one
   * would make one region's run skip the other's window), and the client runs its jobs in the
   * region whose views it reads.
   */
  @Test
  void eachRegionKeepsItsOwnStateAndRunsItsJobsThere() throws Exception {
    try (InProcessPrograms programs = InProcessPrograms.generate(work, "bigquery")) {
      for (String program : List.of("CollectQueryLogs", "CollectLineage")) {
        Object command = programs.load(program).getDeclaredConstructor().newInstance();
        new CommandLine(command).parseArgs("--project-id", "acme-prod", "--region", "EU");
        Field optionsField = command.getClass().getDeclaredField("options");
        optionsField.setAccessible(true);
        Object options = optionsField.get(command);
        Method stateFile = options.getClass().getDeclaredMethod("stateFile");
        stateFile.setAccessible(true);
        String base = program.equals("CollectQueryLogs") ? "query_logs_state" : "lineage_state";
        assertEquals(Path.of(base + "-eu.json"), stateFile.invoke(options));
      }
      @SuppressWarnings("unchecked")
      BiFunction<String, String, BigQuery> clients =
          (BiFunction<String, String, BigQuery>)
              programs.load("Warehouse").getField("clients").get(null);
      assertEquals("europe-west1", clients.apply("acme-prod", "europe-west1").getOptions().getLocation());
    }
  }

  @Test
  void sendsFinishedJobsWithErrorsAndExtrasAndNeverUnfinishedOnes() throws Exception {
    for (String warehouse : List.of("bigquery", "bigquery-iceberg")) {
      Path dir = work.resolve(warehouse);
      FakeBigQuery bigquery =
          new FakeBigQuery()
              .answer(
                  sql(warehouse, "/query_logs/sql"),
                  parameters ->
                      new FakeBigQuery.Result(
                          JOBS_QUERY_LOGS,
                          List.of(
                              row(JOBS_QUERY_LOGS, str("bquxjob_1"), str("SELECT * FROM sales.orders"),
                                  ts("2026-03-01T09:59:59Z"), ts("2026-03-01T10:00:00Z"),
                                  ts("2026-03-01T10:00:05.12Z"), str("ana@acme.com"), str("DONE"),
                                  str("SELECT"), str("INTERACTIVE"), bool(false), nul(), nul(),
                                  int64(1024000L), int64(10485760L), int64(3200L), nul()),
                              row(JOBS_QUERY_LOGS, str("bquxjob_2"), str("SELECT 1/0"),
                                  ts("2026-03-01T10:01:00Z"), ts("2026-03-01T10:01:00Z"),
                                  ts("2026-03-01T10:01:01Z"), str("etl@acme.iam.gserviceaccount.com"),
                                  str("DONE"), str("SELECT"), str("BATCH"), nul(), str("invalidQuery"),
                                  str("division by zero: 1 / 0"), int64(0L), int64(0L), int64(0L),
                                  str("admin:US.prod")),
                              // No text (e.g. a job of another kind): reported, not sent.
                              row(JOBS_QUERY_LOGS, str("bquxjob_3"), nul(),
                                  ts("2026-03-01T10:02:00Z"), ts("2026-03-01T10:02:00Z"),
                                  ts("2026-03-01T10:02:01Z"), str("x@acme.com"), str("DONE"), nul(),
                                  str("INTERACTIVE"), nul(), nul(), nul(), nul(), nul(), nul(), nul()),
                              // Still running: no end time. Never sent with an invented one.
                              row(JOBS_QUERY_LOGS, str("bquxjob_4"), str("SELECT SLEEP()"),
                                  ts("2026-03-01T10:03:00Z"), ts("2026-03-01T10:03:00Z"), nul(),
                                  str("x@acme.com"), str("RUNNING"), str("SELECT"), str("INTERACTIVE"),
                                  nul(), nul(), nul(), nul(), nul(), nul(), nul()))));
      Path state = dir.resolve("query_logs_state.json");
      Files.createDirectories(dir);
      try (LocalGateway gateway = new LocalGateway().start(0);
          InProcessPrograms programs = InProcessPrograms.generate(dir, warehouse)) {
        bigquery.install(programs.load("Warehouse"));
        Instant before = Instant.now();
        int exit =
            programs.run(
                "CollectAndPushQueryLogs",
                "--project-id", "acme-prod",
                "--state-file", state.toString(),
                "--key-id", "kid",
                "--key-token", "ktok",
                "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
                "--endpoint", gateway.baseUrl(),
                "--output-file", dir.resolve("q.json").toString(),
                "--result-file", dir.resolve("qr.json").toString());
        assertEquals(0, exit);

        JsonNode body = gateway.received(Flow.QUERY_LOGS).get(0).body();
        assertEquals("bigquery", body.at("/resource/log_type").asText());
        assertEquals(
            JSON.readTree(
                """
                [
                 {"start_time": "2026-03-01T10:00:00Z", "end_time": "2026-03-01T10:00:05.120000Z",
                  "query_text": "SELECT * FROM sales.orders", "query_id": "bquxjob_1",
                  "user": "ana@acme.com",
                  "extra": {"statement_type": "SELECT", "total_bytes_processed": 1024000,
                            "total_bytes_billed": 10485760, "total_slot_ms": 3200, "cache_hit": false,
                            "priority": "INTERACTIVE", "reservation_id": null,
                            "creation_time": "2026-03-01T09:59:59Z"}},
                 {"start_time": "2026-03-01T10:01:00Z", "end_time": "2026-03-01T10:01:01Z",
                  "query_text": "SELECT 1/0", "query_id": "bquxjob_2",
                  "user": "etl@acme.iam.gserviceaccount.com",
                  "error_code": "invalidQuery", "error_text": "division by zero: 1 / 0",
                  "extra": {"statement_type": "SELECT", "total_bytes_processed": 0,
                            "total_bytes_billed": 0, "total_slot_ms": 0, "cache_hit": null,
                            "priority": "BATCH", "reservation_id": "admin:US.prod",
                            "creation_time": "2026-03-01T10:01:00Z"}}
                ]
                """),
            body.get("events"));
        JsonNode manifest = JSON.readTree(dir.resolve("q.json").toFile());
        String report = manifest.get("report").toString();
        assertTrue(report.contains("bquxjob_3") && report.contains("no query text"), report);
        assertTrue(report.contains("bquxjob_4") && report.contains("still running"), report);

        // One query on the region's JOBS view; the window [now - 24 h - 15 min, now - 15 min)
        // bound as TIMESTAMP parameters, and chained through the state file.
        List<FakeBigQuery.Executed> executed = bigquery.executed();
        assertEquals(1, executed.size());
        assertTrue(executed.get(0).sql().contains("FROM `acme-prod`.`region-us`.INFORMATION_SCHEMA.JOBS"));
        // The parent job of a script repeats its children's totals: left out, children sent.
        assertTrue(
            executed.get(0).sql().contains("AND (statement_type IS NULL OR statement_type <> 'SCRIPT')"),
            executed.get(0).sql());
        Map<String, QueryParameterValue> parameters = executed.get(0).parameters();
        assertEquals("TIMESTAMP", parameters.get("start_time").getType().name());
        Instant start = micros(parameters.get("start_time"));
        Instant end = micros(parameters.get("end_time"));
        assertEquals(Duration.ofMinutes(1440), Duration.between(start, end));
        assertTrue(!end.isAfter(Instant.now().minus(Duration.ofMinutes(15))));
        assertTrue(!end.isBefore(before.minus(Duration.ofMinutes(16))));
        assertTrue(Files.readString(state).contains(Timestamps.format(end)));

        assertEquals(
            0,
            programs.run(
                "CollectQueryLogs",
                "--project-id", "acme-prod",
                "--state-file", state.toString(),
                "--output-file", dir.resolve("q2.json").toString()));
        JsonNode second = JSON.readTree(dir.resolve("q2.json").toFile()).get("window");
        assertEquals(Timestamps.format(end), second.get("start").asText());
      }
    }
  }
}
