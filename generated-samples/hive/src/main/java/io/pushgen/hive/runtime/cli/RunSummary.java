// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hive.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.IntSupplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A one-line JSON summary of a run, for schedulers (an Airflow task, a Kubernetes job's log, a CI
 * step): {@code --summary-file PATH} writes it to a file, {@code --summary-json} prints it as the
 * last line on standard output. It is written however the run ends, with its exit code:
 *
 * <pre>{@code
 * {"command":"collect-and-push-metadata","warehouse":"postgres","flow":"metadata","exit_code":0,
 *  "status":"ok","started_at":"2026-12-04T10:00:00Z","duration_ms":5120,"shard":"0/3",
 *  "window":{"start":"...","end":"..."},"manifest":"metadata_manifest.json",
 *  "result_file":"metadata_push_result.json","counts":{"events":120,"events_sent":120,...},
 *  "failed_databases":[],"invocation_ids":["..."],"failed_batches":[{"index":2,"error":"..."}]}
 * }</pre>
 *
 * <p>{@code command}, {@code warehouse}, {@code flow} (null for programs of no flow), {@code
 * exit_code}, {@code status} ({@code ok}, {@code failed}, {@code usage}), {@code started_at},
 * {@code duration_ms}, {@code counts}, {@code invocation_ids} and {@code failed_batches} are always
 * there; the others when the run has them. {@code status} names the exit code for a reader: any
 * code but 0 and 2 is {@code failed} (a verify program's 3, not yet visible, included). The file is replaced atomically (written beside it,
 * then moved), so a reader never sees half of it. Option errors that picocli rejects before the
 * program starts (exit 2, with the usage message) write no summary.
 */
public final class RunSummary {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--summary-file",
      paramLabel = "PATH",
      description =
          "Write a one-line JSON summary of the run here (counts, invocation ids, failed batches,"
              + " exit code, duration), even when it fails.")
  private Path file;

  @Option(
      names = "--summary-json",
      description = "Print the one-line JSON summary as the last line on standard output.")
  private boolean json;

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  private Clock clock = Clock.systemUTC();
  private PrintStream out = System.out;
  private final ObjectNode summary = JSON.createObjectNode();
  private final ObjectNode counts = JSON.createObjectNode();
  private final ArrayNode invocationIds = JSON.createArrayNode();
  private final ArrayNode failedBatches = JSON.createArrayNode();

  /** Replaces the clock and standard output (tests). */
  void redirect(Clock clock, PrintStream out) {
    this.clock = clock;
    this.out = out;
  }

  /**
   * Runs the program and writes the summary with its exit code, also when it throws (exit code 1;
   * the exception is rethrown for picocli to report).
   *
   * @param warehouse the descriptor id
   * @param flow the flow's id ({@code metadata}, {@code lineage}, {@code query_logs}), or null
   * @param program the program's body, returning its exit code
   * @return the program's exit code, or {@link ExitCode#FAILURE} when the summary, though asked
   *     for, cannot be written
   */
  public int run(String warehouse, String flow, IntSupplier program) {
    Instant started = clock.instant();
    summary.put("command", command.name());
    summary.put("warehouse", warehouse);
    summary.put("flow", flow);
    int exitCode = ExitCode.FAILURE;
    try {
      exitCode = program.getAsInt();
      return write(exitCode, started) ? exitCode : ExitCode.FAILURE;
    } catch (RuntimeException | Error e) {
      write(exitCode, started);
      throw e;
    }
  }

  /** Adds {@code n} to the count {@code name} (e.g. {@code events}, {@code events_sent}). */
  public void count(String name, long n) {
    counts.put(name, counts.path(name).asLong(0) + n);
  }

  /** The manifest the run wrote or read. */
  public void manifest(Path manifest) {
    summary.put("manifest", manifest.toString());
  }

  /** The push's result file. */
  public void resultFile(Path resultFile) {
    summary.put("result_file", resultFile == null ? null : resultFile.toString());
  }

  /** The collected time window. */
  public void window(Instant start, Instant end) {
    ObjectNode window = summary.putObject("window");
    window.put("start", start.toString());
    window.put("end", end.toString());
  }

  /** The shard collected, {@code I/N}, when the account is split. */
  public void shard(String shard) {
    summary.put("shard", shard);
  }

  /** Databases (or schemas) that could not be read. */
  public void failedDatabases(List<String> databases) {
    ArrayNode list = summary.putArray("failed_databases");
    databases.forEach(list::add);
  }

  /** An invocation id of an accepted batch, in batch order. */
  public void invocationId(String id) {
    invocationIds.add(id);
  }

  /** A batch that was not sent: failed, or rejected before sending. */
  public void failedBatch(int index, String status, String error) {
    ObjectNode batch = failedBatches.addObject();
    batch.put("index", index);
    batch.put("status", status);
    batch.put("error", error);
  }

  private String line(int exitCode, Duration duration, Instant started) {
    ObjectNode line = JSON.createObjectNode();
    line.set("command", summary.get("command"));
    line.set("warehouse", summary.get("warehouse"));
    line.set("flow", summary.get("flow"));
    line.put("exit_code", exitCode);
    line.put(
        "status",
        exitCode == ExitCode.OK ? "ok" : exitCode == ExitCode.USAGE ? "usage" : "failed");
    line.put("started_at", started.truncatedTo(ChronoUnit.MILLIS).toString());
    line.put("duration_ms", duration.toMillis());
    for (String optional : List.of("shard", "window", "manifest", "result_file")) {
      if (summary.has(optional)) {
        line.set(optional, summary.get(optional));
      }
    }
    line.set("counts", counts);
    if (summary.has("failed_databases")) {
      line.set("failed_databases", summary.get("failed_databases"));
    }
    line.set("invocation_ids", invocationIds);
    line.set("failed_batches", failedBatches);
    return line.toString();
  }

  private boolean write(int exitCode, Instant started) {
    if (file == null && !json) {
      return true;
    }
    String line = line(exitCode, Duration.between(started, clock.instant()), started);
    if (json) {
      out.println(line);
      out.flush();
    }
    if (file == null) {
      return true;
    }
    try {
      AtomicFiles.write(file, (line + "\n").getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (IOException e) {
      System.err.println("error: cannot write the summary file " + file + ": " + e.getMessage());
      return false;
    }
  }

}
