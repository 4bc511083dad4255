<#-- The preflight check of a JDBC warehouse: every catalog and history query of the project's
     flows, run so that it returns no rows, then what the account can actually see. -->
<#assign inUrl = d.connection.database_in_url>
<#assign hasMetadata = flows?seq_contains("metadata")>
<#assign hasLineage = flows?seq_contains("lineage")>
<#assign hasQueryLogs = flows?seq_contains("query_logs")>
<#assign l = hasLineage?then(d.lineage, {})>
<#assign q = hasQueryLogs?then(d.query_logs, {})>
<#assign lineageViews = hasLineage && l.views??>
<#assign lineageEdges = hasLineage && l.edges??>
<#assign lineageStatements = hasLineage && l.statements??>
<#assign lineageLogs = hasLineage && l.log_format??>
<#assign queryLogsFromFiles = hasQueryLogs && ((q.kind)!"") == "log-file">
<#assign queryLogsSql = hasQueryLogs && !queryLogsFromFiles>
<#assign perDatabase = hasMetadata || lineageViews>
<#assign history = lineageEdges || lineageStatements || queryLogsSql>
<#assign readsWarehouse = perDatabase || history>
<#assign readsLogs = lineageLogs || queryLogsFromFiles>
<#assign detail = hasMetadata && d.metadata.table_detail??>
<#-- The flow whose privileges a database's connection needs. -->
<#assign firstFlow = hasMetadata?then("metadata", "lineage")>
<#macro col label>${javaString(label)}</#macro>
<#macro privilege flow><#if flow == "metadata">METADATA_PRIVILEGES<#elseif flow == "lineage">LINEAGE_PRIVILEGES<#else>QUERY_LOGS_PRIVILEGES</#if></#macro>
<#include "/common/log-file-options.ftl">
<#include "/common/variants.ftl">
<#-- The forms of the tables and history queries that the opt-ins select, and what they need. -->
<#if hasMetadata>
<#assign tablesQuery = chosenSql("CollectMetadata.", d.metadata.tables, "TABLES", "tables", "")>
<#assign tablesPrivileges = chosenText(d.metadata.tables, "TABLES", "privileges", "METADATA_PRIVILEGES", "")>
<#assign tablesEmpty = chosenText(d.metadata.tables, "TABLES", "empty_result", "EMPTY_TABLES", "")>
</#if>
<#if queryLogsSql>
<#assign historyQuery = chosenSql("CollectQueryLogs.", q, "QUERY_HISTORY", "queryHistory", "")>
<#assign historyPrivileges = chosenText(q, "QUERY_HISTORY", "privileges", "QUERY_LOGS_PRIVILEGES", "")>
<#assign historyEmpty = chosenText(q, "QUERY_HISTORY", "empty_result", "EMPTY_QUERY_LOGS", "")>
</#if>
package ${pkg};

import ${runtimePkg}.check.CheckReport;
import ${runtimePkg}.check.Checks;
import ${runtimePkg}.check.Checks.Outcome;
<#if readsLogs>
import ${runtimePkg}.check.LogProbe;
</#if>
import ${runtimePkg}.check.MonteCarloSettings;
<#if readsWarehouse>
import ${runtimePkg}.check.SqlProbe;
</#if>
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
<#if perDatabase>
import ${runtimePkg}.collect.Scope;
</#if>
<#if readsLogs>
import ${runtimePkg}.logs.LogFormat;
import ${runtimePkg}.logs.LogQueryLogs;
</#if>
<#if readsWarehouse>
import java.sql.Connection;
import java.sql.SQLException;
</#if>
<#if readsLogs || history>
import java.time.Instant;
</#if>
<#if readsLogs>
import java.time.ZoneId;
</#if>
<#if perDatabase>
import java.util.ArrayList;
</#if>
<#if queryLogsSql && (q.parameters)?has_content>
import java.util.HashMap;
</#if>
<#if perDatabase>
import java.util.List;
</#if>
<#if readsWarehouse>
import java.util.Map;
</#if>
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Checks, before the first run, that the programs of this project can do their work as the
 * configured user: every catalog and history query of their flows runs (in a form that returns
 * no rows)<#if perDatabase>, every database the account lists shows tables</#if><#if history>, the
 * history has something for the last day</#if><#if readsLogs>, the log files can be read</#if>, and
 * the Monte Carlo settings are present and well formed. One line per check; a failure shows the
 * vendor's error and the privilege the programs need.
 *
 * <p>Exit codes: 0 every check passed, 1 a check failed or came back empty, 2 bad usage.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        ${picocliString("Checks that the " + d.name + " programs can run as the configured user: privileges, visible tables" + history?then(" and history", "") + ", Monte Carlo settings.")})
public final class Check implements Callable<Integer> {
<#list ["metadata", "lineage", "query_logs"] as f>
<#if flows?seq_contains(f)>

  /** What the ${f?replace("_", " ")} programs need, as the descriptor states it. */
  static final String ${constant(f)}_PRIVILEGES =
      ${javaString((d.privileges[f])!"see the privileges in README.md")};
</#if>
</#list>
<#if hasMetadata>

  /** What usually hides a database's tables. */
  static final String EMPTY_TABLES =
      ${javaString((d.empty_results.tables)!((d.privileges.metadata)!"see the privileges in README.md"))};
<@textConstants d.metadata.tables "TABLES" "privileges" "what the tables query needs"/>
<@textConstants d.metadata.tables "TABLES" "empty_result" "what usually hides a database's tables"/>
</#if>
<#if lineageViews>

  /** What usually hides view definitions. */
  static final String EMPTY_VIEWS =
      ${javaString((d.empty_results.views)!((d.privileges.lineage)!"see the privileges in README.md"))};
</#if>
<#if lineageEdges || lineageStatements || lineageLogs>

  /** What usually empties the lineage history. */
  static final String EMPTY_LINEAGE =
      ${javaString((d.empty_results.lineage)!((d.privileges.lineage)!"see the privileges in README.md"))};
</#if>
<#if hasQueryLogs>

  /** What usually empties the query history. */
  static final String EMPTY_QUERY_LOGS =
      ${javaString((d.empty_results.query_logs)!((d.privileges.query_logs)!"see the privileges in README.md"))};
<#if queryLogsSql>
<@textConstants q "QUERY_HISTORY" "privileges" "what the history query needs"/>
<@textConstants q "QUERY_HISTORY" "empty_result" "what usually empties the query history"/>
</#if>
</#if>
<#if readsWarehouse>

  @Mixin private Warehouse.ConnectionOptions connection;
</#if>
<#if perDatabase>

  @Mixin private Scope scope;
</#if>
<#if readsLogs>
<@logFileOptions lineageLogs?then(l, q)/>
</#if>

  @Mixin private MonteCarloSettings monteCarlo;

  @Mixin private RunSummary summary;
<@optionFields optionsOf(queriesOf(flows)) 2/>
<#if detail>

  @Option(
      names = "--${d.metadata.table_detail.option}",
      description =
          "Also check the per-table query of --${d.metadata.table_detail.option}, on the first table of each database.")
  boolean tableDetail;
</#if>

<#if queryLogsSql>
<#list (q.parameters)![] as p>

  @Option(
      names = "--${p.name?replace("_", "-")}",
      defaultValue = ${javaString(r"${env:" + p.env + "}")},
      description = ${picocliString(p.description + " As for collect-query-logs (env " + p.env + ").")})
  String ${camel(p.name)};
</#list>
</#if>

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    return summary.run(Warehouse.ID, null, this::execute);
  }

  private int execute() {
    Console console = Console.system(verbose);
    CheckReport report = new CheckReport(Warehouse.NAME);
    try {
<#if readsWarehouse>
      connection.validate(console);
</#if>
<#if queryLogsSql>
<#list (q.parameters)![] as p>
      if (${camel(p.name)} == null || ${camel(p.name)}.isBlank()) {
        throw new UsageException(
            "missing --${p.name?replace("_", "-")} (or the environment variable ${p.env}), which the query history needs");
      }
</#list>
</#if>
<#if readsLogs>
      String logs = logFile();
      ZoneId zone = logZone();
</#if>
      monteCarlo.check(report, console);
      Checks checks = new Checks(report);
<#if perDatabase>
      databases(checks);
</#if>
<#if history>
      history(checks);
</#if>
<#if lineageLogs>
      logs(checks, "lineage", LINEAGE_PRIVILEGES, EMPTY_LINEAGE, CollectLineage.LOG_FORMAT, logs, zone);
</#if>
<#if queryLogsFromFiles>
      logs(checks, "query_logs", QUERY_LOGS_PRIVILEGES, EMPTY_QUERY_LOGS, CollectQueryLogs.FORMAT, logs, zone);
</#if>
    } catch (UsageException e) {
      console.error(e.getMessage());
      return ExitCode.USAGE;
    }
    report.print(System.out, json);
    return report.exitCode();
  }
<#if readsWarehouse>

  /** Opens a connection<#if inUrl> to {@code database} (null: the configured one)</#if>, recorded as a check; null when it fails. */
  private Connection open(Checks checks, String flow, String needed, String database) {
    Connection[] opened = {null};
    checks.run(
        flow,
        "connect",
        database,
        needed,
        () -> {
          opened[0] = connection.connect(<#if inUrl>database</#if>);
          return Outcome.ok("connected as the configured user");
        });
    return opened[0];
  }
</#if>
<#if perDatabase>

  /** Lists the databases, then checks each one's catalog queries. */
  private void databases(Checks checks) {
    List<String> databases = new ArrayList<>();
    boolean listed =
        checks.run(
            ${javaString(firstFlow)},
            "databases",
            null,
            <@privilege firstFlow/>,
            () -> {
              databases.addAll(Warehouse.databases(connection, scope::database));
              return databases.isEmpty()
                  ? Outcome.empty("no database to collect is visible")
                  : Outcome.ok(databases.size() + " to collect: " + String.join(", ", databases));
            });
    if (listed) {
      for (String database : databases) {
        database(checks, database);
      }
    }
  }

  /** Checks one database's catalog queries, and that its tables are visible. */
  private void database(Checks checks, String database) {
    Map<String, String> identifiers = Map.of("database", database);
    Map<String, Object> parameters = Map.of("database", database);
    try (Connection c = open(checks, ${javaString(firstFlow)}, <@privilege firstFlow/>, database)) {
      if (c == null) {
        return;
      }
<#if hasMetadata>
      boolean tables =
          checks.run(
              "metadata",
              "tables query",
              database,
              ${tablesPrivileges},
              () ->
                  SqlProbe.probe(
                      c, ${tablesQuery}, Warehouse.QUOTING, identifiers, parameters));
      checks.run(
          "metadata",
          "columns query",
          database,
          METADATA_PRIVILEGES,
          () -> SqlProbe.probe(c, CollectMetadata.COLUMNS, Warehouse.QUOTING, identifiers, parameters));
      if (tables) {
        String[] first = new String[2];
<#if detail>
        boolean visible =
            checks.run(
<#else>
        checks.run(
</#if>
                "metadata",
                "tables visible",
                database,
                ${tablesEmpty},
                () -> firstTable(c, identifiers, parameters, first));
<#if detail>
        if (visible && tableDetail && first[0] != null) {
          checks.run(
              "metadata",
              "${d.metadata.table_detail.option} query",
              database + "." + first[0] + "." + first[1],
              METADATA_PRIVILEGES,
              () ->
                  SqlProbe.probe(
                      c,
                      CollectMetadata.TABLE_DETAIL,
                      Warehouse.QUOTING,
                      Map.of("database", database, "schema", first[0], "table", first[1]),
                      Map.of()));
        }
</#if>
      }
</#if>
<#if lineageViews>
      if (checks.run(
          "lineage",
          "views query",
          database,
          LINEAGE_PRIVILEGES,
          () -> SqlProbe.probe(c, CollectLineage.VIEWS, Warehouse.QUOTING, identifiers, parameters))) {
        checks.run(
            "lineage",
            "view definitions",
            database,
            EMPTY_VIEWS,
            () -> viewDefinitions(c, identifiers, parameters));
      }
</#if>
    } catch (SQLException closing) {
      // Every check of the database is recorded; failing to close its connection changes none.
    }
  }
</#if>
<#if hasMetadata>
<#assign tm = d.metadata.tables.map>

  /**
   * Reads the tables query until a table in scope: ok naming it (its schema and name also go
   * into {@code first}<#if detail>, a base table's only</#if>), empty when the database shows none.
   */
  private Outcome firstTable(
      Connection c, Map<String, String> identifiers, Map<String, Object> parameters, String[] first)
      throws SQLException {
    String[] seen = {null};
    SqlProbe.rows(
        c,
        ${tablesQuery},
        Warehouse.QUOTING,
        identifiers,
        parameters,
        0,
        row -> {
          String schema = row.getString(<@col tm.schema/>);
          String name = row.getString(<@col tm.name/>);
          if (Warehouse.SKIP_SCHEMAS.matches(schema) || !scope.table(schema, name)) {
            return true;
          }
          if (seen[0] == null) {
            seen[0] = schema + "." + name;
          }
<#if detail>
          if (!"TABLE".equals(Warehouse.TABLE_TYPES.normalize(row.getString(<@col tm.type/>)))) {
            return true;
          }
</#if>
          first[0] = schema;
          first[1] = name;
          return false;
        });
    return seen[0] == null
        ? Outcome.empty("no tables or views visible, although the database is listed")
        : Outcome.ok("visible, e.g. " + seen[0]);
  }
</#if>
<#if lineageViews>
<#assign vm = l.views.map>

  /** Counts the views in scope and those whose definition the user cannot see. */
  private Outcome viewDefinitions(
      Connection c, Map<String, String> identifiers, Map<String, Object> parameters)
      throws SQLException {
    long[] views = {0, 0};
    SqlProbe.rows(
        c,
        CollectLineage.VIEWS,
        Warehouse.QUOTING,
        identifiers,
        parameters,
        0,
        row -> {
          String schema = row.getString(<@col vm.schema/>);
          if (!Warehouse.SKIP_SCHEMAS.matches(schema)
              && scope.table(schema, row.getString(<@col vm.name/>))) {
            views[0]++;
            String definition = row.getString(<@col vm.definition/>);
            if (definition == null || definition.isBlank()) {
              views[1]++;
            }
          }
          return true;
        });
    return views[1] > 0
        ? Outcome.empty(views[1] + " of " + views[0] + " views show no definition")
        : Outcome.ok(views[0] + " views, every definition visible");
  }
</#if>
<#if history>

  /** Checks the history queries on the last day the programs would collect. */
  private void history(Checks checks) {
<#assign historyFlow = (lineageEdges || lineageStatements)?then("lineage", "query_logs")>
    try (Connection c = open(checks, ${javaString(historyFlow)}, <@privilege historyFlow/>, null)) {
      if (c == null) {
        return;
      }
      Map<String, Object> lastDay = SqlProbe.lastDay(Instant.now());
<#if lineageEdges || lineageStatements>
</#if>
<#if lineageEdges>
<#if (l.edges.optional!false) && lineageStatements>
      // Without the lineage records the programs parse the statements below instead.
      if (checks.runOptional(
<#else>
      if (checks.run(
</#if>
          "lineage",
          "edges query",
          null,
          LINEAGE_PRIVILEGES,
          () -> SqlProbe.probe(c, CollectLineage.EDGES, Warehouse.QUOTING, Map.of(), lastDay))) {
        checks.run(
            "lineage",
            "edges in the last day",
            null,
            EMPTY_LINEAGE,
            () -> SqlProbe.history(c, CollectLineage.EDGES, Warehouse.QUOTING, lastDay));
      }
</#if>
<#if lineageStatements>
      if (checks.run(
          "lineage",
          "statements query",
          null,
          LINEAGE_PRIVILEGES,
          () ->
              SqlProbe.probe(c, CollectLineage.STATEMENTS, Warehouse.QUOTING, Map.of(), lastDay))) {
        checks.run(
            "lineage",
            "statements in the last day",
            null,
            EMPTY_LINEAGE,
            () -> SqlProbe.history(c, CollectLineage.STATEMENTS, Warehouse.QUOTING, lastDay));
      }
</#if>
<#if queryLogsSql>
<#if (q.parameters)?has_content>
      // The history query's own parameters, bound as collect-query-logs binds them.
      Map<String, Object> queryLogs = new HashMap<>(lastDay);
<#list q.parameters as p>
      queryLogs.put(${javaString(p.name)}, ${camel(p.name)});
</#list>
<#else>
      Map<String, Object> queryLogs = lastDay;
</#if>
      if (checks.run(
          "query_logs",
          "query history",
          null,
          ${historyPrivileges},
          () ->
              SqlProbe.probe(
                  c, ${historyQuery}, Warehouse.QUOTING, Map.of(), queryLogs))) {
        checks.run(
            "query_logs",
            "queries in the last day",
            null,
            ${historyEmpty},
            () ->
                SqlProbe.history(
                    c, ${historyQuery}, Warehouse.QUOTING, queryLogs));
      }
</#if>
    } catch (SQLException closing) {
      // Every history check is recorded; failing to close the connection changes none.
    }
  }
</#if>
<#if readsLogs>

  /** Checks that the log files can be read and hold statements of the last day. */
  private static void logs(
      Checks checks,
      String flow,
      String needed,
      String empty,
      LogFormat format,
      String logs,
      ZoneId zone) {
    if (checks.run(flow, "log files", logs, needed, () -> LogProbe.files(logs, format))) {
      checks.run(
          flow,
          "statements in the last day",
          logs,
          empty,
          () -> LogProbe.lastDay(logs, format, zone, Instant.now()));
    }
  }
</#if>

  public static void main(String[] args) {
    System.exit(new CommandLine(new Check()).execute(args));
  }
}
