<#assign q = d.query_logs>
<#include "/common/window-options.ftl">
package ${pkg};

import ${runtimePkg}.athena.QueryExecutions;
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.QueryWindow;
import ${runtimePkg}.collect.Shard;
import ${runtimePkg}.manifest.ManifestHeader;
import ${runtimePkg}.manifest.ManifestWriter;
import ${runtimePkg}.model.Flow;
import ${runtimePkg}.model.QueryLogEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.model.QueryExecution;

/**
 * Collects the queries one ${comment(d.name)} workgroup ran into a manifest that {@link PushQueryLogs}
 * sends to Monte Carlo, from Athena's query-execution API ({@code ListQueryExecutions}, then
 * {@code BatchGetQueryExecution} for each page of 50 ids).
 *
 * <p>Each run covers the window from where the previous run stopped (kept in the state file, one
 * per workgroup) to {@value #LAG_MINUTES} minutes ago. A query belongs to the window it completed
 * in: queued and running queries are never sent with an invented end and are picked up by the run
 * after they finish. Athena keeps 45 days of history and records no user for a query. {@code
 * --start}/{@code --end} collect an explicit window instead, for backfills, and leave the state
 * alone.
 */
@Command(
    name = "collect-query-logs",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " query logs of one workgroup into a manifest file.")})
public final class CollectQueryLogs implements Callable<Integer> {
  /** How far back the first run reaches. */
  static final int LOOKBACK_MINUTES = ${q.lookback_minutes?c};

  /** How long before now the window ends. */
  static final int LAG_MINUTES = ${q.lag_minutes?c};

  /**
   * The entry's {@code extra}: key to the {@code QueryExecution} member it is read from, each path
   * checked against the SDK's model (a path it lacks fails the run, naming it).
   */
  static Map<String, QueryExecutions.Fields> extra() {
    Map<String, QueryExecutions.Fields> extra = new LinkedHashMap<>();
<#list (q.extra)!{} as key, path>
    extra.put(${javaString(key)}, QueryExecutions.Fields.of(${javaString(path)}));
</#list>
    return extra;
  }

  @Mixin private Options options;

  @Mixin private RunSummary summary;

  /** The collect options, shared with {@link CollectAndPushQueryLogs}. */
  public static final class Options {
    @Mixin Warehouse.ConnectionOptions connection;

    @Option(
        names = "--output-file",
        defaultValue = "query_logs_manifest.json",
        description = "Manifest to write (default: ${r"${DEFAULT-VALUE}"}).")
    Path outputFile;
<@windowOptions "query_logs_state" true "workgroup"/>

    /** The workgroup's history is not split: shard 0 collects it. */
    @Mixin Shard.Options shard;

    @Option(
        names = "--scan-margin-hours",
        defaultValue = "6",
        description =
            "Stop reading the history at queries submitted this long before the window's start"
                + " (Athena lists the newest first); raise it above your longest query's run time"
                + " (default: ${r"${DEFAULT-VALUE}"}).")
    int scanMarginHours;

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
   * @param entries how many queries it holds
   * @param pages pages of 50 query ids read (two requests each)
   * @param shard the part of the account collected
   */
  public record Result(Path manifest, QueryWindow window, long entries, long pages, Shard shard) {
    /** Always true: ids Athena could not return are listed in the manifest's report. */
    public boolean complete() {
      return true;
    }

    /** Adds what was collected to the run's summary. */
    public void summarize(RunSummary summary) {
      summary.manifest(manifest);
      summary.count("events", entries);
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
    options.connection.validate(console);
    if (options.scanMarginHours < 0) {
      throw new UsageException("--scan-margin-hours must not be negative");
    }
    Map<String, QueryExecutions.Fields> extra = extra();
    Shard shard = options.shard.resolve();
    ManifestHeader header =
        ManifestHeader.of(Flow.QUERY_LOGS, Warehouse.ID, Warehouse.LOG_TYPE, Instant.now())
            .withShard(shard.index(), shard.count());
    if (!shard.takesAccountWide()) {
      // The workgroup's history is not split by name: shard 0 sends it, so N shards send it once.
      try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
        manifest.commit();
      }
      console.info(
          "shard " + shard + ": query logs are collected by shard 0 alone; wrote an empty "
              + options.outputFile);
      return new Result(options.outputFile, null, 0, 0, shard);
    }
    QueryWindow window = options.window();
    header = header.withWindow(window.start(), window.end());
    long entries = 0;
    long pages = 0;
    try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
      if (!window.isEmpty()) {
        QueryExecutions.Found found;
        try {
          found =
              QueryExecutions.finishedIn(
                  options.connection.athena(),
                  options.connection.workgroup(),
                  window.start(),
                  window.end(),
                  Duration.ofHours(options.scanMarginHours),
                  (id, reason) -> manifest.report("unprocessed_queries", id, reason));
        } catch (SdkException e) {
          throw new IOException(
              "Athena refused to list the queries of workgroup " + options.connection.workgroup()
                  + " (athena:ListQueryExecutions, athena:BatchGetQueryExecution): " + e.getMessage(),
              e);
        }
        for (QueryExecution execution : found.executions()) {
          QueryLogEntry entry = QueryExecutions.entry(execution, extra);
          if (entry.queryText() == null || entry.queryText().isBlank()) {
            manifest.report("skipped_queries", entry.queryId(), "no query text");
            continue;
          }
          manifest.write(entry);
          entries++;
        }
        pages = found.pages();
      }
      manifest.commit();
    }
    window.save(options.stateFile());
    console.info(
        options.connection.workgroup() + ": wrote " + entries + " queries from " + window.start()
            + " to " + window.end() + " to " + options.outputFile + " (" + pages
            + " pages of query ids read)");
    return new Result(options.outputFile, window, entries, pages, shard);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectQueryLogs()).execute(args));
  }
}
