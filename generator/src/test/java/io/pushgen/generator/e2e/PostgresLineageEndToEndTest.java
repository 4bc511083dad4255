package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.run.EmittedPrograms;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted PostgreSQL lineage programs against a real server: view and materialized-view
 * definitions, read from the catalog and parsed, become table and column lineage.
 */
class PostgresLineageEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void viewDefinitionsAndLoggedStatementsBecomeTableAndColumnLineage() throws Exception {
    Path logs = Files.createDirectories(work.resolve("pg_log"));
    try (EmbeddedPostgres postgres =
            EmbeddedPostgres.builder()
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_destination", "csvlog")
                .setServerConfig("log_directory", logs.toString())
                .setServerConfig("log_min_duration_statement", "0")
                .setServerConfig("log_timezone", "UTC")
                .setServerConfig("lc_messages", "C")
                .start();
        LocalGateway gateway = new LocalGateway().start(0)) {
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            """
            CREATE SCHEMA shop;
            CREATE TABLE shop.orders (id int, customer_id int, amount numeric, status text);
            CREATE TABLE shop.customers (id int, name text, "Country" text);
            CREATE VIEW shop.order_report AS
              SELECT o.id, c.name AS customer, o.amount * 2 AS doubled
              FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id;
            CREATE MATERIALIZED VIEW shop."Big Spenders" AS
              SELECT customer, sum(doubled) AS total FROM shop.order_report GROUP BY customer;
            CREATE VIEW shop.by_country AS SELECT "Country", count(*) AS n FROM shop.customers GROUP BY 1;
            """);
        // Statements that write tables: only the server's log knows them.
        s.execute("CREATE TABLE shop.daily AS SELECT id, amount FROM shop.orders");
        s.execute("INSERT INTO shop.daily (id, amount)\nSELECT id, doubled FROM shop.order_report");
        s.execute(
            "UPDATE shop.customers c SET name = o.status FROM shop.orders o WHERE o.customer_id = c.id");
        s.execute("SELECT * FROM shop.daily"); // read-only: no lineage
      }
      EmittedPrograms programs;
      try (InProcessPrograms generated =
          InProcessPrograms.generate(work, "postgres", "--flows", "lineage")) {
        programs = generated.compiled();
      }
      EmittedPrograms.Run run =
          programs.run(
              "io.pushgen.postgres.CollectAndPushLineage",
              Map.of(
                  "PGHOST", "localhost",
                  "PGPORT", Integer.toString(postgres.getPort()),
                  "PGUSER", "postgres",
                  "PGPASSWORD", "unused-with-trust",
                  "MCD_INGEST_ID", "kid",
                  "MCD_INGEST_TOKEN", "ktok",
                  "MCD_RESOURCE_UUID", "3f1a2b4c-0000-4000-8000-00000000abcd",
                  "MCD_API_ENDPOINT", gateway.baseUrl()),
              List.of(
                  "--log-file", logs.toString(),
                  "--lag-minutes", "0",
                  "--state-file", work.resolve("lineage_state.json").toString(),
                  "--output-file", work.resolve("lineage.json").toString(),
                  "--result-file", work.resolve("lineage_result.json").toString()));
      assertEquals(0, run.exitCode(), run.output());

      assertEquals(1, gateway.received(Flow.LINEAGE).size());
      JsonNode body = gateway.received(Flow.LINEAGE).get(0).body();
      assertEquals("COLUMN_LINEAGE", body.get("event_type").asText());
      JsonNode events = body.get("events");
      assertEquals(
          List.of("Big Spenders", "by_country", "customers", "daily", "order_report"),
          destinations(events),
          "every view, and every table a logged statement wrote");
      assertEquals(
          JSON.readTree(
              """
              {"destination": {"type": "VIEW", "name": "Big Spenders", "database": "postgres",
                               "schema": "shop", "asset_id": "dest"},
               "sources": [{"type": "VIEW", "name": "order_report", "database": "postgres",
                            "schema": "shop", "asset_id": "src1"}],
               "fields": [
                 {"name": "customer", "source_fields": [{"asset_id": "src1", "field_name": "customer"}]},
                 {"name": "total", "source_fields": [{"asset_id": "src1", "field_name": "doubled"}]}]}
              """),
          events.get(0));
      assertEquals(
          JSON.readTree(
              """
              {"destination": {"type": "VIEW", "name": "order_report", "database": "postgres",
                               "schema": "shop", "asset_id": "dest"},
               "sources": [{"type": "TABLE", "name": "customers", "database": "postgres",
                            "schema": "shop", "asset_id": "src1"},
                           {"type": "TABLE", "name": "orders", "database": "postgres",
                            "schema": "shop", "asset_id": "src2"}],
               "fields": [
                 {"name": "customer", "source_fields": [{"asset_id": "src1", "field_name": "name"}]},
                 {"name": "doubled", "source_fields": [{"asset_id": "src2", "field_name": "amount"}]},
                 {"name": "id", "source_fields": [{"asset_id": "src2", "field_name": "id"}]}]}
              """),
          events.get(4));
      // CTAS and INSERT ... SELECT from the log, merged into one event for shop.daily, source
      // columns in the order the statements ran.
      assertEquals(
          JSON.readTree(
              """
              {"destination": {"type": "TABLE", "name": "daily", "database": "postgres",
                               "schema": "shop", "asset_id": "dest"},
               "sources": [{"type": "VIEW", "name": "order_report", "database": "postgres",
                            "schema": "shop", "asset_id": "src1"},
                           {"type": "TABLE", "name": "orders", "database": "postgres",
                            "schema": "shop", "asset_id": "src2"}],
               "fields": [
                 {"name": "amount", "source_fields": [{"asset_id": "src2", "field_name": "amount"},
                                                      {"asset_id": "src1", "field_name": "doubled"}]},
                 {"name": "id", "source_fields": [{"asset_id": "src2", "field_name": "id"},
                                                  {"asset_id": "src1", "field_name": "id"}]}]}
              """),
          events.get(3));
      // UPDATE ... FROM: the updated column from the joined table.
      JsonNode customers = events.get(2);
      assertEquals("orders", customers.at("/sources/0/name").asText(), customers.toString());
      assertEquals("name", customers.at("/fields/0/name").asText(), customers.toString());
      assertEquals("status", customers.at("/fields/0/source_fields/0/field_name").asText());

      // The manifest's report says what happened to every statement read.
      JsonNode counts = JSON.readTree(work.resolve("lineage.json").toFile()).get("counts");
      long read = counts.path("statements_read").asLong(-1);
      assertTrue(read >= 7, counts.toString()); // 4 views and at least 3 logged writes
      assertEquals(
          read,
          counts.path("statements_parsed").asLong(-1)
              + counts.path("statements_recovered").asLong(-1)
              + counts.path("statements_not_understood").asLong(-1),
          counts.toString());
    }
  }

  private static List<String> destinations(JsonNode events) {
    List<String> names = new java.util.ArrayList<>();
    events.forEach(event -> names.add(event.at("/destination/name").asText()));
    return names;
  }
}
