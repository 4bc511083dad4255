package io.pushgen.generator;

import io.pushgen.generator.run.EmittedPrograms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * A warehouse's emitted programs, generated with the CLI, compiled and loaded into this JVM, so
 * that tests can serve them catalog rows through the scripted driver or count their round trips
 * through the recording one (which a child JVM could not see), and run them in child JVMs too.
 */
public final class InProcessPrograms implements AutoCloseable {
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
  public static InProcessPrograms generate(Path dir, String warehouse, String... generateArguments)
      throws IOException {
    return generateAndCompile(dir, warehouse, null, generateArguments);
  }

  /**
   * As {@link #generate(Path, String, String...)}, for a warehouse whose vendor driver is not on
   * the test class path: it is replaced by a stub class of the same name that accepts no URL (the
   * programs only check that it loads).
   */
  public static InProcessPrograms generateWithStubDriver(Path dir, String warehouse, String driverClass)
      throws IOException {
    return generateAndCompile(dir, warehouse, driverClass);
  }

  private static InProcessPrograms generateAndCompile(
      Path dir, String warehouse, String stubDriverClass, String... generateArguments) throws IOException {
    Path project = CompiledProjects.generateProject(dir, warehouse, generateArguments);
    if (stubDriverClass != null) {
      StubDrivers.writeIfMissing(project.resolve("src/main/java"), stubDriverClass);
    }
    return new InProcessPrograms(
        CompiledProjects.compile(project), "io.pushgen." + warehouse.replaceAll("[^a-z0-9_]", ""));
  }

  /** What a program run in this JVM printed (standard output and error together), and its exit code. */
  public record Run(int exitCode, String output) {}

  /** Runs program {@code simpleName} (e.g. {@code CollectQueryLogs}) and returns its exit code. */
  public int run(String simpleName, String... arguments) throws ReflectiveOperationException {
    return new CommandLine(newProgram(simpleName)).execute(arguments);
  }

  /** Runs program {@code simpleName} with what it prints captured. */
  public Run capture(String simpleName, List<String> arguments) throws ReflectiveOperationException {
    Object program = newProgram(simpleName);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    int exit;
    synchronized (InProcessPrograms.class) {
      System.setOut(capture);
      System.setErr(capture);
      try {
        exit = new CommandLine(program).execute(arguments.toArray(String[]::new));
      } finally {
        System.setOut(out);
        System.setErr(err);
      }
    }
    return new Run(exit, captured.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs program {@code simpleName} with its standard output captured alone (for a report it
   * prints, such as {@code --json}); what it writes to standard error is left out.
   */
  public Run captureStdout(String simpleName, String... arguments)
      throws ReflectiveOperationException {
    Object program = newProgram(simpleName);
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    synchronized (InProcessPrograms.class) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        exit = new CommandLine(program).execute(arguments);
      } finally {
        System.setOut(out);
      }
    }
    return new Run(exit, captured.toString(StandardCharsets.UTF_8));
  }

  private Object newProgram(String simpleName) throws ReflectiveOperationException {
    return loader.loadClass(pkg + "." + simpleName).getDeclaredConstructor().newInstance();
  }

  /** A class of the emitted project, e.g. {@code Warehouse}, to reach its static hooks. */
  public Class<?> load(String simpleName) throws ClassNotFoundException {
    return loader.loadClass(pkg + "." + simpleName);
  }

  /** The compiled programs, to run them in child JVMs too. */
  public EmittedPrograms compiled() {
    return compiled;
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
