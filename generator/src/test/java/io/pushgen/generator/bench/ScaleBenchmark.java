package io.pushgen.generator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.gateway.LocalGateway;
import io.pushgen.gateway.RecordedRequest;
import io.pushgen.generator.StubDrivers;
import io.pushgen.generator.TestSupport;
import io.pushgen.generator.cli.PushgenCli;
import io.pushgen.generator.e2e.PushFaultFixture;
import io.pushgen.generator.e2e.PushFaultRelay;
import io.pushgen.generator.run.EmittedPrograms;
import io.pushgen.runtime.manifest.ManifestReader;
import io.pushgen.testsupport.ScriptedDriver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scale benchmarks (not tests: they run only with {@code mvn -B -Pbench -pl runtime,generator
 * verify}). Each writes its own section of {@code BENCHMARKS.md}:
 *
 * <ul>
 *   <li>metadata: an embedded PostgreSQL with 10,000 (and 100,000) tables of 20 columns, collected
 *       by the emitted {@code CollectMetadata} and pushed by {@code PushMetadata} to the local
 *       gateway, both in child JVMs with {@code -Xmx256m}; catalog queries counted through the
 *       tests' recording {@code ScriptedDriver};
 *   <li>query logs: 1,000,000 statements in a generated PostgreSQL CSV log, and 1,000,000 rows in
 *       Redshift's {@code sys_query_history}/{@code sys_query_text} (created in the embedded
 *       PostgreSQL), collected and pushed by the emitted programs;
 *   <li>lineage: 100,000 statements through {@code CollectLineage --from-sql-file};
 *   <li>the generator: {@code java -jar pushgen-generator-*-cli.jar generate --all}.
 * </ul>
 *
 * <p>Peak heap comes from each child's {@code -Xlog:gc} log, as in {@link PushBenchmark}. System
 * properties shrink runs for trials: {@code bench.metadata.tables} (comma-separated, default
 * {@code 10000,100000}), {@code bench.querylogs} (1000000), {@code bench.lineage} (100000);
 * {@code bench.output} writes the sections to another file than {@code BENCHMARKS.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleBenchmark {
  private static final DateTimeFormatter PG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Instant LOG_START = Instant.parse("2026-11-23T00:00:00Z");
  private static final Instant LOG_END = Instant.parse("2026-11-23T12:00:00Z");
  private static final String COMMAND = "mvn -B -Pbench -pl runtime,generator verify";

  private static EmbeddedPostgres postgres;
  private static Path work;
  private static EmittedPrograms pg;
  private static EmittedPrograms redshift;

  @BeforeAll
  static void start() throws Exception {
    work = Files.createTempDirectory("pushgen-scale-bench");
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("max_locks_per_transaction", "1024")
            .setServerConfig("shared_buffers", "256MB")
            .setServerConfig("work_mem", "64MB")
            .start();
    pg = generate(work, "postgres", "--log-type", "s3");
    if (Files.exists(TestSupport.root().resolve("warehouses/redshift.yaml"))) {
      redshift = generate(work, "redshift");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** Generates and compiles one warehouse's project under {@code dir}. */
  static EmittedPrograms generate(Path dir, String warehouse, String... extra) throws Exception {
    Path project = dir.resolve(warehouse);
    List<String> arguments =
        new ArrayList<>(List.of("generate", "--warehouse", warehouse, "--out", project.toString()));
    arguments.addAll(List.of(extra));
    StringWriter errors = new StringWriter();
    int exit =
        PushgenCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(errors), arguments.toArray(String[]::new));
    assertEquals(0, exit, errors.toString());
    String driver = "redshift".equals(warehouse) ? "com.amazon.redshift.jdbc42.Driver" : null;
    if (driver != null) {
      StubDrivers.writeIfMissing(project.resolve("src/main/java"), driver);
    }
    return EmittedPrograms.compile(project);
  }

  // ------------------------------------------------------------------------ child JVM runs

  /** A finished child JVM: exit code, output, wall time (JVM start to exit), heap, load. */
  record Measured(int exit, String output, Duration wall, PushBenchmark.Heap heap, double loadAfter) {
    double seconds() {
      return wall.toNanos() / 1e9;
    }
  }

  /** Runs {@code mainClass} of {@code programs} in a child JVM with -Xmx256m and a GC log. */
  static Measured run(
      EmittedPrograms programs, String name, String mainClass, Map<String, String> env, List<String> args, String jvmOptions)
      throws Exception {
    Path gcLog = work.resolve(name + "-gc.log");
    Path log = work.resolve(name + ".log");
    Map<String, String> environment = new HashMap<>(env);
    environment.put("JAVA_TOOL_OPTIONS", "-Xlog:gc:file=" + gcLog + (jvmOptions == null ? "" : " " + jvmOptions));
    long start = System.nanoTime();
    Process process = programs.start(mainClass, environment, args, log);
    if (!process.waitFor(6, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " took more than 6 minutes");
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Measured measured =
        new Measured(process.exitValue(), output, wall, PushBenchmark.heap(gcLog), load());
    log("%s: exit %d, %.1f s, peak heap %d MB before GC / %d MB after GC, load %.1f",
        name, measured.exit(), measured.seconds(), measured.heap().peakBeforeGc(),
        measured.heap().peakAfterGc(), measured.loadAfter());
    assertEquals(0, measured.exit(), name + ":\n" + tail(output));
    return measured;
  }

  /** A push through the relay to the in-process gateway, harvesting its records as it goes. */
  record Pushed(Measured run, long events, int requests) {}

  static Pushed push(EmittedPrograms programs, String name, String mainClass, Path manifest) throws Exception {
    long[] events = {0};
    int[] requests = {0};
    try (LocalGateway gateway =
            new LocalGateway().expectKey(PushFaultFixture.KEY_ID, PushFaultFixture.TOKEN).start(0);
        PushFaultRelay relay = PushFaultRelay.start(gateway.baseUrl())) {
      Runnable harvest =
          () ->
              relay.whileIdle(
                  () -> {
                    for (RecordedRequest request : gateway.received()) {
                      events[0] += request.eventCount();
                      requests[0]++;
                    }
                    gateway.clear();
                    return null;
                  });
      Thread harvester =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  harvest.run();
                  try {
                    Thread.sleep(250);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      harvester.setDaemon(true);
      harvester.start();
      Measured measured;
      try {
        measured =
            run(
                programs,
                name,
                mainClass,
                PushFaultFixture.environment(relay.baseUrl()),
                List.of("--input-file", manifest.toString(), "--result-file", work.resolve(name + "-result.json").toString()),
                null);
      } finally {
        harvester.interrupt();
        harvester.join();
      }
      relay.awaitIdle(Duration.ofSeconds(10));
      harvest.run();
      return new Pushed(measured, events[0], requests[0]);
    }
  }

  // ------------------------------------------------------------------------ metadata

  @Test
  @Order(1)
  void metadata() throws Exception {
    String spec = System.getProperty("bench.metadata.tables", "10000,100000");
    List<String> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int created = 0;
    Instant started = Instant.now();
    double startLoad = load();
    for (String value : spec.split(",")) {
      int tables = Integer.parseInt(value.strip());
      long createStart = System.nanoTime();
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        if (created == 0) {
          s.execute("CREATE DATABASE bench");
        }
      }
      try (Connection c = postgres.getDatabase("postgres", "bench").getConnection()) {
        createTables(c, created + 1, tables);
      }
      created = tables;
      double createSeconds = (System.nanoTime() - createStart) / 1e9;
      log("metadata: %,d tables x 20 columns in embedded PostgreSQL (created in %.1f s)", tables, createSeconds);

      Path manifest = work.resolve("metadata-" + tables + ".json");
      Path counted = work.resolve("metadata-" + tables + "-statements.tsv");
      Map<String, String> env = Map.of("PGPASSWORD", "", "PGHOST", "localhost");
      Measured collect =
          run(
              pg,
              "collect-metadata-" + tables,
              "io.pushgen.postgres.CollectMetadata",
              env,
              List.of(
                  "--jdbc-url",
                  "jdbc:scripted:recording:bench:jdbc:postgresql://localhost:" + postgres.getPort() + "/{database}",
                  "--user", "postgres",
                  "--output-file", manifest.toString()),
              "-Djdbc.drivers=io.pushgen.testsupport.ScriptedDriver -Dscripted.report=" + counted);
      List<String> statements = Files.readAllLines(counted, StandardCharsets.UTF_8);
      long assets = ManifestReader.open(manifest).counts().events();
      assertEquals(tables, assets, "every bench table collected (the postgres database has none)");
      Pushed pushed = push(pg, "push-metadata-" + tables, "io.pushgen.postgres.PushMetadata", manifest);
      assertEquals(assets, pushed.events(), "every asset reached the gateway");
      rows.add(
          String.format(
              Locale.ROOT,
              "| %,d | %d (%d databases) | %.1f s | %d / %d MB | %s | %.1f s (%,.0f assets/s) | %d / %d MB | %.1f / %.1f |",
              tables,
              statements.size(),
              (statements.size() - 1) / 2,
              collect.seconds(),
              collect.heap().peakBeforeGc(),
              collect.heap().peakAfterGc(),
              mib(Files.size(manifest)),
              pushed.run().seconds(),
              assets / pushed.run().seconds(),
              pushed.run().heap().peakBeforeGc(),
              pushed.run().heap().peakAfterGc(),
              collect.loadAfter(),
              pushed.run().loadAfter()));
      notes.add(String.format(Locale.ROOT, "%,d tables created in %.0f s", tables, createSeconds));
    }
    StringBuilder s = header("scale-metadata", "Metadata at scale: embedded PostgreSQL, 20 columns a table", started, startLoad);
    s.append(
        """
        | tables | catalog queries | CollectMetadata wall | its peak heap, before / after GC | manifest | PushMetadata wall | its peak heap, before / after GC | load avg after collect / push |
        |---|---|---|---|---|---|---|---|
        """);
    rows.forEach(r -> s.append(r).append('\n'));
    s.append('\n');
    s.append(
        """
        Targets: 10,000 tables collected in under 15 s; heap never above 256 MB (every program runs
        with `-Xmx256m`, so a run that needed more would have failed).

        How it is measured: `ScaleBenchmark.metadata` (generator/src/test/java/io/pushgen/generator/bench)
        creates the tables in an embedded PostgreSQL (fsync off), 1,000 a schema (every 10th
        relation a view; columns of 8 types; every 3rd table with a comment), generates and
        compiles the emitted PostgreSQL project, and runs `CollectMetadata` (default options:
        `--parallelism 2`, `--fetch-size 1000`; every database of the server, so `postgres` and
        `bench`) and then `PushMetadata` (default options) against the local gateway in the
        benchmark's JVM (strict validation of every body; reached through a pass-through relay so its
        records can be dropped as the push runs), each in a child JVM with `-Xmx256m`. Wall time is
        JVM start to exit. Catalog queries are every statement the collector executed, counted by
        the tests' recording `ScriptedDriver` (loaded with `-Djdbc.drivers`, `--jdbc-url
        jdbc:scripted:recording:...`): one lists the databases, then two per database. Peak heap comes from the
        child's `-Xlog:gc` log: the largest occupancy before a collection (all it ever held,
        garbage included) and after one (live data, at most).
        """);
    s.append("\n").append(String.join("; ", notes)).append(".\n");
    finish(s, "scale-metadata");
  }

  private static final String[][] COLUMN_TYPES = {
    {"bigint"}, {"text"}, {"numeric(18,2)"}, {"timestamptz"}, {"boolean"}, {"varchar(64)"}, {"date"}, {"jsonb"}
  };

  /** Creates tables {@code from..to} with 20 columns, 1,000 per statement (one transaction each). */
  static void createTables(Connection c, int from, int to) throws Exception {
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      columns.append(i == 0 ? "" : ", ").append("c").append(i).append(' ').append(COLUMN_TYPES[i % 8][0]);
    }
    try (Statement s = c.createStatement()) {
      for (int batch = from; batch <= to; batch += 1000) {
        int last = Math.min(to, batch + 999);
        String schema = "s" + ((batch - 1) / 1000 % 20);
        s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        s.execute(
            """
            DO $$
            BEGIN
              FOR i IN %d..%d LOOP
                IF i %% 10 = 0 THEN
                  EXECUTE format('CREATE VIEW %s.%%I AS SELECT 1 AS id, text ''x'' AS name', 'v_' || lpad(i::text, 6, '0'));
                ELSE
                  EXECUTE format('CREATE TABLE %s.%%I (%s)', 't_' || lpad(i::text, 6, '0'));
                  IF i %% 3 = 0 THEN
                    EXECUTE format('COMMENT ON TABLE %s.%%I IS %%L', 't_' || lpad(i::text, 6, '0'), 'Table number ' || i);
                  END IF;
                END IF;
              END LOOP;
            END $$;
            """
                .formatted(batch, last, schema, schema, columns, schema));
      }
    }
  }

  // ------------------------------------------------------------------------ query logs

  @Test
  @Order(2)
  void queryLogs() throws Exception {
    int entries = Integer.getInteger("bench.querylogs", 1_000_000);
    Instant started = Instant.now();
    double startLoad = load();
    List<String> rows = new ArrayList<>();

    // 1. A PostgreSQL CSV log through the emitted PostgreSQL programs.
    Path logFile = work.resolve("postgresql.csv");
    long genStart = System.nanoTime();
    writeCsvLog(logFile, entries);
    log("query logs: %,d statements in a %s CSV log, written in %.1f s",
        entries, mib(Files.size(logFile)), (System.nanoTime() - genStart) / 1e9);
    Path csvManifest = work.resolve("query_logs-csv.json");
    Measured csvCollect =
        run(
            pg,
            "collect-query-logs-csv",
            "io.pushgen.postgres.CollectQueryLogs",
            Map.of(),
            List.of(
                "--log-file", logFile.toString(),
                "--start", LOG_START.toString(),
                "--end", LOG_END.toString(),
                "--state-file", work.resolve("csv-state.json").toString(),
                "--output-file", csvManifest.toString()),
            null);
    long csvEvents = ManifestReader.open(csvManifest).counts().events();
    assertEquals(entries, csvEvents);
    Pushed csvPush = push(pg, "push-query-logs-csv", "io.pushgen.postgres.PushQueryLogs", csvManifest);
    assertEquals(csvEvents, csvPush.events());
    rows.add(row("PostgreSQL CSV log (" + mib(Files.size(logFile)) + ")", entries, csvManifest, csvCollect, csvPush));
    Files.delete(logFile);

    // 2. Redshift's history tables, in the embedded PostgreSQL, through the emitted Redshift programs.
    String redshiftNote;
    if (redshift != null) {
      long fillStart = System.nanoTime();
      fillRedshiftHistory(entries);
      log("query logs: %,d rows in sys_query_history, filled in %.1f s", entries, (System.nanoTime() - fillStart) / 1e9);
      Path rsManifest = work.resolve("query_logs-redshift.json");
      Measured rsCollect =
          run(
              redshift,
              "collect-query-logs-redshift",
              "io.pushgen.redshift.CollectQueryLogs",
              Map.of(),
              List.of(
                  "--jdbc-url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/redshift",
                  "--host", "localhost",
                  "--user", "postgres",
                  "--start", LOG_START.toString(),
                  "--end", LOG_END.toString(),
                  "--state-file", work.resolve("rs-state.json").toString(),
                  "--output-file", rsManifest.toString()),
              null);
      long rsEvents = ManifestReader.open(rsManifest).counts().events();
      assertEquals(entries, rsEvents);
      Pushed rsPush = push(redshift, "push-query-logs-redshift", "io.pushgen.redshift.PushQueryLogs", rsManifest);
      assertEquals(rsEvents, rsPush.events());
      rows.add(row("Redshift sys_query_history (in PostgreSQL)", entries, rsManifest, rsCollect, rsPush));
      redshiftNote =
          """
          The Redshift rows are in tables named `sys_query_history` and `sys_query_text` (one text
          chunk a statement, two for every 10th) created in the embedded PostgreSQL, read by the
          emitted Redshift programs through the PostgreSQL driver (`--jdbc-url jdbc:postgresql:...`):
          the query is the descriptor's, unchanged; PostgreSQL is not Redshift, so the collect time
          says how the program copes with a million rows, not how fast Redshift serves them.
          """;
    } else {
      redshiftNote = "The Redshift descriptor has not landed yet: no history-table figures.\n";
    }

    StringBuilder s = header("scale-query-logs", "Query logs at scale: " + String.format(Locale.ROOT, "%,d", entries) + " statements", started, startLoad);
    s.append(
        """
        | source | entries | collect wall | collect peak heap, before / after GC | manifest | push wall | push entries/s | push peak heap, before / after GC | requests | load avg after collect / push |
        |---|---|---|---|---|---|---|---|---|---|
        """);
    rows.forEach(r -> s.append(r).append('\n'));
    s.append('\n');
    s.append(
        """
        Targets: within 256 MB of heap (every program runs with `-Xmx256m`), and at least 20,000
        entries/s through the push side against the local gateway.

        How it is measured: `ScaleBenchmark.queryLogs` writes a PostgreSQL 14+ CSV log (26 columns)
        of duration records (`duration: … ms  statement: …`, statements of 6 shapes over 500 tables,
        from a fixed seed) spread over 12 hours, runs the emitted PostgreSQL `CollectQueryLogs` on it
        with an explicit window, then `PushQueryLogs` (default options: requests filled to 512 KB
        compressed, at most 5,000 entries, 4 in flight) against the local gateway in the
        benchmark's JVM (which parses and validates every body;
        reached through a pass-through relay whose records are dropped as the push runs). Both run
        in child JVMs with `-Xmx256m`; wall time is JVM start to exit, entries/s is entries over the
        push's wall time. Heap as in the metadata section.
        """);
    s.append('\n').append(redshiftNote);
    finish(s, "scale-query-logs");
  }

  private static String row(String source, int entries, Path manifest, Measured collect, Pushed push) throws IOException {
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %.1f s | %d / %d MB | %s | %.1f s | %,.0f | %d / %d MB | %,d | %.1f / %.1f |",
        source,
        entries,
        collect.seconds(),
        collect.heap().peakBeforeGc(),
        collect.heap().peakAfterGc(),
        mib(Files.size(manifest)),
        push.run().seconds(),
        entries / push.run().seconds(),
        push.run().heap().peakBeforeGc(),
        push.run().heap().peakAfterGc(),
        push.requests(),
        collect.loadAfter(),
        push.run().loadAfter());
  }

  private static final String[] USERS = {"etl", "analyst", "looker", "dbt", "airflow", "alice", "bob"};
  private static final String[] APPS = {"psql", "dbt", "Looker", "airflow", "JDBC"};

  /** A statement of one of six shapes over 500 tables. */
  static String statement(Random random, int i) {
    int t = random.nextInt(500);
    int u = random.nextInt(500);
    return switch (random.nextInt(6)) {
      case 0 -> "SELECT id, amount, status FROM sales.orders_" + t + " WHERE customer_id = " + i;
      case 1 -> "SELECT o.id, c.name FROM sales.orders_" + t + " o JOIN crm.customers_" + u
          + " c ON c.id = o.customer_id WHERE o.created_at >= '2026-11-01'";
      case 2 -> "INSERT INTO staging.events_" + t + " (id, payload) VALUES (" + i + ", '{\"k\": " + i + "}')";
      case 3 -> "UPDATE sales.orders_" + t + " SET status = 'shipped' WHERE id = " + i;
      case 4 -> "INSERT INTO marts.daily_" + t + " SELECT date_trunc('day', created_at), count(*) FROM sales.orders_"
          + u + " GROUP BY 1";
      default -> "SELECT count(*) FROM finance.invoices_" + t;
    };
  }

  /** Writes {@code entries} duration records (26-column csvlog), one every 12 h / entries. */
  static void writeCsvLog(Path file, int entries) throws IOException {
    Random random = new Random(20261124L);
    long spanMicros = Duration.between(LOG_START, LOG_END).toNanos() / 1000;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < entries; i++) {
        Instant time = LOG_START.plusNanos((spanMicros * i / entries + 1000) * 1000);
        String session = String.format(Locale.ROOT, "%08x.%04x", 0x65e1a5f0 + i / 1000, 4000 + i / 1000 % 1000);
        String sql = statement(random, i);
        String message = String.format(Locale.ROOT, "duration: %.3f ms  statement: %s", 0.05 + random.nextInt(200_000) / 1000.0, sql);
        out.write(PG_TIME.format(time));
        out.write(',');
        out.write(q(USERS[random.nextInt(USERS.length)]));
        out.write(",\"analytics\",4242,\"127.0.0.1:50432\",");
        out.write(session);
        out.write(',');
        out.write(Integer.toString(i % 1000 + 1));
        out.write(",\"SELECT\",2026-11-22 23:00:00 UTC,3/7,0,LOG,00000,");
        out.write(q(message));
        out.write(",,,,,,,,,");
        out.write(q(APPS[random.nextInt(APPS.length)]));
        out.write(",\"client backend\",,0\n");
      }
    }
  }

  private static String q(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  static void fillRedshiftHistory(int entries) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE redshift");
    }
    long spanMicros = Duration.between(LOG_START, LOG_END).toNanos() / 1000;
    try (Connection c = postgres.getDatabase("postgres", "redshift").getConnection(); Statement s = c.createStatement()) {
      s.execute(
          """
          CREATE TABLE sys_query_history (
            user_id integer, query_id bigint, query_label character(320), transaction_id bigint,
            session_id integer, database_name character(128), query_type character(32),
            status character(10), result_cache_hit boolean, start_time timestamp, end_time timestamp,
            elapsed_time bigint, queue_time bigint, execution_time bigint, error_message character(512),
            returned_rows bigint, returned_bytes bigint, query_text character(4000));
          CREATE TABLE sys_query_text (
            user_id integer, query_id bigint, transaction_id bigint, session_id integer,
            start_time timestamp, sequence integer, text character(4000));
          """);
      String shapes =
          "(ARRAY['SELECT id, amount, status FROM sales.orders_', 'SELECT count(*) FROM finance.invoices_',"
              + " 'UPDATE sales.orders_', 'INSERT INTO marts.daily_'])[1 + g % 4] || (g % 500)";
      s.execute(
          """
          INSERT INTO sys_query_history
          SELECT 100 + g %% 7, g, '', g / 3, g / 50, 'dev', 'SELECT', 'success', g %% 9 = 0,
                 timestamp '2026-11-23 00:00:00' + (%d::bigint * g / %d) * interval '1 microsecond' - interval '15 milliseconds',
                 timestamp '2026-11-23 00:00:00' + (%d::bigint * g / %d) * interval '1 microsecond',
                 15000, 10, 14990, NULL, g %% 1000, g %% 1000 * 64, left(%s, 4000)
          FROM generate_series(0, %d) g;
          INSERT INTO sys_query_text
          SELECT 100 + g %% 7, g, g / 3, g / 50, timestamp '2026-11-23 00:00:00', 0, %s
          FROM generate_series(0, %d) g;
          INSERT INTO sys_query_text
          SELECT 100 + g %% 7, g, g / 3, g / 50, timestamp '2026-11-23 00:00:00', 1, ' WHERE id > ' || g
          FROM generate_series(0, %d, 10) g;
          ANALYZE;
          """
              .formatted(spanMicros, entries, spanMicros, entries, shapes, entries - 1, shapes, entries - 1, entries - 1));
    }
  }

  // ------------------------------------------------------------------------ lineage

  @Test
  @Order(3)
  void lineage() throws Exception {
    int statements = Integer.getInteger("bench.lineage", 100_000);
    Instant started = Instant.now();
    double startLoad = load();
    Path sql = work.resolve("statements.sql");
    Random random = new Random(20261124L);
    try (BufferedWriter out = Files.newBufferedWriter(sql, StandardCharsets.UTF_8)) {
      for (int i = 0; i < statements; i++) {
        out.write(lineageStatement(random, i));
        out.write(";\n");
      }
    }
    Path manifest = work.resolve("lineage.json");
    Measured collect =
        run(
            pg,
            "collect-lineage",
            "io.pushgen.postgres.CollectLineage",
            Map.of(),
            List.of(
                "--from-sql-file", sql.toString(),
                "--default-database", "analytics",
                "--default-schema", "public",
                "--output-file", manifest.toString()),
            null);
    long events = ManifestReader.open(manifest).counts().events();
    StringBuilder s = header("scale-lineage", "Lineage at scale: " + String.format(Locale.ROOT, "%,d", statements) + " statements", started, startLoad);
    s.append("| figure | value |\n|---|---|\n");
    s.append(String.format(Locale.ROOT, "| statements (SQL file) | %,d (%s) |%n", statements, mib(Files.size(sql))));
    s.append(String.format(Locale.ROOT, "| CollectLineage wall (JVM start to exit) | %.1f s |%n", collect.seconds()));
    s.append(String.format(Locale.ROOT, "| statements/s (wall) | %,.0f |%n", statements / collect.seconds()));
    s.append(String.format(Locale.ROOT, "| lineage events written | %,d (%s) |%n", events, mib(Files.size(manifest))));
    s.append(String.format(Locale.ROOT, "| peak heap, before / after GC | %d / %d MB (-Xmx256m, %s) |%n",
        collect.heap().peakBeforeGc(), collect.heap().peakAfterGc(), collect.heap().collector()));
    s.append(String.format(Locale.ROOT, "| load average after the run | %.1f |%n", collect.loadAfter()));
    s.append('\n');
    s.append(
        """
        How it is measured: `ScaleBenchmark.lineage` writes statements of five shapes (INSERT …
        SELECT with joins, CREATE TABLE AS, UPDATE … FROM, MERGE, plain SELECT) over 2,000 tables
        from a fixed seed, and runs the emitted PostgreSQL `CollectLineage --from-sql-file` (default
        options, column lineage on) in a child JVM with `-Xmx256m`. Events are merged per
        destination table, so the manifest holds one event per target (and per column mapping set),
        not one per statement. The first run of this benchmark ran out of heap after 3 s: the SQL
        file was split by tokenizing all of it into one list (a String and a record per token,
        millions of them); `SqlScripts.forEach` now hands statements over one at a time from a
        token scanner that copies nothing.
        """);
    finish(s, "scale-lineage");
  }

  static String lineageStatement(Random random, int i) {
    int a = random.nextInt(2000);
    int b = random.nextInt(2000);
    int t = random.nextInt(2000);
    return switch (random.nextInt(5)) {
      case 0 -> "INSERT INTO marts.fct_" + t + " (id, customer_id, amount, day) SELECT o.id, c.id, o.amount * 1.2,"
          + " date_trunc('day', o.created_at) FROM sales.orders_" + a + " o JOIN crm.customers_" + b
          + " c ON c.id = o.customer_id WHERE o.status = 'paid'";
      case 1 -> "CREATE TABLE staging.snap_" + t + "_" + (i % 7) + " AS SELECT id, name, email FROM crm.customers_" + a;
      case 2 -> "UPDATE marts.fct_" + t + " f SET amount = o.amount FROM sales.orders_" + a + " o WHERE o.id = f.id";
      case 3 -> "MERGE INTO marts.dim_" + t + " d USING crm.customers_" + a + " c ON d.id = c.id"
          + " WHEN MATCHED THEN UPDATE SET name = c.name WHEN NOT MATCHED THEN INSERT (id, name) VALUES (c.id, c.name)";
      default -> "SELECT count(*) FROM sales.orders_" + a + " WHERE id > " + i;
    };
  }

  // ------------------------------------------------------------------------ generator

  @Test
  @Order(4)
  void generator() throws Exception {
    Instant started = Instant.now();
    double startLoad = load();
    Path jar = cliJar();
    int[] files = {0};
    List<Double> plain = generateAll(jar, List.of(), "plain", files);
    // As ./pushgen runs it: the client compiler only, for short commands.
    List<Double> launcher = generateAll(jar, List.of("-XX:TieredStopAtLevel=1"), "launcher", files);
    int descriptors = 0;
    try (Stream<Path> list = Files.list(TestSupport.root().resolve("warehouses"))) {
      descriptors = (int) list.filter(p -> p.toString().endsWith(".yaml")).count();
    }
    StringBuilder s = header("scale-generate", "Generator: `pushgen generate --all`", started, startLoad);
    s.append("| figure | value |\n|---|---|\n");
    s.append(String.format(Locale.ROOT, "| descriptors / files written | %d / %,d |%n", descriptors, files[0]));
    s.append(String.format(Locale.ROOT, "| `./pushgen generate --all` (`java -XX:TieredStopAtLevel=1 -jar`), JVM start to exit, 3 runs | %s |%n", times(launcher)));
    s.append(String.format(Locale.ROOT, "| `java -jar` with default JVM options, JVM start to exit, 3 runs | %s |%n", times(plain)));
    s.append(String.format(Locale.ROOT, "| load average after the runs | %.1f |%n", load()));
    s.append('\n');
    s.append(
        """
        Target: under 5 s including JVM start. How it is measured: `ScaleBenchmark.generator` runs
        `java -jar generator/target/pushgen-generator-VERSION-cli.jar generate --all --out DIR` (the
        jar `./pushgen` runs; the bench profile runs the benchmarks after `package`) three times
        with the options `./pushgen` gives short commands and three times with the JVM's defaults,
        into fresh folders, timed from process start to exit. Every run renders, checks (JavaParser)
        and writes every descriptor's project. Two fixes brought it here: the runtime sources,
        identical in every project but for the package name, are parsed once per run instead of
        once per warehouse (JavaParser took 78% of the samples before: 4.6-5.4 s, now 2.2-2.5 s on
        an idle machine), and `./pushgen` runs short commands on the client compiler only, which
        halves their CPU time (C2 compiling on the second core competes with other builds).
        """);
    finish(s, "scale-generate");
  }

  private static List<Double> generateAll(Path jar, List<String> jvmOptions, String name, int[] files)
      throws Exception {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path out = work.resolve("all-" + name + "-" + i);
      Path log = work.resolve("generate-" + name + "-" + i + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar.toString(), "generate", "--all", "--out", out.toString()));
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      assertTrue(process.waitFor(2, TimeUnit.MINUTES), "generate --all finished");
      times.add((System.nanoTime() - start) / 1e9);
      assertEquals(0, process.exitValue(), Files.readString(log));
      try (Stream<Path> walk = Files.walk(out)) {
        files[0] = (int) walk.filter(Files::isRegularFile).count();
      }
      log("generate --all (%s): %.2f s, %d files", name, times.get(i), files[0]);
    }
    return times;
  }

  private static String times(List<Double> times) {
    return String.join(", ", times.stream().map(t -> String.format(Locale.ROOT, "%.2f s", t)).toList());
  }

  private static Path cliJar() throws IOException {
    String configured = System.getProperty("pushgen.cli.jar");
    if (configured != null && Files.isRegularFile(Path.of(configured))) {
      return Path.of(configured);
    }
    try (Stream<Path> jars = Files.walk(TestSupport.root().resolve("generator"), 2)) {
      return jars.filter(p -> p.getFileName().toString().matches("pushgen-generator-.*-cli\\.jar"))
          .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
          .orElseThrow(() -> new IllegalStateException("no CLI jar: run the bench profile with verify"));
    }
  }

  // ------------------------------------------------------------------------ output

  private static StringBuilder header(String id, String title, Instant started, double startLoad) {
    long memory =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    StringBuilder s = new StringBuilder();
    s.append("<!-- bench:").append(id).append(":start -->\n");
    s.append("## ").append(title).append("\n\n");
    s.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" with\n\n```\n").append(COMMAND).append("\n```\n\n");
    s.append(
        String.format(
            Locale.ROOT,
            "Machine: %d cores, %.1f GiB memory, %s %s, Java %s (%s). Load average (1 min) when this"
                + " section started: %.1f (the machine is shared with other builds: a load above the core"
                + " count slows every figure); took %d s.%n%n",
            Runtime.getRuntime().availableProcessors(),
            memory / 1024.0 / 1024 / 1024,
            System.getProperty("os.name"),
            System.getProperty("os.arch"),
            System.getProperty("java.runtime.version"),
            System.getProperty("java.vm.name"),
            startLoad,
            Duration.between(started, Instant.now()).toSeconds()));
    return s;
  }

  private static void finish(StringBuilder section, String id) throws IOException {
    section.append("<!-- bench:").append(id).append(":end -->\n");
    log("%n%s", section);
    String output = System.getProperty("bench.output");
    writeSection(
        output != null ? Path.of(output) : TestSupport.root().resolve("BENCHMARKS.md"), id, section.toString());
  }

  /** Replaces the section between its markers, or appends it. */
  static synchronized void writeSection(Path file, String id, String section) throws IOException {
    String start = "<!-- bench:" + id + ":start -->";
    String end = "<!-- bench:" + id + ":end -->";
    String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    String updated;
    if (from >= 0 && to > from) {
      int after = to + end.length();
      if (after < text.length() && text.charAt(after) == '\n') {
        after++;
      }
      updated = text.substring(0, from) + section + text.substring(after);
    } else {
      updated = text + (text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n") + section;
    }
    Files.writeString(file, updated, StandardCharsets.UTF_8);
  }

  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MiB", bytes / 1024.0 / 1024);
  }

  private static String tail(String text) {
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }

  private static void log(String format, Object... args) {
    System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
  }
}
