package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.generator.CompiledProjects;
import io.pushgen.generator.run.EmittedPrograms;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted PostgreSQL {@code Check} against a real PostgreSQL server (with its CSV log), run
 * as a customer runs it: as a user with every privilege the descriptor names, as one without
 * {@code CONNECT} on a database, and on a database without tables.
 */
class PostgresCheckTest {
  private static final String TOKEN = "tok-SECRET-check-1";
  private static final String CONNECT = "`CONNECT` on each database (the catalog tables are readable by every user).";

  private static EmbeddedPostgres postgres;
  private static EmittedPrograms programs;
  private static Path logs;
  @TempDir static Path work;

  @BeforeAll
  static void startWarehouseAndBuildPrograms() throws Exception {
    logs = Files.createDirectories(work.resolve("pg_log"));
    postgres =
        PasswordPostgres.builder(work)
            .setServerConfig("logging_collector", "on")
            .setServerConfig("log_destination", "csvlog")
            .setServerConfig("log_directory", logs.toString())
            .setServerConfig("log_min_duration_statement", "0")
            .setServerConfig("log_timezone", "UTC")
            .setServerConfig("lc_messages", "C")
            .start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE collector LOGIN PASSWORD 'pw-collector'");
      s.execute("CREATE ROLE restricted LOGIN PASSWORD 'pw-restricted'");
      s.execute("CREATE DATABASE analytics");
      s.execute("CREATE DATABASE scratch");
      // analytics is closed to PUBLIC: only collector may connect to it.
      s.execute("REVOKE CONNECT ON DATABASE analytics FROM PUBLIC");
      s.execute("GRANT CONNECT ON DATABASE analytics TO collector");
    }
    try (Connection c = postgres.getDatabase("postgres", "analytics").getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          """
          CREATE SCHEMA sales;
          CREATE TABLE sales.orders (id integer, amount numeric(10,2));
          CREATE VIEW sales.big_orders AS SELECT id FROM sales.orders WHERE amount > 100;
          INSERT INTO sales.orders VALUES (1, 150);
          """);
    }
    programs = CompiledProjects.generate(work, "postgres");
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static EmittedPrograms.Run check(String user, String password, String... arguments)
      throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("PGHOST", "localhost");
    environment.put("PGPORT", Integer.toString(postgres.getPort()));
    environment.put("PGUSER", user);
    environment.put("PGPASSWORD", password);
    environment.put("MCD_INGEST_ID", "key-id-1");
    environment.put("MCD_INGEST_TOKEN", TOKEN);
    environment.put("MCD_RESOURCE_UUID", "3f1a2b4c-0000-4000-8000-00000000abcd");
    List<String> all = new ArrayList<>(List.of("--log-file", logs.toString()));
    all.addAll(List.of(arguments));
    EmittedPrograms.Run run = programs.run("io.pushgen.postgres.Check", environment, all);
    CheckReports.assertNotShown(run, TOKEN, password);
    return run;
  }

  private static Map<String, JsonNode> checks(EmittedPrograms.Run run) throws Exception {
    return CheckReports.checks(run.stdout());
  }

  @Test
  void aUserWithThePrivilegesPassesEveryCheck() throws Exception {
    EmittedPrograms.Run run = check("collector", "pw-collector", "--databases", "analytics", "--json");
    assertEquals(0, run.exitCode(), run.output());
    Map<String, JsonNode> checks = checks(run);
    assertEquals(
        List.of(
            "monte_carlo/ingestion key id/null",
            "monte_carlo/ingestion key token/null",
            "monte_carlo/resource uuid/null",
            "monte_carlo/endpoint/null",
            "metadata/databases/null",
            "metadata/connect/analytics",
            "metadata/tables query/analytics",
            "metadata/columns query/analytics",
            "metadata/tables visible/analytics",
            "lineage/views query/analytics",
            "lineage/view definitions/analytics",
            "lineage/log files/" + logs,
            "lineage/statements in the last day/" + logs),
        List.copyOf(checks.keySet()));
    checks.values().forEach(c -> assertEquals("ok", c.path("status").asText(), c.toString()));
    assertEquals("visible, e.g. sales.big_orders", checks.get("metadata/tables visible/analytics").path("detail").asText());
    assertEquals("1 views, every definition visible", checks.get("lineage/view definitions/analytics").path("detail").asText());
    assertEquals("set (not shown)", checks.get("monte_carlo/ingestion key token/null").path("detail").asText());
  }

  @Test
  void aUserWithoutConnectFailsNamingTheGrant() throws Exception {
    EmittedPrograms.Run run = check("restricted", "pw-restricted", "--databases", "analytics");
    assertEquals(1, run.exitCode(), run.output());
    // The table: the vendor's error on the database's line, the privilege under it.
    assertTrue(
        run.stdout()
            .matches(
                "(?s).*metadata +connect +analytics +failed +cannot connect to .* as restricted: FATAL:"
                    + " permission denied for database"
                    + " \"analytics\".*\n    needs: `CONNECT` on each database \\(the catalog tables"
                    + " are readable by every user\\)\\.\n.*"),
        run.output());
    assertFalse(run.stdout().contains("tables query"), run.output());

    Map<String, JsonNode> checks =
        checks(check("restricted", "pw-restricted", "--databases", "analytics", "--json"));
    JsonNode connect = checks.get("metadata/connect/analytics");
    assertEquals("failed", connect.path("status").asText());
    assertEquals(CONNECT, connect.path("needed").asText());
    assertEquals("ok", checks.get("metadata/databases/null").path("status").asText());
  }

  @Test
  void aDatabaseWithoutTablesIsReportedEmpty() throws Exception {
    EmittedPrograms.Run run = check("restricted", "pw-restricted", "--databases", "scratch", "--json");
    assertEquals(1, run.exitCode(), run.output());
    JsonNode visible = checks(run).get("metadata/tables visible/scratch");
    assertEquals("empty", visible.path("status").asText());
    assertEquals(
        "no tables or views visible, although the database is listed",
        visible.path("detail").asText());
    assertTrue(visible.path("needed").asText().startsWith("Nothing usually"), visible.toString());
  }
}
