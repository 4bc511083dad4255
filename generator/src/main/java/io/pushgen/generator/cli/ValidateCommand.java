package io.pushgen.generator.cli;

import io.pushgen.generator.descriptor.DescriptorException;
import io.pushgen.generator.descriptor.Descriptors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Checks descriptor files without generating anything.",
        "Prints 'OK file' for each valid file, else one line per problem."})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Descriptor files.")
  List<Path> files;

  @Override
  public Integer call() {
    int code = PushgenCli.OK;
    for (Path file : files) {
      // In a warehouses folder (next to the schema) the id must equal the file name, and every
      // query names its vendor documentation, as in the shipped descriptors.
      Path parent = file.toAbsolutePath().getParent();
      boolean shipped = parent != null && Files.exists(parent.resolve("descriptor.schema.json"));
      try {
        Descriptors.loadFile(file, null, shipped, shipped);
        spec.commandLine().getOut().println("OK " + file);
      } catch (DescriptorException e) {
        e.lines().forEach(spec.commandLine().getErr()::println);
        code = PushgenCli.USAGE;
      }
    }
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().flush();
    return code;
  }
}
