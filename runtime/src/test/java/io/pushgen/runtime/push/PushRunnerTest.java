package io.pushgen.runtime.push;

import static io.pushgen.runtime.push.Answers.ACCEPT;
import static io.pushgen.runtime.push.Answers.fail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Fault;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.gateway.RecordedRequest;
import io.pushgen.runtime.cli.Console;
import io.pushgen.runtime.cli.ExitCode;
import io.pushgen.runtime.cli.UsageException;
import io.pushgen.runtime.http.Credentials;
import io.pushgen.runtime.http.HttpSettings;
import io.pushgen.runtime.manifest.ManifestHeader;
import io.pushgen.runtime.manifest.ManifestReader;
import io.pushgen.runtime.manifest.ManifestWriter;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset;
import io.pushgen.runtime.push.PushResult.BatchRecord;
import io.pushgen.runtime.push.PushResult.Status;
import io.pushgen.runtime.wire.Contract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

class PushRunnerTest {
  static final String TOKEN = "tok-SECRET-4242-never-print-me";
  static final String UUID = "3f1a2b4c-0000-4000-8000-00000000abcd";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  /** The real local gateway, answering as each test scripts it. */
  LocalGateway gateway;
  final Answers answers = new Answers();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  Console console;


  @Command(name = "push")
  static class PushCommand {
    @Mixin PushOptions push = new PushOptions();
  }

  @BeforeEach
  void start() throws IOException {
    // Invocation ids name a batch's first event: inv-t0000, ...
    gateway =
        new LocalGateway()
            .expectKey("key-1", TOKEN)
            .respondWith(answers)
            .invocationIds(body -> "inv-" + firstName(body))
            .start(0);
    console =
        new Console(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    acceptAll();
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  /** Accepts every request from now on. */
  void acceptAll() {
    answers.otherwise(request -> null);
  }

  /** Event names the gateway accepted (answered 2xx for), with how often. */
  Map<String, Integer> accepted() {
    Map<String, Integer> accepted = new HashMap<>();
    gateway.received().forEach(r -> names(r).forEach(name -> accepted.merge(name, 1, Integer::sum)));
    return accepted;
  }

  static String firstName(JsonNode body) {
    return body.path("events").path(0).path("relational_asset").path("metadata").path("name").asText();
  }

  static List<String> names(RecordedRequest request) {
    List<String> names = new ArrayList<>();
    request
        .events()
        .forEach(event -> names.add(event.path("relational_asset").path("metadata").path("name").asText()));
    return names;
  }

  static String name(int i) {
    return String.format("t%04d", i);
  }

  Path manifest(String file, int events) throws IOException {
    return manifest(file, events, i -> null);
  }

  Path manifest(String file, int events, java.util.function.IntFunction<String> description)
      throws IOException {
    Path path = dir.resolve(file);
    ManifestHeader header =
        ManifestHeader.of(
            Flow.METADATA, "postgres", "postgres", Instant.parse("2026-01-05T10:00:00Z"));
    try (ManifestWriter writer = ManifestWriter.open(path, header)) {
      for (int i = 0; i < events; i++) {
        writer.write(
            new RelationalAsset(
                "TABLE",
                new AssetMetadata(name(i), "db", "public", description.apply(i), null, null),
                List.of()));
      }
      writer.commit();
    }
    return path;
  }

  static PushOptions options(String... args) {
    PushCommand command = new PushCommand();
    new CommandLine(command).parseArgs(args);
    return command.push;
  }

  /** Options for a real push to the test gateway, plus {@code extra}. */
  PushOptions pushOptions(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--key-id",
                "key-1",
                "--key-token",
                TOKEN,
                "--resource-uuid",
                UUID,
                "--endpoint",
                gateway.baseUrl()));
    args.addAll(List.of(extra));
    return options(args.toArray(String[]::new));
  }

  HttpTransport transport() {
    return HttpTransport.builder(new Credentials("key-1", TOKEN))
        .baseUrl(gateway.baseUrl())
        .settings(HttpSettings.builder().backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build())
        .sessionId("session-1")
        .build();
  }

  PushRunner.Outcome push(Path manifest, String... extra) throws Exception {
    return new PushRunner(pushOptions(extra), transport(), "session-1", console).push(manifest);
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void pushesEveryBatchAndRecordsIt() throws Exception {
    Path manifest = manifest("metadata.json", 10);
    Path resultFile = dir.resolve("out/result.json");
    answers.next(fail(503, "busy"), fail(503, "busy"), fail(503, "busy"));

    PushRunner.Outcome outcome =
        push(
            manifest,
            "--batch-size",
            "3",
            "--parallelism",
            "1",
            "--result-file",
            resultFile.toString());

    assertEquals(ExitCode.OK, outcome.exitCode());
    assertEquals(resultFile, outcome.resultFile());
    JsonNode result = JSON.readTree(resultFile.toFile());
    assertEquals(1, result.path("format_version").asInt());
    assertEquals("session-1", result.path("session_id").asText());
    assertEquals("metadata", result.path("flow").asText());
    assertEquals("postgres", result.path("warehouse").asText());
    assertEquals(UUID, result.path("resource_uuid").asText());
    assertEquals("postgres", result.path("resource_type").asText());
    assertTrue(result.path("log_type").isMissingNode());
    assertEquals(manifest.toString(), result.path("manifest_path").asText());
    assertEquals(sha256(manifest), result.path("manifest_sha256").asText());
    assertEquals(3, result.path("batch_size").asInt());
    assertEquals(Contract.MAX_COMPRESSED_BODY_BYTES, result.path("max_request_bytes").asInt());
    assertFalse(result.path("started_at").asText().isEmpty());
    assertFalse(result.path("finished_at").isNull());

    JsonNode batches = result.path("batches");
    assertEquals(4, batches.size());
    int[][] expected = {{1, 0, 2, 3, 4}, {2, 3, 5, 3, 1}, {3, 6, 8, 3, 1}, {4, 9, 9, 1, 1}};
    for (int i = 0; i < 4; i++) {
      JsonNode batch = batches.get(i);
      assertEquals(expected[i][0], batch.path("index").asInt());
      assertEquals(expected[i][1], batch.path("first_event").asInt());
      assertEquals(expected[i][2], batch.path("last_event").asInt());
      assertEquals(expected[i][3], batch.path("event_count").asInt());
      assertEquals(expected[i][4], batch.path("attempts").asInt());
      assertEquals("sent", batch.path("status").asText());
      assertEquals("inv-" + name(expected[i][1]), batch.path("invocation_id").asText());
      assertTrue(batch.path("error").isMissingNode());
    }
    assertEquals(
        List.of("inv-t0000", "inv-t0003", "inv-t0006", "inv-t0009"),
        JSON.convertValue(result.path("invocation_ids"), List.class));
    JsonNode totals = result.path("totals");
    assertEquals(4, totals.path("batches").asInt());
    assertEquals(4, totals.path("sent").asInt());
    assertEquals(10, totals.path("events_sent").asInt());
    assertEquals(0, totals.path("failed").asInt());

    String stdout = stdout();
    assertTrue(
        stdout.contains(
            "batch 1: 3 events (events 0-2), sent in 4 attempts, invocation_id inv-t0000"),
        stdout);
    assertTrue(
        stdout.contains("batch 4: 1 event (event 9), sent in 1 attempt, invocation_id inv-t0009"),
        stdout);
    assertTrue(stdout.contains("4 of 4 batches sent (10 of 10 events)"), stdout);
    for (String id : List.of("inv-t0000", "inv-t0003", "inv-t0006", "inv-t0009")) {
      assertTrue(stdout.contains(": " + id + "\n"), stdout);
    }
    IntStream.range(0, 10).forEach(i -> assertEquals(1, accepted().get(name(i))));
  }

  @Test
  void boundsTheRequestsInFlight() throws Exception {
    Path manifest = manifest("metadata.json", 12);
    gateway.holdUntilInFlight(3);

    PushRunner.Outcome outcome = push(manifest, "--batch-size", "1", "--parallelism", "3");

    assertEquals(ExitCode.OK, outcome.exitCode());
    assertEquals(3, gateway.maxInFlight());
    assertEquals(12, answers.seen().size());
    assertEquals(
        IntStream.range(0, 12).mapToObj(i -> "inv-" + name(i)).toList(),
        outcome.result().invocationIds());
    assertEquals(manifest.resolveSibling("metadata.result.json"), outcome.resultFile());
    assertTrue(Files.exists(outcome.resultFile()));
  }

  @Test
  void resumeSendsOnlyTheFailedBatches() throws Exception {
    Path manifest = manifest("metadata.json", 10);
    Path resultFile = dir.resolve("result.json");
    answers.otherwise(
        request -> {
          List<String> names = names(request);
          return names.contains(name(2)) || names.contains(name(7))
              ? Fault.fail(400, "{\"error\":\"bad event in " + names + "\"}", null)
              : null;
        });

    PushRunner.Outcome first =
        push(
            manifest,
            "--batch-size",
            "2",
            "--parallelism",
            "2",
            "--result-file",
            resultFile.toString());

    assertEquals(ExitCode.FAILURE, first.exitCode());
    assertTrue(first.complete(), "a 400 concerns one batch: the others are still sent");
    PushResult written = PushResult.read(resultFile);
    assertEquals(
        List.of(Status.SENT, Status.FAILED, Status.SENT, Status.FAILED, Status.SENT),
        written.batches().stream().map(BatchRecord::status).toList());
    BatchRecord failed = written.batches().get(1);
    assertEquals(1, failed.attempts());
    assertTrue(failed.error().contains("HTTP 400"), failed.error());
    assertTrue(failed.error().contains("bad event in [t0002, t0003]"), failed.error());
    assertNull(failed.invocationId());
    assertEquals(List.of("inv-t0000", "inv-t0004", "inv-t0008"), written.invocationIds());
    assertTrue(
        stderr().contains("error: batch 2: 2 events (events 2-3) failed after 1 attempt: HTTP 400"),
        stderr());
    assertTrue(stdout().contains("--resume " + resultFile), stdout());

    int receivedBefore = answers.seen().size();
    acceptAll();
    PushRunner.Outcome resumed =
        push(manifest, "--batch-size", "2", "--resume", resultFile.toString());

    assertEquals(ExitCode.OK, resumed.exitCode());
    assertEquals(resultFile, resumed.resultFile());
    List<RecordedRequest> again =
        answers.seen().subList(receivedBefore, answers.seen().size());
    assertEquals(
        List.of(List.of(name(2), name(3)), List.of(name(6), name(7))),
        again.stream()
            .map(PushRunnerTest::names)
            .sorted((a, b) -> a.get(0).compareTo(b.get(0)))
            .toList());
    IntStream.range(0, 10)
        .forEach(i -> assertEquals(1, accepted().get(name(i)), "event " + i + " accepted once"));
    PushResult after = PushResult.read(resultFile);
    assertEquals(
        List.of("inv-t0000", "inv-t0002", "inv-t0004", "inv-t0006", "inv-t0008"),
        after.invocationIds());
    assertEquals(5, after.totals().sent());
    assertNotNull(after.finishedAt());
    assertTrue(
        stdout().contains("batch 1: 2 events (events 0-1), already sent, invocation_id inv-t0000"),
        stdout());
  }

  @Test
  void anAcceptedAnswerWithoutInvocationIdIsSentWithAWarningAndResumeDoesNotSendItAgain()
      throws Exception {
    Path manifest = manifest("metadata.json", 6);
    Path resultFile = dir.resolve("result.json");
    answers.otherwise(
        request -> {
          List<String> names = names(request);
          if (names.contains(name(2))) {
            return Fault.noInvocationId(); // accepted, as the SDK sees it, but with no id to trace
          }
          return names.contains(name(4)) ? Fault.fail(400, "{\"error\":\"bad\"}", null) : null;
        });

    PushRunner.Outcome first =
        push(manifest, "--batch-size", "2", "--result-file", resultFile.toString());

    assertEquals(ExitCode.FAILURE, first.exitCode());
    PushResult written = PushResult.read(resultFile);
    assertEquals(
        List.of(Status.SENT, Status.SENT, Status.FAILED),
        written.batches().stream().map(BatchRecord::status).toList());
    BatchRecord noId = written.batches().get(1);
    assertNull(noId.invocationId());
    assertNull(noId.error());
    String warning =
        "HTTP 202 accepted the batch without an invocation_id: it cannot be traced downstream";
    assertEquals(warning, noId.warning());
    assertEquals(List.of("inv-t0000"), written.invocationIds());
    assertEquals(4, written.totals().eventsSent());
    assertTrue(
        stderr().contains("warning: batch 2: 2 events (events 2-3): " + warning), stderr());

    acceptAll();
    PushRunner.Outcome resumed =
        push(manifest, "--batch-size", "2", "--resume", resultFile.toString());

    assertEquals(ExitCode.OK, resumed.exitCode());
    IntStream.range(0, 6)
        .forEach(i -> assertEquals(1, accepted().get(name(i)), "event " + i + " accepted once"));
    assertTrue(
        stdout().contains("batch 2: 2 events (events 2-3), already sent, without an invocation_id"),
        stdout());
    assertEquals(warning, PushResult.read(resultFile).batches().get(1).warning());
  }

  @Test
  void anAuthenticationFailureStopsTheRunAndResumeDeliversEachEventOnce() throws Exception {
    Path manifest = manifest("metadata.json", 20);
    Path resultFile = dir.resolve("result.json");
    // The first two batches get through, then the key is refused.
    answers.next(ACCEPT, ACCEPT);
    answers.otherwise(request -> Fault.fail(401, "{\"error\":\"Unauthorized\"}", null));

    PushRunner.Outcome first =
        push(
            manifest,
            "--batch-size",
            "2",
            "--parallelism",
            "1",
            "--result-file",
            resultFile.toString());

    assertEquals(ExitCode.FAILURE, first.exitCode());
    assertFalse(first.complete());
    assertEquals(3, answers.seen().size(), "no batch is sent after a refused key");
    PushResult written = PushResult.read(resultFile);
    assertEquals(3, written.batches().size());
    assertTrue(stderr().contains("stopped: batch 3 failed"), stderr());

    acceptAll();
    PushRunner.Outcome resumed =
        push(
            manifest, "--batch-size", "2", "--resume", resultFile.toString(), "--parallelism", "4");

    assertEquals(ExitCode.OK, resumed.exitCode());
    IntStream.range(0, 20).forEach(i -> assertEquals(1, accepted().get(name(i)), "event " + i));
    assertEquals("inv-t0000", resumed.result().invocationIds().get(0));
    assertEquals(10, resumed.result().invocationIds().size());
  }

  @Test
  void resumeAfterAKillSendsWhatIsNotRecorded() throws Exception {
    Path manifest = manifest("metadata.json", 9);
    Path resultFile = dir.resolve("result.json");
    push(manifest, "--batch-size", "3", "--result-file", resultFile.toString());
    // As if killed while batches 2 and 3 were in flight: only batch 1 is recorded.
    PushResult full = PushResult.read(resultFile);
    full.withBatches(full.batches().subList(0, 1), null).write(resultFile);
    gateway.clear(); // count what the resumed run delivers
    int before = answers.seen().size();

    PushRunner.Outcome resumed =
        push(manifest, "--batch-size", "3", "--resume", resultFile.toString());

    assertEquals(ExitCode.OK, resumed.exitCode());
    assertEquals(2, answers.seen().size() - before);
    assertEquals(
        Map.of(name(3), 1, name(4), 1, name(5), 1, name(6), 1, name(7), 1, name(8), 1),
        new TreeMap<>(accepted()));
  }

  @Test
  void theResultFileIsCurrentWhenEachRequestArrives() throws Exception {
    Path manifest = manifest("metadata.json", 8);
    Path resultFile = dir.resolve("result.json");
    List<Integer> recordedWhenReceived = new ArrayList<>();
    answers.otherwise(
        request -> {
          try {
            recordedWhenReceived.add(PushResult.read(resultFile).totals().sent());
          } catch (IOException e) {
            throw new AssertionError(e);
          }
          return null;
        });

    push(
        manifest,
        "--batch-size",
        "2",
        "--parallelism",
        "1",
        "--result-file",
        resultFile.toString());

    assertEquals(List.of(0, 1, 2, 3), recordedWhenReceived);
  }

  @Test
  void aFreshPushRefusesToOverwriteAnUnfinishedOne() throws Exception {
    Path manifest = manifest("metadata.json", 4);
    answers.next(ACCEPT, fail(400, "no"));
    PushRunner.Outcome first = push(manifest, "--batch-size", "2", "--parallelism", "1");
    assertEquals(ExitCode.FAILURE, first.exitCode());

    UsageException e =
        assertThrows(UsageException.class, () -> push(manifest, "--batch-size", "2"));

    assertTrue(e.getMessage().contains("--resume " + first.resultFile()), e.getMessage());
  }

  @Test
  void resumeRefusesAnotherManifestOrOtherBatchSettings() throws Exception {
    Path manifest = manifest("metadata.json", 4);
    Path resultFile = dir.resolve("result.json");
    push(manifest, "--batch-size", "2", "--result-file", resultFile.toString());

    UsageException size =
        assertThrows(
            UsageException.class,
            () -> push(manifest, "--batch-size", "3", "--resume", resultFile.toString()));
    assertTrue(size.getMessage().contains("--batch-size 2"), size.getMessage());

    manifest("metadata.json", 5);
    UsageException changed =
        assertThrows(
            UsageException.class,
            () -> push(manifest, "--batch-size", "2", "--resume", resultFile.toString()));
    assertTrue(changed.getMessage().contains("manifest differs"), changed.getMessage());
  }

  @Test
  void dryRunWritesTheBodiesAndSendsNothing() throws Exception {
    Path manifest = manifest("metadata.json", 5);
    Path dump = dir.resolve("dump");
    PushOptions options =
        options(
            "--dry-run",
            "--dump-dir",
            dump.toString(),
            "--batch-size",
            "2",
            "--endpoint",
            gateway.baseUrl(),
            "--key-id",
            "",
            "--key-token",
            "",
            "--resource-uuid",
            "");

    int exit = PushRunner.run(options, manifest, console);

    assertEquals(ExitCode.OK, exit, stderr());
    assertEquals(0, answers.seen().size());
    try (Stream<Path> files = Files.list(dump)) {
      assertEquals(
          List.of(
              "batch-00001-metadata.json",
              "batch-00002-metadata.json",
              "batch-00003-metadata.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    JsonNode body = JSON.readTree(dump.resolve("batch-00002-metadata.json").toFile());
    assertEquals("METADATA", body.path("event_type").asText());
    assertEquals(PushRunner.DRY_RUN_RESOURCE_UUID, body.path("resource").path("uuid").asText());
    assertEquals("postgres", body.path("resource").path("resource_type").asText());
    assertEquals(2, body.path("events").size());
    assertEquals(
        "t0002",
        body.path("events").get(0).path("relational_asset").path("metadata").path("name").asText());
    assertFalse(Files.exists(dir.resolve("metadata.result.json")));
    assertTrue(
        stdout().contains("dry run: metadata, 3 batches, 5 events; nothing was sent"), stdout());
  }

  @Test
  void dumpsExactlyWhatIsSent() throws Exception {
    Path manifest = manifest("metadata.json", 3);
    Path dump = dir.resolve("dump");

    push(manifest, "--dump-dir", dump.toString(), "--resource-type", "data-lake");

    JsonNode sent = gateway.received().get(0).body();
    assertEquals(sent, JSON.readTree(dump.resolve("batch-00001-metadata.json").toFile()));
    assertEquals("data-lake", sent.path("resource").path("resource_type").asText());
  }

  @Test
  void anEmptyManifestSendsNothing() throws Exception {
    Path manifest = manifest("metadata.json", 0);

    PushRunner.Outcome outcome = push(manifest);

    assertEquals(ExitCode.OK, outcome.exitCode());
    assertEquals(0, answers.seen().size());
    assertTrue(stdout().contains("the manifest holds no events: nothing to send"), stdout());
    assertEquals(0, PushResult.read(outcome.resultFile()).totals().batches());
  }

  @Test
  void aSyntaxErrorInsideAnEventStopsThePushWhereItIs() throws Exception {
    // The first pass only scans the events array's structure (ManifestReader.EventsSkip), so a
    // missing comma inside an event is found by the events pass: what comes before it is sent
    // and recorded, and the push stops with the file, line and column.
    Path manifest = manifest("metadata.json", 6);
    String text = Files.readString(manifest, StandardCharsets.UTF_8);
    String broken = text.replace("\"name\":\"" + name(4) + "\",", "\"name\":\"" + name(4) + "\"");
    assertTrue(!broken.equals(text), text);
    Files.writeString(manifest, broken, StandardCharsets.UTF_8);

    ManifestReader.ManifestException e =
        assertThrows(
            ManifestReader.ManifestException.class,
            () -> push(manifest, "--batch-size", "2", "--parallelism", "1"));

    assertTrue(e.getMessage().startsWith("metadata.json:"), e.getMessage());
    assertTrue(e.getMessage().contains(": $.events[4].metadata"), e.getMessage());
    assertTrue(e.getMessage().contains(": invalid JSON: "), e.getMessage());
    assertEquals(
        List.of(name(0), name(1), name(2), name(3)),
        answers.seen().stream().flatMap(r -> names(r).stream()).toList());
    PushResult recorded = PushResult.read(dir.resolve("metadata.result.json"));
    assertEquals(
        List.of(Status.SENT, Status.SENT),
        recorded.batches().stream().map(BatchRecord::status).toList());
  }

  @Test
  void anEventTooLargeForARequestIsRejectedAndTheRestSent() throws Exception {
    // Incompressible text: one event larger than the 1,024-byte limit on its own.
    String noise =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(new byte[1]));
    StringBuilder big = new StringBuilder();
    for (int i = 0; big.length() < 4000; i++) {
      big.append(
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-512").digest((noise + i).getBytes())));
    }
    Path manifest = manifest("metadata.json", 3, i -> i == 1 ? big.toString() : null);

    PushRunner.Outcome outcome = push(manifest, "--max-request-bytes", "1024", "--batch-size", "1");

    assertEquals(ExitCode.FAILURE, outcome.exitCode());
    List<BatchRecord> batches = outcome.result().batches();
    assertEquals(
        List.of(Status.SENT, Status.REJECTED, Status.SENT),
        batches.stream().map(BatchRecord::status).toList());
    assertEquals(1, batches.get(1).firstEvent());
    assertTrue(batches.get(1).error().contains("too large"), batches.get(1).error());
    assertEquals(2, answers.seen().size());
    assertTrue(stderr().contains("0 batches failed (0 events), 1 event rejected"), stderr());
  }

  @Test
  void aLogTypeOverrideDoesNotFitAMetadataManifest() throws Exception {
    Path manifest = manifest("metadata.json", 1);
    UsageException e =
        assertThrows(UsageException.class, () -> push(manifest, "--log-type", "snowflake"));
    assertTrue(e.getMessage().contains("--resource-type"), e.getMessage());
  }

  @Test
  void missingCredentialsAreAUsageErrorNamingTheVariable() throws Exception {
    assumeTrue(System.getenv(Contract.ENV_INGEST_ID) == null, "MCD_INGEST_ID is set here");
    Path manifest = manifest("metadata.json", 1);

    int exit = PushRunner.run(options("--resource-uuid", UUID), manifest, console);

    assertEquals(ExitCode.USAGE, exit);
    assertEquals(
        "error: no ingestion key id: set MCD_INGEST_ID (or MCD_INGEST_ID_FILE) or pass --key-id\n",
        stderr());
    assertEquals(0, answers.seen().size());
  }

  @Test
  void theTokenAppearsNowhere() throws Exception {
    Path manifest = manifest("metadata.json", 6);
    Path dump = dir.resolve("dump");
    Path resultFile = dir.resolve("result.json");
    answers.otherwise(
        request ->
            names(request).contains(name(2))
                ? Fault.fail(403, "forbidden for token " + TOKEN, null)
                : null);
    PushOptions options =
        pushOptions(
            "--batch-size",
            "2",
            "--parallelism",
            "1",
            "--dump-dir",
            dump.toString(),
            "--result-file",
            resultFile.toString());
    Console verbose =
        new Console(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            true);

    int exit = PushRunner.run(options, manifest, verbose);

    assertEquals(ExitCode.FAILURE, exit);
    // The gateway checked the exact token (expectKey); it records it redacted.
    assertEquals(LocalGateway.REDACTED, answers.seen().get(0).header(Contract.HEADER_TOKEN));
    assertTrue(stderr().contains("warning: --key-token is visible to other processes"), stderr());
    assertTrue(stderr().contains("forbidden for token ****"), stderr());
    List<String> places = new ArrayList<>(List.of(stdout(), stderr(), options.toString()));
    places.add(Files.readString(resultFile));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        places.add(Files.readString(file));
      }
    }
    for (String text : places) {
      assertFalse(text.contains(TOKEN), text);
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
