package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.generator.InProcessPrograms;
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

/** The emitted generic JDBC {@code Check} on real H2 databases, one with tables, one without. */
class GenericJdbcCheckTest {
  private static InProcessPrograms programs;
  @TempDir static Path work;

  @BeforeAll
  static void build() throws Exception {
    programs = InProcessPrograms.generate(work, "jdbc");
  }

  @AfterAll
  static void close() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }

  private static Map<String, JsonNode> check(String name, int exit, String... statements) throws Exception {
    String url = "jdbc:h2:" + work.resolve("h2").resolve(name);
    try (Connection c = DriverManager.getConnection(url, "sa", "pw-h2");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
    InProcessPrograms.Run run =
        programs.captureStdout(
            "Check",
            "--url", url, "--user", "sa", "--password", "pw-h2",
            "--key-id", "kid", "--key-token", "ktok-h2",
            "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
            "--json");
    assertEquals(exit, run.exitCode(), run.output());
    assertFalse(run.output().contains("ktok-h2") || run.output().contains("pw-h2"), run.output());
    return CheckReports.checks(run.output());
  }

  @Test
  void aDatabaseWithTablesPassesAndOneWithoutIsEmpty() throws Exception {
    Map<String, JsonNode> sales = check("sales", 0, "CREATE TABLE PUBLIC.ORDERS (ID INTEGER)");
    assertEquals(
        List.of("metadata/connect/null", "metadata/databases/null", "metadata/tables visible/SALES"),
        sales.keySet().stream().filter(k -> !k.startsWith("monte_carlo/")).toList());
    assertEquals("visible, e.g. PUBLIC.ORDERS", sales.get("metadata/tables visible/SALES").path("detail").asText());

    JsonNode blank = check("blank", 1).get("metadata/tables visible/BLANK");
    assertEquals("empty", blank.path("status").asText());
  }
}
