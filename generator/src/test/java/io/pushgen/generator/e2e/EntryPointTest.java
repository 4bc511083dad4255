package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.run.EmittedPrograms;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one entry point of an emitted project ({@code java -jar <jar> <command>}): its main class,
 * run in a child JVM as the jar's manifest runs it, lists every program as a command, runs one,
 * and prints picocli's completion script.
 */
class EntryPointTest {
  @TempDir Path work;

  @Test
  void everyProgramIsACommandOfMain() throws Exception {
    try (InProcessPrograms programs = InProcessPrograms.generate(work, "snowflake")) {
      EmittedPrograms compiled = programs.compiled();
      EmittedPrograms.Run help = compiled.run("io.pushgen.snowflake.Main", Map.of(), List.of("--help"));
      assertEquals(0, help.exitCode(), help.output());
      for (String command :
          List.of(
              "collect-metadata", "push-metadata", "collect-and-push-metadata", "verify-metadata",
              "collect-lineage", "push-lineage", "collect-and-push-lineage", "verify-lineage",
              "collect-query-logs", "push-query-logs", "collect-and-push-query-logs",
              "verify-query-logs", "lineage-node", "lineage-edge", "delete-lineage-node",
              "delete-push-tables", "check", "completion")) {
        assertTrue(help.stdout().lines().anyMatch(l -> l.strip().startsWith(command + " ")), command + "\n" + help.output());
      }

      EmittedPrograms.Run one =
          compiled.run("io.pushgen.snowflake.Main", Map.of(), List.of("collect-metadata", "--help"));
      assertEquals(0, one.exitCode(), one.output());
      assertTrue(one.stdout().startsWith("Usage: snowflake-push collect-metadata"), one.output());

      EmittedPrograms.Run none = compiled.run("io.pushgen.snowflake.Main", Map.of(), List.of());
      assertEquals(2, none.exitCode(), none.output());
      assertTrue(none.stderr().contains("missing a command"), none.output());

      EmittedPrograms.Run completion = compiled.run("io.pushgen.snowflake.Main", Map.of(), List.of("completion"));
      assertEquals(0, completion.exitCode(), completion.output());
      assertTrue(completion.stdout().contains("complete -F"), completion.output());
      assertTrue(completion.stdout().contains("collect-and-push-query-logs"), completion.output());
    }
  }
}
