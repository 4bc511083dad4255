package io.pushgen.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.gateway.RecordedRequest;
import io.pushgen.generator.cli.PushgenCli;
import io.pushgen.generator.run.EmittedPrograms;
import io.pushgen.runtime.lineage.Dialect;
import io.pushgen.runtime.lineage.SqlScripts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Shows the whole pipeline on this machine: generates the PostgreSQL programs, compiles them,
 * starts an embedded PostgreSQL with a sample warehouse and the local gateway, runs {@code
 * CollectAndPushMetadata} and {@code CollectAndPushLineage} exactly as a customer would, then the
 * Hive query-log programs over a sample HiveServer2 log (Monte Carlo takes no PostgreSQL query
 * logs), prints what was pushed and every invocation id, and ends with the preflight {@code Check}
 * against the sample warehouse. Everything it starts is stopped before it returns.
 */
@Command(
    name = "pushgen demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate the PostgreSQL (and Hive query-log) programs and run them end to end against"
            + " an embedded PostgreSQL, a sample HiveServer2 log and the local gateway.")
public final class DemoCommand implements Callable<Integer> {
  private static final String RESOURCE_UUID = "00000000-0000-4000-8000-000000000001";
  private static final int STEPS = 9;

  @Option(
      names = "--out",
      description = "Keep the generated project in this folder (default: a temporary folder).")
  private Path out;

  private final PrintStream console = System.out;
  private int step;
  private long stepStarted;

  /** {@code ./pushgen demo} runs this jar's main. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("pushgen-demo");
    Path project = out != null ? out : work.resolve("postgres");
    try {
      begin("Generating the PostgreSQL programs into " + project);
      if (!generate("postgres", project)) {
        return 1;
      }
      done();

      begin("Compiling them");
      EmittedPrograms programs = EmittedPrograms.compile(project);
      done();

      begin("Starting an embedded PostgreSQL with a sample warehouse");
      Path logs = Files.createDirectories(work.resolve("pg_log"));
      try (EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              // The server's CSV log is where PostgreSQL lineage from statements comes from.
              .setServerConfig("logging_collector", "on")
              .setServerConfig("log_destination", "csvlog")
              .setServerConfig("log_directory", logs.toString())
              .setServerConfig("log_min_duration_statement", "0")
              .setServerConfig("log_timezone", "UTC")
              .setServerConfig("lc_messages", "C")
              .start()) {
        loadSampleWarehouse(postgres);
        done();

        begin("Starting the local gateway");
        try (LocalGateway gateway = new LocalGateway().start(0)) {
          done();
          Map<String, String> environment =
              Map.of(
                  "PGHOST", "localhost",
                  "PGPORT", Integer.toString(postgres.getPort()),
                  "PGUSER", "postgres",
                  // The embedded server trusts local connections; any password will do.
                  "PGPASSWORD", "demo-password",
                  "MCD_INGEST_ID", "demo-key",
                  "MCD_INGEST_TOKEN", "demo-token",
                  "MCD_RESOURCE_UUID", RESOURCE_UUID,
                  "MCD_API_ENDPOINT", gateway.baseUrl());
          if (!runAndShow(
                  programs, "io.pushgen.postgres", "CollectAndPushMetadata", environment, work, List.of())
              || !runAndShow(
                  programs,
                  "io.pushgen.postgres",
                  "CollectAndPushLineage",
                  environment,
                  work,
                  List.of(
                      "--log-file", logs.toString(),
                      // The statements were logged seconds ago: no lag needed.
                      "--lag-minutes", "0",
                      "--state-file", work.resolve("lineage_state.json").toString()))) {
            return 1;
          }
          if (!runHiveQueryLogs(work, gateway)) {
            return 1;
          }
          printPushed(gateway.received());
          if (!runCheck(programs, environment, logs)) {
            return 1;
          }
        }
      }
      return 0;
    } finally {
      deleteTree(work);
    }
  }

  /**
   * Monte Carlo takes no PostgreSQL query logs, so the query-log flow is shown with the Hive
   * programs over a sample HiveServer2 log (log_type hive-s3).
   */
  private boolean runHiveQueryLogs(Path work, LocalGateway gateway) throws Exception {
    begin("Generating and compiling the Hive query-log programs");
    Path project = work.resolve("hive");
    if (!generate("hive", project, "--flows", "query_logs")) {
      return false;
    }
    EmittedPrograms hive = EmittedPrograms.compile(project);
    Path logs = Files.createDirectories(work.resolve("hive_log"));
    SampleHiveLog.write(logs, Instant.now());
    done();
    return runAndShow(
        hive,
        "io.pushgen.hive",
        "CollectAndPushQueryLogs",
        Map.of(
            "MCD_INGEST_ID", "demo-key",
            "MCD_INGEST_TOKEN", "demo-token",
            "MCD_RESOURCE_UUID", RESOURCE_UUID,
            "MCD_API_ENDPOINT", gateway.baseUrl()),
        work,
        List.of(
            "--log-file", logs.toString(),
            "--lookback-minutes", "60",
            "--lag-minutes", "0",
            "--state-file", work.resolve("query_logs_state.json").toString()));
  }

  /**
   * Runs the preflight check a customer runs before the first collection, against the sample
   * warehouse: every query of the PostgreSQL programs, the tables of each database, the log.
   */
  private boolean runCheck(EmittedPrograms programs, Map<String, String> environment, Path logs)
      throws Exception {
    console.println();
    begin("Running check, the preflight a customer runs first");
    EmittedPrograms.Run run =
        programs.run(
            "io.pushgen.postgres.Main", environment, List.of("check", "--log-file", logs.toString()));
    done();
    console.print(indent(run.stdout()));
    if (run.exitCode() != 0) {
      System.err.print(run.stderr());
      console.println("check failed with exit code " + run.exitCode());
      return false;
    }
    return true;
  }

  /** Generates one warehouse's programs quietly; false (with the errors printed) on failure. */
  private static boolean generate(String warehouse, Path project, String... arguments) {
    List<String> all =
        new ArrayList<>(
            List.of("generate", "--warehouse", warehouse, "--out", project.toString(), "--force"));
    all.addAll(List.of(arguments));
    StringWriter errors = new StringWriter();
    int exit =
        PushgenCli.execute(
            new PrintWriter(new StringWriter()), new PrintWriter(errors), all.toArray(String[]::new));
    if (exit != 0) {
      System.err.print(errors);
    }
    return exit == 0;
  }

  /**
   * Runs one CollectAndPush program as a customer does, as a command of the project's entry point
   * ({@code java -jar <jar> collect-and-push-<flow>}), printing its output; false when it failed.
   */
  private boolean runAndShow(
      EmittedPrograms programs,
      String pkg,
      String program,
      Map<String, String> environment,
      Path work,
      List<String> extraArguments)
      throws Exception {
    String command = program.replaceAll("(?<=[a-z])([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    begin("Running " + command);
    String flow = program.substring("CollectAndPush".length()).replaceAll("(?<=.)([A-Z])", "_$1");
    List<String> arguments = new ArrayList<>(List.of(command));
    arguments.addAll(extraArguments);
    arguments.addAll(
        List.of(
            "--output-file", work.resolve(flow.toLowerCase(Locale.ROOT) + "_manifest.json").toString(),
            "--result-file",
            work.resolve(flow.toLowerCase(Locale.ROOT) + "_push_result.json").toString()));
    EmittedPrograms.Run run = programs.run(pkg + ".Main", environment, arguments);
    done();
    console.print(indent(run.stdout()));
    if (run.exitCode() != 0) {
      System.err.print(run.stderr());
      console.println(program + " failed with exit code " + run.exitCode());
      return false;
    }
    return true;
  }

  private static void loadSampleWarehouse(EmbeddedPostgres postgres) throws Exception {
    String sql;
    try (InputStream in =
        DemoCommand.class.getResourceAsStream("/pushgen/demo/postgres-warehouse.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      // One statement at a time, so that the server logs each on its own, as applications do.
      for (String one : SqlScripts.split(sql, Dialect.POSTGRES)) {
        statement.execute(one);
      }
    }
  }

  private void printPushed(List<RecordedRequest> requests) {
    console.println();
    console.println("The local gateway accepted:");
    for (RecordedRequest request : requests) {
      console.printf(
          "  %s %s: %d events, invocation_id %s%n",
          request.eventType(), request.path(), request.eventCount(), request.invocationId());
      for (JsonNode event : request.events()) {
        console.println("    " + describe(event));
      }
    }
  }

  /** One line for an event of any flow. */
  private static String describe(JsonNode event) {
    if (event.has("relational_asset")) {
      JsonNode asset = event.path("relational_asset");
      return String.format(
          "%-5s %s  %d fields%s",
          asset.path("type").asText(),
          name(asset.path("metadata")),
          asset.path("fields").size(),
          asset.path("volume").has("row_count")
              ? ", " + asset.path("volume").path("row_count").asLong() + " rows"
              : "");
    }
    if (event.has("destination")) {
      List<String> sources = new ArrayList<>();
      event.path("sources").forEach(source -> sources.add(name(source)));
      return String.format(
          "%s <- %s  (%d columns mapped)",
          name(event.path("destination")), String.join(", ", sources), event.path("fields").size());
    }
    return event.path("end_time").asText() + "  " + event.path("query_text").asText().lines().findFirst().orElse("");
  }

  private static String name(JsonNode ref) {
    return ref.path("database").asText()
        + "."
        + ref.path("schema").asText()
        + "."
        + ref.path("name").asText();
  }


  private void begin(String what) {
    step++;
    stepStarted = System.nanoTime();
    console.printf("[%d/%d] %s ... ", step, STEPS, what);
    console.flush();
  }

  private void done() {
    console.printf("done (%.1f s)%n", (System.nanoTime() - stepStarted) / 1e9);
  }

  private static String indent(String text) {
    return text.lines().map(line -> "  | " + line + "\n").reduce("", String::concat);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
