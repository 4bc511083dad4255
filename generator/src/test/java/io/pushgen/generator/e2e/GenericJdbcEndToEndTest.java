package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.run.EmittedPrograms;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted generic JDBC programs (warehouses/jdbc.yaml, java.sql.DatabaseMetaData) on real H2
 * and SQLite databases, through to the local gateway.
 */
class GenericJdbcEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE_UUID = "3f1a2b4c-0000-4000-8000-000000000dbc";
  private static final String H2_PASSWORD = "pw-H2-'secret\"-7";

  private static InProcessPrograms programs;
  private static String h2Url;
  @TempDir static Path work;

  @BeforeAll
  static void createDatabasesAndBuildPrograms() throws Exception {
    h2Url = "jdbc:h2:" + work.resolve("h2").resolve("sales");
    try (Connection c = DriverManager.getConnection(h2Url, "sa", H2_PASSWORD);
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "CREATE TABLE PUBLIC.ORDERS (ID INTEGER PRIMARY KEY, AMOUNT NUMERIC(10,2))",
              "COMMENT ON TABLE PUBLIC.ORDERS IS 'Order transactions'",
              "COMMENT ON COLUMN PUBLIC.ORDERS.ID IS 'Primary key'",
              "CREATE VIEW PUBLIC.OPEN_ORDERS AS SELECT ID, AMOUNT FROM PUBLIC.ORDERS",
              "CREATE TABLE PUBLIC.TO_DROP (X INTEGER)",
              "CREATE SCHEMA \"Mixed Case\"",
              "CREATE TABLE \"Mixed Case\".\"Quoted \"\"Name\"\"\" (\"Col ü\" VARCHAR(10), \"select\" INTEGER)",
              // A schema name with a LIKE wildcard must not pick up its look-alike.
              "CREATE SCHEMA A_B",
              "CREATE TABLE A_B.T1 (ID BIGINT)",
              "CREATE SCHEMA AXB",
              "CREATE TABLE AXB.T2 (ID BIGINT)",
              "CREATE SCHEMA EMPTY_SCHEMA")) {
        s.execute(sql);
      }
    }
    programs = InProcessPrograms.generate(work, "jdbc");
  }

  @AfterAll
  static void close() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }


  private static String[] args(String... parts) {
    return parts;
  }

  private static String[] with(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  private static String[] push(LocalGateway gateway, String result) {
    return args(
        "--key-id", "kid", "--key-token", "ktok", "--resource-uuid", RESOURCE_UUID,
        "--endpoint", gateway.baseUrl(), "--result-file", work.resolve(result).toString());
  }

  private static JsonNode asset(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void h2CollectThenDropThenPushAndCollectAndPush() throws Exception {
    String[] connection = args("--url", h2Url, "--user", "sa", "--password", H2_PASSWORD);
    Path manifest = work.resolve("h2_manifest.json");
    assertEquals(0, programs.run("CollectMetadata", with(connection, "--output-file", manifest.toString())));

    Map<String, JsonNode> expected = new TreeMap<>();
    expected.put("SALES.PUBLIC.ORDERS", asset(
        """
        {"type": "TABLE",
         "metadata": {"name": "ORDERS", "database": "SALES", "schema": "PUBLIC",
                      "description": "Order transactions"},
         "fields": [{"name": "ID", "type": "INTEGER", "description": "Primary key"},
                    {"name": "AMOUNT", "type": "NUMERIC"}]}
        """));
    expected.put("SALES.PUBLIC.OPEN_ORDERS", asset(
        """
        {"type": "VIEW", "metadata": {"name": "OPEN_ORDERS", "database": "SALES", "schema": "PUBLIC"},
         "fields": [{"name": "ID", "type": "INTEGER"}, {"name": "AMOUNT", "type": "NUMERIC"}]}
        """));
    expected.put("SALES.PUBLIC.TO_DROP", asset(
        """
        {"type": "TABLE", "metadata": {"name": "TO_DROP", "database": "SALES", "schema": "PUBLIC"},
         "fields": [{"name": "X", "type": "INTEGER"}]}
        """));
    expected.put("SALES.Mixed Case.Quoted \"Name\"", asset(
        """
        {"type": "TABLE",
         "metadata": {"name": "Quoted \\"Name\\"", "database": "SALES", "schema": "Mixed Case"},
         "fields": [{"name": "Col ü", "type": "VARCHAR"}, {"name": "select", "type": "INTEGER"}]}
        """));
    expected.put("SALES.A_B.T1", asset(
        """
        {"type": "TABLE", "metadata": {"name": "T1", "database": "SALES", "schema": "A_B"},
         "fields": [{"name": "ID", "type": "BIGINT"}]}
        """));
    expected.put("SALES.AXB.T2", asset(
        """
        {"type": "TABLE", "metadata": {"name": "T2", "database": "SALES", "schema": "AXB"},
         "fields": [{"name": "ID", "type": "BIGINT"}]}
        """));

    try (Connection c = DriverManager.getConnection(h2Url, "sa", H2_PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE PUBLIC.TO_DROP");
    }
    try (LocalGateway gateway = new LocalGateway().expectKey("kid", "ktok").start(0)) {
      assertEquals(0, programs.run("PushMetadata",
          with(push(gateway, "h2_push.json"), "--input-file", manifest.toString(), "--batch-size", "4")));
      assertEquals(2, gateway.received(Flow.METADATA).size());
      assertEquals(expected, Received.assets(gateway, "data-lake"), "the manifest as collected, the dropped table too");
    }

    expected.remove("SALES.PUBLIC.TO_DROP");
    try (LocalGateway gateway = new LocalGateway().expectKey("kid", "ktok").start(0)) {
      assertEquals(0, programs.run("CollectAndPushMetadata",
          with(with(connection, push(gateway, "h2_cap.json")),
              "--output-file", work.resolve("h2_cap_manifest.json").toString(),
              "--resource-type", "h2")));
      assertEquals(expected, Received.assets(gateway, "h2"), "INFORMATION_SCHEMA and the empty schema send nothing");
      assertFalse(Files.readString(work.resolve("h2_cap_manifest.json")).contains(H2_PASSWORD));
    }
  }

  @Test
  void aDriverWithOneCatalogIsShardedByItsSchemasEachInExactlyOneShard() throws Exception {
    String url = "jdbc:h2:" + work.resolve("h2").resolve("shards");
    List<String> schemas = List.of("ALPHA", "BETA", "GAMMA", "DELTA", "EPSILON", "Mixed Case", "ZÜRICH");
    try (Connection c = DriverManager.getConnection(url, "sa", H2_PASSWORD);
        Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("CREATE SCHEMA \"" + schema + "\"");
        s.execute("CREATE TABLE \"" + schema + "\".T1 (ID INTEGER)");
        s.execute("CREATE TABLE \"" + schema + "\".T2 (ID INTEGER)");
      }
    }
    String[] connection = args("--url", url, "--user", "sa", "--password", H2_PASSWORD);
    Path whole = work.resolve("shards-whole.json");
    assertEquals(0, programs.run("CollectMetadata", with(connection, "--output-file", whole.toString())));
    List<String> expected = names(JSON.readTree(whole.toFile()));
    assertTrue(expected.size() >= 2 * schemas.size(), expected.toString());
    for (int count : new int[] {1, 2, 3, 7}) {
      List<String> union = new ArrayList<>();
      int nonEmpty = 0;
      for (int index = 0; index < count; index++) {
        Path manifest = work.resolve("shards-" + index + "-" + count + ".json");
        assertEquals(
            0,
            programs.run(
                "CollectMetadata",
                with(connection, "--output-file", manifest.toString(), "--shard", index + "/" + count)));
        JsonNode json = JSON.readTree(manifest.toFile());
        assertEquals(count > 1, json.has("shard"));
        List<String> shard = names(json);
        // A schema is never split between shards.
        for (String name : shard) {
          String schema = name.substring(0, name.lastIndexOf('.'));
          expected.stream()
              .filter(other -> other.startsWith(schema + "."))
              .forEach(other -> assertTrue(shard.contains(other), other + " with " + name));
        }
        union.addAll(shard);
        nonEmpty += shard.isEmpty() ? 0 : 1;
      }
      // H2 lists one catalog: the schemas, not the database, are spread over the shards.
      assertTrue(count == 1 || nonEmpty > 1, count + " shards, " + nonEmpty + " with assets");
      assertEquals(expected.stream().sorted().toList(), union.stream().sorted().toList(), count + " shards");
    }
  }

  /** database.schema.name of every asset of a manifest. */
  private static List<String> names(JsonNode manifest) {
    List<String> names = new ArrayList<>();
    manifest
        .get("events")
        .forEach(
            asset ->
                names.add(
                    asset.at("/metadata/database").asText()
                        + "." + asset.at("/metadata/schema").asText()
                        + "." + asset.at("/metadata/name").asText()));
    return names;
  }

  @Test
  void sqliteWithoutCatalogsOrSchemasCollectsUnderTheDatabaseName() throws Exception {
    Path file = work.resolve("app data.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE \"Quoted \"\"Name\"\"\" (\"Col ü\" VARCHAR(10), \"select\" INTEGER, untyped)");
      s.execute("CREATE TABLE Mixed (id INTEGER PRIMARY KEY)");
      s.execute("CREATE VIEW v_mixed AS SELECT id FROM Mixed");
    }
    try (LocalGateway gateway = new LocalGateway().expectKey("kid", "ktok").start(0)) {
      assertEquals(0, programs.run("CollectAndPushMetadata",
          with(push(gateway, "sqlite_cap.json"),
              "--url", "jdbc:sqlite:" + file,
              "--database-name", "app",
              "--output-file", work.resolve("sqlite_manifest.json").toString())));
      Map<String, JsonNode> expected = new TreeMap<>();
      expected.put("app.app.Quoted \"Name\"", asset(
          """
          {"type": "TABLE", "metadata": {"name": "Quoted \\"Name\\"", "database": "app", "schema": "app"},
           "fields": [{"name": "Col ü", "type": "VARCHAR"}, {"name": "select", "type": "INTEGER"},
                      {"name": "untyped", "type": "%s"}]}
          """.formatted(untypedSqliteType(file))));
      expected.put("app.app.Mixed", asset(
          """
          {"type": "TABLE", "metadata": {"name": "Mixed", "database": "app", "schema": "app"},
           "fields": [{"name": "id", "type": "INTEGER"}]}
          """));
      expected.put("app.app.v_mixed", asset(
          """
          {"type": "VIEW", "metadata": {"name": "v_mixed", "database": "app", "schema": "app"},
           "fields": [{"name": "id", "type": "INTEGER"}]}
          """));
      assertEquals(expected, Received.assets(gateway, "data-lake"), "sqlite_schema (a system table) is left out");
    }
  }

  /** The JDBC type name SQLite's driver reports for a column declared without a type. */
  private static String untypedSqliteType(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var rows = c.getMetaData().getColumns(null, null, "Quoted \"Name\"", "untyped")) {
      assertTrue(rows.next());
      assertTrue(rows.getString("TYPE_NAME") == null || rows.getString("TYPE_NAME").isBlank());
      return java.sql.JDBCType.valueOf(rows.getInt("DATA_TYPE")).getName();
    }
  }

  /** The same programs on PostgreSQL and DuckDB: only the URL and the driver change. */
  @Test
  void postgresAndDuckDbThroughDatabaseMetaData() throws Exception {
    Path duckFile = work.resolve("generic.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckFile);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA shop");
      s.execute("CREATE TABLE shop.\"Order Items\" (id INTEGER, \"naïve\" VARCHAR)");
      s.execute("CREATE VIEW shop.items_v AS SELECT id FROM shop.\"Order Items\"");
    }
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        LocalGateway gateway = new LocalGateway().start(0)) {
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA shop");
        s.execute("CREATE TABLE shop.\"Order Items\" (id integer, \"naïve\" text)");
        s.execute("CREATE VIEW shop.items_v AS SELECT id FROM shop.\"Order Items\"");
      }
      String pgUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
      assertEquals(
          0,
          programs.run(
              "CollectAndPushMetadata",
              with(
                  args("--url", pgUrl, "--user", "postgres", "--password", "unused",
                      "--schemas", "shop", "--output-file", work.resolve("pg.json").toString()),
                  push(gateway, "pg_result.json"))));
      assertEquals(
          List.of("postgres.shop.Order Items", "postgres.shop.items_v"),
          List.copyOf(Received.assets(gateway, "data-lake").keySet()));
      JsonNode table = Received.assets(gateway, "data-lake").get("postgres.shop.Order Items");
      assertEquals("TABLE", table.get("type").asText());
      assertEquals("naïve", table.at("/fields/1/name").asText());
      assertEquals(
          "VIEW", Received.assets(gateway, "data-lake").get("postgres.shop.items_v").get("type").asText());

      gateway.clear();
      assertEquals(
          0,
          programs.run(
              "CollectAndPushMetadata",
              with(
                  args("--url", "jdbc:duckdb:" + duckFile, "--schemas", "shop",
                      "--output-file", work.resolve("duck.json").toString()),
                  push(gateway, "duck_result.json"))));
      assertEquals(
          List.of("generic.shop.Order Items", "generic.shop.items_v"),
          List.copyOf(Received.assets(gateway, "data-lake").keySet()));
    }
  }

  @Test
  void aRefusedConnectionAndAWrongPasswordFailClearlyWithoutAManifest() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    EmittedPrograms compiled = programs.compiled();
    Path refusedManifest = work.resolve("refused.json");
    String tcpUrl = "jdbc:h2:tcp://localhost:" + closedPort + "/sales";
    EmittedPrograms.Run refused =
        compiled.run(
            "io.pushgen.jdbc.CollectMetadata",
            Map.of("JDBC_URL", tcpUrl, "JDBC_USER", "sa", "JDBC_PASSWORD", H2_PASSWORD),
            List.of("--output-file", refusedManifest.toString()));
    assertEquals(1, refused.exitCode(), refused.output());
    assertTrue(refused.stderr().contains("cannot connect to " + tcpUrl + " as sa"), refused.output());
    assertTrue(refused.stderr().contains("Connection refused"), refused.output());
    assertFalse(refused.output().contains(H2_PASSWORD), "the password is never printed");
    assertFalse(refused.stderr().contains("\tat "), "no stack trace:\n" + refused.output());
    assertFalse(Files.exists(refusedManifest));

    Path wrongManifest = work.resolve("wrong.json");
    EmittedPrograms.Run wrong =
        compiled.run(
            "io.pushgen.jdbc.CollectMetadata",
            Map.of("JDBC_URL", h2Url, "JDBC_USER", "sa", "JDBC_PASSWORD", "wrong-pw-555",
                "JDBC_DRIVER_CLASS", "org.h2.Driver"),
            List.of("--output-file", wrongManifest.toString()));
    assertEquals(1, wrong.exitCode(), wrong.output());
    assertTrue(wrong.stderr().contains("Wrong user name or password"), wrong.output());
    assertFalse(wrong.output().contains("wrong-pw-555"), "the password is never printed");
    assertFalse(wrong.stderr().contains("\tat "), "no stack trace:\n" + wrong.output());
    assertFalse(Files.exists(wrongManifest));
  }

  @Test
  void thePasswordComesFromAFileNamedByTheOptionOrTheEnvironment() throws Exception {
    Path passwordFile = Files.writeString(work.resolve("h2-password"), H2_PASSWORD + "\n");
    EmittedPrograms compiled = programs.compiled();
    Map<String, String> env = Map.of("JDBC_URL", h2Url, "JDBC_USER", "sa", "JDBC_DRIVER_CLASS", "org.h2.Driver");
    Map<String, String> fileEnv = new TreeMap<>(env);
    fileEnv.put("JDBC_PASSWORD_FILE", passwordFile.toString());
    Path fromEnv = work.resolve("password-file-env.json");
    EmittedPrograms.Run run =
        compiled.run("io.pushgen.jdbc.CollectMetadata", fileEnv, List.of("--output-file", fromEnv.toString()));
    assertEquals(0, run.exitCode(), run.output());
    Path fromOption = work.resolve("password-file-option.json");
    run =
        compiled.run("io.pushgen.jdbc.CollectMetadata", env,
            List.of("--password-file", passwordFile.toString(), "--output-file", fromOption.toString()));
    assertEquals(0, run.exitCode(), run.output());
    for (Path manifest : List.of(fromEnv, fromOption)) {
      JsonNode events = JSON.readTree(manifest.toFile()).path("events");
      assertTrue(events.size() > 0, manifest + " has the H2 tables");
      assertFalse(Files.readString(manifest).contains(H2_PASSWORD));
    }
    assertFalse(run.output().contains(H2_PASSWORD), run.output());

    Path missing = work.resolve("no-such-password");
    Map<String, String> missingEnv = new TreeMap<>(env);
    missingEnv.put("JDBC_PASSWORD_FILE", missing.toString());
    run = compiled.run("io.pushgen.jdbc.CollectMetadata", missingEnv,
        List.of("--output-file", work.resolve("missing.json").toString()));
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(run.stderr().contains("error: JDBC_PASSWORD_FILE " + missing + " does not exist"), run.output());
  }
}
