package io.pushgen.generator.e2e;

import static io.pushgen.generator.e2e.BigQueryFixtures.COLUMNS;
import static io.pushgen.generator.e2e.BigQueryFixtures.JOBS_LINEAGE;
import static io.pushgen.generator.e2e.BigQueryFixtures.JOBS_QUERY_LOGS;
import static io.pushgen.generator.e2e.BigQueryFixtures.SCHEMATA_LINKS;
import static io.pushgen.generator.e2e.BigQueryFixtures.TABLES;
import static io.pushgen.generator.e2e.BigQueryFixtures.sql;
import static io.pushgen.generator.e2e.FakeBigQuery.int64;
import static io.pushgen.generator.e2e.FakeBigQuery.nul;
import static io.pushgen.generator.e2e.FakeBigQuery.repeated;
import static io.pushgen.generator.e2e.FakeBigQuery.row;
import static io.pushgen.generator.e2e.FakeBigQuery.str;
import static io.pushgen.generator.e2e.FakeBigQuery.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.QueryParameterValue;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.descriptor.Descriptors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted BigQuery {@code Check} at the client's boundary ({@link FakeBigQuery}): every query
 * of the three flows as a dry-run job, the tables and jobs the project shows, and BigQuery's
 * "Access Denied" for a missing permission reported with the roles the descriptor names.
 */
class BigQueryCheckTest {
  private static final String TOKEN = "ktok-secret-bq";
  private static InProcessPrograms programs;
  @TempDir static Path work;

  @BeforeAll
  static void build() throws Exception {
    programs = InProcessPrograms.generate(work, "bigquery");
  }

  @AfterAll
  static void close() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }

  /** Rows as Google documents them for every query of the three flows. */
  private static FakeBigQuery warehouse(String tableDataset) throws Exception {
    return new FakeBigQuery()
        .answer(
            sql("bigquery", "/metadata/tables/sql"),
            p ->
                new FakeBigQuery.Result(
                    TABLES,
                    List.of(
                        row(TABLES, str("acme-prod"), str(tableDataset), str("orders"), str("BASE TABLE"),
                            ts("2026-01-01T00:00:00Z"), int64(10L), int64(2048L),
                            ts("2026-03-01T00:00:00Z"), nul()))))
        .answer(sql("bigquery", "/metadata/columns/sql"), p -> new FakeBigQuery.Result(COLUMNS, List.of()))
        .answer(
            sql("bigquery", "/lineage/jobs/sql"),
            p ->
                new FakeBigQuery.Result(
                    JOBS_LINEAGE,
                    List.of(
                        row(JOBS_LINEAGE, str("job_1"), str("INSERT INTO sales.daily SELECT * FROM sales.orders"),
                            str("acme-prod"), str("acme-prod"), str("sales"), str("daily"), repeated()))))
        .answer(sql("bigquery", "/lineage/links/sql"), p -> new FakeBigQuery.Result(SCHEMATA_LINKS, List.of()))
        .answer(sql("bigquery", "/query_logs/sql"), p -> new FakeBigQuery.Result(JOBS_QUERY_LOGS, List.of()));
  }

  private static InProcessPrograms.Run check(FakeBigQuery bigquery) throws Exception {
    bigquery.install(programs.load("Warehouse"));
    InProcessPrograms.Run run =
        programs.captureStdout(
            "Check",
            "--project-id", "acme-prod",
            "--key-id", "kid",
            "--key-token", TOKEN,
            "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
            "--json");
    assertFalse(run.output().contains(TOKEN), run.output());
    return run;
  }

  @Test
  void everyQueryPassesItsDryRunAndTheProjectShowsTablesButNoQueryJobs() throws Exception {
    FakeBigQuery bigquery = warehouse("sales");
    InProcessPrograms.Run run = check(bigquery);
    Map<String, JsonNode> checks = CheckReports.checks(run.output());
    String target = "acme-prod.region-us";
    assertEquals(
        List.of(
            "metadata/tables query/" + target,
            "metadata/tables visible/" + target,
            "metadata/columns query/" + target,
            "lineage/jobs query/" + target,
            "lineage/jobs in the last day/" + target,
            "lineage/links query/" + target,
            "query_logs/jobs query/" + target,
            "query_logs/jobs in the last day/" + target),
        checks.keySet().stream().filter(k -> !k.startsWith("monte_carlo/")).toList());
    assertEquals("visible, e.g. sales.orders", checks.get("metadata/tables visible/" + target).path("detail").asText());
    assertEquals("dry run passes", checks.get("query_logs/jobs query/" + target).path("detail").asText());
    // No query job in the last day although lineage saw one: the empty history is named.
    JsonNode jobs = checks.get("query_logs/jobs in the last day/" + target);
    assertEquals("empty", jobs.path("status").asText());
    assertEquals(
        "`roles/bigquery.resourceViewer` on the project (`bigquery.jobs.listAll`), and jobs in the"
            + " region checked (`--region`).",
        jobs.path("needed").asText());
    assertEquals(1, run.exitCode(), run.output());

    // Five dry runs, one per query, each with its parameters; the windowed ones a day long.
    assertEquals(5, bigquery.dryRuns().size());
    assertEquals(
        List.of(sql("bigquery", "/metadata/tables/sql"), sql("bigquery", "/metadata/columns/sql"),
            sql("bigquery", "/lineage/jobs/sql"), sql("bigquery", "/lineage/links/sql"),
            sql("bigquery", "/query_logs/sql")),
        bigquery.dryRuns());
    FakeBigQuery.Executed history = bigquery.executed().get(bigquery.executed().size() - 1);
    Map<String, QueryParameterValue> window = history.parameters();
    assertEquals(
        86_400L,
        java.time.Duration.between(
                BigQueryQueryLogsTest.micros(window.get("start_time")),
                BigQueryQueryLogsTest.micros(window.get("end_time")))
            .toSeconds());
    assertEquals(1L, history.pageSize());
  }

  @Test
  void aMissingPermissionShowsBigQuerysErrorAndTheRoles() throws Exception {
    String denied =
        "Access Denied: Table acme-prod:region-us.INFORMATION_SCHEMA.JOBS: User does not have"
            + " permission to query table acme-prod:region-us.INFORMATION_SCHEMA.JOBS, or perhaps it"
            + " does not exist.";
    FakeBigQuery bigquery =
        warehouse("_script_abc")
            .refuse(
                sql("bigquery", "/query_logs/sql"),
                new BigQueryException(403, denied, new BigQueryError("accessDenied", "", denied)));
    InProcessPrograms.Run run = check(bigquery);
    assertEquals(1, run.exitCode(), run.output());
    Map<String, JsonNode> checks = CheckReports.checks(run.output());
    JsonNode refused = checks.get("query_logs/jobs query/acme-prod.region-us");
    assertEquals("failed", refused.path("status").asText());
    assertEquals(denied, refused.path("detail").asText());
    assertEquals(
        Descriptors.loadShipped("bigquery", null).descriptor().privileges().queryLogs(),
        refused.path("needed").asText());
    assertFalse(checks.containsKey("query_logs/jobs in the last day/acme-prod.region-us"));
    // Only a hidden (script) dataset: no table the programs would collect.
    assertEquals(
        "empty", checks.get("metadata/tables visible/acme-prod.region-us").path("status").asText());
  }
}
