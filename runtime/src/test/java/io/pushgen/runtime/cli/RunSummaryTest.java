package io.pushgen.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class RunSummaryTest {
  @TempDir Path dir;

  /** A clock that answers the given instants in turn: the run's start, then its end. */
  private static Clock ticking(String... instants) {
    Deque<Instant> queue = new ArrayDeque<>();
    for (String instant : instants) {
      queue.add(Instant.parse(instant));
    }
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return queue.remove();
      }
    };
  }

  @Command(name = "collect-metadata")
  static final class Program implements Callable<Integer> {
    @Mixin RunSummary summary;
    IntSupplier body;

    @Override
    public Integer call() {
      return summary.run("postgres", "metadata", body);
    }
  }

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  private int execute(Program program, String... args) {
    new CommandLine(program).parseArgs(args);
    program.summary.redirect(
        ticking("2026-12-04T10:00:00.250Z", "2026-12-04T10:00:05.370Z"),
        new PrintStream(stdout, true, StandardCharsets.UTF_8));
    return program.call();
  }

  @Test
  void aCollectRunWritesItsCountsAtomicallyAndPrintsTheSameLine() throws Exception {
    Path file = dir.resolve("out/summary.json");
    Program program = new Program();
    program.body =
        () -> {
          program.summary.shard("1/3");
          program.summary.window(
              Instant.parse("2026-12-04T08:00:00Z"), Instant.parse("2026-12-04T09:00:00Z"));
          program.summary.manifest(Path.of("metadata_manifest.json"));
          program.summary.count("events", 40);
          program.summary.count("events", 2);
          program.summary.failedDatabases(List.of("broken"));
          return ExitCode.FAILURE;
        };
    assertEquals(
        ExitCode.FAILURE,
        execute(program, "--summary-file", file.toString(), "--summary-json"));
    String expected =
        "{\"command\":\"collect-metadata\",\"warehouse\":\"postgres\",\"flow\":\"metadata\","
            + "\"exit_code\":1,\"status\":\"failed\",\"started_at\":\"2026-12-04T10:00:00.250Z\","
            + "\"duration_ms\":5120,\"shard\":\"1/3\","
            + "\"window\":{\"start\":\"2026-12-04T08:00:00Z\",\"end\":\"2026-12-04T09:00:00Z\"},"
            + "\"manifest\":\"metadata_manifest.json\",\"counts\":{\"events\":42},"
            + "\"failed_databases\":[\"broken\"],\"invocation_ids\":[],\"failed_batches\":[]}";
    assertEquals(expected + "\n", Files.readString(file));
    assertEquals(expected + System.lineSeparator(), stdout.toString(StandardCharsets.UTF_8));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList(), "no temporary file left beside it");
    }
  }

  @Test
  void aRunThatThrowsStillWritesItsSummaryWithExitCodeOne() throws Exception {
    Path file = dir.resolve("summary.json");
    Files.writeString(file, "the previous run's summary\n");
    Program program = new Program();
    program.body =
        () -> {
          program.summary.invocationId("inv-1");
          program.summary.failedBatch(2, "failed", "HTTP 500: try later");
          throw new IllegalStateException("boom");
        };
    assertThrows(
        IllegalStateException.class, () -> execute(program, "--summary-file", file.toString()));
    assertEquals(
        "{\"command\":\"collect-metadata\",\"warehouse\":\"postgres\",\"flow\":\"metadata\","
            + "\"exit_code\":1,\"status\":\"failed\",\"started_at\":\"2026-12-04T10:00:00.250Z\","
            + "\"duration_ms\":5120,\"counts\":{},\"invocation_ids\":[\"inv-1\"],"
            + "\"failed_batches\":[{\"index\":2,\"status\":\"failed\",\"error\":\"HTTP 500: try later\"}]}\n",
        Files.readString(file));
    assertEquals("", stdout.toString(StandardCharsets.UTF_8), "--summary-json not given");
  }

  @Test
  void usageErrorsAreNamedAndAnUnwritableSummaryFailsTheRun() throws Exception {
    Program program = new Program();
    program.body = () -> ExitCode.USAGE;
    assertEquals(ExitCode.USAGE, execute(program, "--summary-json"));
    assertEquals(
        "{\"command\":\"collect-metadata\",\"warehouse\":\"postgres\",\"flow\":\"metadata\","
            + "\"exit_code\":2,\"status\":\"usage\",\"started_at\":\"2026-12-04T10:00:00.250Z\","
            + "\"duration_ms\":5120,\"counts\":{},\"invocation_ids\":[],\"failed_batches\":[]}"
            + System.lineSeparator(),
        stdout.toString(StandardCharsets.UTF_8));

    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    Program ok = new Program();
    ok.body = () -> ExitCode.OK;
    assertEquals(
        ExitCode.FAILURE,
        execute(ok, "--summary-file", notADirectory.resolve("summary.json").toString()));

    Program nothingAsked = new Program();
    nothingAsked.body = () -> ExitCode.OK;
    assertEquals(ExitCode.OK, execute(nothingAsked));
  }
}
