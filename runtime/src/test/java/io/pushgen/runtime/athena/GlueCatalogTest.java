package io.pushgen.runtime.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pushgen.runtime.collect.TypeMap;
import io.pushgen.runtime.model.RelationalAsset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.ViewDefinition;
import software.amazon.awssdk.services.glue.model.ViewRepresentation;

class GlueCatalogTest {
  private static final GlueCatalog.StatisticKeys KEYS =
      new GlueCatalog.StatisticKeys(
          List.of("numRows", "recordCount"), List.of("totalSize", "sizeKey"), List.of("transient_lastDdlTime"));
  private static final TypeMap TABLES =
      TypeMap.forTables(Map.of("EXTERNAL_TABLE", "TABLE", "VIRTUAL_VIEW", "VIEW"), "TABLE");
  private static final TypeMap COLUMNS =
      TypeMap.forColumns(Map.of("int", "INTEGER", "string", "VARCHAR"), TypeMap.Unknown.UPPER, true);

  @Test
  void athenaViewsAreDecodedAndOtherViewTextIsKept() {
    String json = "{\"originalSql\":\"SELECT a FROM db.t\",\"catalog\":\"awsdatacatalog\",\"schema\":\"db\"}";
    String encoded =
        "/* Presto View: " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + " */";
    assertEquals("SELECT a FROM db.t", GlueCatalog.viewText(Table.builder().viewOriginalText(encoded).build()));
    // Hive and Spark keep their SQL as written.
    assertEquals(
        "SELECT 1", GlueCatalog.viewText(Table.builder().viewOriginalText("SELECT 1").build()));
    // Not Base64: sent as it is rather than dropped.
    assertEquals(
        "/* Presto View: !!! */",
        GlueCatalog.viewText(Table.builder().viewOriginalText("/* Presto View: !!! */").build()));
    // A multi-dialect Data Catalog view: its ATHENA representation.
    Table multi =
        Table.builder()
            .viewDefinition(
                ViewDefinition.builder()
                    .representations(
                        ViewRepresentation.builder().dialect("REDSHIFT").viewOriginalText("SELECT r").build(),
                        ViewRepresentation.builder().dialect("ATHENA").viewOriginalText("SELECT a").build())
                    .build())
            .build();
    assertEquals("SELECT a", GlueCatalog.viewText(multi));
    assertNull(GlueCatalog.viewText(Table.builder().build()));
  }

  @Test
  void statisticsComeFromTheFirstValidParameterAndStaleHiveRowCountsAreSkipped() {
    assertEquals(5L, GlueCatalog.rowCount(Map.of("numRows", "5", "recordCount", "9"), KEYS.rowCount()));
    assertEquals(
        5L,
        GlueCatalog.rowCount(
            Map.of("numRows", "5", "COLUMN_STATS_ACCURATE", "{\"BASIC_STATS\":\"true\"}"), KEYS.rowCount()));
    assertEquals(
        9L,
        GlueCatalog.rowCount(
            Map.of("numRows", "5", "recordCount", "9", "COLUMN_STATS_ACCURATE", "{}"), KEYS.rowCount()));
    // Hive writes -1 for unknown; text is not a number.
    assertNull(GlueCatalog.count(Map.of("totalSize", "-1", "sizeKey", "x"), KEYS.byteCount()));
  }

  @Test
  void aTableBecomesAnAssetWithPartitionColumnsLast() {
    Table table =
        Table.builder()
            .name("events")
            .databaseName("web")
            .tableType("EXTERNAL_TABLE")
            .createTime(Instant.parse("2026-01-01T00:00:00Z"))
            .storageDescriptor(b -> b.columns(Column.builder().name("id").type("int").build()))
            .partitionKeys(Column.builder().name("dt").type("string").build())
            .parameters(Map.of("totalSize", "100", "transient_lastDdlTime", "1767225600"))
            .build();
    RelationalAsset asset = GlueCatalog.asset("awsdatacatalog", table, TABLES, COLUMNS, KEYS, true);
    assertEquals("TABLE", asset.type());
    assertEquals("awsdatacatalog", asset.metadata().database());
    assertEquals("web", asset.metadata().schema());
    assertEquals("2026-01-01T00:00:00Z", asset.metadata().createdOn());
    assertEquals(
        List.of(
            new RelationalAsset.AssetField("id", "INTEGER", null),
            new RelationalAsset.AssetField("dt", "VARCHAR", "Partition column")),
        asset.fields());
    assertNull(asset.volume().rowCount());
    assertEquals(100L, asset.volume().byteCount());
    assertEquals("2026-01-01T00:00:00Z", asset.freshness().lastUpdateTime());
    assertEquals(List.of(), GlueCatalog.asset("c", table, TABLES, COLUMNS, KEYS, false).fields());
  }
}
