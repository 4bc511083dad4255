package io.pushgen.runtime.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.cli.Console;
import io.pushgen.runtime.cli.UsageException;
import io.pushgen.runtime.http.Credentials;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.wire.Contract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PushOptionsTest {
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final Console console =
      new Console(
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          false);

  static PushOptions parse(String... args) {
    return PushRunnerTest.options(args);
  }

  @Test
  void parsesEveryOption() throws Exception {
    PushOptions options =
        parse(
            "--key-id",
            "id",
            "--resource-uuid",
            "u-1",
            "--endpoint",
            "http://localhost:9/",
            "--batch-size",
            "7",
            "--max-request-bytes",
            "5000",
            "--parallelism",
            "2",
            "--connect-timeout",
            "3",
            "--timeout",
            "9",
            "--max-attempts",
            "2",
            "--result-file",
            "r.json",
            "--resume",
            "old.json",
            "--dump-dir",
            "d",
            "--resource-type",
            "data-lake");
    options.validate();

    assertEquals("u-1", options.resourceUuid());
    assertEquals("http://localhost:9/", options.endpoint());
    assertEquals(7, options.batchSize(Flow.METADATA));
    assertEquals(5000, options.maxRequestBytes());
    assertEquals(2, options.parallelism());
    assertEquals(Duration.ofSeconds(3), options.connectTimeout());
    assertEquals(Duration.ofSeconds(9), options.timeout());
    assertEquals(2, options.maxAttempts());
    assertEquals(Path.of("r.json"), options.resultFile());
    assertEquals(Path.of("old.json"), options.resume());
    assertEquals(Path.of("d"), options.dumpDir());
    assertEquals("data-lake", options.resourceType());
    assertNull(options.logType());
    assertFalse(options.dryRun());
  }

  @Test
  void hasDefaults() throws Exception {
    PushOptions options = parse("--dry-run");
    options.validate();

    assertEquals(Contract.MAX_COMPRESSED_BODY_BYTES, options.maxRequestBytes());
    assertEquals(4, options.parallelism());
    assertEquals(5, options.maxAttempts());
    assertEquals(2_000, options.batchSize(Flow.METADATA));
    assertEquals(5_000, options.batchSize(Flow.QUERY_LOGS));
    assertEquals(30, options.defaultBatchSize(Flow.QUERY_LOGS, 30).batchSize(Flow.QUERY_LOGS));
  }

  @Test
  void warnsWhenTheTokenIsOnTheCommandLine() throws Exception {
    PushOptions options = parse("--key-id", "id", "--key-token", "tok-123456");

    Credentials credentials = options.credentials(console);

    assertEquals("tok-123456", credentials.token());
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertTrue(stderr.startsWith("warning: --key-token is visible to other processes"), stderr);
    assertTrue(stderr.contains(Contract.ENV_INGEST_TOKEN), stderr);
    assertFalse(options.toString().contains("tok-123456"), options.toString());
  }

  @Test
  void missingTokenNamesTheVariableAndTheOption() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> parse("--key-id", "id", "--key-token", " ").credentials(console));
    assertEquals(
        "no ingestion key token: set MCD_INGEST_TOKEN (or MCD_INGEST_TOKEN_FILE) or pass"
            + " --key-token",
        e.getMessage());
  }

  @Test
  void resourceUuidIsRequiredUnlessDryRun() throws Exception {
    UsageException e =
        assertThrows(UsageException.class, () -> parse("--resource-uuid", "").resourceUuid());
    assertEquals("no resource uuid: set MCD_RESOURCE_UUID or pass --resource-uuid", e.getMessage());
    assertNull(parse("--dry-run", "--resource-uuid", "").resourceUuid());
  }

  @Test
  void refusesValuesOutOfRange() {
    assertInvalid("not 1000001", "--max-request-bytes", "1000001");
    assertInvalid("--parallelism must", "--parallelism", "0");
    assertInvalid("--batch-size must", "--batch-size", "0");
    assertInvalid("--max-attempts must", "--max-attempts", "0");
    assertInvalid("cannot be combined", "--dry-run", "--resume", "x.json");
    assertInvalid("not both", "--resource-type", "a", "--log-type", "b");
  }

  @Test
  void theTokenDefaultIsNotShownInUsageHelp() {
    String usage = new CommandLine(new PushRunnerTest.PushCommand()).getUsageMessage();
    assertTrue(usage.contains("--key-token"), usage);
    assertTrue(usage.contains(Contract.ENV_INGEST_TOKEN), usage);
    String token = System.getenv(Contract.ENV_INGEST_TOKEN);
    if (token != null && !token.isBlank()) {
      assertFalse(usage.contains(token));
    }
  }

  private static void assertInvalid(String expected, String... args) {
    UsageException e = assertThrows(UsageException.class, () -> parse(args).validate());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
