package io.pushgen.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pushgen.runtime.lineage.Catalog;
import io.pushgen.runtime.lineage.Dialect;
import io.pushgen.runtime.lineage.TableName;
import io.pushgen.runtime.model.LineageEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageCollectorTest {
  private static final Quoting DOUBLE = new Quoting("\"", "\"\"");

  @Test
  void qualifiedNamesSplitOnUnquotedDotsOnly() {
    assertEquals(new TableName("DB", "S", "T"), LineageCollector.qualifiedName("DB.S.T", DOUBLE));
    assertEquals(
        new TableName("my.db", "S", "a\"b"),
        LineageCollector.qualifiedName("\"my.db\".S.\"a\"\"b\"", DOUBLE));
    assertThrows(IllegalArgumentException.class, () -> LineageCollector.qualifiedName("S.T", DOUBLE));
  }

  @Test
  void viewsAreWrappedTypedAndMergedWithEdges() {
    List<String> unparsed = new ArrayList<>();
    LineageCollector lineage =
        new LineageCollector(
            Dialect.POSTGRES, Catalog.empty(), true, DOUBLE, (id, message) -> unparsed.add(id));
    lineage.view("shop", "reporting", "Open Orders", " SELECT id, amount FROM raw.orders WHERE open;");
    lineage.edge(
        new TableName("shop", "reporting", "Open Orders"), null, new TableName("shop", "raw", "extra"), null);
    lineage.statement("q1", "SELEKT nonsense", "shop", "public");
    List<LineageEvent> events = lineage.events();
    assertEquals(1, events.size());
    LineageEvent event = events.get(0);
    assertEquals("VIEW", event.destination().type());
    assertEquals("Open Orders", event.destination().name());
    assertEquals(
        List.of("extra", "orders"), event.sources().stream().map(s -> s.name()).toList());
    assertEquals(List.of("amount", "id"), event.fields().stream().map(f -> f.name()).toList());
    assertEquals(List.of("q1"), unparsed);
    assertEquals(2, lineage.statements());
    assertEquals(1, lineage.unparsedStatements());
  }
}
