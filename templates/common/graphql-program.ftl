<#-- A lineage or table management program; included by its <Program>.java.ftl with `program` set. -->
<#assign confirms = program == "DeleteLineageNode" || program == "DeletePushTables">
package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.graphql.GraphQlOptions;
<#if program == "DeletePushTables">
import ${runtimePkg}.graphql.PushTableDeleter;
<#else>
import ${runtimePkg}.graphql.LineageTools;
</#if>
<#if confirms>
import ${runtimePkg}.graphql.PushTableDeleter.Confirmation;
</#if>
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
<#if program == "LineageNode">
 * Creates or updates a custom lineage node (a dbt model, an Airflow job, a dashboard, ...) in
 * Monte Carlo. Permanent ({@code expireAt: "9999-12-31"}) unless {@code --expire-at} or {@code
 * --ttl-days} is given: Monte Carlo would otherwise drop it after 7 days.
<#elseif program == "LineageEdge">
 * Creates or updates custom lineage edges in Monte Carlo: one from the {@code --source-*} and
 * {@code --destination-*} options, or many from a CSV, YAML or JSON file ({@code --file}).
 * Permanent unless {@code --expire-at}, {@code --ttl-days} or a row's {@code expire_at} says
 * otherwise.
<#elseif program == "DeleteLineageNode">
 * Deletes lineage nodes (by MCON, or tables by fullTableId) with all their edges. Irreversible:
 * asks for confirmation unless {@code --yes}; without a terminal nothing is deleted without it.
<#else>
 * Deletes push-ingested ${comment(d.name)} tables from Monte Carlo, which never removes them by itself:
 * from fullTableIds, a list file or a manifest, narrowed by {@code --pattern}; resolves and lists
 * their MCONs, asks for confirmation unless {@code --yes} (without a terminal nothing is deleted
 * without it), and deletes them in calls of at most 1,000. {@code --dry-run} stops after the list.
</#if>
 *
 * <p>Uses the GraphQL API key ({@code MCD_ID}/{@code MCD_TOKEN}), not the ingestion key. Exit
 * codes: 0 done, 1 failure, 2 bad usage.
 */
@Command(
<#if program == "LineageNode">
    name = "lineage-node",
<#elseif program == "LineageEdge">
    name = "lineage-edge",
<#elseif program == "DeleteLineageNode">
    name = "delete-lineage-node",
<#else>
    name = "delete-push-tables",
</#if>
    mixinStandardHelpOptions = true,
    sortOptions = false,
<#if program == "LineageNode">
    description = "Creates or updates a custom lineage node in Monte Carlo (permanent unless --expire-at or --ttl-days).")
<#elseif program == "LineageEdge">
    description = "Creates or updates custom lineage edges in Monte Carlo, one or from a CSV/YAML/JSON file (permanent unless --expire-at or --ttl-days).")
<#elseif program == "DeleteLineageNode">
    description = "Deletes lineage nodes and their edges from Monte Carlo (asks first unless --yes).")
<#else>
    description = ${picocliString("Deletes push-ingested " + d.name + " tables from Monte Carlo in calls of at most 1,000 (asks first unless --yes).")})
</#if>
public final class ${program} implements Callable<Integer> {
<#if program == "LineageNode">
  @Mixin private LineageTools.NodeOptions options;
<#elseif program == "LineageEdge">
  @Mixin private LineageTools.EdgeOptions options;
<#elseif program == "DeleteLineageNode">
  @Mixin private LineageTools.DeleteNodeOptions options;
<#else>
  @Mixin private PushTableDeleter.Options options;
</#if>

  @Mixin private GraphQlOptions graphql;

  @Mixin private RunSummary summary;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  private boolean verbose;

  @Override
  public Integer call() {
    return summary.run(Warehouse.ID, null, this::execute);
  }

  private int execute() {
<#if program == "LineageNode">
    return LineageTools.createNode(graphql, options, Console.system(verbose));
<#elseif program == "LineageEdge">
    return LineageTools.createEdges(graphql, options, Console.system(verbose));
<#elseif program == "DeleteLineageNode">
    return LineageTools.deleteNodes(graphql, options, Console.system(verbose), Confirmation.terminal());
<#else>
    return PushTableDeleter.run(graphql, options, Console.system(verbose), Confirmation.terminal());
</#if>
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ${program}()).execute(args));
  }
}
