<#-- The collect-and-push program of one flow; included by CollectAndPush<Flow>.java.ftl. -->
<#assign F = pascal(flow)>
<#assign words = flow?replace("_", " ")>
package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.model.Flow;
import ${runtimePkg}.push.PushOptions;
import ${runtimePkg}.push.PushRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Collects ${words} ({@link Collect${F}}) and pushes them ({@link Push${F}}) in one run. The
 * manifest is kept, so a push that partly failed can be finished with {@code Push${F} --resume}.
 */
@Command(
    name = "collect-and-push-${flow?replace("_", "-")}",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " " + words + " and pushes them to Monte Carlo.")})
public final class CollectAndPush${F} implements Callable<Integer> {
  @Mixin private Collect${F}.Options collect;
  @Mixin private PushOptions push;
  @Mixin private RunSummary summary;
<#if flow == "metadata" && d.connection.kind == "jdbc">

  @CommandLine.Option(
      names = "--collect-parallelism",
      defaultValue = "2",
      paramLabel = "N",
      description =
          "Databases collected at once, each on its own connection (default:"
              + " ${r"${DEFAULT-VALUE}"}); --parallelism is the push's requests in flight.")
  void collectParallelism(int parallelism) {
    collect.parallelism(parallelism);
  }
</#if>

  @Override
  public Integer call() {
    return summary.run(Warehouse.ID, Flow.${constant(flow)}.id(), this::execute);
  }

  private int execute() {
    Console console = Console.system(collect.verbose());
    Collect${F}.Result collected;
    try {
      // Fail on a missing key now, not after a long collection.
      push.validateForPush();
      MemoryCheck.run(console);
      collected = Collect${F}.collect(collect, console);
      collected.summarize(summary);
    } catch (UsageException e) {
      console.error(e.getMessage());
      return ExitCode.USAGE;
    } catch (Exception e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
    push.defaultBatchSize(Flow.${constant(flow)}, Warehouse.${constant(flow)}_BATCH_SIZE);
    int pushed = PushRunner.run(push, collected.manifest(), console, summary);
    if (pushed != ExitCode.OK) {
      return pushed;
    }
    return collected.complete() ? ExitCode.OK : ExitCode.FAILURE;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectAndPush${F}()).execute(args));
  }
}
