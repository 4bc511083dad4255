package io.pushgen.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.lineage.Catalog;
import io.pushgen.runtime.lineage.Dialect;
import io.pushgen.runtime.lineage.TableName;
import io.pushgen.runtime.manifest.ManifestHeader;
import io.pushgen.runtime.manifest.ManifestReader;
import io.pushgen.runtime.manifest.ManifestWriter;
import io.pushgen.runtime.manifest.ManifestWriter.ReportEntry;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.LineageEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void viewsAreWrappedTypedAndMergedWithEdges(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("lineage.json");
    ManifestReader manifest;
    try (ManifestWriter writer = ManifestWriter.open(file, header())) {
      LineageCollector lineage =
          new LineageCollector(Dialect.POSTGRES, Catalog.empty(), true, DOUBLE, writer);
      lineage.view(
          "shop", "reporting", "Open Orders", " SELECT id, amount FROM raw.orders WHERE open;");
      lineage.edge(
          new TableName("shop", "reporting", "Open Orders"), null,
          new TableName("shop", "raw", "extra"), null);
      lineage.statement("q1", "SELEKT nonsense", "shop", "public");
      List<LineageEvent> events = lineage.events();
      assertEquals(1, events.size());
      LineageEvent event = events.get(0);
      assertEquals("VIEW", event.destination().type());
      assertEquals("Open Orders", event.destination().name());
      assertEquals(
          List.of("extra", "orders"), event.sources().stream().map(s -> s.name()).toList());
      assertEquals(List.of("amount", "id"), event.fields().stream().map(f -> f.name()).toList());
      assertEquals(2, lineage.statements());
      assertEquals(1, lineage.unparsedStatements());
      lineage.writeSummary(writer);
      writer.commit();
    }
    manifest = ManifestReader.open(file);
    assertEquals(
        List.of(new ReportEntry(LineageCollector.UNPARSED, "q1",
            "Encountered unexpected token: \"SELEKT\" <S_IDENTIFIER> at line 1, column 1.")),
        manifest.report().stream().filter(e -> e.kind().equals(LineageCollector.UNPARSED))
            .toList());
    assertEquals(1L, manifest.counts().reported().get("statements_not_understood"));
  }

  @Test
  void theReportCountsOutcomesAndGroupsReasons(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("lineage.json");
    try (ManifestWriter writer = ManifestWriter.open(file, header())) {
      LineageCollector lineage =
          new LineageCollector(Dialect.SNOWFLAKE, Catalog.empty(), true, DOUBLE, writer);
      lineage.statement("ok", "INSERT INTO a SELECT x FROM b", "DB", "S");
      // Refused by the parser, tables recovered from the words.
      lineage.statement("rec", "INSERT INTO a SELECT x FROM b WHERE x ===== 1", "DB", "S");
      lineage.statement("bad1", "INSERT INTO c SELEKT 1", "DB", "S");
      lineage.statement("bad2", "INSERT INTO d SELEKT 2", "DB", "S");
      lineage.statement("none", "SELECT 1", "DB", "S");
      lineage.writeSummary(writer);
      for (LineageEvent event : lineage.events()) {
        writer.write(event);
      }
      writer.commit();
    }
    ManifestReader manifest = ManifestReader.open(file);
    Map<String, Long> counts = manifest.counts().reported();
    assertEquals(5L, counts.get("statements_read"));
    assertEquals(2L, counts.get("statements_parsed"));
    assertEquals(1L, counts.get("statements_recovered"));
    assertEquals(2L, counts.get("statements_not_understood"));
    List<ReportEntry> report = manifest.report();
    assertEquals(
        List.of("rec"),
        report.stream().filter(e -> e.kind().equals(LineageCollector.RECOVERED))
            .map(ReportEntry::subject).toList());
    assertTrue(report.stream().filter(e -> e.kind().equals(LineageCollector.RECOVERED))
        .allMatch(e -> e.reason().startsWith("tables read from the statement's words")));
    assertEquals(
        List.of(new ReportEntry(LineageCollector.UNPARSED_REASONS,
            "the parser stopped at a number", "2 statements, e.g. bad1, bad2")),
        report.stream().filter(e -> e.kind().equals(LineageCollector.UNPARSED_REASONS))
            .toList());
    assertEquals(1, manifest.counts().events());
  }

  @Test
  void aTeradataMultiStatementRequestIsAnalysedStatementByStatement(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("lineage.json");
    try (ManifestWriter writer = ManifestWriter.open(file, header())) {
      LineageCollector lineage =
          new LineageCollector(Dialect.TERADATA, Catalog.empty(), true, DOUBLE, writer);
      // One DBQL request: a transaction of two inserts, the second through a volatile copy.
      lineage.statement("307191234567890123",
          "BT; INS INTO Mart.Daily (Id) SEL OrderId FROM Sales.Orders;"
              + " LOCKING ROW FOR ACCESS INSERT INTO Mart.Weekly (Id) SELECT 'x;y', OrderId"
              + " FROM Sales.Returns; ET;",
          "Sales", "Sales");
      // A macro's body runs only when the macro is executed: one statement, no lineage.
      lineage.statement("307191234567890124",
          "REPLACE MACRO Mart.Load AS (INS INTO Mart.Daily SEL * FROM Sales.Orders; );",
          "Sales", "Sales");
      assertEquals(5, lineage.statements());
      assertEquals(0, lineage.unparsedStatements());
      assertEquals(
          List.of("Daily <- [Orders]", "Weekly <- [Returns]"),
          lineage.events().stream()
              .map(e -> e.destination().name() + " <- "
                  + e.sources().stream().map(s -> s.name()).toList())
              .sorted()
              .toList());
      writer.commit();
    }
  }

  private static ManifestHeader header() {
    return ManifestHeader.of(
        Flow.LINEAGE, "test", "snowflake", Instant.parse("2026-12-01T00:00:00Z"));
  }
}
