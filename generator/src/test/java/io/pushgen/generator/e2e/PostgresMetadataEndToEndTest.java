package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.CompiledProjects;
import io.pushgen.generator.run.EmittedPrograms;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted PostgreSQL metadata programs against a real PostgreSQL server and the local
 * gateway: what the customer gets, run as the customer runs it (a separate JVM, settings from
 * the environment).
 */
class PostgresMetadataEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE_UUID = "3f1a2b4c-0000-4000-8000-00000000abcd";
  private static final String TOKEN = "tok-SECRET-9f8e7d";
  private static final String PASSWORD = "pw-Collector-42";

  private static EmbeddedPostgres postgres;
  private static EmittedPrograms programs;
  @TempDir static Path work;

  @BeforeAll
  static void startWarehouseAndBuildPrograms() throws Exception {
    postgres = PasswordPostgres.builder(work).start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE collector LOGIN PASSWORD '" + PASSWORD + "'");
      s.execute("CREATE DATABASE analytics");
      s.execute(
          """
          CREATE SCHEMA sales;
          CREATE TABLE sales.orders (
            id integer PRIMARY KEY,
            amount numeric(10,2),
            status varchar(20),
            created_at timestamptz);
          COMMENT ON TABLE sales.orders IS 'Order transactions';
          COMMENT ON COLUMN sales.orders.id IS 'Primary key';
          INSERT INTO sales.orders
            SELECT g, g * 1.5, 'open', timestamptz '2026-01-01 00:00:00+00' + g * interval '1 hour'
            FROM generate_series(1, 100) g;
          CREATE VIEW sales.open_orders AS SELECT id, amount FROM sales.orders WHERE status = 'open';
          CREATE MATERIALIZED VIEW sales.daily AS
            SELECT date_trunc('day', created_at) AS day, sum(amount) AS total
            FROM sales.orders GROUP BY 1;
          CREATE SCHEMA "Mixed Case";
          CREATE TABLE "Mixed Case"."Quoted ""Name""\" ("Col ü" text, "select" integer);
          COMMENT ON TABLE "Mixed Case"."Quoted ""Name""\" IS '';
          CREATE SCHEMA empty_schema;
          GRANT USAGE ON SCHEMA sales, "Mixed Case", empty_schema TO collector;
          ANALYZE;
          """);
    }
    try (Connection c = postgres.getDatabase("postgres", "analytics").getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE public.events (id bigint, payload jsonb); ANALYZE;");
    }

    programs = CompiledProjects.generate(work, "postgres");
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static Map<String, String> environment(LocalGateway gateway) {
    return Map.of(
        "PGHOST", "localhost",
        "PGPORT", Integer.toString(postgres.getPort()),
        "PGUSER", "collector",
        "PGPASSWORD", PASSWORD,
        "MCD_INGEST_ID", "key-id-1",
        "MCD_INGEST_TOKEN", TOKEN,
        "MCD_RESOURCE_UUID", RESOURCE_UUID,
        "MCD_API_ENDPOINT", gateway.baseUrl());
  }

  @Test
  void collectAndPushSendsEveryTableViewAndColumnAndReportsTheInvocationIds() throws Exception {
    Path manifest = work.resolve("metadata_manifest.json");
    Path result = work.resolve("metadata_push_result.json");
    try (LocalGateway gateway = new LocalGateway().expectKey("key-id-1", TOKEN).start(0)) {
      EmittedPrograms.Run run =
          programs.run(
              "io.pushgen.postgres.CollectAndPushMetadata",
              environment(gateway),
              List.of(
                  "--output-file", manifest.toString(),
                  "--result-file", result.toString(),
                  "--batch-size", "3"));
      assertEquals(0, run.exitCode(), run.output());

      // Every asset, in batch order, keyed by database.schema.name.
      Map<String, JsonNode> assets = new TreeMap<>();
      List<String> invocationIds = new ArrayList<>();
      gateway
          .received(Flow.METADATA)
          .forEach(
              request -> {
                assertEquals("METADATA", request.eventType());
                assertEquals(RESOURCE_UUID, request.body().at("/resource/uuid").asText());
                assertEquals("postgres", request.body().at("/resource/resource_type").asText());
                assertTrue(request.eventCount() <= 3, "batch size respected");
                invocationIds.add(request.invocationId());
                for (JsonNode event : request.events()) {
                  JsonNode asset = event.get("relational_asset");
                  JsonNode m = asset.get("metadata");
                  assets.put(
                      m.get("database").asText() + "." + m.get("schema").asText() + "." + m.get("name").asText(),
                      asset);
                }
              });

      assertEquals(
          List.of(
              "analytics.public.events",
              "postgres.Mixed Case.Quoted \"Name\"",
              "postgres.sales.daily",
              "postgres.sales.open_orders",
              "postgres.sales.orders"),
          List.copyOf(assets.keySet()),
          "system schemas and template databases are skipped; every user object is sent");

      assertEquals(json(expectedOrders()), assets.get("postgres.sales.orders"));
      assertEquals(json(expectedOpenOrders()), assets.get("postgres.sales.open_orders"));
      assertEquals(json(expectedDaily()), assets.get("postgres.sales.daily"));
      assertEquals(
          JSON.readTree(
              """
              {"type": "TABLE",
               "metadata": {"name": "Quoted \\"Name\\"", "database": "postgres", "schema": "Mixed Case"},
               "fields": [{"name": "Col ü", "type": "TEXT"}, {"name": "select", "type": "INTEGER"}],
               "volume": {"row_count": 0, "byte_count": %d}}
              """
                  .formatted(totalRelationSize("postgres", "\"Mixed Case\".\"Quoted \"\"Name\"\"\""))),
          assets.get("postgres.Mixed Case.Quoted \"Name\""));

      // The invocation ids: printed, and written to the result file in batch order.
      assertEquals(2, invocationIds.size(), "5 assets in batches of 3");
      for (String id : invocationIds) {
        assertTrue(run.stdout().contains(id), "invocation id " + id + " printed:\n" + run.output());
      }
      // Batches travel in parallel, so the gateway may see them in any order; the result file
      // lists them in batch order: batch 1 is the one carrying the first three assets.
      JsonNode resultJson = JSON.readTree(result.toFile());
      List<String> written = new ArrayList<>();
      resultJson.get("invocation_ids").forEach(id -> written.add(id.asText()));
      assertEquals(invocationIds.stream().sorted().toList(), written.stream().sorted().toList());
      String firstBatch =
          gateway.received(Flow.METADATA).stream()
              .filter(request -> request.eventCount() == 3)
              .findFirst()
              .orElseThrow()
              .invocationId();
      assertEquals(firstBatch, written.get(0));

      // The manifest holds the same assets as were sent, and no secret is anywhere.
      assertEquals(5, JSON.readTree(manifest.toFile()).get("events").size());
      for (Path file : List.of(manifest, result)) {
        String text = Files.readString(file);
        assertFalse(text.contains(TOKEN), file + " must not contain the token");
      }
      assertFalse(run.output().contains(TOKEN), "the token is never printed");
      assertFalse(run.output().contains(PASSWORD), "the password is never printed");
    }
  }

  @Test
  void aTableDroppedBetweenCollectAndPushIsSentAsCollected() throws Exception {
    try (Connection c = postgres.getDatabase("postgres", "analytics").getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE public.short_lived (x int)");
    }
    Path manifest = work.resolve("collected_before_drop.json");
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      EmittedPrograms.Run collect =
          programs.run(
              "io.pushgen.postgres.CollectMetadata",
              environment(gateway),
              List.of("--databases", "analytics", "--output-file", manifest.toString()));
      assertEquals(0, collect.exitCode(), collect.output());
      try (Connection c = postgres.getDatabase("postgres", "analytics").getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE public.short_lived");
      }
      EmittedPrograms.Run push =
          programs.run(
              "io.pushgen.postgres.PushMetadata",
              environment(gateway),
              List.of(
                  "--input-file", manifest.toString(),
                  "--result-file", work.resolve("dropped_result.json").toString()));
      assertEquals(0, push.exitCode(), push.output());
      List<String> names = new ArrayList<>();
      gateway
          .received(Flow.METADATA)
          .forEach(r -> r.events().forEach(e -> names.add(e.at("/relational_asset/metadata/name").asText())));
      assertEquals(List.of("events", "short_lived"), names.stream().sorted().toList());
    }
  }

  @Test
  void aRefusedConnectionFailsClearlyAndWritesNoManifest() throws Exception {
    Path manifest = work.resolve("refused.json");
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      Map<String, String> env = new HashMap<>(environment(gateway));
      env.put("PGPORT", Integer.toString(closedPort));
      EmittedPrograms.Run run =
          programs.run(
              "io.pushgen.postgres.CollectAndPushMetadata",
              env,
              List.of("--output-file", manifest.toString()));
      assertEquals(1, run.exitCode(), run.output());
      assertTrue(run.stderr().contains("cannot connect to jdbc:postgresql://localhost:" + closedPort), run.output());
      assertTrue(run.stderr().contains("Connection to localhost:" + closedPort + " refused"), run.output());
      assertFalse(run.stderr().contains("\tat "), "no stack trace:\n" + run.output());
      assertFalse(Files.exists(manifest));
      assertEquals(0, gateway.received().size());
    }
  }

  @Test
  void aWrongPasswordFailsWithAClearMessageAndWritesNoManifest() throws Exception {
    Path manifest = work.resolve("never_written.json");
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      Map<String, String> env = new HashMap<>(environment(gateway));
      env.put("PGPASSWORD", "wrong-pw-123");
      EmittedPrograms.Run run =
          programs.run(
              "io.pushgen.postgres.CollectMetadata",
              env,
              List.of("--output-file", manifest.toString()));
      assertEquals(1, run.exitCode(), run.output());
      assertTrue(run.stderr().contains("password authentication failed"), run.output());
      assertFalse(run.output().contains("wrong-pw-123"), "the password is never printed");
      assertFalse(run.stderr().contains("\tat "), "no stack trace:\n" + run.output());
      assertFalse(Files.exists(manifest), "no manifest after a failed collection");
      assertEquals(0, gateway.received().size());
    }
  }

  /** The node as the gateway would parse it (numbers as the smallest fitting type). */
  private static JsonNode json(JsonNode node) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(node));
  }

  private static JsonNode expectedOrders() throws Exception {
    ObjectNode orders =
        (ObjectNode)
            JSON.readTree(
                """
                {"type": "TABLE",
                 "metadata": {"name": "orders", "database": "postgres", "schema": "sales",
                              "description": "Order transactions"},
                 "fields": [
                   {"name": "id", "type": "INTEGER", "description": "Primary key"},
                   {"name": "amount", "type": "NUMERIC(10,2)"},
                   {"name": "status", "type": "VARCHAR(20)"},
                   {"name": "created_at", "type": "TIMESTAMPTZ"}],
                 "volume": {"row_count": 100}}
                """);
    ((ObjectNode) orders.get("volume"))
        .put("byte_count", totalRelationSize("postgres", "sales.orders"));
    return orders;
  }

  private static JsonNode expectedOpenOrders() throws Exception {
    ObjectNode view =
        (ObjectNode)
            JSON.readTree(
                """
                {"type": "VIEW",
                 "metadata": {"name": "open_orders", "database": "postgres", "schema": "sales"},
                 "fields": [
                   {"name": "id", "type": "INTEGER"},
                   {"name": "amount", "type": "NUMERIC(10,2)"}]}
                """);
    ((ObjectNode) view.get("metadata")).put("view_query", viewDefinition("sales.open_orders"));
    return view;
  }

  private static JsonNode expectedDaily() throws Exception {
    ObjectNode daily =
        (ObjectNode)
            JSON.readTree(
                """
                {"type": "VIEW",
                 "metadata": {"name": "daily", "database": "postgres", "schema": "sales"},
                 "fields": [
                   {"name": "day", "type": "TIMESTAMPTZ"},
                   {"name": "total", "type": "NUMERIC"}],
                 "volume": {"row_count": 5}}
                """);
    ((ObjectNode) daily.get("metadata")).put("view_query", viewDefinition("sales.daily"));
    ((ObjectNode) daily.get("volume")).put("byte_count", totalRelationSize("postgres", "sales.daily"));
    return daily;
  }

  private static long totalRelationSize(String database, String relation) throws Exception {
    return queryLong(database, "SELECT pg_total_relation_size('" + relation.replace("'", "''") + "')");
  }

  private static String viewDefinition(String relation) throws Exception {
    try (Connection c = postgres.getDatabase("postgres", "postgres").getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT pg_get_viewdef('" + relation + "'::regclass)")) {
      r.next();
      return r.getString(1);
    }
  }

  private static long queryLong(String database, String sql) throws Exception {
    try (Connection c = postgres.getDatabase("postgres", database).getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
