package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgen.generator.cli.PushgenCli;
import io.pushgen.generator.demo.EmittedPrograms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A warehouse's emitted programs, generated, compiled and loaded into this JVM, so that tests can
 * serve them catalog rows through {@link ScriptedDriver} (which a child JVM could not see).
 */
final class InProcessPrograms implements AutoCloseable {
  private final EmittedPrograms compiled;
  private final URLClassLoader loader;
  private final String pkg;

  private InProcessPrograms(EmittedPrograms compiled, String pkg) throws IOException {
    this.compiled = compiled;
    this.pkg = pkg;
    this.loader =
        new URLClassLoader(
            new URL[] {compiled.classes().toUri().toURL()}, InProcessPrograms.class.getClassLoader());
  }

  /** Generates {@code warehouse}'s project under {@code dir} with the CLI and compiles it. */
  static InProcessPrograms generate(Path dir, String warehouse, String... generateArguments)
      throws IOException {
    Path project = dir.resolve(warehouse);
    List<String> arguments =
        new ArrayList<>(List.of("generate", "--warehouse", warehouse, "--out", project.toString()));
    arguments.addAll(List.of(generateArguments));
    StringWriter errors = new StringWriter();
    int exit =
        PushgenCli.execute(
            new PrintWriter(new StringWriter()), new PrintWriter(errors), arguments.toArray(String[]::new));
    assertEquals(0, exit, "pushgen generate failed: " + errors);
    return new InProcessPrograms(
        EmittedPrograms.compile(project), "io.pushgen." + warehouse.replaceAll("[^a-z0-9_]", ""));
  }

  /** Runs program {@code simpleName} (e.g. {@code CollectQueryLogs}) and returns its exit code. */
  int run(String simpleName, String... arguments) throws ReflectiveOperationException {
    Object program = loader.loadClass(pkg + "." + simpleName).getDeclaredConstructor().newInstance();
    return new CommandLine(program).execute(arguments);
  }

  /**
   * Runs program {@code simpleName} and returns what it printed on stdout with its exit code (the
   * tests of this module run one at a time, so stdout is the program's while it runs).
   */
  EmittedPrograms.Run runCapturing(String simpleName, String... arguments)
      throws ReflectiveOperationException {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = run(simpleName, arguments);
    } finally {
      System.setOut(stdout);
    }
    return new EmittedPrograms.Run(exit, captured.toString(StandardCharsets.UTF_8), "");
  }

  /** A class of the emitted project, e.g. {@code Warehouse}, to reach its static hooks. */
  Class<?> load(String simpleName) throws ClassNotFoundException {
    return loader.loadClass(pkg + "." + simpleName);
  }

  /** The compiled programs, to run them in child JVMs too. */
  EmittedPrograms compiled() {
    return compiled;
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
