package io.pushgen.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogJoinTest {
  private static Map<String, Object> table(String schema, String name) {
    return Map.of("s", schema, "t", name);
  }

  private static Map<String, Object> column(String schema, String table, String name) {
    return Map.of("s", schema, "t", table, "c", name);
  }

  private static RelationalAsset asset(ResultSet row) throws SQLException {
    return new RelationalAsset(
        "TABLE", new AssetMetadata(row.getString("t"), "db", row.getString("s")), List.of());
  }

  private static CatalogJoin.Column field(ResultSet row) throws SQLException {
    return new CatalogJoin.Column(
        row.getString("s"), row.getString("t"), new AssetField(row.getString("c"), "INT"));
  }

  private static List<RelationalAsset> join(
      List<Map<String, Object>> tables, List<Map<String, Object>> columns) throws Exception {
    List<RelationalAsset> out = new ArrayList<>();
    CatalogJoin.join(
        FakeRows.of(tables),
        CatalogJoinTest::asset,
        columns == null ? null : FakeRows.of(columns),
        CatalogJoinTest::field,
        a -> !a.metadata().schema().equals("skip"),
        out::add);
    return out;
  }

  private static List<String> fieldNames(RelationalAsset asset) {
    return asset.fields().stream().map(AssetField::name).toList();
  }

  @Test
  void attachesEachTablesColumnsInOrderAndSkipsOrphans() throws Exception {
    List<RelationalAsset> assets =
        join(
            List.of(table("a", "t1"), table("a", "t2"), table("b", "Z"), table("skip", "x")),
            List.of(
                column("a", "gone", "x"),
                column("a", "t1", "c1"),
                column("a", "t1", "c2"),
                column("a", "t3", "orphan"),
                column("b", "Z", "z1"),
                column("skip", "x", "s1")));
    assertEquals(3, assets.size(), "the excluded schema is left out");
    assertEquals(List.of("c1", "c2"), fieldNames(assets.get(0)));
    assertEquals(List.of(), fieldNames(assets.get(1)), "a table without columns");
    assertEquals(List.of("z1"), fieldNames(assets.get(2)));
  }

  @Test
  void binaryOrderPutsUpperCaseBeforeLowerCase() throws Exception {
    // "Z" < "a" in code point order, as in PostgreSQL's COLLATE "C" and Snowflake's default.
    List<RelationalAsset> assets =
        join(
            List.of(table("s", "Z"), table("s", "a")),
            List.of(column("s", "Z", "z"), column("s", "a", "a")));
    assertEquals(List.of("z"), fieldNames(assets.get(0)));
    assertEquals(List.of("a"), fieldNames(assets.get(1)));
  }

  @Test
  void withoutAColumnsQueryAssetsHaveNoFields() throws Exception {
    assertTrue(join(List.of(table("s", "t")), null).get(0).fields().isEmpty());
  }

  @Test
  void tablesOutOfOrderAreAnErrorNotMissingFields() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> join(List.of(table("s", "b"), table("s", "a")), List.of()));
    assertTrue(e.getMessage().contains("s.b came before s.a"), e.getMessage());
    assertTrue(e.getMessage().contains("COLLATE \"C\""), e.getMessage());
  }

  @Test
  void columnsOutOfOrderAreAnError() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                join(
                    List.of(table("s", "a"), table("s", "b")),
                    List.of(column("s", "b", "x"), column("s", "a", "y"))));
    assertTrue(e.getMessage().startsWith("the columns query"), e.getMessage());
  }
}
