package io.pushgen.generator.cli;

import io.pushgen.runtime.graphql.GraphQlOptions;
import io.pushgen.runtime.graphql.PushTableDeleter.Confirmation;
import io.pushgen.runtime.graphql.PushTableDeleter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pushgen delete-push-tables}: deletes push-ingested tables in calls of at most 1,000. */
@Command(
    name = "delete-push-tables",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Deletes push-ingested tables from Monte Carlo (which never removes them by itself), with"
          + " their lineage, through the GraphQL API (key: MCD_ID/MCD_TOKEN, resource:"
          + " MCD_RESOURCE_UUID).",
      "Tables come from fullTableId arguments, --tables-file and --manifest, narrowed by"
          + " --pattern. Their MCONs are resolved and listed, then deleted in calls of at most"
          + " 1,000 after confirmation (--yes skips it; without a terminal nothing is deleted"
          + " without --yes). --dry-run stops after the list."
    })
public final class DeletePushTablesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PushTableDeleter.Options delete;

  @Mixin GraphQlOptions graphql;

  /** Asks the user; replaceable in tests. */
  Confirmation confirmation = Confirmation.terminal();

  @Override
  public Integer call() {
    return PushTableDeleter.run(graphql, delete, CliConsole.of(spec), confirmation);
  }
}
