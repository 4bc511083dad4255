package io.pushgen.generator.e2e;

import static io.pushgen.generator.e2e.BigQueryFixtures.COLUMNS;
import static io.pushgen.generator.e2e.BigQueryFixtures.ICEBERG_TABLES;
import static io.pushgen.generator.e2e.BigQueryFixtures.sql;
import static io.pushgen.generator.e2e.BigQueryFixtures.strings;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted BigQuery Iceberg (BigLake) metadata programs on INFORMATION_SCHEMA.TABLES and
 * COLUMN_FIELD_PATHS rows laid out as Google documents them, through to the local gateway.
 * Google's Iceberg managed tables page says TABLE_STORAGE does not include these tables and that
 * their storage size reads 0 bytes: the table list comes from TABLES (managed_table_type
 * BIGLAKE), and no volume or freshness is sent rather than zeros.
 */
class BigQueryIcebergTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private static List<FieldValueList> tables() {
    return List.of(
        row(ICEBERG_TABLES, str("acme-prod"), str("lake"), str("events"), str("BASE TABLE"),
            ts("2026-02-01T00:00:00Z"), nul()),
        row(ICEBERG_TABLES, str("acme-prod"), str("lake"), str("fresh_empty"), str("BASE TABLE"),
            ts("2026-03-01T00:00:00Z"), str("\"landing zone\"")));
  }

  @Test
  void listsIcebergTablesFromTablesAndSendsNoVolumeItCannotRead() throws Exception {
    FakeBigQuery bigquery =
        new FakeBigQuery()
            .answer(sql("bigquery-iceberg", "/metadata/tables/sql"), p -> new FakeBigQuery.Result(ICEBERG_TABLES, tables()))
            .answer(
                sql("bigquery-iceberg", "/metadata/columns/sql"),
                p ->
                    new FakeBigQuery.Result(
                        COLUMNS,
                        List.of(
                            row(COLUMNS, str("lake"), str("events"), str("id"), str("INT64"), nul()),
                            row(COLUMNS, str("lake"), str("events"), str("payload"), str("STRUCT<kind STRING>"), nul()),
                            row(COLUMNS, str("lake"), str("events"), str("payload.kind"), str("STRING"), nul()))));
    try (LocalGateway gateway = new LocalGateway().start(0);
        InProcessPrograms programs = InProcessPrograms.generate(work, "bigquery-iceberg")) {
      bigquery.install(programs.load("Warehouse"));
      assertEquals(
          0,
          programs.run(
              "CollectAndPushMetadata",
              "--project-id", "acme-prod",
              "--key-id", "kid",
              "--key-token", "ktok",
              "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
              "--endpoint", gateway.baseUrl(),
              "--output-file", work.resolve("m.json").toString(),
              "--result-file", work.resolve("r.json").toString()));
      List<JsonNode> assets = new ArrayList<>();
      gateway.received(Flow.METADATA).forEach(r -> r.events().forEach(e -> assets.add(e.get("relational_asset"))));
      assertEquals(
          JSON.readTree(
              """
              [
               {"type": "TABLE",
                "metadata": {"name": "events", "database": "acme-prod", "schema": "lake",
                             "created_on": "2026-02-01T00:00:00Z"},
                "fields": [{"name": "id", "type": "INTEGER"},
                           {"name": "payload", "type": "STRUCT<kind STRING>"},
                           {"name": "payload.kind", "type": "VARCHAR"}]},
               {"type": "TABLE",
                "metadata": {"name": "fresh_empty", "database": "acme-prod", "schema": "lake",
                             "description": "landing zone", "created_on": "2026-03-01T00:00:00Z"}}
              ]
              """),
          JSON.valueToTree(assets));
      for (FakeBigQuery.Executed query : bigquery.executed()) {
        assertTrue(query.sql().contains("`acme-prod`.`region-us`.INFORMATION_SCHEMA.TABLES AS t"), query.sql());
        assertTrue(query.sql().contains("t.managed_table_type = 'BIGLAKE'"), query.sql());
        assertFalse(query.sql().contains("TABLE_STORAGE"), query.sql());
      }
    }
  }

  @Test
  void onlyFreshnessAndVolumeIsOneQueryWithBoundFilters() throws Exception {
    FakeBigQuery bigquery =
        new FakeBigQuery()
            .answer(
                sql("bigquery-iceberg", "/metadata/tables/sql").replace("`region-us`", "`region-eu`"),
                p -> new FakeBigQuery.Result(ICEBERG_TABLES, tables()));
    try (InProcessPrograms programs = InProcessPrograms.generate(work, "bigquery-iceberg")) {
      bigquery.install(programs.load("Warehouse"));
      assertEquals(
          0,
          programs.run(
              "CollectMetadata",
              "--project-id", "acme-prod",
              "--region", "EU",
              "--only-freshness-and-volume",
              "--datasets", "lake",
              "--tables", "events,x') OR TRUE --",
              "--output-file", work.resolve("m.json").toString()));
      JsonNode events = JSON.readTree(work.resolve("m.json").toFile()).get("events");
      assertEquals(2, events.size());
      events.forEach(asset -> assertFalse(asset.has("fields")));
      assertFalse(events.get(1).has("freshness"));
      assertFalse(Files.readString(work.resolve("m.json")).contains("last_updated_time"));
      assertEquals(1, bigquery.executed().size());
      FakeBigQuery.Executed tables = bigquery.executed().get(0);
      assertTrue(tables.sql().contains("`acme-prod`.`region-eu`.INFORMATION_SCHEMA.TABLES"));
      assertEquals(List.of("lake"), strings(tables.parameters().get("datasets")));
      assertEquals(List.of("events", "x') OR TRUE --"), strings(tables.parameters().get("tables")));
    }
  }
}
