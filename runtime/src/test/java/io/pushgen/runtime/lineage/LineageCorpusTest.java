package io.pushgen.runtime.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the hand-written corpus (see {@link LineageCorpus}) and scores it. */
class LineageCorpusTest {
  static Stream<LineageCorpus.Case> cases() throws IOException {
    return LineageCorpus.load().stream();
  }

  /** What the engine made of a case: whether it parsed, was recovered, and its items. */
  record Outcome(boolean parsed, boolean recovered, String error, LineageCorpus.Items items) {}

  static Outcome run(LineageCorpus.Case c) {
    try (LineageEngine engine = new LineageEngine(c.dialect(), c.catalog())) {
      if (!c.script()) {
        Analysis a = engine.analyze(c.sql(), c.defaultDatabase(), c.defaultSchema());
        return new Outcome(a.parsed(), a.recovered(), a.error(), LineageCorpus.actualItems(a));
      }
      LineageAccumulator acc = new LineageAccumulator(true);
      boolean parsed = true;
      boolean recovered = false;
      String error = null;
      for (String statement : c.statements()) {
        Analysis a = engine.analyze(statement, c.defaultDatabase(), c.defaultSchema());
        parsed &= a.parsed();
        recovered |= a.recovered();
        if (error == null && !a.parsed()) {
          error = a.error() + " in: " + statement;
        }
        acc.add(a);
      }
      return new Outcome(parsed, recovered, error, LineageCorpus.eventItems(acc.events()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void statement(LineageCorpus.Case c) {
    Outcome a = run(c);
    if (c.unparsed()) {
      assertFalse(a.parsed(), "expected a parse failure");
      return;
    }
    LineageCorpus.Items expected = LineageCorpus.expectedItems(c);
    if (c.knownGap() != null) {
      // A known gap is asserted, not skipped: the engine survives the statement and still
      // misses the expected lineage. Once it gets it right, this fails: drop the marker.
      boolean right =
          a.parsed()
              && expected.tables().equals(a.items().tables())
              && expected.columns().equals(a.items().columns());
      assertFalse(right, "the known gap '" + c.knownGap() + "' is closed: remove its marker");
      return;
    }
    assertTrue(a.parsed(), () -> "did not parse: " + a.error());
    assertEquals(c.recovered(), a.recovered(),
        c.recovered() ? "expected only the fallback to understand it" : "needed the fallback");
    assertEquals(String.join("\n", expected.tables()), String.join("\n", a.items().tables()),
        "table lineage");
    assertEquals(String.join("\n", expected.columns()), String.join("\n", a.items().columns()),
        "column lineage");
  }

  @Test
  void precisionAndRecall() throws IOException {
    List<LineageCorpus.Case> all = LineageCorpus.load();
    long[] t = new long[3]; // true positives, actual, expected
    long[] col = new long[3];
    Map<Dialect, Integer> perDialect = new EnumMap<>(Dialect.class);
    int parsed = 0;
    int recovered = 0;
    int gaps = 0;
    for (LineageCorpus.Case c : all) {
      perDialect.merge(c.dialect(), 1, Integer::sum);
      Outcome a = run(c);
      if (a.parsed() && !a.recovered()) {
        parsed++;
      } else if (a.recovered()) {
        recovered++;
      }
      if (c.knownGap() != null) {
        gaps++;
      }
      LineageCorpus.Items e = LineageCorpus.expectedItems(c);
      LineageCorpus.Items x = a.items();
      score(t, e.tables(), x.tables());
      score(col, e.columns(), x.columns());
    }
    double tp = ratio(t[0], t[1]);
    double tr = ratio(t[0], t[2]);
    double cp = ratio(col[0], col[1]);
    double cr = ratio(col[0], col[2]);
    System.out.printf(
        "lineage corpus: %d cases %s, %d parsed, %d recovered by the fallback, %d known gaps%n"
            + "  table level:  precision %.4f (%d/%d)  recall %.4f (%d/%d)%n"
            + "  column level: precision %.4f (%d/%d)  recall %.4f (%d/%d)%n",
        all.size(), perDialect, parsed, recovered, gaps, tp, t[0], t[1], tr, t[0], t[2], cp, col[0], col[1],
        cr, col[0], col[2]);
    assertTrue(all.size() >= 370, "corpus has " + all.size() + " cases");
    assertTrue(tp >= 0.97 && tr >= 0.97, "table-level precision/recall below 0.97");
    assertTrue(cp >= 0.90 && cr >= 0.90, "column-level precision/recall below 0.90");
  }

  private static void score(long[] acc, Set<String> expected, Set<String> actual) {
    Set<String> both = new HashSet<>(expected);
    both.retainAll(actual);
    acc[0] += both.size();
    acc[1] += actual.size();
    acc[2] += expected.size();
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 1.0 : (double) a / b;
  }
}
