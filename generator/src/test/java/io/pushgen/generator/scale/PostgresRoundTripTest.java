package io.pushgen.generator.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.testsupport.ScriptedDriver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL (warehouses/postgres.yaml) on an embedded server: the emitted {@code
 * CollectMetadata}'s statements counted through the recording {@link ScriptedDriver} at 10 and at 1,000 tables;
 * and databases collected in parallel give the same manifest as one at a time.
 */
class PostgresRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedPostgres postgres;
  private static InProcessPrograms programs;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE scale");
      for (String db : List.of("par_a", "par_b", "par_c", "par_d")) {
        s.execute("CREATE DATABASE " + db);
      }
    }
    programs = InProcessPrograms.generate(work, "postgres");
  }

  @AfterAll
  static void stop() throws Exception {
    if (programs != null) {
      programs.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /** Creates tables {@code from..to} (5 columns, every 10th a view) across two schemas. */
  static void createTables(Connection c, int from, int to) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(
          """
          CREATE SCHEMA IF NOT EXISTS sales;
          CREATE SCHEMA IF NOT EXISTS finance;
          DO $$
          BEGIN
            FOR i IN %d..%d LOOP
              IF i %% 10 = 0 THEN
                EXECUTE format('CREATE VIEW %%I.%%I AS SELECT 1 AS id, text ''x'' AS a',
                               CASE WHEN i %% 2 = 0 THEN 'sales' ELSE 'finance' END,
                               'v_' || lpad(i::text, 6, '0'));
              ELSE
                EXECUTE format('CREATE TABLE %%I.%%I (id bigint, a text, b numeric(10,2),'
                               ' c timestamptz, d boolean)',
                               CASE WHEN i %% 2 = 0 THEN 'sales' ELSE 'finance' END,
                               't_' || lpad(i::text, 6, '0'));
              END IF;
            END LOOP;
          END $$;
          """
              .formatted(from, to));
    }
  }

  private RoundTrips.Collection collect(String counter, int tables, List<String> extra) throws Exception {
    Path manifest = work.resolve(counter + ".json");
    String url =
        ScriptedDriver.recording(counter, "jdbc:postgresql://localhost:" + postgres.getPort() + "/{database}");
    List<String> arguments =
        new java.util.ArrayList<>(
            List.of("--jdbc-url", url, "--user", "postgres", "--output-file", manifest.toString()));
    arguments.addAll(extra);
    InProcessPrograms.Run run = programs.capture("CollectMetadata", arguments);
    assertEquals(0, run.exitCode(), run.output());
    return new RoundTrips.Collection(tables, ScriptedDriver.recorded(counter), RoundTrips.assets(manifest));
  }

  @Test
  void catalogRoundTripsDoNotGrowWithTables() throws Exception {
    try (Connection c = postgres.getDatabase("postgres", "scale").getConnection()) {
      createTables(c, 1, RoundTrips.SMALL);
    }
    RoundTrips.Collection small = collect("pg_small", RoundTrips.SMALL, List.of("--databases", "scale"));
    try (Connection c = postgres.getDatabase("postgres", "scale").getConnection()) {
      createTables(c, RoundTrips.SMALL + 1, RoundTrips.LARGE);
    }
    RoundTrips.Collection large = collect("pg_large", RoundTrips.LARGE, List.of("--databases", "scale"));
    RoundTrips.assertConstant("postgres", small, large, tables -> tables);
    // One query lists the databases, then two per database.
    assertEquals(3, large.statements().size(), String.join("\n", large.statements()));

    // Freshness and volume only: the columns query is not run.
    RoundTrips.Collection light =
        collect("pg_light", RoundTrips.LARGE, List.of("--databases", "scale", "--only-freshness-and-volume"));
    assertEquals(2, light.statements().size(), String.join("\n", light.statements()));
  }

  @Test
  void databasesCollectedInParallelGiveTheSameManifest() throws Exception {
    int n = 0;
    for (String db : List.of("par_a", "par_b", "par_c", "par_d")) {
      try (Connection c = postgres.getDatabase("postgres", db).getConnection()) {
        createTables(c, 1, 30 + 10 * n++);
      }
    }
    List<String> scope = List.of("--databases", "par_*");
    RoundTrips.Collection one = collect("pg_par1", 0, concat(scope, "--parallelism", "1"));
    RoundTrips.Collection three = collect("pg_par3", 0, concat(scope, "--parallelism", "3"));
    RoundTrips.Collection byDefault = collect("pg_par_default", 0, scope);
    JsonNode expected = events(work.resolve("pg_par1.json"));
    assertEquals(30 + 40 + 50 + 60, expected.size());
    assertEquals(expected, events(work.resolve("pg_par3.json")));
    assertEquals(expected, events(work.resolve("pg_par_default.json")));
    assertEquals(one.statements().size(), three.statements().size());
    assertTrue(byDefault.statements().size() == one.statements().size());
  }

  @Test
  void aDatabaseThatFailsIsReportedAndTheOthersAreCollectedInOrder() throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (String db : List.of("fail_a", "fail_b", "fail_c")) {
        s.execute("CREATE DATABASE " + db);
      }
      s.execute("CREATE ROLE limited LOGIN");
      s.execute("REVOKE CONNECT ON DATABASE fail_b FROM PUBLIC");
    }
    for (String db : List.of("fail_a", "fail_c")) {
      try (Connection c = postgres.getDatabase("postgres", db).getConnection()) {
        createTables(c, 1, 25);
      }
    }
    JsonNode sequential = null;
    for (String parallelism : List.of("1", "3")) {
      Path manifest = work.resolve("fail-" + parallelism + ".json");
      InProcessPrograms.Run run =
          programs.capture(
              "CollectMetadata",
              List.of(
                  "--jdbc-url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/{database}",
                  "--user", "limited",
                  "--databases", "fail_*",
                  "--parallelism", parallelism,
                  "--output-file", manifest.toString()));
      assertEquals(1, run.exitCode(), "a database failed: " + run.output());
      assertTrue(run.output().contains("skipped database fail_b"), run.output());
      JsonNode json = JSON.readTree(manifest.toFile());
      assertEquals(50, json.get("events").size());
      assertEquals("fail_b", json.at("/report/failed_databases/0/subject").asText());
      assertEquals(1, json.at("/counts/failed_databases").asInt());
      json = ((com.fasterxml.jackson.databind.node.ObjectNode) json).without("collected_at");
      if (sequential == null) {
        sequential = json;
      } else {
        assertEquals(sequential, json, "the same manifest at parallelism 1 and 3");
      }
    }
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }

  private static JsonNode events(Path manifest) throws Exception {
    return JSON.readTree(manifest.toFile()).get("events");
  }
}
