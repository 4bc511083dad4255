package io.pushgen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.testsupport.RepositoryRoot;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's parts ({@code runtime/parts.properties}) are its packages, and each imports only
 * the parts the list says it needs; the list itself has no cycle.
 */
class RuntimePartsTest {
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?io\\.pushgen\\.runtime\\.([a-z]+)\\.", Pattern.MULTILINE);

  private static Map<String, Set<String>> declared() throws IOException {
    Properties parts = new Properties();
    try (Reader in = Files.newBufferedReader(RepositoryRoot.get().resolve("runtime/parts.properties"))) {
      parts.load(in);
    }
    Map<String, Set<String>> needs = new TreeMap<>();
    for (String key : parts.stringPropertyNames()) {
      if (key.endsWith(".needs")) {
        String value = parts.getProperty(key).strip();
        needs.put(
            key.substring(0, key.length() - ".needs".length()),
            value.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(value.split("\\s+"))));
      }
    }
    return needs;
  }

  private static Path sources() {
    return RepositoryRoot.get().resolve("runtime/src/main/java/io/pushgen/runtime");
  }

  @Test
  void everyPackageIsAPartAndImportsOnlyWhatItNeeds() throws IOException {
    Map<String, Set<String>> needs = declared();
    Set<String> packages = new TreeSet<>();
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String part = sources().relativize(file).getName(0).toString();
        packages.add(part);
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String used = m.group(1);
          if (!used.equals(part) && !needs.getOrDefault(part, Set.of()).contains(used)) {
            violations.add(sources().relativize(file) + " imports part " + used);
          }
        }
      }
    }
    assertEquals(packages, needs.keySet(), "runtime/parts.properties lists every package, and only those");
    assertEquals(List.of(), violations, "imports a part its entry in runtime/parts.properties does not need");
  }

  @Test
  void thePartsHaveNoCycle() throws IOException {
    Map<String, Set<String>> needs = declared();
    Set<String> done = new HashSet<>();
    for (String part : needs.keySet()) {
      assertTrue(visit(part, needs, new ArrayList<>(), done), "cycle through " + part);
    }
  }

  private static boolean visit(String part, Map<String, Set<String>> needs, List<String> path, Set<String> done) {
    if (path.contains(part)) {
      return false;
    }
    if (!done.add(part)) {
      return true;
    }
    path.add(part);
    for (String next : needs.getOrDefault(part, Set.of())) {
      if (!visit(next, needs, path, done)) {
        return false;
      }
    }
    path.remove(path.size() - 1);
    return true;
  }
}
