<#assign l = d.lineage>
<#macro col label>${javaString(label)}</#macro>
<#include "/common/window-options.ftl">
package ${pkg};

import ${runtimePkg}.bigquery.BigQueryRow;
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.LineageCollector;
import ${runtimePkg}.collect.QueryWindow;
import ${runtimePkg}.collect.Shard;
import ${runtimePkg}.collect.Sql;
import ${runtimePkg}.lineage.Catalog;
import ${runtimePkg}.lineage.Dialect;
import ${runtimePkg}.lineage.MetadataCatalog;
import ${runtimePkg}.lineage.TableName;
import ${runtimePkg}.manifest.ManifestHeader;
import ${runtimePkg}.manifest.ManifestWriter;
import ${runtimePkg}.model.Flow;
import ${runtimePkg}.model.LineageEvent;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Collects table and column lineage from ${comment(d.name)} into a manifest that {@link PushLineage}
 * sends to Monte Carlo: one event per destination table, its sources merged across the window.
 *
 * <p>Sources:
 * <ul>
<#if l.jobs??>
 *   <li>the finished jobs of the window ({@link #JOBS}): BigQuery records each job's destination
 *       table and the tables it read, so table lineage is exact and needs no parsing; the query
 *       text is parsed only for the column mappings between those tables;
</#if>
<#if l.links??>
 *   <li>linked datasets ({@link #LINKS}): everything in a shared dataset flows to the datasets
 *       linked to it, sent as an edge between the two datasets' wildcard ({@code *}) references.
</#if>
 * </ul>
 *
 * <p>Jobs are read in windows chained through the state file, like query logs: each run starts
 * where the previous one ended, {@value #LAG_MINUTES} minutes before now ({@code --window hourly}:
 * the last complete hour older than that, from the clock alone). Statements the parser cannot read
 * are listed in the manifest's report and still give their table lineage. Jobs and links are the
 * whole project's: with {@code --shard I/N}, shard 0 reads them and the others write an empty
 * manifest.
 */
@Command(
    name = "collect-lineage",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " table and column lineage into a manifest file.")})
public final class CollectLineage implements Callable<Integer> {
  /** The SQL dialect of the jobs' query texts. */
  static final Dialect DIALECT = Dialect.fromId(${javaString(l.dialect)});

  /** How far back the first run reaches. */
  static final int LOOKBACK_MINUTES = ${(l.lookback_minutes!1440)?c};

  /** How long before now the window ends: the history fills in this late. */
  static final int LAG_MINUTES = ${(l.lag_minutes!0)?c};
<#if l.jobs??>

  /** Finished jobs of one window {@code [:start_time, :end_time)} that wrote a table. */
  static final Sql JOBS =
      Sql.of(
          ${textBlock(l.jobs.sql, 10)});
</#if>
<#if l.links??>

  /** Datasets linked to this project's datasets. */
  static final Sql LINKS =
      Sql.of(
          ${textBlock(l.links.sql, 10)});
</#if>

  @Mixin private Options options;

  @Mixin private RunSummary summary;

  /** The collect options, shared with {@link CollectAndPushLineage}. */
  public static final class Options {
    @Mixin Warehouse.ConnectionOptions connection;

    @Option(
        names = "--output-file",
        defaultValue = "lineage_manifest.json",
        description = "Manifest to write (default: ${r"${DEFAULT-VALUE}"}).")
    Path outputFile;
<@windowOptions "lineage_state" true/>

    @Mixin Shard.Options shard;

    @Option(
        names = "--table-level-only",
        description = "Send table lineage only: no column mappings, no query text parsed.")
    boolean tableLevelOnly;

    @Option(
        names = "--catalog",
        paramLabel = "METADATA_MANIFEST",
        description =
            "A metadata manifest whose columns expand SELECT *, map INSERT without a column list"
                + " and complete unqualified names (default: metadata_manifest.json of the last"
                + " metadata run, when present).")
    Path catalog;

    @Option(
        names = "--from-sql-file",
        paramLabel = "FILE",
        description =
            "Parse the statements of this file (separated by ';') instead of reading BigQuery,"
                + " to check what would be pushed.")
    Path fromSqlFile;

    @Option(
        names = "--default-database",
        description = "With --from-sql-file: the project of names that do not give one.")
    String defaultDatabase;

    @Option(
        names = "--default-schema",
        description = "With --from-sql-file: the dataset of names that do not give one.")
    String defaultSchema;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    /** Whether errors print stack traces. */
    public boolean verbose() {
      return verbose;
    }
  }

  @Override
  public Integer call() {
    return summary.run(Warehouse.ID, Flow.LINEAGE.id(), this::execute);
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      console.error(e);
      return ExitCode.FAILURE;
    } catch (IOException | RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }

  /**
   * @param manifest the manifest written
   * @param events how many lineage events it holds
   * @param statements how many query texts were parsed
   * @param unparsed how many of them the parser could not read (listed in the manifest's report)
   * @param window the jobs' window, or null when no jobs were read
   * @param shard the part of the account collected
   */
  public record Result(
      Path manifest, int events, long statements, long unparsed, QueryWindow window, Shard shard) {
    /** Always true: statements that cannot be parsed are reported, not failures. */
    public boolean complete() {
      return true;
    }

    /** Adds what was collected to the run's summary. */
    public void summarize(RunSummary summary) {
      summary.manifest(manifest);
      summary.count("events", events);
      summary.count("statements", statements);
      summary.count("statements_not_understood", unparsed);
      if (window != null) {
        summary.window(window.start(), window.end());
      }
      if (shard.isSplit()) {
        summary.shard(shard.toString());
      }
    }
  }

  /** Writes the lineage manifest, then advances the state to the window's end. */
  public static Result collect(Options options, Console console)
      throws UsageException, IOException, InterruptedException {
    Catalog catalog = MetadataCatalog.forLineage(options.catalog, DIALECT, console::info);
    // Defaults given on the command line are read as SQL reads names (Snowflake: upper case).
    options.defaultDatabase = DIALECT.nameAsWritten(options.defaultDatabase);
    options.defaultSchema = DIALECT.nameAsWritten(options.defaultSchema);
    Shard shard = options.shard.resolve();
    // Jobs and links are the whole project's: shard 0 reads them, so that N shards read them once.
    boolean readsProject = options.fromSqlFile == null && shard.takesAccountWide();
    QueryWindow window = readsProject ? options.window() : null;
    ManifestHeader header =
        ManifestHeader.of(Flow.LINEAGE, Warehouse.ID, Warehouse.RESOURCE_TYPE, Instant.now())
            .withShard(shard.index(), shard.count());
    if (window != null) {
      header = header.withWindow(window.start(), window.end());
    }
    int events = 0;
    LineageCollector lineage;
    try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
      lineage =
          new LineageCollector(
              DIALECT,
              catalog,
              !options.tableLevelOnly,
              Warehouse.QUOTING,
              manifest);
      if (options.fromSqlFile != null) {
        lineage.sqlFile(options.fromSqlFile, options.defaultDatabase, options.defaultSchema);
      } else if (readsProject) {
        options.connection.validate(console);
        BigQuery client = options.connection.connect();
        try {
<#if l.jobs??>
          if (!window.isEmpty()) {
            readJobs(options, client, window, lineage);
          }
</#if>
<#if l.links??>
          readLinks(options, client, lineage);
</#if>
        } catch (BigQueryException e) {
          throw new IOException("BigQuery refused a lineage query: " + e.getMessage(), e);
        }
      }
      for (LineageEvent event : lineage.events()) {
        manifest.write(event);
        events++;
      }
      lineage.writeSummary(manifest);
      manifest.commit();
    }
    if (window != null) {
      window.save(options.stateFile());
    }
    console.info(
        "wrote "
            + events
            + " lineage events to "
            + options.outputFile
            + " ("
            + lineage.statements()
            + " statements parsed for columns, "
            + lineage.recoveredStatements()
            + " recovered by a fallback, "
            + lineage.unparsedStatements()
            + " not understood: see the manifest's report)");
    return new Result(
        options.outputFile,
        events,
        lineage.statements(),
        lineage.unparsedStatements(),
        window,
        shard);
  }
<#if l.jobs??>
<#assign jm = l.jobs.map>

  /** Each job's exact destination and sources, and its text for the column mappings. */
  private static void readJobs(
      Options options, BigQuery client, QueryWindow window, LineageCollector lineage)
      throws InterruptedException {
    for (BigQueryRow row :
        Warehouse.query(
            client,
            JOBS,
            options.connection.identifiers(),
            Map.of("start_time", window.start(), "end_time", window.end()),
            options.connection.pageSize())) {
      TableName target =
          new TableName(
              row.string(<@col jm.target_database/>),
              row.string(<@col jm.target_schema/>),
              row.string(<@col jm.target_table/>));
      if (target.schema() == null || Warehouse.SKIP_SCHEMAS.matches(target.schema())) {
        continue; // an anonymous result, script or session table
      }
      List<TableName> sources = new ArrayList<>();
      for (BigQueryRow source : row.records(<@col jm.sources/>)) {
        TableName name =
            new TableName(
                source.string("project_id"), source.string("dataset_id"), source.string("table_id"));
        if (name.schema() != null && !Warehouse.SKIP_SCHEMAS.matches(name.schema())) {
          sources.add(name);
        }
      }
      lineage.job(
          <#if jm.query_id??>row.string(<@col jm.query_id/>)<#else>null</#if>,
          options.tableLevelOnly ? null : <#if jm.query_text??>row.string(<@col jm.query_text/>)<#else>null</#if>,
          <#if jm.database??>row.string(<@col jm.database/>)<#else>options.connection.project()</#if>,
          target,
          sources);
    }
  }
</#if>
<#if l.links??>
<#assign lm = l.links.map>

  /** Linked datasets, a snapshot read every run. */
  private static void readLinks(Options options, BigQuery client, LineageCollector lineage)
      throws InterruptedException {
    for (BigQueryRow row :
        Warehouse.query(
            client, LINKS, options.connection.identifiers(), Map.of(), options.connection.pageSize())) {
      lineage.link(
          row.string(<@col lm.source_database/>),
          row.string(<@col lm.source_schema/>),
          row.string(<@col lm.target_database/>),
          row.string(<@col lm.target_schema/>));
    }
  }
</#if>

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectLineage()).execute(args));
  }
}
