package io.pushgen.generator.cli;

import io.pushgen.runtime.graphql.GraphQlOptions;
import io.pushgen.runtime.graphql.LineageTools;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pushgen lineage-node}: creates or updates a custom lineage node. */
@Command(
    name = "lineage-node",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Creates or updates a custom lineage node in Monte Carlo (a dbt model, an Airflow job, a"
          + " dashboard, ...) through the GraphQL API (key: MCD_ID/MCD_TOKEN).",
      "The node is permanent (expireAt 9999-12-31) unless --expire-at or --ttl-days is given."
    })
public final class LineageNodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LineageTools.NodeOptions node;

  @Mixin GraphQlOptions graphql;

  @Override
  public Integer call() {
    return LineageTools.createNode(graphql, node, CliConsole.of(spec));
  }
}
