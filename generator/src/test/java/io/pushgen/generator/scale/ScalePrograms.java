package io.pushgen.generator.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgen.generator.StubDrivers;
import io.pushgen.generator.cli.PushgenCli;
import io.pushgen.generator.demo.EmittedPrograms;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A warehouse's emitted programs, generated with the CLI, compiled and loaded into this JVM, so
 * that their JDBC round trips can be counted by {@link CountingDriver} or served by the e2e
 * tests' {@code ScriptedDriver}. A vendor driver that is not on the test class path is replaced
 * by a stub class of the same name that accepts no URL (the programs only check that it loads).
 */
final class ScalePrograms implements AutoCloseable {
  private final URLClassLoader loader;
  private final String pkg;
  private final EmittedPrograms compiled;

  private ScalePrograms(EmittedPrograms compiled, String pkg) throws IOException {
    this.compiled = compiled;
    this.pkg = pkg;
    this.loader =
        new URLClassLoader(
            new URL[] {compiled.classes().toUri().toURL()}, ScalePrograms.class.getClassLoader());
  }

  static ScalePrograms generate(Path dir, String warehouse, String driverClass) throws IOException {
    Path project = dir.resolve(warehouse);
    List<String> arguments =
        new ArrayList<>(List.of("generate", "--warehouse", warehouse, "--out", project.toString()));
    StringWriter errors = new StringWriter();
    int exit =
        PushgenCli.execute(
            new PrintWriter(new StringWriter()), new PrintWriter(errors), arguments.toArray(String[]::new));
    assertEquals(0, exit, "pushgen generate failed: " + errors);
    if (driverClass != null) {
      StubDrivers.writeIfMissing(project.resolve("src/main/java"), driverClass);
    }
    return new ScalePrograms(
        EmittedPrograms.compile(project), "io.pushgen." + warehouse.replaceAll("[^a-z0-9_]", ""));
  }

  /** What a program run in this JVM printed, and its exit code. */
  record Run(int exitCode, String output) {}

  /** Runs program {@code simpleName} (e.g. {@code CollectMetadata}) in this JVM. */
  Run run(String simpleName, List<String> arguments) throws ReflectiveOperationException {
    Object program = loader.loadClass(pkg + "." + simpleName).getDeclaredConstructor().newInstance();
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream capture = new java.io.PrintStream(captured, true, StandardCharsets.UTF_8);
    int exit;
    synchronized (ScalePrograms.class) {
      System.setOut(capture);
      System.setErr(capture);
      try {
        exit = new picocli.CommandLine(program).execute(arguments.toArray(String[]::new));
      } finally {
        System.setOut(out);
        System.setErr(err);
      }
    }
    return new Run(exit, captured.toString(StandardCharsets.UTF_8));
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
