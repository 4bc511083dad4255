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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.gateway.RecordedRequest;
import io.pushgen.generator.run.EmittedPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted {@code PushMetadata} killed with SIGKILL half-way through a push, then run again
 * with {@code --resume}: every asset reaches the gateway, and nothing is sent twice except, at
 * most, the one batch that was in flight at the kill.
 */
class PushFaultKillResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ASSETS = 300;
  private static final int BATCH_SIZE = 10;
  private static final int BATCHES = ASSETS / BATCH_SIZE;

  @TempDir Path work;

  @Test
  void aKilledPushResumedDeliversEveryAssetAndRepeatsAtMostTheBatchInFlight() throws Exception {
    Path manifest = writeManifest(work.resolve("metadata_manifest.json"), ASSETS);
    Path result = work.resolve("result.json");
    Path log = work.resolve("killed-push.log");
    List<String> arguments =
        List.of(
            "--input-file", manifest.toString(),
            "--batch-size", Integer.toString(BATCH_SIZE),
            "--parallelism", "1");
    try (LocalGateway gateway = new LocalGateway().expectKey(KEY_ID, TOKEN).start(0);
        // A slow gateway: 30 batches at 150 ms each take several seconds. (The gateway's own
        // delayNext does not record the requests it delays, so the delay sits in a relay.)
        PushFaultRelay relay =
            PushFaultRelay.start(gateway.baseUrl()).delayEach(Duration.ofMillis(150))) {
      Map<String, String> env = environment(relay.baseUrl());

      // Run 1: killed (SIGKILL: no shutdown hook, no finally) once two batches have arrived.
      Process push =
          programs().start(PUSH_METADATA, env, concat(arguments, "--result-file", result.toString()), log);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      while (gateway.received().size() < 2) {
        if (!push.isAlive()) {
          fail("the push ended before it could be killed:\n" + Files.readString(log));
        }
        if (System.nanoTime() > deadline) {
          push.destroyForcibly();
          fail("the gateway did not receive 2 batches:\n" + Files.readString(log));
        }
        Thread.sleep(5);
      }
      push.destroyForcibly();
      assertTrue(push.waitFor(30, TimeUnit.SECONDS), "the killed push did not end");
      assertNotEquals(0, push.exitValue(), "killed, not finished:\n" + Files.readString(log));
      // A request the relay was holding at the kill may still reach the gateway: let it land.
      relay.awaitIdle(Duration.ofSeconds(10));
      List<RecordedRequest> firstRun = gateway.received();

      // The result file is replaced atomically after each batch, so it is whole after a kill.
      JsonNode killed = JSON.readTree(result.toFile());
      assertTrue(killed.path("finished_at").isNull(), "run 1 never finished: " + killed);
      assertTrue(killed.at("/totals/sent").asInt() < BATCHES, "the kill came before the end");
      Set<String> recorded = ids(killed.get("invocation_ids"));
      Set<String> accepted =
          firstRun.stream().map(RecordedRequest::invocationId).collect(Collectors.toSet());
      assertTrue(accepted.containsAll(recorded), "every batch recorded as sent was accepted");
      // HTTP cannot tell a client whether a request whose answer it never read was processed:
      // the batch in flight at the kill may have been accepted by the gateway without the push
      // learning its invocation id. The result file cannot record it as sent, so --resume sends
      // it again. That is the only batch that may arrive twice; with --parallelism 1 there is at
      // most one such batch.
      List<RecordedRequest> inFlight =
          firstRun.stream().filter(r -> !recorded.contains(r.invocationId())).toList();
      assertTrue(inFlight.size() <= 1, "at most one batch in flight at the kill: " + inFlight);
      System.out.printf(
          "killed after %d of %d batches recorded as sent; %d accepted batch(es) not recorded%n",
          recorded.size(), BATCHES, inFlight.size());

      // Run 2: resume to the end, at full speed.
      relay.delayEach(Duration.ZERO);
      EmittedPrograms.Run resume =
          programs().run(PUSH_METADATA, env, concat(arguments, "--resume", result.toString()));
      assertEquals(0, resume.exitCode(), resume.output());
      assertTrue(resume.stdout().contains(recorded.size() + " batch"), resume.output());

      List<RecordedRequest> all = gateway.received();
      List<RecordedRequest> secondRun = all.subList(firstRun.size(), all.size());
      assertEquals(BATCHES - recorded.size(), secondRun.size(), "run 2 sent only what was missing");
      JsonNode finished = JSON.readTree(result.toFile());
      assertEquals(BATCHES, finished.at("/totals/sent").asInt(), finished.toString());
      assertEquals(ASSETS, finished.at("/totals/events_sent").asInt());
      Set<String> finalIds = ids(finished.get("invocation_ids"));
      assertTrue(finalIds.containsAll(recorded), "run 1's invocation ids are kept");
      assertEquals(BATCHES, finalIds.size());

      // Count every asset name over both runs at the gateway.
      Map<String, Integer> counts = new TreeMap<>();
      assetNames(all).forEach(name -> counts.merge(name, 1, Integer::sum));
      Set<String> expected =
          IntStream.range(0, ASSETS).mapToObj(PushFaultFixture::tableName).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(expected, counts.keySet(), "every asset accepted");
      Set<String> duplicates =
          counts.entrySet().stream()
              .filter(e -> e.getValue() > 1)
              .map(Map.Entry::getKey)
              .collect(Collectors.toCollection(TreeSet::new));
      assertTrue(counts.values().stream().allMatch(n -> n <= 2), "nothing arrived three times");
      if (inFlight.isEmpty()) {
        // The batch in flight was answered and recorded before the kill (or none was in flight).
        assertEquals(Set.of(), duplicates, "the result file recorded every accepted batch");
      } else {
        assertEquals(new TreeSet<>(assetNames(inFlight.get(0))), duplicates,
            "only the batch in flight at the kill arrived twice");
        assertTrue(duplicates.size() <= BATCH_SIZE);
      }
      assertFalse(Files.readString(log).contains(TOKEN));
      assertFalse(resume.output().contains(TOKEN));
    }
  }

  private static List<String> concat(List<String> list, String... more) {
    List<String> all = new java.util.ArrayList<>(list);
    all.addAll(List.of(more));
    return all;
  }

  private static Set<String> ids(JsonNode array) {
    Set<String> ids = new HashSet<>();
    array.forEach(id -> ids.add(id.asText()));
    return ids;
  }
}
