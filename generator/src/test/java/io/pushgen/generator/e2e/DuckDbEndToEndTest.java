package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.descriptor.Descriptor;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.run.EmittedPrograms;
import io.pushgen.runtime.collect.Quoting;
import io.pushgen.runtime.collect.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted DuckDB metadata programs (warehouses/duckdb.yaml) on a real DuckDB file whose path
 * has a space, through to the local gateway.
 */
class DuckDbEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE_UUID = "3f1a2b4c-0000-4000-8000-00000000d0cb";

  private static Path file;
  private static InProcessPrograms programs;
  @TempDir static Path work;

  @BeforeAll
  static void createDatabaseAndBuildPrograms() throws Exception {
    Files.createDirectories(work.resolve("my data"));
    file = work.resolve("my data").resolve("ware house.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "CREATE SCHEMA sales",
              "CREATE TABLE sales.orders (id INTEGER, amount DECIMAL(10,2), status VARCHAR,"
                  + " created_at TIMESTAMPTZ)",
              "COMMENT ON TABLE sales.orders IS 'Order transactions'",
              "COMMENT ON COLUMN sales.orders.id IS 'Primary key'",
              "INSERT INTO sales.orders SELECT i, i * 1.5, 'open', TIMESTAMPTZ '2026-01-01 00:00:00+00'"
                  + " FROM range(1, 101) r(i)",
              "CREATE VIEW sales.open_orders AS SELECT id, amount FROM sales.orders WHERE status = 'open'",
              "COMMENT ON VIEW sales.open_orders IS 'Still open'",
              "CREATE TABLE sales.to_drop (x INTEGER)",
              "CREATE SCHEMA \"Mixed Case\"",
              "CREATE TABLE \"Mixed Case\".\"Quoted \"\"Name\"\"\" (\"Col ü\" VARCHAR, \"select\" INTEGER[])",
              "CREATE TABLE \"Mixed Case\".\"Ünïcode\" (s STRUCT(a INTEGER))",
              "CREATE SCHEMA empty_schema",
              "CHECKPOINT")) {
        s.execute(sql);
      }
    }
    programs = InProcessPrograms.generate(work, "duckdb");
  }

  @AfterAll
  static void close() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }


  private static String[] push(LocalGateway gateway, String result) {
    return new String[] {
      "--key-id", "kid", "--key-token", "ktok", "--resource-uuid", RESOURCE_UUID,
      "--endpoint", gateway.baseUrl(), "--result-file", work.resolve(result).toString()
    };
  }

  @Test
  void collectThenDropThenPushAndCollectAndPush() throws Exception {
    Path manifest = work.resolve("duck_manifest.json");
    assertEquals(
        0,
        programs.run(
            "CollectMetadata",
            "--database-file", file.toString(),
            "--output-file", manifest.toString()));
    long ordersEstimate = estimatedSize("orders");
    Map<String, JsonNode> expected = new TreeMap<>();
    expected.put(
        "ware house.sales.orders",
        JSON.readTree(
            """
            {"type": "TABLE",
             "metadata": {"name": "orders", "database": "ware house", "schema": "sales",
                          "description": "Order transactions"},
             "fields": [{"name": "id", "type": "INTEGER", "description": "Primary key"},
                        {"name": "amount", "type": "DECIMAL(10,2)"},
                        {"name": "status", "type": "VARCHAR"},
                        {"name": "created_at", "type": "TIMESTAMPTZ"}],
             "volume": {"row_count": %d}}
            """
                .formatted(ordersEstimate)));
    expected.put(
        "ware house.sales.open_orders",
        JSON.readTree(
            """
            {"type": "VIEW",
             "metadata": {"name": "open_orders", "database": "ware house", "schema": "sales",
                          "description": "Still open",
                          "view_query": "CREATE VIEW sales.open_orders AS SELECT id, amount FROM sales.orders WHERE (status = 'open');"},
             "fields": [{"name": "id", "type": "INTEGER"}, {"name": "amount", "type": "DECIMAL(10,2)"}]}
            """));
    expected.put(
        "ware house.sales.to_drop",
        JSON.readTree(
            """
            {"type": "TABLE", "metadata": {"name": "to_drop", "database": "ware house", "schema": "sales"},
             "fields": [{"name": "x", "type": "INTEGER"}], "volume": {"row_count": 0}}
            """));
    expected.put(
        "ware house.Mixed Case.Quoted \"Name\"",
        JSON.readTree(
            """
            {"type": "TABLE",
             "metadata": {"name": "Quoted \\"Name\\"", "database": "ware house", "schema": "Mixed Case"},
             "fields": [{"name": "Col ü", "type": "VARCHAR"}, {"name": "select", "type": "INTEGER[]"}],
             "volume": {"row_count": 0}}
            """));
    expected.put(
        "ware house.Mixed Case.Ünïcode",
        JSON.readTree(
            """
            {"type": "TABLE",
             "metadata": {"name": "Ünïcode", "database": "ware house", "schema": "Mixed Case"},
             "fields": [{"name": "s", "type": "STRUCT(a INTEGER)"}],
             "volume": {"row_count": 0}}
            """));
    assertEquals(100, ordersEstimate);

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE sales.to_drop");
    }
    try (LocalGateway gateway = new LocalGateway().expectKey("kid", "ktok").start(0)) {
      assertEquals(
          0,
          programs.run(
              "PushMetadata",
              concat(push(gateway, "duck_push.json"), "--input-file", manifest.toString())));
      assertEquals(expected, Received.assets(gateway, "duckdb"), "the manifest as collected, the dropped table too");
    }

    expected.remove("ware house.sales.to_drop");
    try (LocalGateway gateway = new LocalGateway().expectKey("kid", "ktok").start(0)) {
      assertEquals(
          0,
          programs.run(
              "CollectAndPushMetadata",
              concat(
                  push(gateway, "duck_cap.json"),
                  "--database-file", file.toString(),
                  "--output-file", work.resolve("duck_cap_manifest.json").toString())));
      assertEquals(expected, Received.assets(gateway, "duckdb"), "the empty schema sends nothing");
    }
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  private static long estimatedSize(String table) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        PreparedStatement s =
            c.prepareStatement("SELECT estimated_size FROM duckdb_tables() WHERE table_name = ?")) {
      s.setString(1, table);
      try (ResultSet r = s.executeQuery()) {
        assertTrue(r.next());
        return r.getLong(1);
      }
    }
  }

  @Test
  void viewDefinitionsBecomeLineage() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      assertEquals(
          0,
          programs.run(
              "CollectAndPushLineage",
              concat(
                  new String[] {"--database-file", file.toString()},
                  concat(
                      push(gateway, "lineage_result.json"),
                      "--output-file",
                      work.resolve("lineage.json").toString()))));
      String database = file.getFileName().toString().replace(".duckdb", "");
      assertEquals(
          JSON.readTree(
              """
              [{"destination": {"type": "VIEW", "name": "open_orders", "database": "%s",
                                "schema": "sales", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "orders", "database": "%s", "schema": "sales",
                             "asset_id": "src1"}],
                "fields": [
                  {"name": "amount", "source_fields": [{"asset_id": "src1", "field_name": "amount"}]},
                  {"name": "id", "source_fields": [{"asset_id": "src1", "field_name": "id"}]}]}]
              """
                  .formatted(database, database)),
          gateway.received(Flow.LINEAGE).get(0).events());
    }
  }

  @Test
  void aMissingDatabaseFileFailsClearlyWithoutAManifest() throws Exception {
    Path manifest = work.resolve("never.json");
    Path missing = work.resolve("no such.duckdb");
    EmittedPrograms.Run run =
        programs.compiled().run(
            "io.pushgen.duckdb.CollectMetadata",
            Map.of("DUCKDB_DATABASE", missing.toString()),
            List.of("--output-file", manifest.toString()));
    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.stderr().contains("cannot connect to jdbc:duckdb:" + missing), run.output());
    assertFalse(run.stderr().contains("\tat "), "no stack trace:\n" + run.output());
    assertFalse(Files.exists(manifest));
    assertFalse(Files.exists(missing), "a read-only collector never creates the database");
  }

  @Test
  void doubleQuoteQuotingOfTheDescriptorWorksOnTheEngine() throws Exception {
    Descriptor.Quoting q = Descriptors.loadShipped("duckdb", null).descriptor().quoting();
    Quoting quoting = new Quoting(q.quote(), q.escape());
    Path other = work.resolve("quoting.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + other);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA \"we\"\"ird schema\"");
      s.execute("CREATE TABLE \"we\"\"ird schema\".\"select\" (\"a b\" INTEGER)");
      s.execute("INSERT INTO \"we\"\"ird schema\".\"select\" VALUES (1), (2), (3)");
      Sql count = Sql.of("SELECT COUNT(*) AS n FROM {{database}}.{{schema}}.{{table}} WHERE {{column}} > :min");
      try (PreparedStatement p =
              count.prepare(
                  c,
                  quoting,
                  Map.of("database", "quoting", "schema", "we\"ird schema", "table", "select", "column", "a b"),
                  Map.of("min", 1));
          ResultSet r = p.executeQuery()) {
        assertTrue(r.next());
        assertEquals(2, r.getInt("n"));
      }
    }
  }
}
