package io.pushgen.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryCheckTest {
  static final long GB = 1024L * 1024 * 1024;

  @Test
  void warnsBelowTwoGigabytesAndReportsTheHeap() {
    Optional<String> warning = MemoryCheck.assess(GB, 4 * GB);
    assertTrue(warning.isPresent());
    assertEquals(
        "only 1.0 GB of physical memory is free (max heap 4.0 GB); the run may be slow or be"
            + " stopped by the operating system",
        warning.get());
  }

  @Test
  void isSilentWithEnoughMemory() {
    assertEquals(Optional.empty(), MemoryCheck.assess(2 * GB, 4 * GB));
  }

  @Test
  void neverFails() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console =
        new Console(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    MemoryCheck.run(console);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertTrue(stderr.isEmpty() || stderr.startsWith("warning: only "), stderr);
  }
}
