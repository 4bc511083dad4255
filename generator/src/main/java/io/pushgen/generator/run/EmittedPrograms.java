package io.pushgen.generator.run;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles an emitted project's sources with the JDK's compiler and runs its programs in child
 * JVMs, on this process's class path (which carries Jackson, picocli and the drivers). Used by
 * {@code pushgen demo} and by the end-to-end tests, so both run exactly what a customer gets.
 */
public final class EmittedPrograms {
  /**
   * More options for the programs' JVMs, from the system property {@code
   * pushgen.programs.jvm-options} (separated by spaces). The generator's integration tests set
   * {@code -XX:TieredStopAtLevel=1}: their programs run for a second or two, mostly starting up,
   * where the optimising compiler costs more CPU than it saves.
   */
  private static final List<String> JVM_OPTIONS =
      Stream.of(System.getProperty("pushgen.programs.jvm-options", "").trim().split("\\s+"))
          .filter(option -> !option.isEmpty())
          .toList();

  private final Path classes;
  private final String classPath;

  private EmittedPrograms(Path classes, String classPath) {
    this.classes = classes;
    this.classPath = classPath;
  }

  /** What a finished program printed, and its exit code. */
  public record Run(int exitCode, String stdout, String stderr) {
    /** Everything printed, for assertion messages. */
    public String output() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  /**
   * Compiles every {@code .java} file under {@code project/src/main/java} into {@code
   * project/target/classes}.
   *
   * @throws IllegalStateException with the compiler's messages when compilation fails
   */
  public static EmittedPrograms compile(Path project) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("no Java compiler: run pushgen with a JDK, not a JRE");
    }
    Path classes = project.resolve("target/classes");
    Files.createDirectories(classes);
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--release", "17",
                "-encoding", "UTF-8",
                "-proc:none",
                "-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString()));
    try (Stream<Path> files = Files.walk(project.resolve("src/main/java"))) {
      files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> arguments.add(f.toString()));
    }
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = compiler.run(null, errors, errors, arguments.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException(
          "the emitted project does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
    }
    return compiled(project);
  }

  /**
   * The programs of {@code project} as compiled earlier into {@code project/target/classes}, run
   * on this process's class path like those {@link #compile} returns.
   */
  public static EmittedPrograms compiled(Path project) {
    Path classes = project.resolve("target/classes");
    return new EmittedPrograms(classes, classes + File.pathSeparator + System.getProperty("java.class.path"));
  }

  /**
   * Runs {@code mainClass} with the arguments and extra environment variables; the child's
   * environment is this process's, minus Monte Carlo's variables, plus {@code environment}.
   */
  public Run run(String mainClass, Map<String, String> environment, List<String> arguments)
      throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("pushgen-run", ".out");
    Path stderr = Files.createTempFile("pushgen-run", ".err");
    try {
      Process process =
          processBuilder(mainClass, environment, arguments)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(mainClass + " did not finish within 5 minutes");
      }
      return new Run(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  /** Starts {@code mainClass} without waiting (output to {@code log}), for tests that kill it. */
  public Process start(
      String mainClass, Map<String, String> environment, List<String> arguments, Path log)
      throws IOException {
    return processBuilder(mainClass, environment, arguments)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private ProcessBuilder processBuilder(
      String mainClass, Map<String, String> environment, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The heap the scale issue promises emitted programs run in.
    command.add("-Xmx256m");
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(key -> key.toUpperCase(Locale.ROOT).startsWith("MCD_"));
    builder.environment().putAll(environment);
    return builder;
  }

  /** The folder holding the compiled programs. */
  public Path classes() {
    return classes;
  }
}
