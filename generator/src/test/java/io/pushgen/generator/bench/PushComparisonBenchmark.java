package io.pushgen.generator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.TestSupport;
import io.pushgen.generator.e2e.PushFaultFixture;
import io.pushgen.generator.e2e.PushFaultRelay;
import io.pushgen.generator.run.EmittedPrograms;
import io.pushgen.runtime.manifest.ManifestHeader;
import io.pushgen.runtime.manifest.ManifestWriter;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.QueryLogEntry;
import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The push comparison (not a test: it runs only with {@code mvn -B -Pbench -pl runtime,generator
 * verify}): the emitted {@code PushMetadata} and {@code PushQueryLogs} with their default options
 * against a baseline sender that does only what the reference loop of Monte Carlo's published
 * templates does (read the whole manifest, fixed batches of 500, one request at a time, no
 * validation, no size check): {@code reference_push.py} with Python's {@code requests} when it is
 * installed, else {@link ReferenceLoop}, its minimal Java equivalent. Both push the same manifests
 * to the same in-process {@link LocalGateway} (which parses and validates every body), through a
 * relay that adds no delay or 50 ms to every request, one contender right after the other. It
 * rewrites the push-comparison section of {@code BENCHMARKS.md}.
 *
 * <p>System properties {@code bench.compare.scale} (a divisor of every manifest's size) and
 * {@code bench.compare.only} (a scenario name) shrink the run for trials; {@code bench.jfr=DIR}
 * records the pushgen runs with Java Flight Recorder.
 */
class PushComparisonBenchmark {
  private static final String START = "<!-- bench:push-comparison:start -->";
  private static final String END = "<!-- bench:push-comparison:end -->";
  private static final long SEED = 20261204L;
  private static final List<Duration> LATENCIES = List.of(Duration.ZERO, Duration.ofMillis(50));

  /**
   * Manifests of at most this many events are pushed {@link #SMALL_RUNS} times by each contender:
   * their runs last two or three seconds, and one run varies by a third from the next.
   */
  private static final int SMALL_EVENTS = 10_000;

  private static final int SMALL_RUNS = 3;

  /**
   * One manifest and the program that pushes it.
   *
   * @param name what the manifest holds, with a {@code %,d} for the number of events
   */
  record Scenario(String name, Path manifest, String mainClass, EmittedPrograms programs, int events) {
    Scenario {
      name = String.format(Locale.ROOT, name, events);
    }
  }

  /**
   * One push: wall time (process start to exit), CPU (user + system), the CPU this JVM spent
   * meanwhile (the gateway and relay, on the same cores), what the gateway saw, and, for a JVM, its
   * CPU by kind of thread.
   */
  record Measured(
      Duration wall,
      double cpuSeconds,
      double gatewayCpuSeconds,
      int requests,
      int refused,
      long accepted,
      Map<ThreadCpu.Kind, Double> threads) {
    double seconds() {
      return wall.toNanos() / 1e9;
    }

    double jitSeconds() {
      return threads.getOrDefault(ThreadCpu.Kind.JIT, 0.0);
    }
  }

  record Row(Scenario scenario, Duration latency, Measured baseline, Measured pushgen, double load) {}

  @Test
  void pushComparison() throws Exception {
    int scale = Integer.getInteger("bench.compare.scale", 1);
    String only = System.getProperty("bench.compare.only");
    Path work = Files.createTempDirectory("pushgen-compare");
    try {
      EmittedPrograms metadata = PushFaultFixture.programs();
      EmittedPrograms queryLogs = ScaleBenchmark.generate(work, "postgres", "--log-type", "s3");
      List<Scenario> scenarios = new ArrayList<>();
      for (int assets : new int[] {10_000, 100_000}) {
        int n = assets / scale;
        Path file = PushBenchmark.writeManifest(work.resolve("metadata-" + n + ".json"), n, 20);
        scenarios.add(new Scenario("%,d assets x 20 columns", file, PushFaultFixture.PUSH_METADATA, metadata, n));
      }
      int wide = 2_000 / scale;
      scenarios.add(
          new Scenario(
              "%,d wide assets (100 described columns)",
              writeWideManifest(work.resolve("wide.json"), wide),
              PushFaultFixture.PUSH_METADATA,
              metadata,
              wide));
      int entries = 1_000_000 / scale;
      scenarios.add(
          new Scenario(
              "%,d query-log entries",
              writeQueryLogManifest(work.resolve("query-logs.json"), entries),
              "io.pushgen.postgres.PushQueryLogs",
              queryLogs,
              entries));
      if (only != null) {
        scenarios.removeIf(s -> !s.name().contains(only));
      }

      Baseline baseline = Baseline.detect(work);
      log("baseline: %s", baseline.name());
      Map<Scenario, Measured> dryRuns = new LinkedHashMap<>();
      List<Row> rows = new ArrayList<>();
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      AtomicLong events = new AtomicLong();
      AtomicReference<LocalGateway> started = new AtomicReference<>();
      try (LocalGateway gateway =
              new LocalGateway()
                  .expectKey(PushFaultFixture.KEY_ID, PushFaultFixture.TOKEN)
                  .onRequest(
                      request -> {
                        if (request.status() >= 200 && request.status() < 300) {
                          accepted.incrementAndGet();
                          events.addAndGet(Math.max(0, request.events()));
                        } else {
                          refused.incrementAndGet();
                        }
                        // Counted: the gateway need not keep the parsed body (it keeps every one
                        // otherwise, and a heap full of them would slow the gateway, not the client).
                        started.get().clear();
                      })
                  .start(0);
          PushFaultRelay relay = PushFaultRelay.start(gateway.baseUrl())) {
        started.set(gateway);
        Map<String, String> env = PushFaultFixture.environment(relay.baseUrl());
        Pusher pusher =
            (name, command) -> {
              accepted.set(0);
              refused.set(0);
              events.set(0);
              Measured run = measure(work, name, command, env);
              relay.awaitIdle(Duration.ofSeconds(30));
              return new Measured(
                  run.wall(),
                  run.cpuSeconds(),
                  run.gatewayCpuSeconds(),
                  accepted.get() + refused.get(),
                  refused.get(),
                  events.get(),
                  run.threads());
            };
        // The gateway and the relay run in this JVM and are compiled as they go: one untimed push
        // of each contender first, so that no measured row pays for their warm-up (the first
        // baseline row did: 3.2 s of gateway CPU against 2.4 s for the pushgen row after it).
        Scenario first = scenarios.get(0);
        pusher.push("warm-up, baseline", baseline.command(first.manifest()));
        pusher.push(
            "warm-up, pushgen",
            concat(pushgen(first, work), "--result-file", work.resolve("warm-up.json").toString()));
        for (Scenario scenario : scenarios) {
          List<String> ours = pushgen(scenario, work);
          int runs = scenario.events() <= SMALL_EVENTS ? SMALL_RUNS : 1;
          List<Measured> dries = new ArrayList<>();
          for (int run = 0; run < runs; run++) {
            dries.add(measure(work, "dry-run", concat(ours, "--dry-run"), Map.of()));
          }
          Measured dry = median(dries);
          dryRuns.put(scenario, dry);
          log("%s, dry run: %.2f s (%.2f s CPU; %s)",
              scenario.name(), dry.seconds(), dry.cpuSeconds(), ThreadCpu.describe(dry.threads()));
          for (Duration latency : LATENCIES) {
            relay.delayEach(latency);
            String tag = scenario.name() + ", " + latency.toMillis() + " ms";
            // The contenders take turns, so that a change in the machine's load falls on both.
            List<Measured> bases = new ArrayList<>();
            List<Measured> mines = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
              bases.add(pusher.push("baseline " + tag, baseline.command(scenario.manifest())));
              String result = "result-" + rows.size() + "-" + run + ".json";
              List<String> push = concat(ours, "--result-file", work.resolve(result).toString());
              Measured mine = pusher.push("pushgen " + tag, withJfr(push, "push-" + rows.size() + "-" + run));
              assertEquals(0, mine.refused(), "pushgen had requests refused: " + tag);
              assertEquals(scenario.events(), mine.accepted(), "every event accepted: " + tag);
              mines.add(mine);
            }
            if (runs > 1) {
              log("%s: wall times of the %d runs: baseline %s, pushgen %s",
                  tag, runs, walls(bases), walls(mines));
            }
            Measured base = median(bases);
            Measured mine = median(mines);
            rows.add(new Row(scenario, latency, base, mine, load()));
            if (scale == 1 && only == null) {
              // Written after every row, so that a long run that is cut short keeps its figures.
              PushBenchmark.writeSection(
                  TestSupport.root().resolve("BENCHMARKS.md"), START, END, section(baseline, rows, dryRuns));
            }
            log("%s: baseline %.2f s (%.2f s CPU, %d requests, %d refused); pushgen %.2f s (%.2f s CPU, %d requests; %s)",
                tag, base.seconds(), base.cpuSeconds(), base.requests(), base.refused(),
                mine.seconds(), mine.cpuSeconds(), mine.requests(), ThreadCpu.describe(mine.threads()));
          }
        }
      }
      log("%n%s", section(baseline, rows, dryRuns));
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** The run of median wall time (of an odd number of runs). */
  private static Measured median(List<Measured> runs) {
    List<Measured> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparing(Measured::wall));
    return sorted.get(sorted.size() / 2);
  }

  private static String walls(List<Measured> runs) {
    return runs.stream()
        .map(run -> String.format(Locale.ROOT, "%.2f s", run.seconds()))
        .collect(Collectors.joining(", "));
  }

  @FunctionalInterface
  private interface Pusher {
    Measured push(String name, List<String> command) throws Exception;
  }

  /** The command line of the emitted program, on a class path of what its jar would hold. */
  private static List<String> pushgen(Scenario scenario, Path work) {
    String classPath =
        Stream.concat(
                Stream.of(scenario.programs().classes().toString()),
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(
                        entry -> {
                          String name = Path.of(entry).getFileName().toString();
                          return name.startsWith("jackson-") || name.startsWith("picocli-");
                        }))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx256m"));
    // -Dbench.compare.jvm="-XX:TieredStopAtLevel=1": JVM options for pushgen, e.g. the emitted
    // README's advice for small manifests; none by default (the comparison is of defaults).
    String jvm = System.getProperty("bench.compare.jvm", "").strip();
    if (!jvm.isEmpty()) {
      command.addAll(Arrays.asList(jvm.split("\\s+")));
    }
    command.addAll(
        List.of("-cp", classPath, scenario.mainClass(), "--input-file", scenario.manifest().toString()));
    return command;
  }

  /** With {@code -Dbench.jfr=DIR}, {@code command} recording a flight recording to DIR. */
  private static List<String> withJfr(List<String> command, String name) {
    String dir = System.getProperty("bench.jfr");
    if (dir == null) {
      return command;
    }
    List<String> recorded = new ArrayList<>(command);
    recorded.add(
        1, "-XX:StartFlightRecording=settings=profile,filename=" + Path.of(dir, name + ".jfr"));
    return recorded;
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Runs {@code command} under {@code /usr/bin/time} (for its CPU time) with the push environment,
   * sampling a JVM's threads every 100 ms.
   */
  private static Measured measure(
      Path work,
      String name,
      List<String> command,
      Map<String, String> env)
      throws Exception {
    Path cpu = Files.createTempFile(work, "cpu", ".txt");
    Path output = Files.createTempFile(work, "run", ".log");
    List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", cpu.toString()));
    timed.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(timed).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(key -> key.toUpperCase(Locale.ROOT).startsWith("MCD_"));
    builder.environment().putAll(env);
    long gatewayCpu = benchmarkCpuNanos();
    long start = System.nanoTime();
    Process process = builder.start();
    long deadline = start + TimeUnit.MINUTES.toNanos(20);
    ThreadCpu threads = new ThreadCpu();
    long jvm = -1;
    while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
      jvm = jvm > 0 ? jvm : ThreadCpu.jvmPid(process);
      if (jvm > 0) {
        threads.sample(jvm);
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(name + " took more than 20 minutes");
      }
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), name + ":\n" + tail(printed));
    String[] times = Files.readString(cpu, StandardCharsets.UTF_8).strip().split("\\s+");
    double cpuSeconds =
        Double.parseDouble(times[times.length - 2]) + Double.parseDouble(times[times.length - 1]);
    double gatewaySeconds = (benchmarkCpuNanos() - gatewayCpu) / 1e9;
    return new Measured(wall, cpuSeconds, gatewaySeconds, 0, 0, 0, threads.byKind());
  }

  /** This JVM's CPU time so far: mostly the gateway's parsing, compressing and validating. */
  private static long benchmarkCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The baseline sender: the Python loop where {@code requests} is installed, else Java. */
  record Baseline(String name, List<String> prefix) {
    List<String> command(Path manifest) {
      return concat(prefix, manifest.toString());
    }

    static Baseline detect(Path work) throws IOException, InterruptedException {
      Path script = work.resolve("reference_push.py");
      try (InputStream in =
          PushComparisonBenchmark.class.getResourceAsStream("/bench/reference_push.py")) {
        Files.copy(in, script);
      }
      Process probe =
          new ProcessBuilder("python3", "-c", "import requests; print(requests.__version__)")
              .redirectErrorStream(true)
              .start();
      String version = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (probe.waitFor() == 0) {
        Process python = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
        String pythonVersion =
            new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        python.waitFor();
        return new Baseline(
            "`reference_push.py` (" + pythonVersion + ", requests " + version + ")",
            List.of("python3", script.toString()));
      }
      return new Baseline(
          "`ReferenceLoop`, the minimal Java equivalent of `reference_push.py` (Python's requests"
              + " is not installed)",
          List.of(
              javaCommand(),
              "-cp",
              System.getProperty("java.class.path"),
              ReferenceLoop.class.getName()));
    }
  }

  // ------------------------------------------------------------------------ manifests

  private static final String[] WORDS = {
    "customer", "order", "revenue", "invoice", "ledger", "account", "region", "currency", "amount",
    "source", "system", "loaded", "nightly", "derived", "from", "the", "upstream", "table", "of",
    "record", "when", "changed", "status", "open", "closed", "pending", "refund", "partner",
    "identifier", "converted", "daily", "rate", "excluding", "tax", "including", "discounts",
    "applied", "at", "checkout", "null", "until", "first", "shipment", "warehouse", "SKU",
    "campaign", "attribution", "model", "score", "between", "zero", "and", "one", "PII",
    "masked", "for", "analysts", "GDPR", "retention", "days", "business", "key", "hash",
    "surrogate", "version", "valid", "from", "to", "SCD", "type", "two", "timezone", "UTC"
  };

  /**
   * Well-documented tables: 100 columns each, every column (and table) with a description of 8 to
   * 20 words, numbers and codes; about 4 KB compressed an asset, so that 500 of them are over the
   * gateway's 1 MB limit.
   */
  static Path writeWideManifest(Path file, int assets) throws IOException {
    Random random = new Random(SEED);
    ManifestHeader header =
        ManifestHeader.of(Flow.METADATA, "postgres", "postgres", Instant.parse("2026-12-04T08:00:00Z"));
    try (ManifestWriter writer = ManifestWriter.open(file, header)) {
      for (int i = 0; i < assets; i++) {
        List<AssetField> fields = new ArrayList<>(100);
        for (int c = 0; c < 100; c++) {
          fields.add(
              new AssetField(
                  WORDS[random.nextInt(WORDS.length)] + "_" + WORDS[random.nextInt(WORDS.length)] + "_" + c,
                  c % 3 == 0 ? "VARCHAR(" + (16 + random.nextInt(1000)) + ")" : "NUMERIC(18," + random.nextInt(6) + ")",
                  description(random)));
        }
        writer.write(
            new RelationalAsset(
                "TABLE",
                new AssetMetadata(
                    String.format(Locale.ROOT, "wide_table_%05d", i),
                    "warehouse_prod",
                    "documented",
                    description(random),
                    null,
                    null),
                List.of(),
                fields,
                null,
                null));
      }
      writer.commit();
    }
    return file;
  }

  private static String description(Random random) {
    StringBuilder text = new StringBuilder();
    int words = 8 + random.nextInt(13);
    for (int w = 0; w < words; w++) {
      text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
      if (random.nextInt(4) == 0) {
        text.append(' ').append(random.nextInt(100_000));
      }
    }
    return text.toString();
  }

  private static final String[] STATEMENTS = {
    "SELECT * FROM %s WHERE id = %d",
    "INSERT INTO %s SELECT * FROM staging.%s_%d",
    "UPDATE %s SET status = 'closed' WHERE updated_at < now() - interval '%d days'",
    "SELECT region, sum(amount) FROM %s GROUP BY region HAVING sum(amount) > %d",
    "DELETE FROM %s WHERE created_at < '2026-01-01' AND id < %d",
  };

  /** Query-log entries of 5 statement shapes over 500 tables, from a fixed seed, over 12 hours. */
  static Path writeQueryLogManifest(Path file, int entries) throws IOException {
    Random random = new Random(SEED);
    Instant first = Instant.parse("2026-12-03T20:00:00Z");
    ManifestHeader header =
        ManifestHeader.of(Flow.QUERY_LOGS, "postgres", "s3", Instant.parse("2026-12-04T08:00:00Z"));
    try (ManifestWriter writer = ManifestWriter.open(file, header)) {
      for (int i = 0; i < entries; i++) {
        String table = "analytics.table_" + random.nextInt(500);
        String shape = STATEMENTS[random.nextInt(STATEMENTS.length)];
        String text =
            shape.contains("staging")
                ? String.format(Locale.ROOT, shape, table, table.substring(10), random.nextInt(1_000))
                : String.format(Locale.ROOT, shape, table, random.nextInt(1_000_000));
        Instant start = first.plusMillis((long) i * 43_200_000L / entries).plusNanos(random.nextInt(1_000) * 1_000L);
        Instant end = start.plusMillis(random.nextInt(5_000));
        Map<String, Object> extra = new HashMap<>();
        extra.put("database_name", "analytics");
        writer.write(
            new QueryLogEntry(
                start,
                end,
                text,
                "q-" + i,
                "user_" + random.nextInt(40),
                null,
                null,
                (long) random.nextInt(10_000),
                extra));
      }
      writer.commit();
    }
    return file;
  }

  // ------------------------------------------------------------------------ the section

  private static String section(Baseline baseline, List<Row> rows, Map<Scenario, Measured> dryRuns) {
    StringBuilder s = new StringBuilder();
    s.append(START).append('\n');
    s.append("## Push comparison: pushgen against the reference loop\n\n");
    s.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" with\n\n");
    s.append(
        "```\nmvn -B -Pbench -pl runtime,generator -am verify -Dtest=PushComparisonBenchmark"
            + " -Dsurefire.failIfNoSpecifiedTests=false\n```\n\n");
    String jvm = System.getProperty("bench.compare.jvm", "").strip();
    s.append(
        String.format(
            Locale.ROOT,
            "Machine: %d cores, Linux, Java %s; baseline: %s; pushgen's JVM options: %s. Both"
                + " contenders of a row ran one right after the other; the load average (1 min)"
                + " after each pair is in the last column (a load above the core count slows every"
                + " figure: other builds shared the machine). A manifest of at most %,d events is"
                + " pushed %d times by each contender, taking turns, and its row shows each one's"
                + " run of median wall time (its dry run likewise); a larger one, once.%n%n",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.runtime.version"),
            baseline.name(),
            jvm.isEmpty() ? "`-Xmx256m` only" : "`-Xmx256m " + jvm + "`",
            SMALL_EVENTS,
            SMALL_RUNS));
    s.append(
        "| manifest | latency | baseline wall | pushgen wall | wall ratio | baseline CPU | pushgen CPU"
            + " (of which JIT) | CPU ratio | gateway CPU baseline / pushgen | requests baseline /"
            + " pushgen | refused baseline / pushgen | load |\n");
    s.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      Measured b = row.baseline();
      Measured p = row.pushgen();
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %d ms | %.2f s | %.2f s | %.2f× | %.2f s | %.2f s (%.2f s) | %.2f | %.2f s / %.2f s | %,d / %,d | %,d / %,d | %.1f |%n",
              row.scenario().name(),
              row.latency().toMillis(),
              b.seconds(),
              p.seconds(),
              b.seconds() / p.seconds(),
              b.cpuSeconds(),
              p.cpuSeconds(),
              p.jitSeconds(),
              p.cpuSeconds() / b.cpuSeconds(),
              b.gatewayCpuSeconds(),
              p.gatewayCpuSeconds(),
              b.requests(),
              p.requests(),
              b.refused(),
              p.refused(),
              row.load()));
    }
    s.append('\n');
    s.append(
        "| manifest | pushgen `--dry-run` (read, validate, batch, compress; nothing sent): wall"
            + " | its CPU (of which JIT) | events per CPU-second |\n");
    s.append("|---|---|---|---|\n");
    dryRuns.forEach(
        (scenario, dry) ->
            s.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %.2f s (%,.0f events/s) | %.2f s (%.2f s) | %,.0f |%n",
                    scenario.name(),
                    dry.seconds(),
                    scenario.events() / dry.seconds(),
                    dry.cpuSeconds(),
                    dry.jitSeconds(),
                    scenario.events() / dry.cpuSeconds())));
    s.append('\n');
    s.append(
        """
        Wall ratio is the baseline's wall time over pushgen's (above 1: pushgen is faster); CPU
        ratio is pushgen's client CPU (user + system, `/usr/bin/time`) over the baseline's; of
        that, the JVM's JIT compiler threads spent the part in brackets (their CPU in
        `/proc/<pid>/task`, sampled every 100 ms). Gateway CPU is what the benchmark's own JVM
        spent during the push: the local gateway parsing, compressing (to check the 1 MB limit)
        and validating every body, on the same two cores as the contender. Wall time is process
        start to exit, JVM or interpreter start-up included. The baseline reads
        the whole manifest, sends fixed batches of 500 events one request at a time and counts
        a refused request without stopping (exit 0), as the loops of Monte Carlo's published
        templates do; pushgen (`PushMetadata`, `PushQueryLogs` of the emitted PostgreSQL
        project, default options, `-Xmx256m`, on a class path of its own classes, Jackson and
        picocli as its jar would hold) validates every event, fills each request up to 512 KB
        compressed (at most 2,000 assets or 5,000 entries), keeps 4 requests in flight and
        records every batch in its result file before reporting it. The gateway is the local
        one in the benchmark's JVM, which parses and validates every body (so it shares the
        cores with the contenders), behind a relay that holds every request for the latency
        given before forwarding it; one untimed push of each contender warms both up before
        the first row. Refused requests are those the gateway answered with an error (413:
        over the 1 MB compressed limit).
        """);
    s.append(END).append('\n');
    return s.toString();
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static List<String> concat(List<String> list, String... more) {
    List<String> all = new ArrayList<>(list);
    all.addAll(List.of(more));
    return all;
  }

  private static String tail(String text) {
    return text.length() <= 4_000 ? text : "..." + text.substring(text.length() - 4_000);
  }

  private static void log(String format, Object... args) {
    System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
  }
}
