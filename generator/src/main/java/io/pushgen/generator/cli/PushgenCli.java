package io.pushgen.generator.cli;

import io.pushgen.gateway.GatewayCommand;
import io.pushgen.generator.descriptor.DescriptorException;
import io.pushgen.generator.render.GenerationException;
import io.pushgen.generator.render.Version;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * {@code pushgen}: generates standalone collect-and-push programs from warehouse descriptors.
 *
 * <p>Exit codes: 0 ok, 1 failure, 2 usage or invalid descriptor. Descriptor problems are printed
 * one per line as {@code file:line:column: field: message}; other errors as one line
 * {@code pushgen: error: ...}, with the stack trace only under {@code --verbose}.
 */
@Command(
    name = "pushgen",
    mixinStandardHelpOptions = true,
    versionProvider = PushgenCli.VersionProvider.class,
    description = "Generates standalone Java programs that collect warehouse metadata, lineage and"
        + " query logs and push them to Monte Carlo.",
    subcommands = {
      GenerateCommand.class,
      ListCommand.class,
      ValidateCommand.class,
      NewWarehouseCommand.class,
      GatewayCommand.class,
      LineageNodeCommand.class,
      LineageEdgeCommand.class,
      DeleteLineageNodeCommand.class,
      DeletePushTablesCommand.class,
      LineageCommand.class
    })
public final class PushgenCli implements Runnable {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a command");
  }

  /** Supplies {@code --version} from the pom. */
  public static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"pushgen " + Version.get()};
    }
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(out, err, args));
  }

  /** Runs the CLI with the given streams and returns the exit code (for tests and embedding). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The command line with every subcommand. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new PushgenCli());
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("pushgen: error: " + ex.getMessage());
          err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          int code = FAILURE;
          if (ex instanceof DescriptorException de) {
            de.lines().forEach(err::println);
            code = USAGE;
          } else {
            if (ex instanceof GenerationException ge && ge.usage()) {
              code = USAGE;
            }
            String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            err.println("pushgen: error: " + message.replace('\n', ' '));
          }
          if (parseResult.hasMatchedOption("--verbose")
              || parseResult.subcommands().stream().anyMatch(s -> s.hasMatchedOption("--verbose"))) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(trace);
          }
          err.flush();
          return code;
        });
    return cli;
  }
}
