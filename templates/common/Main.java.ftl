<#-- The project's one entry point: every program as a picocli subcommand. -->
package ${pkg};

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jar's entry point: {@code java -jar ${artifactId}.jar <command> [options]}, one command per
 * program of this project. {@code --help} lists them; {@code <command> --help} describes one.
 * {@code completion} prints a bash/zsh completion script: {@code source <(java -jar
 * ${artifactId}.jar completion)}.
 */
@Command(
    name = ${javaString(d.id + "-push")},
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects from " + d.name + " and pushes to Monte Carlo: one command per program.")},
    subcommands = {
<#list programs as program>
      ${program}.class,
</#list>
    })
public final class Main implements Runnable {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new Main());
    // The completion script picocli documents, as a command of its own.
    commandLine.addSubcommand("completion", new AutoComplete.GenerateCompletion());
    System.exit(commandLine.execute(args));
  }

  /** Without a command: a usage error that lists the commands. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a command");
  }
}
