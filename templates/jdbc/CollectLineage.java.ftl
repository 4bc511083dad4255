<#assign l = d.lineage>
<#assign inUrl = d.connection.database_in_url>
<#assign fromLogs = l.log_format??>
<#assign windowed = l.edges?? || l.statements?? || fromLogs>
<#assign readsWarehouse = l.views?? || l.edges?? || l.statements??>
<#assign perDatabaseHistory = (l.statements.per_database)!false>
<#macro col label>${javaString(label)}</#macro>
<#include "/common/window-options.ftl">
<#include "/common/log-file-options.ftl">
package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
<#if (l.statements.text_escaped)!false>
import ${runtimePkg}.collect.QueryLogRows.EscapedText;
</#if>
import ${runtimePkg}.collect.LineageCollector;
<#if windowed>
import ${runtimePkg}.collect.QueryWindow;
</#if>
<#if l.views??>
import ${runtimePkg}.collect.Scope;
</#if>
import ${runtimePkg}.collect.Shard;
<#if readsWarehouse>
import ${runtimePkg}.collect.Sql;
</#if>
import ${runtimePkg}.lineage.Catalog;
import ${runtimePkg}.lineage.Dialect;
import ${runtimePkg}.lineage.MetadataCatalog;
<#if l.edges??>
import ${runtimePkg}.lineage.TableName;
</#if>
<#if fromLogs>
import ${runtimePkg}.logs.LogFormat;
import ${runtimePkg}.logs.LogQueryLogs;
import ${runtimePkg}.logs.${pascal(l.log_format)}Log;
</#if>
import ${runtimePkg}.manifest.ManifestHeader;
import ${runtimePkg}.manifest.ManifestWriter;
import ${runtimePkg}.model.Flow;
import ${runtimePkg}.model.LineageEvent;
import java.io.IOException;
<#if fromLogs && l.views??>
import java.nio.file.NoSuchFileException;
</#if>
import java.nio.file.Path;
<#if readsWarehouse>
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
</#if>
<#if windowed>
import java.time.Duration;
</#if>
import java.time.Instant;
<#if fromLogs>
import java.time.ZoneId;
</#if>
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Collects table and column lineage from ${comment(d.name)} into a manifest that {@link
 * PushLineage} sends to Monte Carlo: one event per destination table, its sources merged across
 * everything seen.
 *
 * <p>Sources:
 * <ul>
<#if l.views??>
 *   <li>view definitions from the catalog ({@link #VIEWS}), parsed: a full snapshot each run;
</#if>
<#if l.edges??>
 *   <li>the warehouse's own lineage records ({@link #EDGES}), exact, no parsing<#if l.edges.optional!false>; where the
 *       account lacks them, the statements below instead</#if>;
</#if>
<#if l.statements??>
 *   <li>the statements in the query history ({@link #STATEMENTS}), parsed with a SQL parser;
</#if>
<#if fromLogs>
 *   <li>the statements in the server's ${comment(l.log_format)} log files, parsed with a SQL parser;
</#if>
 * </ul>
<#if windowed>
 *
 * <p>History is read in windows chained through the state file, like query logs: each run starts
 * where the previous one ended, {@value #LAG_MINUTES} minutes before now ({@code --window hourly}:
 * the last complete hour older than that, from the clock alone).
</#if>
 *
 * <p>With {@code --shard I/N}, <#if l.views??>views are read from the databases whose name hashes to shard I<#if windowed>, and </#if></#if><#if windowed><#if perDatabaseHistory>each of those databases' history<#else>the history, which is the whole account's, by shard 0 alone</#if></#if>: N runs read everything once.
 * Statements the parser cannot read are listed in the manifest's report and never stop the run.
 */
@Command(
    name = "collect-lineage",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " table and column lineage into a manifest file.")})
public final class CollectLineage implements Callable<Integer> {
  /** The SQL dialect of view definitions and statements. */
  static final Dialect DIALECT = Dialect.fromId(${javaString(l.dialect)});
<#if windowed>

  /** How far back the first run reaches. */
  static final int LOOKBACK_MINUTES = ${l.lookback_minutes?c};

  /** How long before now the window ends: the history fills in this late. */
  static final int LAG_MINUTES = ${l.lag_minutes?c};
</#if>
<#if l.views??>

  /** View definitions of one database. */
  static final Sql VIEWS =
      Sql.of(
          ${textBlock(l.views.sql, 10)});
</#if>
<#if l.edges??>

  /** Lineage rows of one window, {@code [:start_time, :end_time)}, one per source (column). */
  static final Sql EDGES =
      Sql.of(
          ${textBlock(l.edges.sql, 10)});
</#if>
<#if l.statements??>

  /** Statements that may write tables, of one window {@code [:start_time, :end_time)}. */
  static final Sql STATEMENTS =
      Sql.of(
          ${textBlock(l.statements.sql, 10)});
</#if>

<#if fromLogs>

  /** The log's format ({@code log_format: ${comment(l.log_format)}}). */
  static final LogFormat LOG_FORMAT = new ${pascal(l.log_format)}Log();
</#if>

  @Mixin private Options options;

  @Mixin private RunSummary summary;

  /** The collect options, shared with {@link CollectAndPushLineage}. */
  public static final class Options {
<#if readsWarehouse>
    @Mixin Warehouse.ConnectionOptions connection;
</#if>
<#if l.views??>

    @Mixin Scope scope;
</#if>

    @Option(
        names = "--output-file",
        defaultValue = "lineage_manifest.json",
        description = "Manifest to write (default: ${r"${DEFAULT-VALUE}"}).")
    Path outputFile;
<#if fromLogs>
<@logFileOptions l/>
</#if>
<#if windowed>
<@windowOptions "lineage_state"/>
</#if>

    @Mixin Shard.Options shard;

    @Option(
        names = "--table-level-only",
        description = "Send table lineage only, no column mappings.")
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
            "Parse the statements of this file (separated by ';') instead of reading the"
                + " warehouse, to check what would be pushed.")
    Path fromSqlFile;

    @Option(
        names = "--default-database",
        description =
            "With --from-sql-file<#if fromLogs>, and for logged statements whose log line does not say</#if>: the"
                + " database of names that do not give one.")
    String defaultDatabase;

    @Option(
        names = "--default-schema",
        description =
            "With --from-sql-file<#if fromLogs>, and for logged statements</#if>: the schema of names that do"
                + " not give one.")
    String defaultSchema;

<#if readsWarehouse>
    @Option(
        names = "--fetch-size",
        defaultValue = "1000",
        description = "Rows fetched per round trip (default: ${r"${DEFAULT-VALUE}"}).")
    int fetchSize;
</#if>

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
    } catch (<#if readsWarehouse>SQLException | </#if>IOException | RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }

  /**
   * @param manifest the manifest written
   * @param events how many lineage events it holds
   * @param statements how many statements and view definitions were parsed
   * @param unparsed how many of them the parser could not read (listed in the manifest's report)
<#if windowed>
   * @param window the history's window, or null when no history was read
</#if>
   * @param shard the part of the account collected
   */
  public record Result(
      Path manifest, int events, long statements, long unparsed, <#if windowed>QueryWindow window, </#if>Shard shard) {
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
<#if windowed>
      if (window != null) {
        summary.window(window.start(), window.end());
      }
</#if>
      if (shard.isSplit()) {
        summary.shard(shard.toString());
      }
    }
  }

  /** Writes the lineage manifest<#if windowed>, then advances the state to the window's end</#if>. */
  public static Result collect(Options options, Console console)
      throws UsageException, <#if readsWarehouse>SQLException, </#if>IOException {
    Catalog catalog = MetadataCatalog.forLineage(options.catalog, DIALECT, console::info);
    // Defaults given on the command line are read as SQL reads names (Snowflake: upper case).
    options.defaultDatabase = DIALECT.nameAsWritten(options.defaultDatabase);
    options.defaultSchema = DIALECT.nameAsWritten(options.defaultSchema);
    Shard shard = options.shard.resolve();
<#if windowed && perDatabaseHistory>
    // Each database keeps its own history, read with the database's views by its shard.
    QueryWindow window = options.fromSqlFile != null ? null : options.window();
<#elseif windowed>
    // The history is the whole account's: shard 0 reads it, so that N shards read it once.
    QueryWindow window =
        options.fromSqlFile != null || !shard.takesAccountWide() ? null : options.window();
</#if>
    ManifestHeader header =
        ManifestHeader.of(Flow.LINEAGE, Warehouse.ID, Warehouse.RESOURCE_TYPE, Instant.now())
            .withShard(shard.index(), shard.count());
<#if windowed>
    if (window != null) {
      header = header.withWindow(window.start(), window.end());
    }
</#if>
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
      } else {
<#if fromLogs>
        if (window != null) {
          readLogs(options, window, lineage, manifest, console);
        }
</#if>
<#if readsWarehouse>
        options.connection.validate(console);
</#if>
<#if l.views?? || perDatabaseHistory>
        for (String database :
            Warehouse.databases(
                options.connection,
                database -> options.scope.database(database) && shard.includes(database))) {
<#if l.views??>
          readViews(options, database, lineage);
</#if>
<#if perDatabaseHistory>
          if (window != null && !window.isEmpty()) {
            readHistory(options, database, window, lineage);
          }
</#if>
        }
</#if>
<#if (l.edges?? || l.statements??) && !perDatabaseHistory>
        if (window != null && !window.isEmpty()) {
          readHistory(options, window, lineage, console);
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
<#if windowed>
    if (window != null) {
      window.save(options.stateFile());
    }
</#if>
    console.info(
        "wrote "
            + events
            + " lineage events to "
            + options.outputFile
            + " ("
            + lineage.statements()
            + " statements read, "
            + lineage.recoveredStatements()
            + " recovered by a fallback, "
            + lineage.unparsedStatements()
            + " not understood: see the manifest's report)");
    return new Result(
        options.outputFile,
        events,
        lineage.statements(),
        lineage.unparsedStatements(),
        <#if windowed>window, </#if>shard);
  }

<#if l.views??>

  /** Parses the definitions of one database's views. */
  private static void readViews(Options options, String database, LineageCollector lineage)
      throws SQLException {
<#assign vm = l.views.map>
    try (Connection connection = options.connection.connect(<#if inUrl>database</#if>);
        PreparedStatement statement =
            VIEWS.prepare(
                connection,
                Warehouse.QUOTING,
                Map.of("database", database),
                Map.of("database", database))) {
      statement.setFetchSize(options.fetchSize);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String schema = rows.getString(<@col vm.schema/>);
          String name = rows.getString(<@col vm.name/>);
          if (!Warehouse.SKIP_SCHEMAS.matches(schema) && options.scope.table(schema, name)) {
            lineage.view(
                <#if vm.database??>rows.getString(<@col vm.database/>)<#else>database</#if>,
                schema,
                name,
                rows.getString(<@col vm.definition/>));
          }
        }
      }
    }
  }
</#if>
<#if fromLogs>

  /** Parses the statements the server logged in the window. */
  private static void readLogs(
      Options options,
      QueryWindow window,
      LineageCollector lineage,
      ManifestWriter manifest,
      Console console)
      throws UsageException, IOException {
    String logFile = options.logFile();
    ZoneId zone = options.logZone();
<#if l.views??>
    try {
</#if>
      LogQueryLogs.collect(
          LOG_FORMAT,
          logFile,
          zone,
          window,
          entry -> {
            // A statement that failed changed nothing.
            if (entry.errorCode() == null && entry.errorText() == null) {
              lineage.statement(
                  entry.queryId(),
                  entry.queryText(),
                  entry.extra() == null || entry.extra().get("database_name") == null
                      ? options.defaultDatabase
                      : (String) entry.extra().get("database_name"),
                  options.defaultSchema);
            }
          },
          manifest::report);
<#if l.views??>
    } catch (NoSuchFileException e) {
      // View lineage is still worth sending; say loudly what is missing.
      console.warn(
          e.getMessage() + ": lineage from logged statements left out, views only (see --log-file)");
      manifest.report("skipped_sources", logFile, e.getMessage());
    }
</#if>
  }
</#if>
<#if l.edges?? || l.statements??>

<#if perDatabaseHistory>
  /** Reads the statements of one database's history (its own) in the window. */
  private static void readHistory(
      Options options, String historyDatabase, QueryWindow window, LineageCollector lineage)
      throws SQLException {
    Map<String, Object> bounds = Map.of("start_time", window.start(), "end_time", window.end());
    try (Connection connection = options.connection.connect(historyDatabase)) {
<#else>
  /** Reads the window's lineage rows and statements. */
  private static void readHistory(
      Options options, QueryWindow window, LineageCollector lineage, Console console)
      throws SQLException {
    Map<String, Object> bounds = Map.of("start_time", window.start(), "end_time", window.end());
    try (Connection connection = options.connection.connect(<#if inUrl>null</#if>)) {
</#if>
<#if l.edges??>
<#assign em = l.edges.map>
<#if l.edges.optional!false && l.statements??>
      try {
        readEdges(options, connection, bounds, lineage);
        return;
      } catch (SQLException e) {
        console.warn(
            "the lineage records cannot be read ("
                + e.getMessage()
                + "); parsing the query history instead");
        connection.rollback();
      }
<#else>
      readEdges(options, connection, bounds, lineage);
</#if>
</#if>
<#if l.statements??>
<#assign sm = l.statements.map>
      try (PreparedStatement statement =
          STATEMENTS.prepare(connection, Warehouse.QUOTING, Map.of(), bounds)) {
        statement.setFetchSize(options.fetchSize);
        try (ResultSet rows = statement.executeQuery()) {
          StringBuilder text = new StringBuilder();
          String queryId = null;
          String database = null;
          String schema = null;
          while (rows.next()) {
            String id = <#if sm.query_id??>rows.getString(<@col sm.query_id/>)<#else>null</#if>;
<#if l.statements.text_chunks!false>
            if (queryId != null && queryId.equals(id)) {
              text.append(rows.getString(<@col sm.query_text/>));
              continue;
            }
</#if>
            if (!text.isEmpty()) {
              lineage.statement(queryId, <@statementText/>, database, schema);
            }
            text.setLength(0);
            String chunk = rows.getString(<@col sm.query_text/>);
            text.append(chunk == null ? "" : chunk);
            queryId = id;
            database = <#if sm.database??>rows.getString(<@col sm.database/>)<#else>null</#if>;
            schema = <#if sm.schema??>rows.getString(<@col sm.schema/>)<#else>null</#if>;
          }
          if (!text.isEmpty()) {
            lineage.statement(queryId, <@statementText/>, database, schema);
          }
        }
      }
</#if>
    }
  }
</#if>
<#if l.edges??>

  /** One row per source (and source column) of a destination (column). */
  private static void readEdges(
      Options options, Connection connection, Map<String, Object> bounds, LineageCollector lineage)
      throws SQLException {
    try (PreparedStatement statement =
        EDGES.prepare(connection, Warehouse.QUOTING, Map.of(), bounds)) {
      statement.setFetchSize(options.fetchSize);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          lineage.edge(
              <@side "target"/>,
              <#if em.target_column??>rows.getString(<@col em.target_column/>)<#else>null</#if>,
              <@side "source"/>,
              <#if em.source_column??>rows.getString(<@col em.source_column/>)<#else>null</#if>);
        }
      }
    }
  }
</#if>

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectLineage()).execute(args));
  }
}
<#macro side name><#if em[name]??>LineageCollector.qualifiedName(rows.getString(<@col em[name]/>), Warehouse.QUOTING)<#else>new TableName(
                  rows.getString(<@col em[name + "_database"]/>),
                  rows.getString(<@col em[name + "_schema"]/>),
                  rows.getString(<@col em[name + "_table"]/>))</#if></#macro>
<#-- A statement's joined text, decoded when the warehouse stores it escaped. -->
<#macro statementText><#if (l.statements.text_escaped)!false>EscapedText.decode(text.toString())<#else>text.toString()</#if></#macro>
