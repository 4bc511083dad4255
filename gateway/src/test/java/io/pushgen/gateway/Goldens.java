package io.pushgen.gateway;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgen.testsupport.GoldenVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The SDK's golden vectors ({@link GoldenVectors}): each {@code expected} request is valid. */
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

  static List<Golden> all() {
    return GoldenVectors.all().stream().map(Goldens::read).toList();
  }

  static Golden get(String name) {
    return read(GoldenVectors.named(name));
  }

  private static Golden read(Path file) {
    try {
      JsonNode root = MAPPER.readTree(file.toFile());
      JsonNode expected = root.get("expected");
      assertNotNull(expected, file + " has no expected");
      return new Golden(
          file.startsWith(GoldenVectors.inRepository()) ? file.getFileName().toString() : file.toString(),
          expected.path("path").asText(),
          (ObjectNode) expected.get("body"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
