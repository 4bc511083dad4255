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
 * Generic JDBC (warehouses/jdbc.yaml, {@code DatabaseMetaData}) on H2: the emitted {@code
 * CollectMetadata}'s metadata calls counted at 10 and at 1,000 tables (they grow with schemas,
 * never with tables).
 */
class GenericJdbcRoundTripTest {
  private static final String H2 = "jdbc:h2:mem:scale_roundtrips;DB_CLOSE_DELAY=-1";
  @TempDir Path work;

  private static void createTables(Connection c, int from, int to) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS SALES");
      s.execute("CREATE SCHEMA IF NOT EXISTS FINANCE");
      for (int i = from; i <= to; i++) {
        String schema = i % 2 == 0 ? "SALES" : "FINANCE";
        s.execute(
            i % 10 == 0
                ? "CREATE VIEW %s.V_%06d AS SELECT 1 AS ID".formatted(schema, i)
                : "CREATE TABLE %s.T_%06d (ID BIGINT, A VARCHAR(10), B DECIMAL(10,2), C TIMESTAMP, D BOOLEAN)"
                    .formatted(schema, i));
      }
    }
  }

  private RoundTrips.Collection collect(InProcessPrograms programs, String counter, int tables, String... extra)
      throws Exception {
    Path manifest = work.resolve(counter + ".json");
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--url", ScriptedDriver.recording(counter, H2),
                "--schemas", "SALES,FINANCE",
                "--output-file", manifest.toString()));
    arguments.addAll(List.of(extra));
    InProcessPrograms.Run run = programs.capture("CollectMetadata", arguments);
    assertEquals(0, run.exitCode(), run.output());
    return new RoundTrips.Collection(tables, ScriptedDriver.recorded(counter), RoundTrips.assets(manifest));
  }

  @Test
  void metadataCallsDoNotGrowWithTables() throws Exception {
    try (Connection keepAlive = DriverManager.getConnection(H2);
        InProcessPrograms programs = InProcessPrograms.generate(work, "jdbc")) {
      createTables(keepAlive, 1, RoundTrips.SMALL);
      RoundTrips.Collection small = collect(programs, "h2_small", RoundTrips.SMALL);
      createTables(keepAlive, RoundTrips.SMALL + 1, RoundTrips.LARGE);
      RoundTrips.Collection large = collect(programs, "h2_large", RoundTrips.LARGE);
      RoundTrips.assertConstant("jdbc (H2)", small, large, tables -> tables);
      RoundTrips.Collection light = collect(programs, "h2_light", RoundTrips.LARGE, "--only-freshness-and-volume");
      assertEquals(
          large.statements().size() - 2,
          light.statements().size(),
          "no getColumns for the two schemas:\n" + String.join("\n", light.statements()));
    }
  }
}
