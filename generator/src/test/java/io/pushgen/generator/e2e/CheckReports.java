package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.generator.run.EmittedPrograms;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading what an emitted {@code Check --json} printed. */
final class CheckReports {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CheckReports() {}

  /** The report's checks keyed {@code flow/check/target} ({@code null} without a target), in order. */
  static Map<String, JsonNode> checks(String json) throws IOException {
    Map<String, JsonNode> checks = new LinkedHashMap<>();
    for (JsonNode check : JSON.readTree(json).path("checks")) {
      checks.put(
          check.path("flow").asText() + "/" + check.path("check").asText() + "/"
              + check.path("target").asText(),
          check);
    }
    return checks;
  }

  /** Fails when a secret appears in anything the run printed. */
  static void assertNotShown(EmittedPrograms.Run run, String... secrets) {
    for (String secret : secrets) {
      assertFalse(
          run.stdout().contains(secret) || run.stderr().contains(secret),
          "a secret was printed:\n" + run.output());
    }
  }
}
