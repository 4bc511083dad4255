package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.CompiledProjects;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.descriptor.LoadedDescriptor;
import io.pushgen.generator.render.Generator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No dead copies: every runtime file an emitted project carries is reachable from its programs.
 * Checked on the compiled classes, independently of how the generator chose the files: starting
 * from the programs, every class a class file refers to is reached. A class whose only uses are
 * compile-time constants (inlined by javac, so absent from the class files) counts as reached when
 * a reached class's source names it. The projects are compiled through {@link CompiledProjects},
 * so those the end-to-end tests compile too are compiled once.
 */
class RuntimeReachabilityTest {
  @TempDir Path work;

  static Stream<String> shipped() {
    return Descriptors.shippedIds().stream();
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void everyCopiedRuntimeClassIsReachable(String id) throws Exception {
    LoadedDescriptor d = Descriptors.loadShipped(id, null);
    SortedMap<String, String> files = new Generator().render(d, Generator.Options.defaults());
    Map<String, byte[]> classes = compile(work.resolve(id), files);
    String runtime = Generator.defaultPackage(id) + ".runtime.";
    Pattern reference = Pattern.compile(Pattern.quote(runtime.replace('.', '/')) + "[a-z0-9]+/[A-Za-z0-9_]+");

    Set<String> reached = new TreeSet<>();
    Deque<String> work = new ArrayDeque<>();
    classes.keySet().stream().filter(c -> !c.startsWith(runtime)).forEach(work::add);
    while (!work.isEmpty()) {
      String top = topLevel(work.pop());
      if (!reached.add(top)) {
        continue;
      }
      // The class and its nested classes (they live in the same source file).
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        if (c.getKey().equals(top) || c.getKey().startsWith(top + "$")) {
          Matcher m = reference.matcher(new String(c.getValue(), StandardCharsets.ISO_8859_1));
          while (m.find()) {
            work.add(m.group().replace('/', '.'));
          }
        }
      }
    }

    Set<String> copied = new TreeSet<>();
    classes.keySet().stream().filter(c -> c.startsWith(runtime)).map(RuntimeReachabilityTest::topLevel).forEach(copied::add);
    assertTrue(copied.size() > 10, id + ": the project carries runtime classes");
    List<String> unreached =
        copied.stream()
            .filter(c -> !reached.contains(c))
            .filter(c -> !namedInReachedSource(c, reached, files))
            .toList();
    assertEquals(List.of(), unreached, id + ": runtime files no program reaches");
  }

  /** Compiles the rendered project under {@code project}; its class files by binary name. */
  private static Map<String, byte[]> compile(Path project, Map<String, String> files) throws Exception {
    Path output = CompiledProjects.compile(project, files).classes();
    Map<String, byte[]> classes = new HashMap<>();
    try (Stream<Path> walk = Files.walk(output)) {
      for (Path c : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = output.relativize(c).toString();
        classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), Files.readAllBytes(c));
      }
    }
    return classes;
  }

  private static String topLevel(String binaryName) {
    int dollar = binaryName.indexOf('$');
    return dollar < 0 ? binaryName : binaryName.substring(0, dollar);
  }

  private static boolean namedInReachedSource(String className, Set<String> reached, Map<String, String> files) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    Pattern use = Pattern.compile("(?<![\\w.])" + simple + "\\.[A-Z_]");
    for (String c : reached) {
      String source = files.get("src/main/java/" + c.replace('.', '/') + ".java");
      if (source != null && use.matcher(source.replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*", "")).find()) {
        return true;
      }
    }
    return false;
  }
}
