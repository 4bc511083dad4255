package io.pushgen.runtime.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.LineageEvent;
import io.pushgen.runtime.wire.EventValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageAccumulatorTest {
  private static final TableName ORDERS = new TableName("DB", "RAW", "ORDERS");
  private static final TableName CUSTOMERS = new TableName("DB", "RAW", "CUSTOMERS");

  @Test
  void temporaryTablesAreResolvedThroughAndMergedPerDestination() {
    LineageAccumulator acc = new LineageAccumulator(true);
    try (LineageEngine engine = new LineageEngine(Dialect.SNOWFLAKE, Catalog.empty())) {
      for (String sql : List.of(
          "CREATE TEMPORARY TABLE tmp AS SELECT id, amount FROM raw.orders",
          "CREATE TEMPORARY TABLE tmp2 AS SELECT t.id, t.amount * 2 AS doubled FROM tmp t",
          "INSERT INTO mart.facts (order_id, value) SELECT id, doubled FROM tmp2",
          "INSERT INTO mart.facts (order_id, name) SELECT o.id, c.name FROM raw.orders o"
              + " JOIN raw.customers c ON c.id = o.customer_id")) {
        Analysis a = engine.analyze(sql, "DB", "PUBLIC");
        assertTrue(a.parsed(), a.error());
        acc.add(a);
      }
    }
    List<LineageEvent> events = acc.events();
    assertEquals(1, events.size());
    LineageEvent e = events.get(0);
    assertEquals("FACTS", e.destination().name());
    assertEquals("dest", e.destination().assetId());
    assertEquals(List.of("CUSTOMERS", "ORDERS"), e.sources().stream().map(s -> s.name()).toList());
    assertEquals(List.of("src1", "src2"), e.sources().stream().map(s -> s.assetId()).toList());
    assertEquals("TABLE", e.sources().get(0).type());
    assertEquals(List.of("NAME", "ORDER_ID", "VALUE"), e.fields().stream().map(f -> f.name()).toList());
    assertEquals("src2", e.fields().get(2).sourceFields().get(0).assetId());
    assertEquals("AMOUNT", e.fields().get(2).sourceFields().get(0).fieldName());
    assertTrue(EventValidator.problems(Flow.LINEAGE, e).isEmpty());
  }

  @Test
  void tableLevelOnlyDropsFields() {
    LineageAccumulator acc = new LineageAccumulator(false);
    acc.add(new StatementLineage(new TableName("DB", "MART", "T"), false, List.of(ORDERS),
        java.util.Set.of(), Map.of("A", List.of(new ColumnRef(ORDERS, "A")))));
    assertFalse(acc.events().get(0).hasColumnLineage());
  }

  @Test
  void dialectIdsAndErrors() {
    assertEquals(Dialect.DATABRICKS, Dialect.fromId("Databricks"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dialect.fromId("oracle"));
    assertTrue(e.getMessage().contains("snowflake, bigquery"));
  }

  @Test
  void garbageNeverThrows() {
    try (LineageEngine engine = new LineageEngine(Dialect.ANSI, Catalog.empty())) {
      for (String sql : new String[] {"", ";", "INSERT INTO", "CREATE TABLE (", "MERGE", "COPY",
          "UPDATE SET", "INSERT INTO t SELECT ((((((", "'unterminated", "/* open", "$$x"}) {
        Analysis a = engine.analyze(sql, null, null);
        if (!a.parsed()) {
          assertFalse(a.error().isBlank());
        }
      }
      assertTrue(engine.analyze(null, null, null).parsed());
    }
  }

  @Test
  void splitsScriptsOutsideQuotesAndComments() {
    List<String> s = SqlScripts.split(
        "INSERT INTO a SELECT ';' FROM b; -- x; y\nCREATE FUNCTION f() AS $$ a; b $$;\n/* ; */ SELECT 1;;",
        Dialect.POSTGRES);
    assertEquals(3, s.size());
    assertTrue(s.get(1).endsWith("$$"));
  }
}
