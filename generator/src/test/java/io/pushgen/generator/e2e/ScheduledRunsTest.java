package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.CompiledProjects;
import io.pushgen.generator.run.EmittedPrograms;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled runs of the emitted PostgreSQL programs on a real server (issue 17): sharded
 * collections cover the account exactly once, hourly windows come from the clock, and every run
 * leaves a one-line JSON summary, also when it fails.
 */
class ScheduledRunsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE_UUID = "3f1a2b4c-0000-4000-8000-00000000abcd";
  private static final String TOKEN = "tok-SECRET-sched";
  private static final String PASSWORD = "pw-Sched-17";
  private static final String PKG = "io.pushgen.postgres.";

  private static EmbeddedPostgres postgres;
  private static EmittedPrograms programs;
  @TempDir static Path work;

  @BeforeAll
  static void startWarehouseAndBuildPrograms() throws Exception {
    postgres = PasswordPostgres.builder(work).start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE collector LOGIN PASSWORD '" + PASSWORD + "'");
      s.execute("CREATE TABLE public.accounts (id integer, name text)");
      s.execute("CREATE VIEW public.account_names AS SELECT name FROM public.accounts");
      // Eleven more databases (names with a space, a capital and a non-ASCII letter among them),
      // each with its own tables, so that shards have something to split.
      for (String database : databases()) {
        s.execute("CREATE DATABASE \"" + database + "\"");
      }
    }
    for (String database : databases()) {
      try (Connection c = postgres.getDatabase("postgres", database).getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA sales");
        s.execute("CREATE TABLE sales.orders (id integer, amount numeric)");
        s.execute("CREATE TABLE public.events (id bigint)");
        s.execute("CREATE VIEW sales.big_orders AS SELECT id FROM sales.orders WHERE amount > 10");
        s.execute("GRANT USAGE ON SCHEMA sales TO collector");
        s.execute("ANALYZE");
      }
    }
    programs = CompiledProjects.generate(work, "postgres");
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static List<String> databases() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      names.add("shop_" + i);
    }
    names.add("Finance");
    names.add("data lake");
    names.add("café");
    return names;
  }

  private static Map<String, String> environment(LocalGateway gateway, Map<String, String> more) {
    Map<String, String> env = new HashMap<>();
    env.put("PGHOST", "localhost");
    env.put("PGPORT", Integer.toString(postgres.getPort()));
    env.put("PGUSER", "collector");
    env.put("PGPASSWORD", PASSWORD);
    if (gateway != null) {
      env.put("MCD_INGEST_ID", "key-id-1");
      env.put("MCD_INGEST_TOKEN", TOKEN);
      env.put("MCD_RESOURCE_UUID", RESOURCE_UUID);
      env.put("MCD_API_ENDPOINT", gateway.baseUrl());
    }
    env.putAll(more);
    return env;
  }

  private static EmittedPrograms.Run collect(Path manifest, Map<String, String> env, String... more)
      throws Exception {
    List<String> arguments = new ArrayList<>(List.of("--output-file", manifest.toString()));
    arguments.addAll(List.of(more));
    return programs.run(PKG + "CollectMetadata", environment(null, env), arguments);
  }

  /** The manifest's assets by database.schema.name. */
  private static Map<String, JsonNode> assets(JsonNode manifest) {
    Map<String, JsonNode> assets = new TreeMap<>();
    for (JsonNode asset : manifest.get("events")) {
      JsonNode m = asset.get("metadata");
      String key = m.get("database").asText() + "." + m.get("schema").asText() + "." + m.get("name").asText();
      assertNull(assets.put(key, asset), key + " twice in one manifest");
    }
    return assets;
  }

  @Test
  void theShardsOfAnAccountTogetherHoldEveryAssetOfTheUnshardedRunExactlyOnce() throws Exception {
    Path whole = work.resolve("whole.json");
    EmittedPrograms.Run unsharded = collect(whole, Map.of());
    assertEquals(0, unsharded.exitCode(), unsharded.output());
    JsonNode wholeManifest = JSON.readTree(whole.toFile());
    assertFalse(wholeManifest.has("shard"), "an unsharded manifest records no shard");
    Map<String, JsonNode> expected = assets(wholeManifest);
    assertEquals(2 + 3 * databases().size(), expected.size(), expected.keySet().toString());

    for (int count : new int[] {1, 2, 3, 7}) {
      // The shards of an account run side by side, as a scheduler's parallel jobs would; two at a
      // time, so that seven starting JVMs do not starve the other test JVM on a 2-core machine.
      List<Future<EmittedPrograms.Run>> runs = new ArrayList<>();
      ExecutorService shards = Executors.newFixedThreadPool(2);
      try {
        for (int index = 0; index < count; index++) {
          Path manifest = shardManifest(index, count);
          String shard = index + "/" + count;
          String jobIndex = Integer.toString(index);
          // The three ways of naming the shard: --shard, PUSHGEN_SHARD, --shards with the index
          // of a Kubernetes Indexed Job's pod.
          Callable<EmittedPrograms.Run> run =
              switch (count) {
                case 3 -> () -> collect(manifest, Map.of("PUSHGEN_SHARD", shard));
                case 7 -> () -> collect(manifest, Map.of("JOB_COMPLETION_INDEX", jobIndex), "--shards", "7");
                default -> () -> collect(manifest, Map.of(), "--shard", shard);
              };
          runs.add(shards.submit(run));
        }
      } finally {
        shards.shutdown();
      }
      Map<String, JsonNode> union = new TreeMap<>();
      int nonEmpty = 0;
      for (int index = 0; index < count; index++) {
        Path manifest = shardManifest(index, count);
        EmittedPrograms.Run run = runs.get(index).get(); // each run is bounded (5 minutes)
        assertEquals(0, run.exitCode(), run.output());
        JsonNode json = JSON.readTree(manifest.toFile());
        if (count == 1) {
          assertFalse(json.has("shard"), "shard 0/1 is the whole account");
        } else {
          assertEquals(
              JSON.readTree("{\"index\": " + index + ", \"count\": " + count + "}"),
              json.get("shard"));
        }
        Map<String, JsonNode> shard = assets(json);
        if (count == 7) {
          // The documented hash: FNV-1a 32 of "postgres" is 0xd0d4074e, 3 modulo 7; of "shop_7"
          // 0xbf9cd12f, 0 modulo 7.
          assertEquals(index == 3, shard.containsKey("postgres.public.accounts"), "shard " + index);
          assertEquals(index == 0, shard.containsKey("shop_7.sales.orders"), "shard " + index);
        }
        nonEmpty += shard.isEmpty() ? 0 : 1;
        // A database is never split between shards.
        for (String key : shard.keySet()) {
          String database = key.substring(0, key.indexOf('.'));
          expected.keySet().stream()
              .filter(other -> other.startsWith(database + "."))
              .forEach(other -> assertTrue(shard.containsKey(other), other + " with " + key));
        }
        for (Map.Entry<String, JsonNode> asset : shard.entrySet()) {
          assertNull(union.put(asset.getKey(), asset.getValue()), asset.getKey() + " in two shards of " + count);
        }
      }
      assertEquals(expected, union, "the union of " + count + " shards is the unsharded manifest");
      assertTrue(nonEmpty > 1 || count == 1, "the databases spread over the shards");
    }
  }

  private static Path shardManifest(int index, int count) {
    return work.resolve("shard-" + index + "-of-" + count + ".json");
  }

  @Test
  void badShardValuesAreUsageErrorsThatNameTheOption() throws Exception {
    Path manifest = work.resolve("bad-shard.json");
    Path summary = work.resolve("bad-shard-summary.json");
    EmittedPrograms.Run outOfRange =
        collect(manifest, Map.of(), "--shard", "3/3", "--summary-file", summary.toString());
    assertEquals(2, outOfRange.exitCode(), outOfRange.output());
    assertTrue(
        outOfRange.stderr().contains("--shard: shard 3 of 3 does not exist (shards are 0 to 2)"),
        outOfRange.output());
    assertFalse(Files.exists(manifest), "no manifest for a usage error");
    JsonNode written = JSON.readTree(summary.toFile());
    assertEquals(2, written.get("exit_code").asInt());
    assertEquals("usage", written.get("status").asText());

    EmittedPrograms.Run noIndex = collect(manifest, Map.of(), "--shards", "4");
    assertEquals(2, noIndex.exitCode(), noIndex.output());
    assertTrue(
        noIndex.stderr().contains("--shards 4 takes the shard from JOB_COMPLETION_INDEX, which is not set"),
        noIndex.output());

    EmittedPrograms.Run malformed = collect(manifest, Map.of("PUSHGEN_SHARD", "1of3"));
    assertEquals(2, malformed.exitCode(), malformed.output());
    assertTrue(malformed.stderr().contains("PUSHGEN_SHARD '1of3' is not I/N"), malformed.output());
  }

  @Test
  void aCollectRunSummarisesItsShardManifestAndCount() throws Exception {
    Path manifest = work.resolve("summary-collect.json");
    Path summary = work.resolve("summaries/collect.json");
    EmittedPrograms.Run run =
        collect(manifest, Map.of(), "--shard", "0/2", "--summary-file", summary.toString(), "--summary-json");
    assertEquals(0, run.exitCode(), run.output());
    int events = JSON.readTree(manifest.toFile()).get("events").size();
    ObjectNode written = (ObjectNode) JSON.readTree(summary.toFile());
    assertTiming(written);
    assertEquals(
        JSON.readTree(
            """
            {"command": "collect-metadata", "warehouse": "postgres", "flow": "metadata",
             "exit_code": 0, "status": "ok", "shard": "0/2", "manifest": "%s",
             "counts": {"events": %d}, "failed_databases": [], "invocation_ids": [],
             "failed_batches": []}
            """
                .formatted(json(manifest), events)),
        written);
    String line = Files.readString(summary);
    assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, "one line: " + line);
    assertTrue(run.stdout().endsWith(line), "--summary-json prints the same line last:\n" + run.output());
  }

  @Test
  void aSuccessfulPushSummarisesItsCountsAndInvocationIdsInBatchOrder() throws Exception {
    Path manifest = work.resolve("push-ok.json");
    Path result = work.resolve("push-ok-result.json");
    Path summary = work.resolve("push-ok-summary.json");
    try (LocalGateway gateway = new LocalGateway().expectKey("key-id-1", TOKEN).start(0)) {
      EmittedPrograms.Run run =
          programs.run(
              PKG + "CollectAndPushMetadata",
              environment(gateway, Map.of()),
              List.of(
                  "--databases", "postgres,shop_1",
                  "--output-file", manifest.toString(),
                  "--result-file", result.toString(),
                  "--batch-size", "2",
                  "--summary-file", summary.toString()));
      assertEquals(0, run.exitCode(), run.output());
      // 2 assets in postgres, 3 in shop_1: 3 batches of at most 2.
      assertEquals(3, gateway.received(Flow.METADATA).size());
      List<String> ids = new ArrayList<>();
      JSON.readTree(result.toFile()).get("invocation_ids").forEach(id -> ids.add(id.asText()));
      assertEquals(gateway.invocationIds().stream().sorted().toList(), ids.stream().sorted().toList());

      ObjectNode written = (ObjectNode) JSON.readTree(summary.toFile());
      assertTiming(written);
      ObjectNode expected =
          (ObjectNode)
              JSON.readTree(
                  """
                  {"command": "collect-and-push-metadata", "warehouse": "postgres",
                   "flow": "metadata", "exit_code": 0, "status": "ok", "manifest": "%s",
                   "result_file": "%s",
                   "counts": {"events": 5, "batches": 3, "batches_failed": 0, "events_sent": 5,
                              "events_failed": 0, "events_rejected": 0},
                   "failed_databases": [], "failed_batches": []}
                  """
                      .formatted(json(manifest), json(result)));
      ArrayNode expectedIds = expected.putArray("invocation_ids");
      ids.forEach(expectedIds::add);
      assertEquals(expected, written);
      assertFalse(Files.readString(summary).contains(TOKEN));
    }
  }

  @Test
  void aFailedPushStillWritesItsSummaryWithTheFailedBatchesAndExitCode() throws Exception {
    Path manifest = work.resolve("push-fail.json");
    Path result = work.resolve("push-fail-result.json");
    Path summary = work.resolve("push-fail-summary.json");
    try (LocalGateway gateway = new LocalGateway().expectKey("key-id-1", TOKEN).start(0)) {
      // The first request is accepted, every later one refused (a 400 is not retried).
      gateway.rejectAfter(1, 400, "{\"error\": \"refused by the test\"}", null);
      EmittedPrograms.Run run =
          programs.run(
              PKG + "CollectAndPushMetadata",
              environment(gateway, Map.of()),
              List.of(
                  "--databases", "postgres,shop_1",
                  "--output-file", manifest.toString(),
                  "--result-file", result.toString(),
                  "--batch-size", "2",
                  "--parallelism", "1",
                  "--summary-file", summary.toString(),
                  "--summary-json"));
      assertEquals(1, run.exitCode(), run.output());

      JsonNode resultJson = JSON.readTree(result.toFile());
      ArrayNode failedBatches = JSON.createArrayNode();
      for (JsonNode batch : resultJson.get("batches")) {
        if (!batch.get("status").asText().equals("sent")) {
          failedBatches
              .addObject()
              .put("index", batch.get("index").asInt())
              .put("status", batch.get("status").asText())
              .put("error", batch.get("error").asText());
        }
      }
      assertEquals(2, failedBatches.size(), resultJson.toPrettyString());
      assertTrue(failedBatches.get(0).get("error").asText().contains("400"), failedBatches.toString());

      ObjectNode written = (ObjectNode) JSON.readTree(summary.toFile());
      assertTiming(written);
      ObjectNode expected =
          (ObjectNode)
              JSON.readTree(
                  """
                  {"command": "collect-and-push-metadata", "warehouse": "postgres",
                   "flow": "metadata", "exit_code": 1, "status": "failed", "manifest": "%s",
                   "result_file": "%s",
                   "counts": {"events": 5, "batches": 3, "batches_failed": 2, "events_sent": 2,
                              "events_failed": 3, "events_rejected": 0},
                   "failed_databases": []}
                  """
                      .formatted(json(manifest), json(result)));
      expected.putArray("invocation_ids").add(gateway.invocationIds().get(0));
      expected.set("failed_batches", failedBatches);
      assertEquals(expected, written);
      assertTrue(run.stdout().endsWith(Files.readString(summary)), run.output());
    }
  }

  @Test
  void aRunThatCannotConnectWritesAFailureSummaryAndNoSecret() throws Exception {
    Path summary = work.resolve("no-connection-summary.json");
    EmittedPrograms.Run run =
        collect(
            work.resolve("never.json"),
            Map.of("PGPASSWORD", "wrong-" + PASSWORD),
            "--summary-file",
            summary.toString());
    assertEquals(1, run.exitCode(), run.output());
    ObjectNode written = (ObjectNode) JSON.readTree(summary.toFile());
    assertTiming(written);
    assertEquals(
        JSON.readTree(
            """
            {"command": "collect-metadata", "warehouse": "postgres", "flow": "metadata",
             "exit_code": 1, "status": "failed", "counts": {}, "invocation_ids": [],
             "failed_batches": []}
            """),
        written);
    assertFalse(Files.readString(summary).contains(PASSWORD));
    try (Stream<Path> files = Files.list(summary.getParent())) {
      assertTrue(files.noneMatch(file -> file.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void hourlyLineageWindowsComeFromTheClockAndOnlyShardZeroReadsTheLog() throws Exception {
    Path log = Files.createDirectories(work.resolve("empty-log"));
    Path manifest = work.resolve("lineage-hourly.json");
    Path state = work.resolve("lineage-state.json");
    Instant before = Instant.now();
    EmittedPrograms.Run run =
        programs.run(
            PKG + "CollectLineage",
            environment(null, Map.of("PG_LOG_FILE", log.toString())),
            List.of(
                "--databases", "postgres",
                "--output-file", manifest.toString(),
                "--state-file", state.toString(),
                "--window", "hourly",
                "--summary-json"));
    Instant after = Instant.now();
    assertEquals(0, run.exitCode(), run.output());
    JsonNode window = JSON.readTree(manifest.toFile()).get("window");
    Instant end = Instant.parse(window.get("end").asText());
    // The last complete hour ending at least the 2-minute lag ago, by the clock of the run.
    List<Instant> possible =
        Stream.of(before, after)
            .map(now -> now.minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.HOURS))
            .toList();
    assertTrue(possible.contains(end), end + " in " + possible);
    assertEquals(end.minus(Duration.ofHours(1)), Instant.parse(window.get("start").asText()));
    assertFalse(Files.exists(state), "an hourly window keeps no state");
    assertEquals(
        1, JSON.readTree(manifest.toFile()).get("events").size(), "the view's lineage: " + run.output());

    EmittedPrograms.Run both =
        programs.run(
            PKG + "CollectLineage",
            environment(null, Map.of("PG_LOG_FILE", log.toString())),
            List.of(
                "--output-file", manifest.toString(),
                "--window", "hourly",
                "--window-start", "2026-01-01T00:00:00Z"));
    assertEquals(2, both.exitCode(), both.output());
    assertTrue(both.stderr().contains("--window hourly takes its window from the clock"), both.output());

    // Shard 1 of 2: the views of its databases, and no window: the log is shard 0's.
    Path shardOne = work.resolve("lineage-shard-1.json");
    EmittedPrograms.Run sharded =
        programs.run(
            PKG + "CollectLineage",
            environment(null, Map.of("PG_LOG_FILE", log.toString())),
            List.of("--output-file", shardOne.toString(), "--shard", "1/2", "--window", "hourly"));
    assertEquals(0, sharded.exitCode(), sharded.output());
    JsonNode shardManifest = JSON.readTree(shardOne.toFile());
    assertTrue(shardManifest.get("window").isNull(), shardManifest.toPrettyString());
    assertEquals(JSON.readTree("{\"index\": 1, \"count\": 2}"), shardManifest.get("shard"));
  }

  /** Checks the two values that depend on the clock, and removes them for an exact comparison. */
  private static void assertTiming(ObjectNode summary) {
    Instant started = Instant.parse(summary.remove("started_at").asText());
    assertTrue(Duration.between(started, Instant.now()).toMinutes() < 10, started.toString());
    long duration = summary.remove("duration_ms").asLong(-1);
    assertTrue(duration >= 0 && duration < 600_000, Long.toString(duration));
  }

  /** A path as it appears inside a JSON string. */
  private static String json(Path path) throws Exception {
    String quoted = JSON.writeValueAsString(path.toString());
    return quoted.substring(1, quoted.length() - 1);
  }
}
