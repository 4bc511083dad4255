package io.pushgen.generator.e2e;

import static io.pushgen.generator.e2e.BigQueryFixtures.COLUMNS;
import static io.pushgen.generator.e2e.BigQueryFixtures.TABLES;
import static io.pushgen.generator.e2e.BigQueryFixtures.sql;
import static io.pushgen.generator.e2e.BigQueryFixtures.strings;
import static io.pushgen.generator.e2e.FakeBigQuery.int64;
import static io.pushgen.generator.e2e.FakeBigQuery.nul;
import static io.pushgen.generator.e2e.FakeBigQuery.row;
import static io.pushgen.generator.e2e.FakeBigQuery.str;
import static io.pushgen.generator.e2e.FakeBigQuery.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.bigquery.FieldValueList;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted BigQuery metadata programs on rows laid out as Google documents the
 * region-qualified TABLES, TABLE_STORAGE, TABLE_OPTIONS and COLUMN_FIELD_PATHS views, served at the
 * client boundary for the exact SQL the descriptor issues, through to the local gateway.
 */
class BigQueryMetadataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private static List<FieldValueList> tables() {
    return List.of(
        row(TABLES, str("acme-prod"), str("_session_abc"), str("tmp"), str("BASE TABLE"),
            ts("2026-03-01T00:00:00Z"), int64(1L), int64(10L), ts("2026-03-01T00:00:00Z"), nul()),
        row(TABLES, str("acme-prod"), str("sales"), str("orders"), str("BASE TABLE"),
            ts("2026-01-05T08:00:00Z"), int64(1500000L), int64(250000000L),
            ts("2026-03-12T14:30:00.120Z"), str("\"Orders, \\\"EU\\\" only\"")),
        row(TABLES, str("acme-prod"), str("sales"), str("orders_v"), str("VIEW"),
            ts("2026-01-06T08:00:00Z"), nul(), nul(), nul(), nul()),
        row(TABLES, str("acme-prod"), str("sales"), str("staging"), str("BASE TABLE"),
            ts("2026-01-07T08:00:00Z"), int64(0L), int64(0L), nul(), str("\"\"")));
  }

  private static List<FieldValueList> columns() {
    return List.of(
        row(COLUMNS, str("sales"), str("orders"), str("id"), str("INT64"), str("Primary key")),
        row(COLUMNS, str("sales"), str("orders"), str("customer"),
            str("STRUCT<name STRING, address STRUCT<city STRING>>"), nul()),
        row(COLUMNS, str("sales"), str("orders"), str("customer.address"),
            str("STRUCT<city STRING>"), nul()),
        row(COLUMNS, str("sales"), str("orders"), str("customer.address.city"), str("STRING"),
            str("")),
        row(COLUMNS, str("sales"), str("orders"), str("customer.name"), str("STRING"), nul()),
        row(COLUMNS, str("sales"), str("orders"), str("tags"), str("ARRAY<STRING>"), nul()),
        row(COLUMNS, str("sales"), str("orders"), str("items"),
            str("ARRAY<STRUCT<sku STRING, qty INT64>>"), nul()),
        row(COLUMNS, str("sales"), str("orders"), str("items.qty"), str("INT64"), nul()),
        row(COLUMNS, str("sales"), str("orders"), str("items.sku"), str("STRING"), nul()),
        row(COLUMNS, str("sales"), str("orders"), str("amount"), str("NUMERIC(10, 2)"), nul()),
        row(COLUMNS, str("sales"), str("orders_v"), str("id"), str("INT64"), nul()));
  }

  private String[] collectArguments(String output, String... more) {
    List<String> arguments =
        new ArrayList<>(List.of("--project-id", "acme-prod", "--output-file", work.resolve(output).toString()));
    arguments.addAll(List.of(more));
    return arguments.toArray(String[]::new);
  }

  @Test
  void sendsTablesViewsNestedFieldsVolumeAndFreshness() throws Exception {
    FakeBigQuery bigquery =
        new FakeBigQuery()
            .answer(sql("bigquery", "/metadata/tables/sql"), parameters -> new FakeBigQuery.Result(TABLES, tables()))
            .answer(sql("bigquery", "/metadata/columns/sql"), parameters -> new FakeBigQuery.Result(COLUMNS, columns()));

    try (LocalGateway gateway = new LocalGateway().start(0);
        InProcessPrograms programs = InProcessPrograms.generate(work, "bigquery")) {
      bigquery.install(programs.load("Warehouse"));
      int exit =
          programs.run(
              "CollectAndPushMetadata",
              "--project-id", "acme-prod",
              "--page-size", "2",
              "--key-id", "kid",
              "--key-token", "ktok-secret",
              "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
              "--endpoint", gateway.baseUrl(),
              "--output-file", work.resolve("m.json").toString(),
              "--result-file", work.resolve("r.json").toString());
      assertEquals(0, exit);

      List<JsonNode> assets = new ArrayList<>();
      gateway.received(Flow.METADATA).forEach(r -> r.events().forEach(e -> assets.add(e.get("relational_asset"))));
      assertEquals("bigquery", gateway.received(Flow.METADATA).get(0).body().at("/resource/resource_type").asText());
      assertEquals(
          JSON.readTree(
              """
              [
               {"type": "TABLE",
                "metadata": {"name": "orders", "database": "acme-prod", "schema": "sales",
                             "description": "Orders, \\"EU\\" only", "created_on": "2026-01-05T08:00:00Z"},
                "fields": [{"name": "id", "type": "INTEGER", "description": "Primary key"},
                           {"name": "customer", "type": "STRUCT<name STRING, address STRUCT<city STRING>>"},
                           {"name": "customer.address", "type": "STRUCT<city STRING>"},
                           {"name": "customer.address.city", "type": "VARCHAR"},
                           {"name": "customer.name", "type": "VARCHAR"},
                           {"name": "tags", "type": "ARRAY<STRING>"},
                           {"name": "items", "type": "ARRAY<STRUCT<sku STRING, qty INT64>>"},
                           {"name": "items.qty", "type": "INTEGER"},
                           {"name": "items.sku", "type": "VARCHAR"},
                           {"name": "amount", "type": "DECIMAL(10, 2)"}],
                "volume": {"row_count": 1500000, "byte_count": 250000000},
                "freshness": {"last_update_time": "2026-03-12T14:30:00.120000Z"}},
               {"type": "VIEW",
                "metadata": {"name": "orders_v", "database": "acme-prod", "schema": "sales",
                             "created_on": "2026-01-06T08:00:00Z"},
                "fields": [{"name": "id", "type": "INTEGER"}]},
               {"type": "TABLE",
                "metadata": {"name": "staging", "database": "acme-prod", "schema": "sales",
                             "created_on": "2026-01-07T08:00:00Z"},
                "volume": {"row_count": 0, "byte_count": 0}}
              ]
              """),
          JSON.valueToTree(assets));

      // Regression (reference defect): freshness is sent under the key the API reads, never
      // last_updated_time.
      assertFalse(JSON.valueToTree(assets).toString().contains("last_updated_time"));

      // Two queries on the region-qualified views, filters bound as (empty) array parameters.
      List<FakeBigQuery.Executed> executed = bigquery.executed();
      assertEquals(2, executed.size());
      assertTrue(executed.get(0).sql().contains("FROM `acme-prod`.`region-us`.INFORMATION_SCHEMA.TABLES AS t"));
      assertTrue(executed.get(1).sql().contains("`acme-prod`.`region-us`.INFORMATION_SCHEMA.COLUMN_FIELD_PATHS"));
      assertEquals(List.of(), strings(executed.get(0).parameters().get("datasets")));
      assertEquals(List.of(), strings(executed.get(0).parameters().get("tables")));
      // Results are read page by page (page size 2: several pages per query).
      assertEquals(2L, executed.get(0).pageSize());
      assertTrue(bigquery.pagesFetched() >= 6, "pages fetched: " + bigquery.pagesFetched());
    }
  }

  @Test
  void theNumberOfQueriesDoesNotGrowWithTheNumberOfTables() throws Exception {
    try (InProcessPrograms programs = InProcessPrograms.generate(work, "bigquery")) {
      List<Integer> counts = new ArrayList<>();
      // The scale issue's sizes: 10 and 1,000 tables (rows are built in memory, so it is quick).
      for (int n : new int[] {10, 1000}) {
        List<FieldValueList> tableRows = new ArrayList<>();
        List<FieldValueList> columnRows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String name = String.format("t%03d", i);
          tableRows.add(
              row(TABLES, str("acme-prod"), str("sales"), str(name), str("BASE TABLE"),
                  ts("2026-01-05T08:00:00Z"), int64(1L), int64(1L), ts("2026-03-12T14:30:00Z"), nul()));
          columnRows.add(row(COLUMNS, str("sales"), str(name), str("id"), str("INT64"), nul()));
        }
        FakeBigQuery bigquery =
            new FakeBigQuery()
                .answer(sql("bigquery", "/metadata/tables/sql"), p -> new FakeBigQuery.Result(TABLES, tableRows))
                .answer(sql("bigquery", "/metadata/columns/sql"), p -> new FakeBigQuery.Result(COLUMNS, columnRows));
        bigquery.install(programs.load("Warehouse"));
        assertEquals(0, programs.run("CollectMetadata", collectArguments("m" + n + ".json")));
        JsonNode manifest = JSON.readTree(work.resolve("m" + n + ".json").toFile());
        assertEquals(n, manifest.get("events").size());
        counts.add(bigquery.executed().size());
      }
      assertEquals(List.of(2, 2), counts);
    }
  }

  @Test
  void shardsSplitTheProjectsDatasetsAndTogetherHoldEveryTableOnce() throws Exception {
    // A run reads one project, so the shards split its datasets (sorted, as the query orders them).
    List<String> datasets = List.of("finance", "marketing", "ops", "raw", "sales", "staging_eu", "ü_data");
    List<FieldValueList> tableRows = new ArrayList<>();
    List<FieldValueList> columnRows = new ArrayList<>();
    for (String dataset : datasets) {
      for (String table : List.of("a", "b")) {
        tableRows.add(
            row(TABLES, str("acme-prod"), str(dataset), str(table), str("BASE TABLE"),
                ts("2026-01-05T08:00:00Z"), int64(1L), int64(1L), ts("2026-03-12T14:30:00Z"), nul()));
        columnRows.add(row(COLUMNS, str(dataset), str(table), str("id"), str("INT64"), nul()));
      }
    }
    try (InProcessPrograms programs = InProcessPrograms.generate(work, "bigquery")) {
      FakeBigQuery bigquery =
          new FakeBigQuery()
              .answer(sql("bigquery", "/metadata/tables/sql"), p -> new FakeBigQuery.Result(TABLES, tableRows))
              .answer(sql("bigquery", "/metadata/columns/sql"), p -> new FakeBigQuery.Result(COLUMNS, columnRows));
      bigquery.install(programs.load("Warehouse"));
      assertEquals(0, programs.run("CollectMetadata", collectArguments("whole.json")));
      List<String> whole = new ArrayList<>();
      JSON.readTree(work.resolve("whole.json").toFile())
          .get("events")
          .forEach(asset -> whole.add(asset.get("metadata").get("schema").asText() + "." + asset.get("metadata").get("name").asText()));
      assertEquals(2 * datasets.size(), whole.size());
      for (int count : new int[] {1, 2, 3, 7}) {
        List<String> union = new ArrayList<>();
        for (int index = 0; index < count; index++) {
          String output = "shard-" + index + "-" + count + ".json";
          assertEquals(
              0, programs.run("CollectMetadata", collectArguments(output, "--shard", index + "/" + count)));
          JsonNode manifest = JSON.readTree(work.resolve(output).toFile());
          assertEquals(count > 1, manifest.has("shard"));
          manifest
              .get("events")
              .forEach(asset -> union.add(asset.get("metadata").get("schema").asText() + "." + asset.get("metadata").get("name").asText()));
        }
        assertEquals(whole.stream().sorted().toList(), union.stream().sorted().toList(), count + " shards");
      }
      assertEquals(2, programs.run("CollectMetadata", collectArguments("bad.json", "--shard", "7/7")));
    }
  }

  @Test
  void onlyFreshnessAndVolumeSkipsTheColumnsQueryAndFiltersAreBound() throws Exception {
    FakeBigQuery bigquery =
        new FakeBigQuery()
            .answer(sql("bigquery", "/metadata/tables/sql"), parameters -> new FakeBigQuery.Result(TABLES, tables()));
    try (InProcessPrograms programs = InProcessPrograms.generate(work, "bigquery")) {
      bigquery.install(programs.load("Warehouse"));
      assertEquals(
          0,
          programs.run(
              "CollectMetadata",
              collectArguments(
                  "m.json", "--only-freshness-and-volume", "--datasets", "sales, o'brien`s", "--tables", "orders")));
      JsonNode manifest = JSON.readTree(work.resolve("m.json").toFile());
      assertEquals(3, manifest.get("events").size());
      manifest.get("events").forEach(asset -> assertFalse(asset.has("fields")));

      List<FakeBigQuery.Executed> executed = bigquery.executed();
      assertEquals(1, executed.size());
      // The names are values of array parameters: the SQL text is the descriptor's, unchanged.
      assertEquals(sql("bigquery", "/metadata/tables/sql"), executed.get(0).sql());
      assertEquals(List.of("sales", "o'brien`s"), strings(executed.get(0).parameters().get("datasets")));
      assertEquals(List.of("orders"), strings(executed.get(0).parameters().get("tables")));
    }
  }

  @Test
  void aRefusedQueryFailsTheRunWithoutAManifest() throws Exception {
    FakeBigQuery bigquery = new FakeBigQuery(); // answers nothing: BigQuery refuses the query
    try (InProcessPrograms programs = InProcessPrograms.generate(work, "bigquery")) {
      bigquery.install(programs.load("Warehouse"));
      assertEquals(1, programs.run("CollectMetadata", collectArguments("m.json")));
      assertFalse(work.resolve("m.json").toFile().exists());
      assertEquals(2, programs.run("CollectMetadata", "--output-file", work.resolve("m.json").toString()));
    }
  }
}
