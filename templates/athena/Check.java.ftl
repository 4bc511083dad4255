<#-- The preflight check of an Athena warehouse: each API call of the project's flows, made once
     with the configured credentials, then what they can actually see. -->
<#assign hasMetadata = flows?seq_contains("metadata")>
<#assign hasLineage = flows?seq_contains("lineage")>
<#assign hasQueryLogs = flows?seq_contains("query_logs")>
<#assign l = hasLineage?then(d.lineage, {})>
<#assign glue = hasMetadata || (hasLineage && l.glue_views??)>
<#assign history = hasQueryLogs || (hasLineage && l.query_executions??)>
<#assign historyFlow = hasQueryLogs?then("query_logs", "lineage")>
package ${pkg};

<#if glue>
import ${runtimePkg}.athena.GlueCatalog;
</#if>
import ${runtimePkg}.check.CheckReport;
import ${runtimePkg}.check.Checks;
import ${runtimePkg}.check.Checks.Outcome;
import ${runtimePkg}.check.MonteCarloSettings;
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
<#if history>
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.WorkGroup;
</#if>
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
<#if glue>
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.Table;
</#if>

/**
 * Checks, before the first run, that the programs of this project can do their work with the
 * configured AWS credentials: each API call of their flows succeeds once<#if glue> (Glue {@code
 * GetDatabases}, {@code GetTables})</#if><#if history> (Athena {@code GetWorkGroup}, {@code
 * ListQueryExecutions}, {@code BatchGetQueryExecution})</#if>, the catalog shows tables<#if history> and the
 * workgroup queries from the last day</#if>, and the Monte Carlo settings are present and well formed.
 * One line per check; a failure shows AWS's error and the IAM actions the programs need.
 *
 * <p>Exit codes: 0 every check passed, 1 a check failed or came back empty, 2 bad usage.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        ${picocliString("Checks that the " + d.name + " programs can run with the configured AWS credentials: IAM permissions, visible tables" + history?then(" and queries", "") + ", Monte Carlo settings.")})
public final class Check implements Callable<Integer> {
<#list ["metadata", "lineage", "query_logs"] as f>
<#if flows?seq_contains(f)>

  /** What the ${f?replace("_", " ")} programs need, as the descriptor states it. */
  static final String ${constant(f)}_PRIVILEGES =
      ${javaString((d.privileges[f])!"see the privileges in README.md")};
</#if>
</#list>
<#if glue>

  /** What usually hides the catalog's tables. */
  static final String EMPTY_TABLES =
      ${javaString((d.empty_results.tables)!((d.privileges.metadata)!"see the privileges in README.md"))};
</#if>
<#if history>

  /** What usually empties the workgroup's history. */
  static final String EMPTY_HISTORY =
      ${javaString((d.empty_results[historyFlow])!((d.privileges[historyFlow])!"see the privileges in README.md"))};
</#if>

  @Mixin private Warehouse.ConnectionOptions connection;

  @Mixin private MonteCarloSettings monteCarlo;

  @Mixin private RunSummary summary;

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
      connection.validate(console);
    } catch (UsageException e) {
      console.error(e.getMessage());
      return ExitCode.USAGE;
    }
    monteCarlo.check(report, console);
    Checks checks = new Checks(report);
<#if glue>
<#assign glueFlow = hasMetadata?then("metadata", "lineage")>
    String catalog = connection.catalogId() == null ? "Glue catalog" : "Glue catalog " + connection.catalogId();
    if (checks.run(
        ${javaString(glueFlow)},
        "glue:GetDatabases",
        catalog,
        ${constant(glueFlow)}_PRIVILEGES,
        () -> {
          GetDatabasesResponse page =
              connection.glue().getDatabases(b -> b.catalogId(connection.catalogId()).maxResults(1));
          return page.databaseList().isEmpty()
              ? Outcome.empty("no database listed")
              : Outcome.ok("databases listed, e.g. " + page.databaseList().get(0).name());
        })) {
      checks.run(
          ${javaString(glueFlow)},
          "glue:GetTables",
          catalog,
          EMPTY_TABLES,
          () -> firstTable(connection.glue()));
    }
</#if>
<#if history>
    String workgroup = "workgroup " + connection.workgroup();
    if (checks.run(
        ${javaString(historyFlow)},
        "athena:GetWorkGroup",
        workgroup,
        ${constant(historyFlow)}_PRIVILEGES,
        () -> workgroupState(connection.athena()))) {
      checks.run(
          ${javaString(historyFlow)},
          "athena:ListQueryExecutions, athena:BatchGetQueryExecution",
          workgroup,
          EMPTY_HISTORY,
          () -> lastDay(connection.athena()));
    }
</#if>
    report.print(System.out, json);
    return report.exitCode();
  }
<#if glue>

  /** Reads the databases' tables, one at a time, until the first table. */
  private Outcome firstTable(GlueClient glue) {
    for (Database database :
        new GlueCatalog(glue, connection.catalogId(), connection.pageSize()).databases()) {
      for (Table table :
          glue.getTables(b -> b.catalogId(connection.catalogId()).databaseName(database.name()).maxResults(1))
              .tableList()) {
        return Outcome.ok("visible, e.g. " + database.name() + "." + table.name());
      }
    }
    return Outcome.empty("no tables or views visible in any database");
  }
</#if>
<#if history>

  /** The workgroup exists, is readable, and is enabled. */
  private Outcome workgroupState(AthenaClient athena) {
    WorkGroup group = athena.getWorkGroup(b -> b.workGroup(connection.workgroup())).workGroup();
    return "DISABLED".equals(group.stateAsString())
        ? Outcome.empty("the workgroup is disabled: it runs no queries")
        : Outcome.ok("the workgroup is " + group.stateAsString());
  }

  /**
   * The newest query of the workgroup (one id listed, then read back): the history is readable
   * and holds a query submitted in the last day.
   */
  private Outcome lastDay(AthenaClient athena) {
    List<String> ids = athena.listQueryExecutions(b -> b.workGroup(connection.workgroup()).maxResults(1)).queryExecutionIds();
    if (ids.isEmpty()) {
      return Outcome.empty("no query in the workgroup's history (45 days)");
    }
    List<QueryExecution> executions = athena.batchGetQueryExecution(b -> b.queryExecutionIds(ids)).queryExecutions();
    Instant since = Instant.now().minus(Duration.ofDays(1));
    Instant newest = executions.isEmpty() ? null : executions.get(0).status().submissionDateTime();
    return newest != null && newest.isAfter(since)
        ? Outcome.ok("queries from the last day, e.g. " + executions.get(0).queryExecutionId())
        : Outcome.empty("no query submitted since " + since);
  }
</#if>

  public static void main(String[] args) {
    System.exit(new CommandLine(new Check()).execute(args));
  }
}
