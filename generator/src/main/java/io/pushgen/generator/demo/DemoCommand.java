package io.pushgen.generator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.gateway.RecordedRequest;
import io.pushgen.generator.cli.PushgenCli;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Shows the whole pipeline on this machine: generates the PostgreSQL programs, compiles them,
 * starts an embedded PostgreSQL with a sample warehouse and the local gateway, runs {@code
 * CollectAndPushMetadata} exactly as a customer would, and prints what was pushed and every
 * invocation id. Everything it starts is stopped before it returns.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate the PostgreSQL programs and run them end to end against an embedded"
            + " PostgreSQL and the local gateway.")
public final class DemoCommand implements Callable<Integer> {
  private static final String RESOURCE_UUID = "00000000-0000-4000-8000-000000000001";
  private static final int STEPS = 5;

  @Option(
      names = "--out",
      description = "Keep the generated project in this folder (default: a temporary folder).")
  private Path out;

  private final PrintStream console = System.out;
  private int step;
  private long stepStarted;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("pushgen-demo");
    Path project = out != null ? out : work.resolve("postgres");
    try {
      begin("Generating the PostgreSQL programs into " + project);
      StringWriter errors = new StringWriter();
      int generated =
          PushgenCli.execute(
              new PrintWriter(new StringWriter()),
              new PrintWriter(errors),
              "generate", "--warehouse", "postgres", "--out", project.toString(), "--force");
      if (generated != 0) {
        System.err.print(errors);
        return generated;
      }
      done();

      begin("Compiling them");
      EmittedPrograms programs = EmittedPrograms.compile(project);
      done();

      begin("Starting an embedded PostgreSQL with a sample warehouse");
      try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
        loadSampleWarehouse(postgres);
        done();

        begin("Starting the local gateway");
        try (LocalGateway gateway = new LocalGateway().start(0)) {
          done();

          begin("Running CollectAndPushMetadata");
          EmittedPrograms.Run run =
              programs.run(
                  "io.pushgen.postgres.CollectAndPushMetadata",
                  Map.of(
                      "PGHOST", "localhost",
                      "PGPORT", Integer.toString(postgres.getPort()),
                      "PGUSER", "postgres",
                      // The embedded server trusts local connections; any password will do.
                      "PGPASSWORD", "demo-password",
                      "MCD_INGEST_ID", "demo-key",
                      "MCD_INGEST_TOKEN", "demo-token",
                      "MCD_RESOURCE_UUID", RESOURCE_UUID,
                      "MCD_API_ENDPOINT", gateway.baseUrl()),
                  List.of(
                      "--output-file", work.resolve("metadata_manifest.json").toString(),
                      "--result-file", work.resolve("metadata_push_result.json").toString()));
          done();
          console.println();
          console.print(indent(run.stdout()));
          if (run.exitCode() != 0) {
            System.err.print(run.stderr());
            console.println("CollectAndPushMetadata failed with exit code " + run.exitCode());
            return run.exitCode();
          }
          printPushed(gateway.received());
        }
      }
      return 0;
    } finally {
      deleteTree(work);
    }
  }

  private static void loadSampleWarehouse(EmbeddedPostgres postgres) throws Exception {
    String sql;
    try (InputStream in =
        DemoCommand.class.getResourceAsStream("/pushgen/demo/postgres-warehouse.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
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
        JsonNode asset = event.path("relational_asset");
        JsonNode metadata = asset.path("metadata");
        console.printf(
            "    %-5s %s.%s.%s  %d fields%s%n",
            asset.path("type").asText(),
            metadata.path("database").asText(),
            metadata.path("schema").asText(),
            metadata.path("name").asText(),
            asset.path("fields").size(),
            asset.has("volume") && asset.path("volume").has("row_count")
                ? ", " + asset.path("volume").path("row_count").asLong() + " rows"
                : "");
      }
    }
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
