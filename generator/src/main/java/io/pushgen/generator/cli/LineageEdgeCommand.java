package io.pushgen.generator.cli;

import io.pushgen.runtime.graphql.GraphQlOptions;
import io.pushgen.runtime.graphql.LineageTools;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pushgen lineage-edge}: creates or updates custom lineage edges, one or from a file. */
@Command(
    name = "lineage-edge",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Creates or updates custom lineage edges in Monte Carlo through the GraphQL API (key:"
          + " MCD_ID/MCD_TOKEN): one from the --source-*/--destination-* options, or many from a"
          + " CSV, YAML or JSON file (--file).",
      "Edges are permanent (expireAt 9999-12-31) unless --expire-at, --ttl-days or a row's"
          + " expire_at says otherwise."
    })
public final class LineageEdgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LineageTools.EdgeOptions edge;

  @Mixin GraphQlOptions graphql;

  @Override
  public Integer call() {
    return LineageTools.createEdges(graphql, edge, CliConsole.of(spec));
  }
}
