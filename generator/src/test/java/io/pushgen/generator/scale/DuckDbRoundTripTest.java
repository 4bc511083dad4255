package io.pushgen.generator.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgen.generator.InProcessPrograms;
import io.pushgen.testsupport.ScriptedDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB (warehouses/duckdb.yaml) on a real database file: the emitted {@code CollectMetadata}'s
 * statements counted at 10 and at 1,000 tables.
 */
class DuckDbRoundTripTest {
  @TempDir Path work;

  private static void createTables(Path file, int from, int to) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS sales");
      s.execute("CREATE SCHEMA IF NOT EXISTS finance");
      for (int i = from; i <= to; i++) {
        String schema = i % 2 == 0 ? "sales" : "finance";
        s.execute(
            i % 10 == 0
                ? "CREATE VIEW %s.v_%06d AS SELECT 1 AS id".formatted(schema, i)
                : "CREATE TABLE %s.t_%06d (id BIGINT, a TEXT, b DECIMAL(10,2), c TIMESTAMP, d BOOLEAN)"
                    .formatted(schema, i));
      }
    }
  }

  private RoundTrips.Collection collect(InProcessPrograms programs, Path file, String counter, int tables, String... extra)
      throws Exception {
    Path manifest = work.resolve(counter + ".json");
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--database-file", file.toString(),
                "--jdbc-url", ScriptedDriver.recording(counter, "jdbc:duckdb:" + file),
                "--output-file", manifest.toString()));
    arguments.addAll(List.of(extra));
    InProcessPrograms.Run run = programs.capture("CollectMetadata", arguments);
    assertEquals(0, run.exitCode(), run.output());
    return new RoundTrips.Collection(tables, ScriptedDriver.recorded(counter), RoundTrips.assets(manifest));
  }

  @Test
  void catalogRoundTripsDoNotGrowWithTables() throws Exception {
    Path file = work.resolve("warehouse.duckdb");
    try (InProcessPrograms programs = InProcessPrograms.generate(work, "duckdb")) {
      createTables(file, 1, RoundTrips.SMALL);
      RoundTrips.Collection small = collect(programs, file, "duck_small", RoundTrips.SMALL);
      createTables(file, RoundTrips.SMALL + 1, RoundTrips.LARGE);
      RoundTrips.Collection large = collect(programs, file, "duck_large", RoundTrips.LARGE);
      RoundTrips.assertConstant("duckdb", small, large, tables -> tables);
      RoundTrips.Collection light =
          collect(programs, file, "duck_light", RoundTrips.LARGE, "--only-freshness-and-volume");
      assertEquals(large.statements().size() - 1, light.statements().size(), String.join("\n", light.statements()));
    }
  }
}
