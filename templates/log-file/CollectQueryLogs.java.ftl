<#assign q = d.query_logs>
<#include "/common/window-options.ftl">
<#include "/common/log-file-options.ftl">
<#assign logFormat = pascal(q.log_format) + "Log">
package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.QueryWindow;
import ${runtimePkg}.collect.Shard;
import ${runtimePkg}.logs.LogFormat;
import ${runtimePkg}.logs.LogQueryLogs;
import ${runtimePkg}.logs.${logFormat};
import ${runtimePkg}.manifest.ManifestHeader;
import ${runtimePkg}.manifest.ManifestWriter;
import ${runtimePkg}.model.Flow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Collects the queries ${comment(d.name)} ran, from its ${comment(q.log_format)} log files, into a manifest
 * that {@link PushQueryLogs} sends to Monte Carlo. It reads files only and never connects to the
 * server.
 *
 * <p>Each run covers the window from where the previous run stopped (kept in the state file) to
 * {@value #LAG_MINUTES} minutes ago and keeps the queries that ended in it, so hourly runs send
 * every query exactly once and a run after a pause catches up, as far back as the server keeps
 * its logs. {@code --start}/{@code --end} collect an explicit window instead, for backfills, and
 * leave the state alone; {@code --window hourly} takes the last complete hour from the clock
 * alone, with no state. The log is the whole server's: with {@code --shard I/N}, shard 0 collects
 * it and the others write an empty manifest. The format, and the server settings it needs, are
 * described in {@link ${logFormat}}.
 */
@Command(
    name = "collect-query-logs",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " query logs from its log files into a manifest file.")})
public final class CollectQueryLogs implements Callable<Integer> {
  /** How far back the first run reaches. */
  static final int LOOKBACK_MINUTES = ${q.lookback_minutes?c};

  /** How long before now the window ends: the log fills in this late. */
  static final int LAG_MINUTES = ${q.lag_minutes?c};

  /** The log's format ({@code log_format: ${comment(q.log_format)}}). */
  static final LogFormat FORMAT = new ${logFormat}();

  @Mixin private Options options;

  @Mixin private RunSummary summary;

  /** The collect options, shared with {@link CollectAndPushQueryLogs}. */
  public static final class Options {
<@logFileOptions q/>

    @Option(
        names = "--output-file",
        defaultValue = "query_logs_manifest.json",
        description = "Manifest to write (default: ${r"${DEFAULT-VALUE}"}).")
    Path outputFile;
<@windowOptions "query_logs_state"/>

    @Mixin Shard.Options shard;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    /** Whether errors print stack traces. */
    public boolean verbose() {
      return verbose;
    }
  }

  @Override
  public Integer call() {
    return summary.run(Warehouse.ID, Flow.QUERY_LOGS.id(), this::execute);
  }

  private int execute() {
    Console console = Console.system(options.verbose);
    try {
      MemoryCheck.run(console);
      Result result = collect(options, console);
      result.summarize(summary);
      return result.complete() ? ExitCode.OK : ExitCode.FAILURE;
    } catch (UsageException e) {
      console.error(e.getMessage());
      return ExitCode.USAGE;
    } catch (IOException | RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }

  /**
   * @param manifest the manifest written
   * @param window the window it covers, or null for a shard that collects no query logs
   * @param counts what was collected, and what could not be sent or read
   * @param shard the part of the account collected
   */
  public record Result(Path manifest, QueryWindow window, LogQueryLogs.Counts counts, Shard shard) {
    /** Always true: entries that cannot be sent are listed in the manifest's report. */
    public boolean complete() {
      return true;
    }

    /** Adds what was collected to the run's summary. */
    public void summarize(RunSummary summary) {
      summary.manifest(manifest);
      summary.count("events", counts.entries());
      if (window != null) {
        summary.window(window.start(), window.end());
      }
      if (shard.isSplit()) {
        summary.shard(shard.toString());
      }
    }
  }

  /** Writes the manifest of one window, then advances the state to that window's end. */
  public static Result collect(Options options, Console console) throws UsageException, IOException {
    String logFile = options.logFile();
    ZoneId zone = options.logZone();
    Shard shard = options.shard.resolve();
    ManifestHeader header =
        ManifestHeader.of(Flow.QUERY_LOGS, Warehouse.ID, Warehouse.LOG_TYPE, Instant.now())
            .withShard(shard.index(), shard.count());
    if (!shard.takesAccountWide()) {
      // The log is the whole server's: shard 0 sends it, so that N shards send it once.
      try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
        manifest.commit();
      }
      console.info(
          "shard " + shard + ": query logs are collected by shard 0 alone; wrote an empty "
              + options.outputFile);
      return new Result(options.outputFile, null, new LogQueryLogs.Counts(0, 0, 0, 0, 0), shard);
    }
    QueryWindow window = options.window();
    header = header.withWindow(window.start(), window.end());
    LogQueryLogs.Counts counts;
    try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
      counts =
          LogQueryLogs.collect(
              FORMAT, logFile, zone, window, manifest::write, manifest::report);
      manifest.commit();
    }
    window.save(options.stateFile());
    long left = counts.incomplete() + counts.unparsed();
    console.info(
        "wrote "
            + counts.entries()
            + " queries from "
            + window.start()
            + " to "
            + window.end()
            + " to "
            + options.outputFile
            + " ("
            + counts.filesRead()
            + " log files read, "
            + counts.filesSkipped()
            + " older ones skipped"
            + (left > 0 ? "; " + left + " left out, see its report" : "")
            + ")");
    return new Result(options.outputFile, window, counts, shard);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectQueryLogs()).execute(args));
  }
}
