package io.pushgen.generator.render;

import io.pushgen.generator.resources.Resources;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The runtime's parts as {@code runtime/parts.properties} lists them (embedded as {@code
 * pushgen/runtime-parts/parts.properties}): here, the Maven dependencies a part brings into an emitted
 * project's pom.
 */
final class RuntimeParts {
  static final String RESOURCE = "pushgen/runtime-parts/parts.properties";
  private static final Properties PARTS = load();

  private RuntimeParts() {}

  private static Properties load() {
    Properties parts = new Properties();
    try {
      parts.load(new StringReader(Resources.read(RESOURCE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parts;
  }

  /**
   * The dependencies of {@code parts}, in their order, each as {@code groupId}, {@code artifactId},
   * {@code version} and the {@code part} that needs it.
   */
  static List<Map<String, String>> maven(Collection<String> parts) {
    List<Map<String, String>> dependencies = new ArrayList<>();
    for (String part : parts) {
      String value = PARTS.getProperty(part + ".maven", "").strip();
      for (String coordinates : value.isEmpty() ? new String[0] : value.split("\\s+")) {
        String[] gav = coordinates.split(":");
        if (gav.length != 3) {
          throw new IllegalStateException(RESOURCE + ": " + part + ".maven: not groupId:artifactId:version: " + coordinates);
        }
        dependencies.add(Map.of("groupId", gav[0], "artifactId", gav[1], "version", gav[2], "part", part));
      }
    }
    return dependencies;
  }
}
