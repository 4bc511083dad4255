package io.pushgen.runtime.lineage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Throughput of {@link LineageEngine#analyze} over the corpus, on one thread. Runs only with
 * the {@code bench} profile ({@code mvn -Pbench ...}) (see BENCHMARKS.md). Reports statements per second of wall time and
 * of this thread's CPU time, and the share parsed; also the slowest statement.
 */
class LineageBenchmark {
  @Test
  void throughput() throws IOException {
    // -Dpushgen.bench.shapes=false: the original corpus only, to compare with earlier figures.
    List<LineageCorpus.Case> cases =
        LineageCorpus.load(Boolean.parseBoolean(System.getProperty("pushgen.bench.shapes", "true")));
    long seconds = Long.getLong("pushgen.bench.seconds", 20);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    // One engine per dialect, as a collector would hold.
    List<LineageEngine> engines = new ArrayList<>();
    for (LineageCorpus.Case c : cases) {
      engines.add(new LineageEngine(c.dialect(), c.catalog()));
    }
    // Warm-up and measurement are bounded by this thread's CPU time, not the clock: on a loaded
    // machine a wall-clock warm-up leaves the JIT cold and the figure then measures the load.
    long warmEnd = mx.getCurrentThreadCpuTime() + 5_000_000_000L;
    while (mx.getCurrentThreadCpuTime() < warmEnd) {
      for (int i = 0; i < cases.size(); i++) {
        LineageCorpus.Case c = cases.get(i);
        for (String sql : c.statements()) {
          engines.get(i).analyze(sql, c.defaultDatabase(), c.defaultSchema());
        }
      }
    }
    long n = 0;
    long parsed = 0;
    long slowest = 0;
    String slowestSql = "";
    long cpu0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long end = cpu0 + seconds * 1_000_000_000L;
    while (mx.getCurrentThreadCpuTime() < end) {
      for (int i = 0; i < cases.size(); i++) {
        LineageCorpus.Case c = cases.get(i);
        for (String sql : c.statements()) {
          long s = System.nanoTime();
          Analysis a = engines.get(i).analyze(sql, c.defaultDatabase(), c.defaultSchema());
          long d = System.nanoTime() - s;
          if (d > slowest) {
            slowest = d;
            slowestSql = c.toString();
          }
          n++;
          if (a.parsed() && !a.recovered()) {
            parsed++;
          }
        }
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
    engines.forEach(LineageEngine::close);
    System.out.printf(
        "lineage benchmark: %d statements; %.0f statements per CPU-second of the analysing thread"
            + " (%.1f s CPU); %.0f statements/s wall (%.1f s, includes time the thread waited for"
            + " a core); parsed %.1f%%; slowest single statement %.1f ms wall (%s)%n",
        n, n / cpu, cpu, n / wall, wall, 100.0 * parsed / n, slowest / 1e6, slowestSql);
    // Pathological input: deeply nested parentheses must hit the timeout, not hang.
    try (LineageEngine engine = new LineageEngine(Dialect.ANSI, Catalog.empty(), 1_000)) {
      String nested = "INSERT INTO t SELECT " + "(".repeat(400) + "1" + ")".repeat(400) + " FROM s";
      long s = System.nanoTime();
      Analysis a = engine.analyze(nested, null, null);
      System.out.printf("pathological (400 nested parentheses): parsed=%s in %.0f ms%s%n",
          a.parsed(), (System.nanoTime() - s) / 1e6,
          a.parsed() ? a.recovered() ? " (recovered: " + a.recovery() + ")" : "" : " (" + a.error() + ")");
    }
  }
}
