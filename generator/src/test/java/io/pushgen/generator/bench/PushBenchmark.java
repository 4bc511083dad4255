package io.pushgen.generator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.gateway.RecordedRequest;
import io.pushgen.generator.TestSupport;
import io.pushgen.generator.e2e.PushFaultFixture;
import io.pushgen.generator.e2e.PushFaultRelay;
import io.pushgen.generator.run.EmittedPrograms;
import io.pushgen.runtime.manifest.ManifestHeader;
import io.pushgen.runtime.manifest.ManifestWriter;
import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetFreshness;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset.AssetVolume;
import io.pushgen.runtime.model.RelationalAsset.Tag;
import io.pushgen.runtime.model.RelationalAsset;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The push benchmark (not a test: it runs only with {@code mvn -B -Pbench -pl runtime,generator
 * verify}). It writes a metadata manifest of 100,000 assets with 40 columns each (deterministic
 * content from a fixed seed) with the runtime's {@link ManifestWriter}, then pushes it with the
 * emitted PostgreSQL project's {@code PushMetadata} in a child JVM ({@code -Xmx256m}, default
 * options: requests filled to 512 KB compressed, 4 in flight) to an in-process {@link LocalGateway}, and
 * rewrites the push section of {@code BENCHMARKS.md} with the figures.
 *
 * <p>Peak heap of the push process comes from its GC log ({@code -Xlog:gc}, passed through {@code
 * JAVA_TOOL_OPTIONS}): the largest heap occupancy seen before a collection (the most the heap ever
 * held, garbage included) and the largest after one (an upper bound of what was live).
 *
 * <p>System properties {@code bench.assets} and {@code bench.columns} shrink the run for trials.
 */
class PushBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = 20261124L;
  private static final String START = "<!-- bench:push:start -->";
  private static final String END = "<!-- bench:push:end -->";
  private static final Pattern GC_PAUSE =
      Pattern.compile("GC\\(\\d+\\) Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
  private static final Pattern GC_NAME = Pattern.compile("\\[gc(?:,init)?\\s*\\] Using (.+)$");

  @Test
  void pushBenchmark() throws Exception {
    int assets = Integer.getInteger("bench.assets", 100_000);
    int columns = Integer.getInteger("bench.columns", 40);
    Path work = Files.createTempDirectory("pushgen-bench");
    try {
      run(work, assets, columns);
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private void run(Path work, int assets, int columns) throws Exception {
    // 1. The manifest.
    Path manifest = work.resolve("metadata_manifest.json");
    long writeStart = System.nanoTime();
    writeManifest(manifest, assets, columns);
    Duration writeTime = Duration.ofNanos(System.nanoTime() - writeStart);
    long manifestBytes = Files.size(manifest);
    log("manifest: %,d assets x %d columns, %,d bytes, written in %s",
        assets, columns, manifestBytes, seconds(writeTime));

    // 2. The emitted programs (not timed).
    EmittedPrograms programs = PushFaultFixture.programs();

    // 3. A dry run: the pushing side alone (read, validate, batch, serialise; nothing sent).
    Path dumpless = work.resolve("dry-run.log");
    long dryStart = System.nanoTime();
    Process dry =
        programs.start(
            PushFaultFixture.PUSH_METADATA,
            Map.of(),
            List.of("--input-file", manifest.toString(), "--dry-run"),
            dumpless);
    if (!dry.waitFor(4, TimeUnit.MINUTES)) {
      dry.destroyForcibly();
      throw new IllegalStateException("the dry run took more than 4 minutes");
    }
    Duration dryRun = Duration.ofNanos(System.nanoTime() - dryStart);
    assertEquals(0, dry.exitValue(), Files.readString(dumpless));
    log("dry run: %s", seconds(dryRun));

    // 4. The push, through a relay that lets the gateway's records be harvested and cleared
    // (the gateway keeps every accepted body in memory; 100,000 parsed assets would not fit).
    Path result = work.resolve("result.json");
    Path gcLog = work.resolve("push-gc.log");
    Path pushLog = work.resolve("push.log");
    List<Integer> compressed = Collections.synchronizedList(new ArrayList<>());
    long[] events = new long[1];
    Duration wall;
    int exit;
    try (LocalGateway gateway =
            new LocalGateway().expectKey(PushFaultFixture.KEY_ID, PushFaultFixture.TOKEN).start(0);
        PushFaultRelay relay = PushFaultRelay.start(gateway.baseUrl())) {
      Runnable harvest =
          () ->
              relay.whileIdle(
                  () -> {
                    for (RecordedRequest request : gateway.received()) {
                      compressed.add(request.compressedBytes());
                      events[0] += request.eventCount();
                    }
                    gateway.clear();
                    return null;
                  });
      Map<String, String> env = new HashMap<>(PushFaultFixture.environment(relay.baseUrl()));
      env.put(
          "JAVA_TOOL_OPTIONS",
          "-Xlog:gc:file=" + gcLog + " " + jfr("push").getOrDefault("JAVA_TOOL_OPTIONS", ""));
      long pushStart = System.nanoTime();
      Process push =
          programs.start(
              PushFaultFixture.PUSH_METADATA,
              env,
              List.of("--input-file", manifest.toString(), "--result-file", result.toString()),
              pushLog);
      long deadline = pushStart + TimeUnit.MINUTES.toNanos(4);
      while (!push.waitFor(250, TimeUnit.MILLISECONDS)) {
        harvest.run();
        if (System.nanoTime() > deadline) {
          push.destroyForcibly();
          throw new IllegalStateException("the push took more than 4 minutes");
        }
      }
      wall = Duration.ofNanos(System.nanoTime() - pushStart);
      exit = push.exitValue();
      relay.awaitIdle(Duration.ofSeconds(10));
      harvest.run();
      assertEquals(0, exit, Files.readString(pushLog));
      assertEquals(assets, events[0], "every asset reached the gateway");
      assertEquals(compressed.size(), relay.bodySizes().size(), "every request accepted");

      JsonNode pushed = JSON.readTree(result.toFile());
      Duration inJvm =
          Duration.between(
              Instant.parse(pushed.get("started_at").asText()),
              Instant.parse(pushed.get("finished_at").asText()));
      Heap heap = heap(gcLog);
      List<Integer> bodies = relay.bodySizes();

      String section =
          section(
              assets,
              columns,
              manifestBytes,
              writeTime,
              compressed,
              bodies,
              wall,
              inJvm,
              dryRun,
              heap);
      log("%n%s", section);
      writeSection(TestSupport.root().resolve("BENCHMARKS.md"), section);
    }
  }

  /**
   * With {@code -Dbench.jfr=DIR}, the environment that makes a child JVM record a flight recording
   * to {@code DIR/<name>.jfr} (summarise it with {@code jfr print --events jdk.ExecutionSample}).
   */
  static Map<String, String> jfr(String name) {
    String dir = System.getProperty("bench.jfr");
    if (dir == null) {
      return Map.of();
    }
    return Map.of(
        "JAVA_TOOL_OPTIONS",
        "-XX:StartFlightRecording=settings=profile,filename=" + Path.of(dir, name + ".jfr"));
  }

  // ------------------------------------------------------------------------ the manifest

  private static final String[] SCHEMAS = {
    "sales", "finance", "marketing", "ops", "product", "support", "hr", "logistics"
  };
  private static final String[] PREFIXES = {"fct", "dim", "stg", "raw", "agg", "int", "snap"};
  private static final String[] NOUNS = {
    "orders", "customers", "invoices", "payments", "shipments", "sessions", "events", "products",
    "subscriptions", "refunds", "campaigns", "tickets", "employees", "inventory", "accounts",
    "leads", "contracts", "suppliers", "returns", "pageviews"
  };
  private static final String[] SUFFIXES = {"", "_daily", "_hourly", "_history", "_v2", "_current"};

  /** name, type, description template (null: no description). */
  private static final String[][] COLUMNS = {
    {"id", "BIGINT", "Surrogate primary key"},
    {"created_at", "TIMESTAMPTZ", "When the %s row was created in the source system"},
    {"updated_at", "TIMESTAMPTZ", "When the %s row last changed"},
    {"deleted_at", "TIMESTAMPTZ", null},
    {"customer_id", "BIGINT", "Foreign key to dim_customers"},
    {"account_id", "BIGINT", "Foreign key to the owning account"},
    {"order_id", "BIGINT", "Foreign key to fct_orders"},
    {"product_id", "BIGINT", null},
    {"status", "VARCHAR(32)", "Lifecycle status of the %s (open, closed, cancelled)"},
    {"currency", "CHAR(3)", "ISO 4217 currency code"},
    {"amount", "NUMERIC(18,2)", "Amount in the %s currency, before tax"},
    {"amount_usd", "NUMERIC(18,2)", "Amount converted to USD at the daily rate"},
    {"tax_amount", "NUMERIC(18,2)", null},
    {"discount_pct", "NUMERIC(5,2)", "Discount applied, in percent"},
    {"quantity", "INTEGER", "Units in the %s"},
    {"email", "VARCHAR(320)", "Contact e-mail address (PII)"},
    {"first_name", "VARCHAR(100)", null},
    {"last_name", "VARCHAR(100)", null},
    {"phone", "VARCHAR(40)", "Phone number in E.164 format (PII)"},
    {"country_code", "CHAR(2)", "ISO 3166-1 alpha-2 country"},
    {"region", "VARCHAR(64)", "Sales region the %s is attributed to"},
    {"city", "VARCHAR(128)", null},
    {"postal_code", "VARCHAR(16)", null},
    {"is_active", "BOOLEAN", "Whether the %s is currently active"},
    {"is_test", "BOOLEAN", "True for internal test records; exclude from reporting"},
    {"source_system", "VARCHAR(64)", "Name of the upstream system that produced the row"},
    {"ingested_at", "TIMESTAMPTZ", "Load time of the batch that brought the row"},
    {"event_date", "DATE", "Calendar date of the %s in UTC"},
    {"session_id", "UUID", null},
    {"user_agent", "TEXT", null},
    {"ip_address", "INET", "Client IP address (PII, truncated to /24)"},
    {"utm_source", "VARCHAR(255)", "Marketing attribution: utm_source"},
    {"utm_campaign", "VARCHAR(255)", "Marketing attribution: utm_campaign"},
    {"payload", "JSONB", "Raw %s payload as received"},
    {"notes", "TEXT", "Free-text notes entered by an agent"},
    {"priority", "SMALLINT", "Priority from 1 (urgent) to 5 (low)"},
    {"score", "DOUBLE PRECISION", "Model score between 0 and 1"},
    {"version", "INTEGER", "Optimistic locking version of the %s"},
    {"valid_from", "TIMESTAMPTZ", "Start of validity (SCD type 2)"},
    {"valid_to", "TIMESTAMPTZ", "End of validity (SCD type 2); null while current"},
    {"hash_key", "CHAR(64)", "SHA-256 of the business key"},
    {"tags", "TEXT[]", null},
    {"lifetime_value", "NUMERIC(18,2)", "Revenue attributed to the %s since the first order"},
    {"churn_risk", "VARCHAR(16)", "Bucketed churn risk (low, medium, high)"},
    {"owner_email", "VARCHAR(320)", "E-mail of the owning employee"},
    {"sla_breached", "BOOLEAN", "Whether the %s breached its SLA"},
    {"duration_seconds", "INTEGER", "Duration of the %s in seconds"},
    {"external_ref", "VARCHAR(128)", "Identifier of the %s in the partner system"},
  };

  /** Writes {@code assets} assets of {@code columns} columns each, the same for every seed. */
  static Path writeManifest(Path file, int assets, int columns) throws IOException {
    Random random = new Random(SEED);
    ManifestHeader header =
        ManifestHeader.of(
            io.pushgen.runtime.model.Flow.METADATA, "postgres", "postgres", Instant.parse("2026-11-24T10:00:00Z"));
    try (ManifestWriter writer = ManifestWriter.open(file, header)) {
      for (int i = 0; i < assets; i++) {
        String noun = NOUNS[random.nextInt(NOUNS.length)];
        String name =
            PREFIXES[random.nextInt(PREFIXES.length)]
                + "_"
                + noun
                + SUFFIXES[random.nextInt(SUFFIXES.length)]
                + String.format(Locale.ROOT, "_%06d", i);
        boolean view = random.nextInt(10) == 0;
        List<AssetField> fields = new ArrayList<>(columns);
        Set<String> used = new LinkedHashSet<>();
        for (int c = 0; c < columns; c++) {
          String[] column = c == 0 ? COLUMNS[0] : COLUMNS[1 + random.nextInt(COLUMNS.length - 1)];
          String columnName = column[0];
          for (int n = 2; !used.add(columnName); n++) {
            columnName = column[0] + "_" + n;
          }
          String description =
              column[2] == null || random.nextInt(5) == 0
                  ? null
                  : column[2].replace("%s", noun.substring(0, noun.length() - 1));
          fields.add(new AssetField(columnName, column[1], description));
        }
        long rows = (long) Math.floor(Math.exp(random.nextDouble() * 20));
        String updated =
            Instant.parse("2026-11-24T00:00:00Z")
                .minusSeconds(random.nextInt(30 * 86_400))
                .toString();
        writer.write(
            new RelationalAsset(
                view ? "VIEW" : "TABLE",
                new AssetMetadata(
                    name,
                    "warehouse_prod",
                    SCHEMAS[random.nextInt(SCHEMAS.length)],
                    random.nextInt(5) == 0
                        ? null
                        : "Modelled " + noun + " data, refreshed by the nightly dbt run",
                    view ? "SELECT * FROM stg_" + noun + " WHERE NOT is_test" : null,
                    null),
                random.nextInt(4) == 0 ? List.of(new Tag("owner", "team-" + noun)) : List.of(),
                fields,
                view ? null : new AssetVolume(rows, rows * (64 + random.nextInt(512))),
                view ? null : new AssetFreshness(updated)));
      }
      writer.commit();
    }
    return file;
  }

  // ------------------------------------------------------------------------ figures

  /** Heap occupancy of the push JVM from its {@code -Xlog:gc} log, in MB. */
  record Heap(String collector, int collections, int peakBeforeGc, int peakAfterGc, int committed) {}

  static Heap heap(Path gcLog) throws IOException {
    String collector = "?";
    int collections = 0;
    int before = 0;
    int after = 0;
    int committed = 0;
    for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
      Matcher name = GC_NAME.matcher(line);
      if (name.find()) {
        collector = name.group(1).strip();
      }
      Matcher pause = GC_PAUSE.matcher(line);
      if (pause.find()) {
        collections++;
        before = Math.max(before, Integer.parseInt(pause.group(1)));
        after = Math.max(after, Integer.parseInt(pause.group(2)));
        committed = Math.max(committed, Integer.parseInt(pause.group(3)));
      }
    }
    return new Heap(collector, collections, before, after, committed);
  }

  private static String section(
      int assets,
      int columns,
      long manifestBytes,
      Duration writeTime,
      List<Integer> compressed,
      List<Integer> bodies,
      Duration wall,
      Duration inJvm,
      Duration dryRun,
      Heap heap) {
    List<Integer> gz = sorted(compressed);
    List<Integer> raw = sorted(bodies);
    long gzTotal = gz.stream().mapToLong(Integer::longValue).sum();
    long rawTotal = raw.stream().mapToLong(Integer::longValue).sum();
    long memory =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    StringBuilder s = new StringBuilder();
    s.append(START).append('\n');
    s.append("## Metadata push: ")
        .append(String.format(Locale.ROOT, "%,d", assets))
        .append(" assets x ")
        .append(columns)
        .append(" columns\n\n");
    s.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" with\n\n");
    s.append("```\nmvn -B -Pbench -pl runtime,generator verify\n```\n\n");
    s.append("Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(String.format(Locale.ROOT, "%.1f", memory / 1024.0 / 1024 / 1024))
        .append(" GiB memory, ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append(", Java ")
        .append(System.getProperty("java.runtime.version"))
        .append(" (")
        .append(System.getProperty("java.vm.name"))
        .append("). System load average (1 min) when the push ended: ")
        .append(
            String.format(
                Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append(" (the machine is shared: a load above the core count slows every figure).\n\n");
    s.append("| figure | value |\n|---|---|\n");
    row(s, "manifest written (ManifestWriter)", seconds(writeTime)
        + String.format(Locale.ROOT, " (%,.0f assets/s)", assets / secs(writeTime)));
    row(s, "manifest size", mib(manifestBytes));
    row(s, "requests", String.format(Locale.ROOT,
        "%,d (default options: about %,d assets each, 4 in flight)", gz.size(), assets / gz.size()));
    row(s, "gzip-compressed bytes per request, min / median / max",
        String.format(Locale.ROOT, "%,d / %,d / %,d", gz.get(0), median(gz), gz.get(gz.size() - 1)));
    row(s, "body bytes per request as sent (uncompressed), min / median / max",
        String.format(Locale.ROOT, "%,d / %,d / %,d", raw.get(0), median(raw), raw.get(raw.size() - 1)));
    row(s, "total sent / compressed", mib(rawTotal) + " / " + mib(gzTotal));
    row(s, "wall time of the push process (JVM start to exit)", seconds(wall));
    row(s, "push time inside the process (result file started_at to finished_at)", seconds(inJvm));
    row(s, "events/s (wall time)", String.format(Locale.ROOT, "%,.0f", assets / secs(wall)));
    row(s, "events/s (push time)", String.format(Locale.ROOT, "%,.0f", assets / secs(inJvm)));
    row(s, "dry run of the same manifest (the pushing side alone: read, validate, batch, serialise)",
        seconds(dryRun) + String.format(Locale.ROOT, " (%,.0f events/s)", assets / secs(dryRun)));
    row(s, "push process heap limit", "-Xmx256m, " + heap.collector());
    row(s, "peak heap of the push process, before a GC (all it ever held)", heap.peakBeforeGc() + " MB");
    row(s, "peak heap of the push process, after a GC (live data, at most)", heap.peakAfterGc() + " MB");
    row(s, "GC pauses in the push process", Integer.toString(heap.collections()));
    s.append('\n');
    s.append(
        """
        How it is measured: `PushBenchmark` (generator/src/test/java/io/pushgen/generator/bench)
        writes the manifest with the runtime's `ManifestWriter` (content generated from a fixed
        seed: 8 schemas, realistic column names, types and descriptions, 1 in 10 assets a view,
        tags, volume and freshness on tables), generates and compiles the emitted PostgreSQL
        project, and runs its `PushMetadata` with default options in a child JVM with `-Xmx256m`
        against the local gateway running in the benchmark's JVM (which parses and validates every
        body, so both share the machine's cores). The gateway is reached through a pass-through
        relay, so its records can be harvested and dropped while the push runs. Requests and
        compressed sizes are the gateway's (the gzip size of each body, which must stay under
        1 MB); body bytes are what went over the wire. Heap figures come from the push JVM's
        `-Xlog:gc` log (set through `JAVA_TOOL_OPTIONS`): the largest occupancy before a
        collection and the largest after one. The dry run is the same program with `--dry-run`
        (no gateway), timed from JVM start to exit.
        """);
    s.append(END).append('\n');
    return s.toString();
  }

  /** Replaces the section between the markers, or appends it; creates the file if needed. */
  static void writeSection(Path file, String section) throws IOException {
    writeSection(file, START, END, section);
  }

  /**
   * Replaces the section between the two markers, or appends it; creates the file if needed.
   */
  static void writeSection(Path file, String startMarker, String endMarker, String section)
      throws IOException {
    String text =
        Files.exists(file)
            ? Files.readString(file, StandardCharsets.UTF_8)
            : "# Benchmarks\n\nFigures written by the benchmarks themselves; rerun the command of a"
                + " section to refresh it.\n\n";
    int start = text.indexOf(startMarker);
    int end = text.indexOf(endMarker);
    String updated;
    if (start >= 0 && end > start) {
      int after = end + endMarker.length();
      if (after < text.length() && text.charAt(after) == '\n') {
        after++;
      }
      updated = text.substring(0, start) + section + text.substring(after);
    } else {
      updated = text + (text.endsWith("\n\n") ? "" : "\n") + section;
    }
    Files.writeString(file, updated, StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder s, String figure, String value) {
    s.append("| ").append(figure).append(" | ").append(value).append(" |\n");
  }

  private static List<Integer> sorted(List<Integer> values) {
    List<Integer> copy;
    synchronized (values) {
      copy = new ArrayList<>(values);
    }
    Collections.sort(copy);
    if (copy.isEmpty()) {
      throw new IllegalStateException("no requests were recorded");
    }
    return copy;
  }

  private static int median(List<Integer> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double secs(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", secs(d));
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MiB (%,d bytes)", bytes / 1024.0 / 1024, bytes);
  }

  private static void log(String format, Object... args) {
    System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
  }
}
