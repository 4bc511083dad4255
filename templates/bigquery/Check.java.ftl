<#-- The preflight check of a BigQuery warehouse: every query of the project's flows as a dry-run
     job, then what the account can actually see. -->
<#assign hasMetadata = flows?seq_contains("metadata")>
<#assign hasLineage = flows?seq_contains("lineage")>
<#assign hasQueryLogs = flows?seq_contains("query_logs")>
<#assign l = hasLineage?then(d.lineage, {})>
<#assign history = hasQueryLogs || (hasLineage && l.jobs??)>
<#assign tm = d.metadata.tables.map>
package ${pkg};

import ${runtimePkg}.bigquery.BigQueryRow;
import ${runtimePkg}.bigquery.BigQueryQueries;
import ${runtimePkg}.check.CheckReport;
import ${runtimePkg}.check.Checks;
import ${runtimePkg}.check.Checks.Outcome;
import ${runtimePkg}.check.MonteCarloSettings;
<#if history>
import ${runtimePkg}.check.SqlProbe;
</#if>
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.Sql;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.QueryJobConfiguration;
<#if history>
import java.time.Instant;
</#if>
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Checks, before the first run, that the programs of this project can do their work with the
 * configured credentials: every query of their flows passes a dry run (BigQuery resolves every
 * view and checks every permission, reads nothing and bills nothing), the project shows tables in
 * the region<#if history> and jobs for the last day</#if>, and the Monte Carlo settings are present and well
 * formed. One line per check; a failure shows BigQuery's error and the roles the programs need.
 *
 * <p>Exit codes: 0 every check passed, 1 a check failed or came back empty, 2 bad usage.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        ${picocliString("Checks that the " + d.name + " programs can run with the configured credentials: permissions, visible tables" + history?then(" and jobs", "") + ", Monte Carlo settings.")})
public final class Check implements Callable<Integer> {
<#list ["metadata", "lineage", "query_logs"] as f>
<#if flows?seq_contains(f)>

  /** What the ${f?replace("_", " ")} programs need, as the descriptor states it. */
  static final String ${constant(f)}_PRIVILEGES =
      ${javaString((d.privileges[f])!"see the privileges in README.md")};
</#if>
</#list>

  /** What usually hides the project's tables. */
  static final String EMPTY_TABLES =
      ${javaString((d.empty_results.tables)!((d.privileges.metadata)!"see the privileges in README.md"))};
<#if hasLineage && l.jobs??>

  /** What usually empties the jobs history of lineage. */
  static final String EMPTY_LINEAGE =
      ${javaString((d.empty_results.lineage)!((d.privileges.lineage)!"see the privileges in README.md"))};
</#if>
<#if hasQueryLogs>

  /** What usually empties the jobs history of query logs. */
  static final String EMPTY_QUERY_LOGS =
      ${javaString((d.empty_results.query_logs)!((d.privileges.query_logs)!"see the privileges in README.md"))};
</#if>

  /** The catalog queries' filters: every dataset and table. */
  private static final Map<String, Object> EVERYTHING =
      Map.of("datasets", List.of(), "tables", List.of());

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
    BigQuery client = connection.connect();
    String target = connection.project() + "." + connection.regionQualifier();
<#if hasMetadata>
    if (checks.run(
        "metadata",
        "tables query",
        target,
        METADATA_PRIVILEGES,
        () -> dryRun(client, CollectMetadata.TABLES, EVERYTHING))) {
      checks.run("metadata", "tables visible", target, EMPTY_TABLES, () -> firstTable(client));
    }
    checks.run(
        "metadata",
        "columns query",
        target,
        METADATA_PRIVILEGES,
        () -> dryRun(client, CollectMetadata.COLUMNS, EVERYTHING));
</#if>
<#if history>
    Map<String, Object> lastDay = SqlProbe.lastDay(Instant.now());
</#if>
<#if hasLineage && l.jobs??>
    if (checks.run(
        "lineage",
        "jobs query",
        target,
        LINEAGE_PRIVILEGES,
        () -> dryRun(client, CollectLineage.JOBS, lastDay))) {
      checks.run(
          "lineage",
          "jobs in the last day",
          target,
          EMPTY_LINEAGE,
          () -> lastDay(client, CollectLineage.JOBS, lastDay));
    }
</#if>
<#if hasLineage && l.links??>
    checks.run(
        "lineage",
        "links query",
        target,
        LINEAGE_PRIVILEGES,
        () -> dryRun(client, CollectLineage.LINKS, Map.of()));
</#if>
<#if hasQueryLogs>
    if (checks.run(
        "query_logs",
        "jobs query",
        target,
        QUERY_LOGS_PRIVILEGES,
        () -> dryRun(client, CollectQueryLogs.QUERY_HISTORY, lastDay))) {
      checks.run(
          "query_logs",
          "jobs in the last day",
          target,
          EMPTY_QUERY_LOGS,
          () -> lastDay(client, CollectQueryLogs.QUERY_HISTORY, lastDay));
    }
</#if>
    report.print(System.out, json);
    return report.exitCode();
  }

  /**
   * Runs the query as a dry-run job: BigQuery parses it, resolves every view and checks every
   * permission, and reads and bills nothing.
   */
  private Outcome dryRun(BigQuery client, Sql sql, Map<String, ?> values) {
    QueryJobConfiguration.Builder job =
        QueryJobConfiguration.newBuilder(sql.renderNamed(Warehouse.QUOTING, connection.identifiers()))
            .setUseLegacySql(false)
            .setDryRun(true);
    for (String name : sql.parameterNames()) {
      job.addNamedParameter(name, BigQueryQueries.parameter(values.get(name)));
    }
    client.create(JobInfo.of(job.build()));
    return Outcome.ok("dry run passes");
  }

  /** Reads the tables query until a table in a dataset that is collected. */
  private Outcome firstTable(BigQuery client) throws InterruptedException {
    for (BigQueryRow row :
        Warehouse.query(
            client, CollectMetadata.TABLES, connection.identifiers(), EVERYTHING, connection.pageSize())) {
      String dataset = row.string(${javaString(tm.schema)});
      if (!Warehouse.SKIP_SCHEMAS.matches(dataset)) {
        return Outcome.ok("visible, e.g. " + dataset + "." + row.string(${javaString(tm.name)}));
      }
    }
    return Outcome.empty("no tables or views visible in the region");
  }
<#if history>

  /** Whether the jobs history has a row for the last day (one row read). */
  private Outcome lastDay(BigQuery client, Sql sql, Map<String, Object> window)
      throws InterruptedException {
    String span = SqlProbe.span(window);
    return Warehouse.query(client, sql, connection.identifiers(), window, 1).iterator().hasNext()
        ? Outcome.ok("jobs from " + span)
        : Outcome.empty("no job from " + span);
  }
</#if>

  public static void main(String[] args) {
    System.exit(new CommandLine(new Check()).execute(args));
  }
}
