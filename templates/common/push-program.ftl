<#-- The push program of one flow; included by Push<Flow>.java.ftl with `flow` set. -->
<#assign F = pascal(flow)>
<#assign words = flow?replace("_", " ")>
package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.model.Flow;
import ${runtimePkg}.push.PushOptions;
import ${runtimePkg}.push.PushRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Sends a ${words} manifest written by {@link Collect${F}} to Monte Carlo, in batches that stay
 * under the gateway's size limit, and prints the invocation id of every request. The result file
 * records each batch as it completes; {@code --resume} re-sends only the batches that failed.
 */
@Command(
    name = "push-${flow?replace("_", "-")}",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Pushes a " + d.name + " " + words + " manifest to Monte Carlo.")})
public final class Push${F} implements Callable<Integer> {
  @Mixin private PushOptions push;

  @Mixin private RunSummary summary;

  @Option(
      names = "--input-file",
      defaultValue = "${flow}_manifest.json",
      description = "Manifest to send (default: ${r"${DEFAULT-VALUE}"}).")
  private Path inputFile;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  private boolean verbose;

  @Override
  public Integer call() {
    return summary.run(
        Warehouse.ID,
        Flow.${constant(flow)}.id(),
        () -> {
          push.defaultBatchSize(Flow.${constant(flow)}, Warehouse.${constant(flow)}_BATCH_SIZE);
          summary.manifest(inputFile);
          return PushRunner.run(push, inputFile, Console.system(verbose), summary);
        });
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Push${F}()).execute(args));
  }
}
