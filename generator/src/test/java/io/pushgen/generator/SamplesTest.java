package io.pushgen.generator;

import static org.junit.jupiter.api.Assertions.fail;

import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.descriptor.LoadedDescriptor;
import io.pushgen.generator.render.Generator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** generated-samples/ must be exactly what {@code pushgen generate --all} produces now. */
class SamplesTest {
  static final String REFRESH = "./pushgen generate --all --out generated-samples --force";

  @Test
  void checkedInSamplesAreCurrent() throws Exception {
    Assumptions.assumeTrue(TestSupport.realTemplatesPresent(), "templates/ not written yet");
    List<LoadedDescriptor> all = new ArrayList<>();
    for (String id : Descriptors.shippedIds()) {
      all.add(Descriptors.loadShipped(id, null));
    }
    SortedMap<String, String> expected = new Generator().renderAll(all, Generator.Options.defaults());
    Path samples = TestSupport.root().resolve("generated-samples");
    SortedMap<String, String> actual = read(samples);

    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String have = actual.get(e.getKey());
      if (have == null) {
        problems.add("missing: " + e.getKey());
      } else if (!have.equals(e.getValue())) {
        problems.add("changed: " + e.getKey() + firstDifference(e.getValue(), have));
      }
    }
    for (String path : actual.keySet()) {
      if (!expected.containsKey(path)) {
        problems.add("not generated (stale): " + path);
      }
    }
    if (!problems.isEmpty()) {
      fail("generated-samples/ is out of date (" + problems.size() + " difference(s)); refresh it"
          + " with\n  " + REFRESH + "\nand commit the result.\n  "
          + String.join("\n  ", problems.subList(0, Math.min(problems.size(), 30))));
    }
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "<end of file>";
      String al = i < a.length ? a[i] : "<end of file>";
      if (!el.equals(al)) {
        return " (line " + (i + 1) + ": expected [" + abbreviate(el) + "], checked in ["
            + abbreviate(al) + "])";
      }
    }
    return "";
  }

  private static String abbreviate(String s) {
    return s.length() > 100 ? s.substring(0, 97) + "..." : s;
  }

  /** Files under {@code dir}, skipping build output (target/, target-*) like .gitignore does. */
  static SortedMap<String, String> read(Path dir) throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        Path rel = dir.relativize(p);
        boolean ignored = false;
        for (Path part : rel) {
          String name = part.toString();
          if (name.equals("target") || name.startsWith("target-") || name.endsWith(".class")
              || name.equals(".idea") || name.endsWith(".iml")) {
            ignored = true;
          }
        }
        if (!ignored) {
          files.put(rel.toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }
}
