package io.pushgen.generator.cli;

import io.pushgen.runtime.graphql.GraphQlOptions;
import io.pushgen.runtime.graphql.LineageTools;
import io.pushgen.runtime.graphql.PushTableDeleter.Confirmation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pushgen delete-lineage-node}: deletes lineage nodes and their edges. */
@Command(
    name = "delete-lineage-node",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Deletes lineage nodes (by MCON, or tables by fullTableId) and all their edges through"
          + " the GraphQL API (key: MCD_ID/MCD_TOKEN). This cannot be undone: it asks for"
          + " confirmation unless --yes (without a terminal, nothing is deleted without --yes)."
    })
public final class DeleteLineageNodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LineageTools.DeleteNodeOptions delete;

  @Mixin GraphQlOptions graphql;

  /** Asks the user; replaceable in tests. */
  Confirmation confirmation = Confirmation.terminal();

  @Override
  public Integer call() {
    return LineageTools.deleteNodes(graphql, delete, CliConsole.of(spec), confirmation);
  }
}
