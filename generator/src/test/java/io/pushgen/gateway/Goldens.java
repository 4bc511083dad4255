package io.pushgen.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden vectors in {@code ../shared/golden}: each {@code expected} request is valid. */
final class Goldens {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** One golden vector's expected request. */
  record Golden(String name, String path, ObjectNode body) {
    /** A deep copy of the body, to mutate. */
    ObjectNode copy() {
      return body.deepCopy();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private Goldens() {}

  static Path dir() {
    String root = System.getProperty("pushgen.root");
    assertNotNull(root, "system property pushgen.root is not set (surefire sets it)");
    Path dir = Path.of(root, "..", "shared", "golden").normalize();
    assertTrue(Files.isDirectory(dir), "golden vectors not found at " + dir);
    return dir;
  }

  static List<Golden> all() {
    try (Stream<Path> files = Files.list(dir())) {
      List<Golden> goldens =
          files
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .sorted()
              .map(Goldens::read)
              .toList();
      assertFalse(goldens.isEmpty(), "no golden vectors in " + dir());
      return goldens;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Golden get(String name) {
    return read(dir().resolve(name + ".json"));
  }

  private static Golden read(Path file) {
    try {
      JsonNode root = MAPPER.readTree(file.toFile());
      JsonNode expected = root.get("expected");
      assertNotNull(expected, file + " has no expected");
      return new Golden(
          root.path("name").asText(file.getFileName().toString()),
          expected.path("path").asText(),
          (ObjectNode) expected.get("body"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
