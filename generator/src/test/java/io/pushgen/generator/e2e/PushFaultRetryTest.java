package io.pushgen.generator.e2e;

import static io.pushgen.generator.e2e.PushFaultFixture.KEY_ID;
import static io.pushgen.generator.e2e.PushFaultFixture.PUSH_METADATA;
import static io.pushgen.generator.e2e.PushFaultFixture.TOKEN;
import static io.pushgen.generator.e2e.PushFaultFixture.assetNames;
import static io.pushgen.generator.e2e.PushFaultFixture.environment;
import static io.pushgen.generator.e2e.PushFaultFixture.programs;
import static io.pushgen.generator.e2e.PushFaultFixture.writeManifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.run.EmittedPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted {@code PushMetadata}, run in its own JVM as a customer runs it, against a local
 * gateway that fails on purpose: server errors are retried until they pass, a 400 fails its batch
 * at once with the gateway's message, and {@code --resume} sends what is missing.
 */
class PushFaultRetryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ASSETS = 25;
  private static final int BATCH_SIZE = 10;

  @TempDir Path work;

  @Test
  void threeServiceUnavailableAnswersAreRetriedAndEveryEventArrivesOnce() throws Exception {
    Path manifest = writeManifest(work.resolve("metadata_manifest.json"), ASSETS);
    Path result = work.resolve("result.json");
    try (LocalGateway gateway = new LocalGateway().expectKey(KEY_ID, TOKEN).start(0)) {
      gateway.failNext(3, 503);

      // One request at a time, so the three 503s all hit the first batch.
      EmittedPrograms.Run run = push(gateway, manifest, "--result-file", result.toString());

      assertEquals(0, run.exitCode(), run.output());
      JsonNode batches = JSON.readTree(result.toFile()).get("batches");
      assertEquals(3, batches.size(), "25 assets in batches of 10");
      assertEquals("sent", batches.get(0).get("status").asText());
      assertEquals(4, batches.get(0).get("attempts").asInt(), "the first batch: 3 retries");
      assertEquals(1, batches.get(1).get("attempts").asInt());
      assertEquals(1, batches.get(2).get("attempts").asInt());
      assertTrue(run.stderr().contains("HTTP 503"), run.output());
      assertTrue(run.stderr().contains("attempt 3 of 5"), run.output());

      assertEquals(3, gateway.faultedCount());
      assertEquals(3, gateway.received(Flow.METADATA).size());
      assertEquals(expectedNames(), sorted(assetNames(gateway.received(Flow.METADATA))),
          "every asset exactly once");
      assertEquals(gateway.invocationIds(), invocationIds(result));
      for (String id : gateway.invocationIds()) {
        assertTrue(run.stdout().contains(id), "invocation id " + id + " printed");
      }
      assertNoSecret(run, result);
    }
  }

  @Test
  void aBadRequestFailsItsBatchAtOnceWithTheBodyAndResumeSendsOnlyThatBatch() throws Exception {
    Path manifest = writeManifest(work.resolve("metadata_manifest.json"), ASSETS);
    Path result = work.resolve("result.json");
    String body =
        "{\"message\": \"Unsupported asset type MATERIALIZED_VIEW\", \"probe\": \"bad-request-7731\"}";
    try (LocalGateway gateway = new LocalGateway().expectKey(KEY_ID, TOKEN).start(0)) {
      gateway.failNext(1, 400, body, null);

      EmittedPrograms.Run run = push(gateway, manifest, "--result-file", result.toString());

      assertEquals(1, run.exitCode(), run.output());
      assertTrue(run.stderr().contains("HTTP 400"), run.output());
      assertTrue(run.stderr().contains("Unsupported asset type MATERIALIZED_VIEW"), run.output());
      assertTrue(run.stderr().contains("bad-request-7731"), run.output());
      assertFalse(run.stderr().contains("retrying"), "a 400 is never retried:\n" + run.output());

      JsonNode batches = JSON.readTree(result.toFile()).get("batches");
      JsonNode first = batches.get(0);
      assertEquals("failed", first.get("status").asText());
      assertEquals(1, first.get("attempts").asInt());
      assertTrue(first.get("error").asText().contains("HTTP 400"), first.toString());
      assertTrue(first.get("error").asText().contains("bad-request-7731"), first.toString());
      // A 400 is about that batch's content: the other batches are still sent.
      assertEquals("sent", batches.get(1).get("status").asText());
      assertEquals("sent", batches.get(2).get("status").asText());
      assertEquals(1, gateway.faultedCount());
      assertEquals(2, gateway.received(Flow.METADATA).size());

      EmittedPrograms.Run resume = push(gateway, manifest, "--resume", result.toString());

      assertEquals(0, resume.exitCode(), resume.output());
      assertEquals(3, gateway.received(Flow.METADATA).size(), "only the failed batch again");
      assertEquals(expectedNames(), sorted(assetNames(gateway.received(Flow.METADATA))),
          "every asset exactly once");
      JsonNode after = JSON.readTree(result.toFile());
      assertEquals(3, after.at("/totals/sent").asInt());
      assertEquals(ASSETS, after.at("/totals/events_sent").asInt());
      assertEquals(List.copyOf(gateway.invocationIds()).stream().sorted().toList(),
          invocationIds(result).stream().sorted().toList());
      assertNoSecret(run, result);
      assertNoSecret(resume, result);
    }
  }

  private static EmittedPrograms.Run push(LocalGateway gateway, Path manifest, String... more)
      throws Exception {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--input-file", manifest.toString(),
                "--batch-size", Integer.toString(BATCH_SIZE),
                "--parallelism", "1"));
    arguments.addAll(List.of(more));
    return programs().run(PUSH_METADATA, environment(gateway.baseUrl()), arguments);
  }

  private static List<String> expectedNames() {
    return IntStream.range(0, ASSETS).mapToObj(PushFaultFixture::tableName).toList();
  }

  private static List<String> sorted(List<String> names) {
    return names.stream().sorted().toList();
  }

  private static List<String> invocationIds(Path result) throws Exception {
    List<String> ids = new ArrayList<>();
    JSON.readTree(result.toFile()).get("invocation_ids").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private static void assertNoSecret(EmittedPrograms.Run run, Path result) throws Exception {
    assertFalse(run.output().contains(TOKEN), "the token is never printed");
    assertFalse(Files.readString(result).contains(TOKEN), "the token is not in the result file");
  }
}
