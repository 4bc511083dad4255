<#assign l = d.lineage>
<#include "/common/window-options.ftl">
package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.LineageCollector;
import ${runtimePkg}.collect.QueryWindow;
import ${runtimePkg}.collect.Shard;
import ${runtimePkg}.lineage.Catalog;
import ${runtimePkg}.lineage.Dialect;
import ${runtimePkg}.lineage.MetadataCatalog;
import ${runtimePkg}.manifest.ManifestHeader;
import ${runtimePkg}.manifest.ManifestWriter;
import ${runtimePkg}.model.Flow;
import ${runtimePkg}.model.LineageEvent;
<#if l.glue_views??>
import ${runtimePkg}.athena.GlueCatalog;
import ${runtimePkg}.collect.NamePatterns;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Table;
</#if>
<#if l.query_executions??>
import ${runtimePkg}.athena.QueryExecutions;
import java.util.List;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionContext;
</#if>
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Collects table and column lineage from ${comment(d.name)} into a manifest that {@link PushLineage}
 * sends to Monte Carlo: one event per destination table, its sources merged.
 *
 * <p>Sources:
 * <ul>
<#if l.glue_views??>
 *   <li>the views of the Glue Data Catalog, their SQL parsed (a snapshot each run; views of Hive
 *       and Spark on a Glue metastore too);
</#if>
<#if l.query_executions??>
 *   <li>the statements the workgroup ran successfully in the window (statement types
 *       ${l.query_executions.statement_types?join(", ")}), parsed: CTAS, INSERT INTO, MERGE, ...
</#if>
 * </ul>
 *
 * <p>Query executions are read in windows chained through the state file, like query logs.
 * Statements the parser cannot read are listed in the manifest's report.
 */
@Command(
    name = "collect-lineage",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " table and column lineage into a manifest file.")})
public final class CollectLineage implements Callable<Integer> {
  /** The SQL dialect of Athena's statements and views. */
  static final Dialect DIALECT = Dialect.fromId(${javaString(l.dialect)});

  /** How far back the first run reaches. */
  static final int LOOKBACK_MINUTES = ${(l.lookback_minutes!1440)?c};

  /** How long before now the window ends. */
  static final int LAG_MINUTES = ${(l.lag_minutes!0)?c};
<#if l.query_executions??>

  /** The statement types whose succeeded executions are parsed. */
  static final List<String> STATEMENT_TYPES =
      List.of(<#list l.query_executions.statement_types as t>${javaString(t)}<#sep>, </#list>);
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
<@windowOptions "lineage_state" true "workgroup"/>

    /** Views are split by Glue database; the workgroup's history goes to shard 0. */
    @Mixin Shard.Options shard;
<#if l.query_executions??>

    @Option(
        names = "--scan-margin-hours",
        defaultValue = "6",
        description =
            "Stop reading the history at queries submitted this long before the window's start"
                + " (default: ${r"${DEFAULT-VALUE}"}).")
    int scanMarginHours;
</#if>
<#if l.glue_views??>

    @Option(
        names = "--databases",
        paramLabel = "GLOBS",
        description = "Comma-separated glob patterns of Glue databases whose views are read (default: all).")
    String databases;
</#if>

    @Option(
        names = "--table-level-only",
        description = "Send table lineage only: no column mappings.")
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
            "Parse the statements of this file (separated by ';') instead of reading AWS, to"
                + " check what would be pushed.")
    Path fromSqlFile;

    @Option(
        names = "--default-database",
        description = "With --from-sql-file: the catalog of names that do not give one (awsdatacatalog).")
    String defaultDatabase;

    @Option(
        names = "--default-schema",
        description = "With --from-sql-file: the Glue database of names that do not give one.")
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
    } catch (IOException | RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }

  /**
   * @param manifest the manifest written
   * @param events how many lineage events it holds
   * @param statements how many statements and view definitions were parsed
   * @param unparsed how many of them the parser could not read (listed in the manifest's report)
   * @param window the window of history read, or null when none was
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
      if (window != null) {
        summary.window(window.start(), window.end());
      }
      if (shard.isSplit()) {
        summary.shard(shard.toString());
      }
    }
  }

  /** Writes the lineage manifest, then advances the state to the window's end. */
  public static Result collect(Options options, Console console) throws UsageException, IOException {
    Catalog catalog = MetadataCatalog.forLineage(options.catalog, DIALECT, console::info);
    options.defaultDatabase = DIALECT.nameAsWritten(options.defaultDatabase);
    options.defaultSchema = DIALECT.nameAsWritten(options.defaultSchema);
    Shard shard = options.shard.resolve();
    QueryWindow window = null;
    if (options.fromSqlFile == null) {
      options.connection.validate(console);
<#if l.query_executions??>
      if (shard.takesAccountWide()) {
        window = options.window();
      }
</#if>
    }
    ManifestHeader header =
        ManifestHeader.of(Flow.LINEAGE, Warehouse.ID, Warehouse.RESOURCE_TYPE, Instant.now())
            .withShard(shard.index(), shard.count());
    if (window != null) {
      header = header.withWindow(window.start(), window.end());
    }
    int events = 0;
    LineageCollector lineage;
    try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
      lineage = new LineageCollector(DIALECT, catalog, !options.tableLevelOnly, Warehouse.QUOTING, manifest);
      if (options.fromSqlFile != null) {
        lineage.sqlFile(options.fromSqlFile, options.defaultDatabase, options.defaultSchema);
      } else {
<#if l.glue_views??>
        readViews(options, shard, lineage);
</#if>
<#if l.query_executions??>
        if (window != null && !window.isEmpty()) {
          readExecutions(options, window, lineage, manifest);
        }
</#if>
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
        "wrote " + events + " lineage events to " + options.outputFile + " (" + lineage.statements()
            + " statements and views parsed, " + lineage.recoveredStatements()
            + " recovered by a fallback, " + lineage.unparsedStatements()
            + " not understood: see the manifest's report)");
    return new Result(
        options.outputFile, events, lineage.statements(), lineage.unparsedStatements(), window, shard);
  }
<#if l.glue_views??>

  /** Every view of the Glue Data Catalog with its SQL (GetDatabases, GetTables, paged). */
  private static void readViews(Options options, Shard shard, LineageCollector lineage) throws UsageException, IOException {
    NamePatterns databases = NamePatterns.parse(options.databases);
    GlueCatalog glue =
        new GlueCatalog(
            options.connection.glue(), options.connection.catalogId(), options.connection.pageSize());
    try {
      for (Database database : glue.databases()) {
        if (!databases.isEmpty() && !databases.matches(database.name())
            || !shard.includes(database.name())) {
          continue;
        }
        for (Table table : glue.tables(database.name())) {
          if ("VIEW".equals(Warehouse.TABLE_TYPES.normalize(table.tableType()))) {
            lineage.view(
                options.connection.catalogName(), database.name(), table.name(), GlueCatalog.viewText(table));
          }
        }
      }
    } catch (SdkException e) {
      throw new IOException("Glue refused to list views (glue:GetDatabases, glue:GetTables): " + e.getMessage(), e);
    }
  }
</#if>
<#if l.query_executions??>

  /**
   * The succeeded statements of the window, each parsed with the catalog and database it ran in
   * as the defaults of the names it does not qualify.
   */
  private static void readExecutions(
      Options options, QueryWindow window, LineageCollector lineage, ManifestWriter manifest)
      throws UsageException, IOException {
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
      if (!"SUCCEEDED".equals(execution.status().stateAsString())
          || !STATEMENT_TYPES.contains(execution.statementTypeAsString())) {
        continue;
      }
      QueryExecutionContext context = execution.queryExecutionContext();
      String catalog = context == null ? null : context.catalog();
      lineage.statement(
          execution.queryExecutionId(),
          execution.query(),
          catalog == null || catalog.equalsIgnoreCase("AwsDataCatalog")
              ? options.connection.catalogName()
              : DIALECT.nameAsWritten(catalog),
          context == null ? null : DIALECT.nameAsWritten(context.database()));
    }
  }
</#if>

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectLineage()).execute(args));
  }
}
