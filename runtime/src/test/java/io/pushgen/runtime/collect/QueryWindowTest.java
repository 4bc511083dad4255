package io.pushgen.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryWindowTest {
  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration LAG = Duration.ofMinutes(45);
  @TempDir Path dir;

  @Test
  void consecutiveRunsTouchWithoutOverlapOrGap() throws Exception {
    Path state = dir.resolve("state.json");
    Instant now = Instant.parse("2026-03-01T12:00:30.5Z");
    QueryWindow first = QueryWindow.resolve(state, null, null, DAY, LAG, now);
    assertEquals(Instant.parse("2026-03-01T11:15:30Z"), first.end());
    assertEquals(first.end().minus(DAY), first.start());
    first.save(state);

    // Three hours later (a missed run or two): the next window covers all of it.
    QueryWindow second = QueryWindow.resolve(state, null, null, DAY, LAG, now.plus(Duration.ofHours(3)));
    assertEquals(first.end(), second.start());
    assertEquals(Instant.parse("2026-03-01T14:15:30Z"), second.end());
  }

  @Test
  void aClockThatWentBackGivesAnEmptyWindowNotAnOverlap() throws Exception {
    Path state = dir.resolve("state.json");
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    QueryWindow.resolve(state, null, null, DAY, LAG, now).save(state);
    QueryWindow again = QueryWindow.resolve(state, null, null, DAY, LAG, now.minusSeconds(600));
    assertTrue(again.isEmpty());
  }

  @Test
  void explicitWindowsNeitherReadNorWriteTheState() throws Exception {
    Path state = dir.resolve("state.json");
    Files.writeString(state, "{\"format_version\":1,\"window_end\":\"2026-01-01T00:00:00Z\"}");
    QueryWindow window =
        QueryWindow.resolve(
            state, Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-06-02T00:00:00Z"),
            DAY, LAG, Instant.now());
    assertFalse(window.chained());
    window.save(state);
    assertTrue(Files.readString(state).contains("2026-01-01T00:00:00Z"));
    assertThrows(
        UsageException.class,
        () -> QueryWindow.resolve(state, Instant.parse("2025-06-02T00:00:00Z"),
            Instant.parse("2025-06-01T00:00:00Z"), DAY, LAG, Instant.now()));
  }

  @Test
  void aBrokenStateFileIsAnErrorNamingIt() throws Exception {
    Path state = dir.resolve("state.json");
    Files.writeString(state, "{\"nothing\": 1}");
    IOException e =
        assertThrows(IOException.class, () -> QueryWindow.resolve(state, null, null, DAY, LAG, Instant.now()));
    assertTrue(e.getMessage().contains(state.toString()), e.getMessage());
  }
}
