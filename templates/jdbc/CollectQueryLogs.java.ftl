<#assign q = d.query_logs>
<#assign m = q.map>
<#macro col label>${javaString(label)}</#macro>
<#include "/common/window-options.ftl">
<#include "/common/variants.ftl">
package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.QueryLogRows;
import ${runtimePkg}.collect.QueryWindow;
import ${runtimePkg}.collect.Rows;
import ${runtimePkg}.collect.Shard;
import ${runtimePkg}.collect.Sql;
import ${runtimePkg}.manifest.ManifestHeader;
import ${runtimePkg}.manifest.ManifestWriter;
import ${runtimePkg}.model.Flow;
import ${runtimePkg}.model.QueryLogEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
<#if q.extra?has_content>
import java.util.LinkedHashMap;
</#if>
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Collects the queries ${comment(d.name)} ran into a manifest that {@link PushQueryLogs} sends to
 * Monte Carlo.
 *
 * <p>Each run covers the window from where the previous run stopped (kept in the state file) to
 * {@value #LAG_MINUTES} minutes ago, so hourly runs send every query exactly once and a run after
 * a pause catches up without dropping anything. {@code --start}/{@code --end} collect an explicit
 * window instead, for backfills, and leave the state alone; {@code --window hourly} takes the last
 * complete hour older than the lag from the clock alone, with no state. The history is the whole
 * account's: with {@code --shard I/N}, shard 0 collects it and the others write an empty manifest.
 */
@Command(
    name = "collect-query-logs",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " query logs into a manifest file.")})
public final class CollectQueryLogs implements Callable<Integer> {
  /** How far back the first run reaches. */
  static final int LOOKBACK_MINUTES = ${q.lookback_minutes?c};

  /** How long before now the window ends: the history fills in this late. */
  static final int LAG_MINUTES = ${q.lag_minutes?c};

  /** The query history of one window, {@code [:start_time, :end_time)}. */
  static final Sql QUERY_HISTORY =
      Sql.of(
          ${textBlock(q.sql, 10)});
<@variantConstants q "QUERY_HISTORY" "queryHistory" "history query"/>

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
<@windowOptions "query_logs_state"/>

    @Mixin Shard.Options shard;
<@optionFields optionsOf([q])/>
<#list (q.parameters)![] as p>

    @Option(
        names = "--${p.name?replace("_", "-")}",
        defaultValue = ${javaString(r"${env:" + p.env + "}")},
        description = ${picocliString(p.description + " Bound as a query parameter (env " + p.env + ").")})
    String ${camel(p.name)};
</#list>

    @Option(
        names = "--fetch-size",
        defaultValue = "1000",
        description = "Rows fetched per round trip (default: ${r"${DEFAULT-VALUE}"}).")
    int fetchSize;

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
    } catch (SQLException | IOException | RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }

  /**
   * @param manifest the manifest written
   * @param window the window it covers, or null for a shard that collects no query logs
   * @param counts what was collected and what could not be sent
   * @param shard the part of the account collected
   */
  public record Result(Path manifest, QueryWindow window, QueryLogRows.Counts counts, Shard shard) {
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
  public static Result collect(Options options, Console console)
      throws UsageException, SQLException, IOException {
    options.connection.validate(console);
<#list (q.parameters)![] as p>
    if (options.${camel(p.name)} == null || options.${camel(p.name)}.isBlank()) {
      throw new UsageException(
          "missing --${p.name?replace("_", "-")} (or the environment variable ${p.env})");
    }
</#list>
    Shard shard = options.shard.resolve();
    ManifestHeader header =
        ManifestHeader.of(Flow.QUERY_LOGS, Warehouse.ID, Warehouse.LOG_TYPE, Instant.now())
            .withShard(shard.index(), shard.count());
    if (!shard.takesAccountWide()) {
      // The history is the whole account's: shard 0 sends it, so that N shards send it once.
      try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
        manifest.commit();
      }
      console.info(
          "shard " + shard + ": query logs are collected by shard 0 alone; wrote an empty "
              + options.outputFile);
      return new Result(options.outputFile, null, new QueryLogRows.Counts(0, 0, 0), shard);
    }
    QueryWindow window = options.window();
    header = header.withWindow(window.start(), window.end());
    QueryLogRows.Counts counts;
    try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
      counts = window.isEmpty() ? new QueryLogRows.Counts(0, 0, 0) : copy(options, window, manifest);
      manifest.commit();
    }
    window.save(options.stateFile());
    console.info(
        "wrote "
            + counts.entries()
            + " queries from "
            + window.start()
            + " to "
            + window.end()
            + " to "
            + options.outputFile
            + (counts.withoutText() + counts.unfinished() > 0
                ? " (" + (counts.withoutText() + counts.unfinished()) + " left out, see its report)"
                : ""));
    return new Result(options.outputFile, window, counts, shard);
  }

  private static QueryLogRows.Counts copy(Options options, QueryWindow window, ManifestWriter manifest)
      throws SQLException, IOException {
    try (Connection connection = options.connection.connect(<#if d.connection.database_in_url>null</#if>);
        PreparedStatement statement =
            ${chosenSql("", q, "QUERY_HISTORY", "queryHistory", "options.")}.prepare(
                connection,
                Warehouse.QUOTING,
                Map.of(),
                Map.of(<#list (q.parameters)![] as p>
                    ${javaString(p.name)}, options.${camel(p.name)},
</#list>
                    "start_time", window.start(),
                    "end_time", window.end()))) {
      statement.setFetchSize(options.fetchSize);
      try (ResultSet rows = statement.executeQuery()) {
        return QueryLogRows.copy(
            rows,
            CollectQueryLogs::entry,
            ${(q.text_chunks!false)?c},
            ${(q.text_escaped!false)?c},
            manifest::write,
            (entry, reason) -> manifest.report("skipped_queries", entry.queryId(), reason));
      }
    }
  }

  /** One row of {@link #QUERY_HISTORY}. */
  private static QueryLogEntry entry(ResultSet row) throws SQLException {
<#if q.extra?has_content>
    Map<String, Object> extra = new LinkedHashMap<>();
<#list q.extra as key, label>
    extra.put(${javaString(key)}, Rows.value(row, <@col label/>));
</#list>
</#if>
    return new QueryLogEntry(
        Rows.instant(row, <@col m.start_time/>),
        Rows.instant(row, <@col m.end_time/>),
        row.getString(<@col m.query_text/>),
        <#if m.query_id??>row.getString(<@col m.query_id/>)<#else>null</#if>,
        <#if m.user??>row.getString(<@col m.user/>)<#else>null</#if>,
        <#if m.error_code??>Rows.errorCode(row, <@col m.error_code/>)<#else>null</#if>,
        <#if m.error_text??>Rows.nonBlank(row, <@col m.error_text/>)<#else>null</#if>,
        <#if m.returned_rows??>Rows.count(row, <@col m.returned_rows/>)<#else>null</#if>,
        <#if q.extra?has_content>extra<#else>null</#if>);
  }


  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectQueryLogs()).execute(args));
  }
}
