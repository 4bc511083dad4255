package io.pushgen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.runtime.manifest.ManifestHeader;
import io.pushgen.runtime.manifest.ManifestWriter;
import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.RelationalAsset;
import io.pushgen.runtime.wire.WireJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pushgen lineage}: scripts collapsed, defaults folded, --catalog, --explain. */
class LineageCommandTest {
  @TempDir Path tmp;

  @Test
  void scriptIsCollapsedAndExplained() throws Exception {
    Path sql = tmp.resolve("script.sql");
    Files.writeString(sql, """
        CREATE TEMPORARY TABLE stage_orders AS SELECT id, amount FROM raw.orders;
        CREATE TABLE mart.orders_new AS SELECT id, amount * 2 AS doubled FROM stage_orders;
        ALTER TABLE mart.orders_new RENAME TO orders;
        INSERT INTO mart.orders SELECT id, amount FROM raw.orders WHERE id ===== 1;
        INSERT INTO mart.x SELEKT 1;
        """);
    TestSupport.Run run = TestSupport.cli("lineage", "--dialect", "snowflake",
        "--default-database", "analytics", "--default-schema", "public", "--explain",
        sql.toString());
    assertEquals(0, run.code(), run.err());
    JsonNode events = WireJson.mapper().readTree(run.out());
    assertEquals(1, events.size(), run.out());
    JsonNode event = events.get(0);
    // The renamed table, in the folded default database, from the temporary table's source.
    assertEquals("ORDERS", event.get("destination").get("name").asText());
    assertEquals("ANALYTICS", event.get("destination").get("database").asText());
    assertEquals("MART", event.get("destination").get("schema").asText());
    assertEquals(1, event.get("sources").size());
    assertEquals("ORDERS", event.get("sources").get(0).get("name").asText());
    assertEquals("RAW", event.get("sources").get(0).get("schema").asText());
    assertEquals("DOUBLED", event.get("fields").get(0).get("name").asText());
    assertEquals("AMOUNT",
        event.get("fields").get(0).get("source_fields").get(0).get("field_name").asText());
    String err = run.err();
    assertTrue(err.contains("target ANALYTICS.PUBLIC.STAGE_ORDERS (temporary"), err);
    assertTrue(err.contains(
        "renames ANALYTICS.MART.ORDERS_NEW to ANALYTICS.MART.ORDERS"), err);
    assertTrue(err.contains("statement 4 recovered by a fallback"), err);
    assertTrue(err.contains("skipped: column lineage; tables read from the statement's words"),
        err);
    assertTrue(err.contains("statement 5 not parsed: Encountered unexpected token"), err);
    assertTrue(err.contains("5 statements, 3 parsed, 1 recovered by a fallback (tables only),"
        + " 1 not parsed"), err);
  }

  @Test
  void insertWithoutColumnListMapsByPositionWithCatalog() throws Exception {
    Path catalog = tmp.resolve("metadata.json");
    try (ManifestWriter w = ManifestWriter.open(catalog,
        ManifestHeader.of(Flow.METADATA, "mysql", "mysql", Instant.parse("2026-12-01T00:00:00Z")))) {
      w.write(asset("shop", "daily", "day", "total"));
      w.write(asset("shop", "orders", "ordered_on", "amount"));
      w.commit();
    }
    Path sql = tmp.resolve("insert.sql");
    Files.writeString(sql, "INSERT INTO daily SELECT ordered_on, SUM(amount) FROM orders"
        + " GROUP BY ordered_on");
    TestSupport.Run run = TestSupport.cli("lineage", "--dialect", "mysql", "--catalog",
        catalog.toString(), sql.toString());
    assertEquals(0, run.code(), run.err());
    JsonNode fields = WireJson.mapper().readTree(run.out()).get(0).get("fields");
    List<String> pairs = new ArrayList<>();
    fields.forEach(f -> pairs.add(f.get("name").asText() + "<-"
        + f.get("source_fields").get(0).get("field_name").asText()));
    // No default database: the catalog resolves the unqualified names to shop.
    assertEquals(List.of("day<-ordered_on", "total<-amount"), pairs, run.out());
    assertEquals("shop",
        WireJson.mapper().readTree(run.out()).get(0).get("destination").get("schema").asText());
  }

  private static RelationalAsset asset(String db, String table, String... columns) {
    List<AssetField> fields = new ArrayList<>();
    for (String c : columns) {
      fields.add(new AssetField(c, "VARCHAR"));
    }
    return new RelationalAsset("TABLE", new AssetMetadata(table, db, db), fields);
  }
}
