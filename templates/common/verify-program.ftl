<#-- A verification program; included by Verify<Flow>.java.ftl with `vflow` set. -->
<#assign F = pascal(vflow)>
<#assign words = vflow?replace("_", " ")>
package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.graphql.GraphQlOptions;
<#if vflow == "metadata">
import ${runtimePkg}.verify.MetadataVerifier;
<#elseif vflow == "lineage">
import ${runtimePkg}.verify.LineageVerifier;
import java.time.Clock;
<#else>
import ${runtimePkg}.verify.QueryLogVerifier;
</#if>
import ${runtimePkg}.verify.VerifyOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
<#if vflow == "metadata">
 * Checks that a pushed metadata manifest arrived: resolves each table's MCON from its
 * fullTableId, compares the pushed fields with Monte Carlo's (missing, extra, type differences)
 * and looks for the row count, byte count and freshness metrics. Prints found / schema matches /
 * volume seen / freshness seen per table.
<#elseif vflow == "lineage">
 * Checks that a pushed lineage manifest arrived: every edge visible upstream of its destination,
 * every column mapping among the destinations of its source column.
<#else>
 * Checks that pushed query logs arrived: Monte Carlo's aggregated read and write queries of the
 * tables the pushed queries touched, over the manifest's window. Query logs show 15-20 minutes
 * after a push (up to an hour): until --processing-delay has passed, what is not visible yet is
 * reported as such (exit 3), not as missing.
</#if>
 *
 * <p>Uses the GraphQL API key ({@code MCD_ID}/{@code MCD_TOKEN}), not the ingestion key. Exit
 * codes: 0 everything checked is present, 1 something is missing or differs (or Monte Carlo could
 * not be asked), 2 bad usage, 3 not yet visible.
 */
@Command(
    name = "verify-${vflow?replace("_", "-")}",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = ${picocliString("Checks that a pushed " + d.name + " " + words + " manifest arrived in Monte Carlo.")})
public final class Verify${F} implements Callable<Integer> {
  @Mixin private VerifyOptions verify;
<#if vflow == "query_logs">

  @Mixin private QueryLogVerifier.Options queryLogs;
</#if>
<#if vflow == "lineage">

  @Option(names = "--tables-only", description = "Check table edges only, not column mappings.")
  private boolean tablesOnly;
</#if>

  @Mixin private GraphQlOptions graphql;

  @Mixin private RunSummary summary;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  private boolean verbose;

  @Override
  public Integer call() {
<#if vflow == "metadata">
    return summary.run(
        Warehouse.ID,
        "${vflow}",
        () -> MetadataVerifier.run(graphql, verify, Console.system(verbose)));
<#elseif vflow == "lineage">
    return summary.run(
        Warehouse.ID,
        "${vflow}",
        () ->
            LineageVerifier.run(
                graphql, verify, tablesOnly, Console.system(verbose), Clock.systemUTC()));
<#else>
    return summary.run(
        Warehouse.ID,
        "${vflow}",
        () -> QueryLogVerifier.run(graphql, verify, queryLogs, Console.system(verbose)));
</#if>
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Verify${F}()).execute(args));
  }
}
