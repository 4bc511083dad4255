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

  @Test
  void hourlyIsTheLastCompleteHourOlderThanTheLagFromTheClockAlone() throws Exception {
    Path state = dir.resolve("state.json");
    // 12:50 less a 45-minute lag is 12:05: the hour 11:00-12:00 is the last complete one.
    QueryWindow window =
        QueryWindow.resolve(
            QueryWindow.HOURLY, state, null, null, DAY, LAG, Instant.parse("2026-03-01T12:50:00Z"));
    assertEquals(
        new QueryWindow(
            Instant.parse("2026-03-01T11:00:00Z"), Instant.parse("2026-03-01T12:00:00Z"), false),
        window);
    window.save(state);
    assertFalse(Files.exists(state), "hourly windows keep no state");

    // A re-run (a retry) in the same clock hour gets the same window: idempotent.
    assertEquals(window, QueryWindow.hourly(LAG, Instant.parse("2026-03-01T12:45:00Z")));
    assertEquals(window, QueryWindow.hourly(LAG, Instant.parse("2026-03-01T13:44:59.999Z")));
    // The next hour's run gets the next window, touching this one.
    QueryWindow next = QueryWindow.hourly(LAG, Instant.parse("2026-03-01T13:45:00Z"));
    assertEquals(window.end(), next.start());
    assertEquals(Instant.parse("2026-03-01T13:00:00Z"), next.end());

    // A 3.5-hour latency (ACCESS_HISTORY): at 12:50 the last hour old enough ends at 09:00.
    assertEquals(
        Instant.parse("2026-03-01T09:00:00Z"),
        QueryWindow.hourly(Duration.ofMinutes(210), Instant.parse("2026-03-01T12:50:00Z")).end());
    // No lag: the hour that just ended.
    assertEquals(
        Instant.parse("2026-03-01T12:00:00Z"),
        QueryWindow.hourly(Duration.ZERO, Instant.parse("2026-03-01T12:00:00Z")).end());
  }

  @Test
  void hourlyRefusesAnExplicitWindowAndUnknownModesAreUsageErrors() throws Exception {
    Path state = dir.resolve("state.json");
    Instant now = Instant.parse("2026-03-01T12:50:00Z");
    assertEquals(
        "--window hourly takes its window from the clock; for a backfill give --start/--end"
            + " without --window hourly",
        assertThrows(
                UsageException.class,
                () -> QueryWindow.resolve(QueryWindow.HOURLY, state, now.minus(DAY), null, DAY, LAG, now))
            .getMessage());
    assertEquals(
        "--window 'daily' is not one of: chained, hourly",
        assertThrows(
                UsageException.class,
                () -> QueryWindow.resolve("daily", state, null, null, DAY, LAG, now))
            .getMessage());
    assertEquals(
        QueryWindow.resolve(state, null, null, DAY, LAG, now),
        QueryWindow.resolve(QueryWindow.CHAINED, state, null, null, DAY, LAG, now));
  }
}
