package io.pushgen.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.cli.UsageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Monte Carlo key from its options, its variables, or files named by {@code <ENV>_FILE}. */
class KeyOptionsTest {
  private static final KeyOptions KEY =
      new KeyOptions("ingestion key", "--key-id", "MCD_INGEST_ID", "--key-token", "MCD_INGEST_TOKEN");

  @TempDir Path dir;

  @Test
  void bothPartsFromMountedFiles() throws Exception {
    Path id = Files.writeString(dir.resolve("mcd-ingest-id"), "key-1\n", StandardCharsets.UTF_8);
    Path token = Files.writeString(dir.resolve("mcd-ingest-token"), "s3cret\r\n", StandardCharsets.UTF_8);
    Map<String, String> env =
        Map.of("MCD_INGEST_ID_FILE", id.toString(), "MCD_INGEST_TOKEN_FILE", token.toString());
    assertEquals(new Credentials("key-1", "s3cret"), KEY.require(null, null, env::get));
  }

  @Test
  void theValueWinsOverTheFile() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "from-file", StandardCharsets.UTF_8);
    Map<String, String> env = Map.of("MCD_INGEST_TOKEN_FILE", token.toString());
    assertEquals("given", KeyOptions.valueOrFile("given", "MCD_INGEST_TOKEN", env::get));
    assertEquals("from-file", KeyOptions.valueOrFile(" ", "MCD_INGEST_TOKEN", env::get));
    assertNull(KeyOptions.valueOrFile(null, "MCD_INGEST_ID", env::get));
  }

  @Test
  void aMissingFileIsAUsageErrorNamingTheVariable() {
    Path missing = dir.resolve("absent");
    Map<String, String> env = Map.of("MCD_INGEST_TOKEN_FILE", missing.toString());
    UsageException e =
        assertThrows(UsageException.class, () -> KEY.require("key-1", null, env::get));
    assertEquals("MCD_INGEST_TOKEN_FILE " + missing + " does not exist", e.getMessage());
  }

  @Test
  void anEmptyFileIsRefusedWithoutShowingAnything() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n", StandardCharsets.UTF_8);
    Map<String, String> env = Map.of("MCD_INGEST_ID_FILE", empty.toString());
    UsageException e = assertThrows(UsageException.class, () -> KEY.require(null, "t", env::get));
    assertTrue(e.getMessage().startsWith("MCD_INGEST_ID_FILE "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" is empty"), e.getMessage());
  }

  @Test
  void neitherValueNorFileNamesBothWays() {
    UsageException e =
        assertThrows(UsageException.class, () -> KEY.require("key-1", "", Map.<String, String>of()::get));
    assertEquals(
        "no ingestion key token: set MCD_INGEST_TOKEN (or MCD_INGEST_TOKEN_FILE) or pass"
            + " --key-token",
        e.getMessage());
    assertFalse(e.getMessage().contains("key-1"));
  }
}
