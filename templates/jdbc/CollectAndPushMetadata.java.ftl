package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.model.Flow;
import ${runtimePkg}.push.PushOptions;
import ${runtimePkg}.push.PushRunner;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Collects ${comment(d.name)} metadata into a manifest ({@link CollectMetadata}) and pushes it ({@link
 * PushMetadata}) in one run. The manifest is kept, so a failed push can be resumed with {@code
 * PushMetadata --resume}.
 */
@Command(
    name = "collect-and-push-metadata",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " table metadata and pushes it to Monte Carlo.")})
public final class CollectAndPushMetadata implements Callable<Integer> {
  @Mixin private CollectMetadata.Options collect;
  @Mixin private PushOptions push;

  @Override
  public Integer call() {
    Console console = Console.system(collect.verbose());
    CollectMetadata.Result collected;
    try {
      push.validateForPush();
      MemoryCheck.run(console);
      collected = CollectMetadata.collect(collect, console);
    } catch (UsageException e) {
      console.error(e.getMessage());
      return ExitCode.USAGE;
    } catch (SQLException | IOException | RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
    push.defaultBatchSize(Flow.METADATA, Warehouse.METADATA_BATCH_SIZE);
    int pushed = PushRunner.run(push, collected.manifest(), console);
    if (pushed != ExitCode.OK) {
      return pushed;
    }
    return collected.failedDatabases().isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectAndPushMetadata()).execute(args));
  }
}
