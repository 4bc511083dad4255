package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.run.EmittedPrograms;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted DuckDB {@code Check} on real DuckDB files: one with a table and a view passes, one
 * without tables is reported empty, a missing file fails, and bad Monte Carlo settings fail
 * without the token being shown.
 */
class DuckDbCheckTest {
  private static final String TOKEN = "tok-SECRET-duck";

  private static InProcessPrograms programs;
  @TempDir static Path work;

  @BeforeAll
  static void build() throws Exception {
    programs = InProcessPrograms.generate(work, "duckdb");
  }

  @AfterAll
  static void close() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }

  private static Path database(String name, String... statements) throws Exception {
    Path file = work.resolve(name + ".duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
    return file;
  }

  private static EmittedPrograms.Run check(Path file, String uuid) throws Exception {
    EmittedPrograms.Run run =
        programs
            .compiled()
            .run(
                "io.pushgen.duckdb.Check",
                Map.of(
                    "DUCKDB_DATABASE", file.toString(),
                    "MCD_INGEST_ID", "kid",
                    "MCD_INGEST_TOKEN", TOKEN,
                    "MCD_RESOURCE_UUID", uuid),
                List.of("--json"));
    CheckReports.assertNotShown(run, TOKEN);
    return run;
  }

  @Test
  void aFileWithTablesPasses() throws Exception {
    Path file =
        database(
            "sales",
            "CREATE TABLE orders (id INTEGER, amount DECIMAL(10, 2))",
            "CREATE VIEW big_orders AS SELECT id FROM orders WHERE amount > 100");
    EmittedPrograms.Run run = check(file, "3f1a2b4c-0000-4000-8000-0000000d0c0b");
    assertEquals(0, run.exitCode(), run.output());
    Map<String, JsonNode> checks = CheckReports.checks(run.stdout());
    assertEquals(
        List.of(
            "metadata/databases/null",
            "metadata/connect/sales",
            "metadata/tables query/sales",
            "metadata/columns query/sales",
            "metadata/tables visible/sales",
            "lineage/views query/sales",
            "lineage/view definitions/sales"),
        checks.keySet().stream().filter(k -> !k.startsWith("monte_carlo/")).toList());
    checks.values().forEach(c -> assertEquals("ok", c.path("status").asText(), c.toString()));
    assertEquals("visible, e.g. main.big_orders", checks.get("metadata/tables visible/sales").path("detail").asText());
  }

  @Test
  void aFileWithoutTablesIsEmptyAndAMalformedUuidFails() throws Exception {
    Path file = database("blank", "CREATE SCHEMA nothing_here");
    EmittedPrograms.Run run = check(file, "not-a-uuid");
    assertEquals(1, run.exitCode(), run.output());
    Map<String, JsonNode> checks = CheckReports.checks(run.stdout());
    JsonNode visible = checks.get("metadata/tables visible/blank");
    assertEquals("empty", visible.path("status").asText(), run.output());
    assertTrue(visible.path("needed").asText().startsWith("Read access to the database file"), visible.toString());
    JsonNode uuid = checks.get("monte_carlo/resource uuid/null");
    assertEquals("failed", uuid.path("status").asText());
    assertEquals("'not-a-uuid' is not a uuid (8-4-4-4-12 hexadecimal digits)", uuid.path("detail").asText());
  }

  @Test
  void aMissingFileFailsTheDatabasesCheck() throws Exception {
    EmittedPrograms.Run run = check(work.resolve("missing/none.duckdb"), "3f1a2b4c-0000-4000-8000-0000000d0c0b");
    assertEquals(1, run.exitCode(), run.output());
    JsonNode databases = CheckReports.checks(run.stdout()).get("metadata/databases/null");
    assertEquals("failed", databases.path("status").asText(), run.output());
    assertTrue(databases.path("detail").asText().contains("cannot connect to jdbc:duckdb:"), databases.toString());
  }
}
