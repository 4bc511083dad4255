package io.pushgen.generator.cli;

import io.pushgen.generator.descriptor.DescriptorException;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.descriptor.LoadedDescriptor;
import io.pushgen.generator.descriptor.Problem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists the shipped warehouses and the flows each supports.")
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<LoadedDescriptor> loaded = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (String id : Descriptors.shippedIds()) {
      try {
        loaded.add(Descriptors.loadShipped(id, null));
      } catch (DescriptorException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new DescriptorException(problems);
    }
    int idWidth = Math.max(2, loaded.stream().mapToInt(d -> d.id().length()).max().orElse(2));
    int nameWidth = Math.max(4,
        loaded.stream().mapToInt(d -> d.descriptor().name().length()).max().orElse(4));
    PrintWriter out = spec.commandLine().getOut();
    String format = "%-" + idWidth + "s  %-" + nameWidth + "s  %s%n";
    out.printf(format, "ID", "NAME", "FLOWS");
    for (LoadedDescriptor d : loaded) {
      out.printf(format, d.id(), d.descriptor().name(), String.join(", ", d.descriptor().flows()));
    }
    return PushgenCli.OK;
  }
}
