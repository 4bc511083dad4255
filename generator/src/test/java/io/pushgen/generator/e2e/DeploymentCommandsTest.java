package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.CompiledProjects;
import io.pushgen.generator.DeploymentFiles;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.render.Generator;
import io.pushgen.generator.run.EmittedPrograms;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command line the deployment files of a shipped descriptor's project run (the CronJobs',
 * the sharded Job's, the Airflow DAG's jobs) names a command of the compiled jar's {@code Main}
 * and only options that command has. Read from picocli's own model of the compiled programs, not
 * from a list kept here: a command or option renamed in the templates or the runtime fails this
 * test until the deployment files follow. The DAG's jobs are read when python3 is on the PATH.
 */
class DeploymentCommandsTest {
  @TempDir Path scratch;

  static Stream<String> shipped() {
    return Descriptors.shippedIds().stream();
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void deploymentFilesRunOnlyCommandsAndOptionsTheJarHas(String id) throws Exception {
    SortedMap<String, String> files = DeploymentFiles.render(id);
    EmittedPrograms compiled = CompiledProjects.compile(scratch.resolve(id), files);
    ClassLoader classes =
        new URLClassLoader(new URL[] {compiled.classes().toUri().toURL()}, getClass().getClassLoader());
    Object main =
        classes.loadClass(Generator.defaultPackage(id) + ".Main").getDeclaredConstructor().newInstance();
    Map<String, CommandSpec> commands = new TreeMap<>();
    new CommandLine(main)
        .getSubcommands()
        .forEach((name, sub) -> commands.put(name, sub.getCommandSpec()));

    List<DeploymentFiles.Invocation> invocations =
        DeploymentFiles.invocations(files, DeploymentFiles.python3(), scratch);
    assertTrue(invocations.size() >= 3, id + ": CronJobs, the sharded Job, the DAG's jobs");
    // The check itself, first: a misspelt option and an unknown command are reported.
    String command = invocations.get(0).command();
    assertEquals(
        List.of("probe: " + command + " has no option --only-freshness-and-volumee"),
        unknown(
            commands,
            List.of(
                new DeploymentFiles.Invocation(
                    "probe", List.of(command, "--only-freshness-and-volumee")))));
    List<String> noCommand =
        unknown(
            commands,
            List.of(new DeploymentFiles.Invocation("probe", List.of("collect-everything"))));
    assertEquals(1, noCommand.size(), noCommand.toString());
    assertTrue(noCommand.get(0).startsWith("probe: no command collect-everything"), noCommand.get(0));

    // Before issue 17's options are merged (--shard/--shards, --window, --summary-file,
    // --summary-json), this lists them.
    assertEquals(
        List.of(),
        unknown(commands, invocations),
        id + ": commands and options the jar does not have");
  }

  /** What the invocations name that the commands do not have, one line each. */
  private static List<String> unknown(
      Map<String, CommandSpec> commands, List<DeploymentFiles.Invocation> invocations) {
    List<String> unknown = new ArrayList<>();
    for (DeploymentFiles.Invocation invocation : invocations) {
      CommandSpec command = commands.get(invocation.command());
      if (command == null) {
        unknown.add(invocation.file() + ": no command " + invocation.command() + " (the jar has "
            + String.join(", ", commands.keySet()) + ")");
        continue;
      }
      TreeSet<String> names = new TreeSet<>();
      for (OptionSpec option : command.options()) {
        names.addAll(List.of(option.names()));
      }
      for (String option : invocation.options()) {
        if (!names.contains(option)) {
          unknown.add(invocation.file() + ": " + invocation.command() + " has no option " + option);
        }
      }
    }
    return unknown;
  }
}
