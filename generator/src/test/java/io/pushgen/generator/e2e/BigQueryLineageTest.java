package io.pushgen.generator.e2e;

import static io.pushgen.generator.e2e.BigQueryFixtures.JOBS_LINEAGE;
import static io.pushgen.generator.e2e.BigQueryFixtures.SCHEMATA_LINKS;
import static io.pushgen.generator.e2e.BigQueryFixtures.TABLE_REFERENCE;
import static io.pushgen.generator.e2e.BigQueryFixtures.sql;
import static io.pushgen.generator.e2e.FakeBigQuery.record;
import static io.pushgen.generator.e2e.FakeBigQuery.repeated;
import static io.pushgen.generator.e2e.FakeBigQuery.row;
import static io.pushgen.generator.e2e.FakeBigQuery.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.bigquery.FieldValue;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted BigQuery lineage programs on JOBS rows (destination_table, referenced_tables) and
 * SCHEMATA_LINKS rows laid out as Google documents them, through to the local gateway.
 */
class BigQueryLineageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private static FieldValue ref(String project, String dataset, String table) {
    return record(TABLE_REFERENCE, str(project), str(dataset), str(table));
  }

  @Test
  void exactTableLineageParsedColumnsAndWildcardDatasetLinks() throws Exception {
    FakeBigQuery bigquery =
        new FakeBigQuery()
            .answer(
                sql("bigquery", "/lineage/jobs/sql"),
                parameters ->
                    new FakeBigQuery.Result(
                        JOBS_LINEAGE,
                        List.of(
                            row(JOBS_LINEAGE, str("job_1"),
                                str("INSERT INTO sales.daily (order_id, customer)\n"
                                    + "SELECT o.id, c.name FROM sales.orders o"
                                    + " JOIN `acme-prod.crm.customers` c ON c.id = o.customer_id"),
                                str("acme-prod"), str("acme-prod"), str("sales"), str("daily"),
                                repeated(ref("acme-prod", "sales", "orders"), ref("acme-prod", "crm", "customers"))),
                            // Text the parser cannot read: the recorded tables still give the edge.
                            row(JOBS_LINEAGE, str("job_2"), str("MERGE sales.daily USING ((( garbage"),
                                str("acme-prod"), str("acme-prod"), str("sales"), str("daily"),
                                repeated(ref("acme-prod", "sales", "returns"))),
                            // A SELECT's anonymous result table: no lineage.
                            row(JOBS_LINEAGE, str("job_3"), str("SELECT * FROM sales.orders"),
                                str("acme-prod"), str("acme-prod"), str("_8b0c1f0e2d"), str("anon5e1"),
                                repeated(ref("acme-prod", "sales", "orders"))))))
            .answer(
                sql("bigquery", "/lineage/links/sql"),
                parameters ->
                    new FakeBigQuery.Result(
                        SCHEMATA_LINKS,
                        List.of(row(SCHEMATA_LINKS, str("acme-prod"), str("sales"), str("partner-proj"), str("acme_sales")))));

    try (LocalGateway gateway = new LocalGateway().start(0);
        InProcessPrograms programs = InProcessPrograms.generate(work, "bigquery")) {
      bigquery.install(programs.load("Warehouse"));
      int exit =
          programs.run(
              "CollectAndPushLineage",
              "--project-id", "acme-prod",
              "--state-file", work.resolve("lineage_state.json").toString(),
              "--key-id", "kid",
              "--key-token", "ktok",
              "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
              "--endpoint", gateway.baseUrl(),
              "--output-file", work.resolve("l.json").toString(),
              "--result-file", work.resolve("lr.json").toString());
      assertEquals(0, exit);

      List<JsonNode> events = new ArrayList<>();
      gateway.received(Flow.LINEAGE).forEach(r -> r.events().forEach(events::add));
      assertEquals(
          JSON.readTree(
              """
              [
               {"destination": {"type": "TABLE", "name": "daily", "database": "acme-prod",
                                "schema": "sales", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "customers", "database": "acme-prod",
                             "schema": "crm", "asset_id": "src1"},
                            {"type": "TABLE", "name": "orders", "database": "acme-prod",
                             "schema": "sales", "asset_id": "src2"},
                            {"type": "TABLE", "name": "returns", "database": "acme-prod",
                             "schema": "sales", "asset_id": "src3"}],
                "fields": [{"name": "customer", "source_fields": [{"asset_id": "src1", "field_name": "name"}]},
                           {"name": "order_id", "source_fields": [{"asset_id": "src2", "field_name": "id"}]}]},
               {"destination": {"type": "WILDCARD", "name": "*", "database": "partner-proj",
                                "schema": "acme_sales"},
                "sources": [{"type": "WILDCARD", "name": "*", "database": "acme-prod",
                             "schema": "sales"}]}
              ]
              """),
          JSON.valueToTree(events));

      JsonNode manifest = JSON.readTree(work.resolve("l.json").toFile());
      assertTrue(manifest.get("report").toString().contains("job_2"), "the unparsed job is reported");

      // Regression (reference defect): the links query uses the documented `region-us` qualifier.
      List<FakeBigQuery.Executed> executed = bigquery.executed();
      assertEquals(2, executed.size());
      assertTrue(
          executed.get(1).sql().contains("FROM `acme-prod`.`region-us`.INFORMATION_SCHEMA.SCHEMATA_LINKS"),
          executed.get(1).sql());
      assertTrue(executed.get(0).sql().contains("FROM `acme-prod`.`region-us`.INFORMATION_SCHEMA.JOBS"));
    }
  }
}
