package io.pushgen.runtime.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.runtime.check.CheckReport.Line;
import io.pushgen.runtime.check.CheckReport.Status;
import io.pushgen.runtime.cli.Console;
import io.pushgen.runtime.cli.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class CheckReportTest {
  @Test
  void aFailedQueryShowsTheVendorsErrorAndTheGrantAndFailsTheRun() throws Exception {
    CheckReport report = new CheckReport("PostgreSQL");
    Checks checks = new Checks(report);
    assertTrue(checks.run("metadata", "tables query", "sales", "`CONNECT` on each database",
        () -> Checks.Outcome.ok("runs")));
    assertFalse(checks.run("metadata", "columns query", "hr", "`CONNECT` on each\n  database",
        () -> {
          throw new SQLException("permission denied for database hr", "42501");
        }));

    assertEquals(ExitCode.FAILURE, report.exitCode());
    assertEquals(
        """
        PostgreSQL preflight check

        flow      check          target  status  detail
        metadata  tables query   sales   ok      runs
        metadata  columns query  hr      failed  permission denied for database hr (SQLSTATE 42501)
            needs: `CONNECT` on each database

        2 checks: 1 ok, 1 failed
        """,
        report.toTable());

    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertEquals("failed", json.path("outcome").asText());
    assertEquals(1, json.path("exit_code").asInt());
    assertEquals(1, json.path("counts").path("failed").asInt());
    JsonNode failed = json.path("checks").get(1);
    assertEquals("hr", failed.path("target").asText());
    assertEquals("`CONNECT` on each database", failed.path("needed").asText());
    assertFalse(json.path("checks").get(0).has("needed"));
  }

  @Test
  void anEmptyResultFailsTheRunAndAWarningDoesNot() {
    CheckReport warned = new CheckReport("Snowflake");
    new Checks(warned).runOptional("lineage", "edges query", null, "Enterprise Edition",
        () -> {
          throw new SQLException("Object 'ACCESS_HISTORY' does not exist");
        });
    assertEquals(Status.WARNING, warned.lines().get(0).status());
    assertEquals(ExitCode.OK, warned.exitCode());

    CheckReport empty = new CheckReport("Snowflake");
    new Checks(empty).run("metadata", "tables visible", "SALES", "SELECT on the tables",
        () -> Checks.Outcome.empty("no tables or views visible"));
    assertEquals(ExitCode.FAILURE, empty.exitCode());
    assertTrue(empty.toTable().contains("    needs: SELECT on the tables\n"), empty.toTable());
  }

  @Test
  void everyCheckPassingExitsZero() {
    CheckReport report = new CheckReport("DuckDB");
    report.ok("metadata", "databases query", null, "1 database");
    assertEquals(ExitCode.OK, report.exitCode());
    assertEquals("1 checks: 1 ok", report.summary());
  }

  @Test
  void monteCarloSettingsAreCheckedAndTheTokenIsNeverShown() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Console console =
        new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out), false);
    CheckReport report = new CheckReport("PostgreSQL");
    new MonteCarloSettings()
        .set("key-1", "s3cret-token", "00000000-0000-4000-8000-00000000000Z", "ftp://x")
        .check(report, console);
    assertEquals(
        "[ok, ok, failed, failed]",
        report.lines().stream().map(l -> l.status().label()).toList().toString());
    Line uuid = report.lines().get(2);
    assertEquals(
        "'00000000-0000-4000-8000-00000000000Z' is not a uuid (8-4-4-4-12 hexadecimal digits)",
        uuid.detail());
    assertTrue(uuid.needed().startsWith("MCD_RESOURCE_UUID or --resource-uuid"), uuid.needed());
    assertEquals("'ftp://x' is not an http(s) URL", report.lines().get(3).detail());
    report.print(new PrintStream(out, true, StandardCharsets.UTF_8), false);
    report.print(new PrintStream(out, true, StandardCharsets.UTF_8), true);
    assertFalse(out.toString(StandardCharsets.UTF_8).contains("s3cret-token"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("set (not shown)"));
  }

  @Test
  void missingMonteCarloSettingsNameTheirVariables() {
    CheckReport report = new CheckReport("PostgreSQL");
    new MonteCarloSettings()
        .set(null, " ", "6B2F4C1E-0A8D-4A57-9D3E-2C1F0E9B7A65", "https://gw.example.com")
        .check(report, new Console(System.out, System.err, false));
    assertEquals("not set", report.lines().get(0).detail());
    assertTrue(report.lines().get(0).needed().startsWith("MCD_INGEST_ID or --key-id"));
    assertTrue(report.lines().get(1).needed().startsWith("MCD_INGEST_TOKEN or --key-token"));
    assertEquals(Status.OK, report.lines().get(2).status());
    assertEquals(Status.OK, report.lines().get(3).status());
  }
}
