package io.pushgen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgen.generator.cli.PushgenCli;
import io.pushgen.generator.run.EmittedPrograms;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Compiles emitted projects for the tests, each distinct set of sources once per build: many test
 * classes generate the same warehouse's project with the same options, and compiling it (about
 * 100 files on a class path of several hundred jars) is the largest cost they share.
 *
 * <p>The cache is keyed by the content of every {@code .java} file under {@code src/main/java}
 * (path and bytes), the JDK, and the class path the sources compile against (with each jar's
 * size and modification time): identical input to the same javac, so the class files are those a
 * compile would write. Each test still generates its own project; on a hit the cached classes
 * are copied into its {@code target/classes}, so every test runs on its own copy and a test run
 * alone compiles what it needs. The two test JVMs share the folder: an entry appears in one step,
 * and while one JVM compiles a set of sources the other waits for it (a file lock) instead of
 * compiling them too. The folder is the system property {@code
 * pushgen.test.compile-cache} (the generator pom sets it to {@code target/emitted-classes}); when
 * it is not set, every project is compiled.
 */
public final class CompiledProjects {
  private static final String CACHE_PROPERTY = "pushgen.test.compile-cache";

  private CompiledProjects() {}

  /**
   * Generates {@code warehouse}'s project into {@code dir/warehouse} with the CLI ({@code pushgen
   * generate} and the extra arguments) and compiles it.
   */
  public static EmittedPrograms generate(Path dir, String warehouse, String... generateArguments)
      throws IOException {
    return compile(generateProject(dir, warehouse, generateArguments));
  }

  /** Generates {@code warehouse}'s project into {@code dir/warehouse} with the CLI; the project folder. */
  public static Path generateProject(Path dir, String warehouse, String... generateArguments) {
    Path project = dir.resolve(warehouse);
    List<String> arguments =
        new ArrayList<>(List.of("generate", "--warehouse", warehouse, "--out", project.toString()));
    arguments.addAll(List.of(generateArguments));
    StringWriter errors = new StringWriter();
    int exit =
        PushgenCli.execute(
            new PrintWriter(new StringWriter()), new PrintWriter(errors), arguments.toArray(String[]::new));
    assertEquals(0, exit, "pushgen generate failed: " + errors);
    return project;
  }

  /** As {@link EmittedPrograms#compile(Path)}, from the cache when these sources were compiled before. */
  public static EmittedPrograms compile(Path project) throws IOException {
    String cache = System.getProperty(CACHE_PROPERTY);
    if (cache == null || cache.isBlank()) {
      return EmittedPrograms.compile(project);
    }
    String key = key(project.resolve("src/main/java"));
    Path entry = Path.of(cache).resolve(key);
    Path classes = project.resolve("target/classes");
    Files.createDirectories(entry.getParent());
    // The other test JVM may be compiling the same sources right now: wait for it rather than
    // compile them twice.
    try (FileChannel lock =
            FileChannel.open(
                entry.resolveSibling(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = lock.lock()) {
      if (Files.isDirectory(entry)) {
        copyTree(entry, classes);
        return EmittedPrograms.compiled(project);
      }
      EmittedPrograms compiled = EmittedPrograms.compile(project);
      store(classes, entry);
      return compiled;
    }
  }

  /**
   * Writes the {@code .java} files of a rendered project ({@code src/main/java/...} → source) under
   * {@code project} and compiles them as {@link #compile(Path)} does.
   */
  public static EmittedPrograms compile(Path project, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (file.getKey().endsWith(".java")) {
        Path path = project.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
    }
    return compile(project);
  }

  /** Adds freshly compiled classes to the cache: copied beside it, then moved into place in one step. */
  private static void store(Path classes, Path entry) throws IOException {
    Path staging = Files.createTempDirectory(entry.getParent(), entry.getFileName() + ".tmp");
    copyTree(classes, staging);
    Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A digest of the sources, the JDK and the class path they compile against. */
  static String key(Path sources) throws IOException {
    MessageDigest digest = sha256();
    update(digest, System.getProperty("java.vm.version"));
    for (String element : classPath()) {
      File file = new File(element);
      update(digest, element);
      if (file.isFile()) {
        update(digest, file.length() + "/" + file.lastModified());
      }
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    for (Path file : files) {
      update(digest, sources.relativize(file).toString().replace(File.separatorChar, '/'));
      digest.update(Files.readAllBytes(file));
      digest.update((byte) 0);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The real class path: the test plugins hide it behind a manifest-only jar in java.class.path. */
  private static List<String> classPath() {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Stream.of(path.split(File.pathSeparator)).filter(e -> !e.isBlank()).toList();
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
