package io.pushgen.generator;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.pushgen.generator.cli.PushgenCli;
import io.pushgen.generator.resources.Resources;
import io.pushgen.testsupport.RepositoryRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Helpers shared by the generator tests. */
public final class TestSupport {
  private TestSupport() {}

  /** The repository root. */
  public static Path root() {
    return RepositoryRoot.get();
  }

  /** Whether the lead's real templates are on the classpath yet. */
  public static boolean realTemplatesPresent() {
    return Resources.exists("pushgen/templates/common/Warehouse.java.ftl")
        || Resources.exists("pushgen/templates/jdbc/Warehouse.java.ftl");
  }

  public static Path resource(String name) {
    try {
      return Path.of(TestSupport.class.getClassLoader().getResource(name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }

  /** The result of running the CLI. */
  public record Run(int code, String out, String err) {
    public List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  public static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PushgenCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * Compiles every {@code .java} entry of {@code files} (path → source) with javac and returns
   * a class loader over the compiled classes; fails the test with javac's errors otherwise.
   */
  public static ClassLoader compile(Map<String, String> files) {
    Map<String, byte[]> classes = compileToBytes(files);
    return new ClassLoader(TestSupport.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }

      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          if (classes.containsKey(name)) {
            Class<?> c = findLoadedClass(name);
            return c != null ? c : findClass(name);
          }
          return super.loadClass(name, resolve);
        }
      }
    };
  }

  /** As {@link #compile}, returning the class files by binary name. */
  public static Map<String, byte[]> compileToBytes(Map<String, String> files) {
    List<JavaFileObject> sources = new ArrayList<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      if (e.getKey().endsWith(".java")) {
        String path = e.getKey();
        int at = path.indexOf("src/main/java/");
        String name = at >= 0 ? path.substring(at + "src/main/java/".length()) : path;
        String binary = name.substring(0, name.length() - ".java".length()).replace('/', '.');
        sources.add(JavaFileObjects.forSourceString(binary, e.getValue()));
      }
    }
    Compilation compilation =
        javac()
            .withClasspath(testClasspath())
            .withOptions("--release", "17", "-Xlint:none", "-proc:none")
            .compile(sources);
    if (compilation.status() != Compilation.Status.SUCCESS) {
      String errors =
          compilation.errors().stream()
              .limit(20)
              .map(TestSupport::describe)
              .collect(Collectors.joining("\n"));
      fail("emitted Java does not compile:\n" + errors);
    }
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String uri = file.toUri().getPath();
        int at = uri.indexOf("/CLASS_OUTPUT/");
        String name = (at >= 0 ? uri.substring(at + "/CLASS_OUTPUT/".length()) : uri)
            .replaceAll("^/+", "");
        try (var in = file.openInputStream()) {
          classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'),
              in.readAllBytes());
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      }
    }
    return classes;
  }

  /** The test classpath (surefire hides it behind a manifest jar in java.class.path). */
  static List<java.io.File> testClasspath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<java.io.File> files = new ArrayList<>();
    for (String entry : cp.split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        files.add(new java.io.File(entry));
      }
    }
    return files;
  }

  private static String describe(Diagnostic<? extends JavaFileObject> d) {
    String source = d.getSource() == null ? "?" : d.getSource().getName();
    return source + ":" + d.getLineNumber() + ": " + d.getMessage(null);
  }
}
