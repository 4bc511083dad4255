// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.sqlserver.runtime.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgen.sqlserver.runtime.cli.AtomicFiles;
import io.pushgen.sqlserver.runtime.cli.UsageException;
import io.pushgen.sqlserver.runtime.wire.Timestamps;
import io.pushgen.sqlserver.runtime.wire.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time window a query-log or lineage collection covers, {@code [start, end)}, and the state
 * file that chains one run's window to the next.
 *
 * <p>The window ends {@code lag} before now, because history views fill in late. It starts where
 * the previous run's window ended (read from the state file), or {@code lookback} before its end
 * on the first run. Consecutive windows are half-open and touch, so every entry whose time falls
 * in the history is collected exactly once, however often or rarely the program runs, and
 * nothing is dropped to a row limit: a run after a long pause simply covers a longer window.
 * Because the boundary is a fixed instant rather than the newest entry seen, no query ids need to
 * be remembered at it.
 *
 * <p>A window given explicitly ({@code --start}/{@code --end}, for backfills) neither reads nor
 * updates the state.
 *
 * <p>{@code --window hourly} needs no state at all, for schedulers whose containers keep nothing
 * between runs: the window is the last complete clock hour (UTC) that ends at least {@code lag}
 * (the history's documented latency) before now. Every run in the same clock hour gets the same
 * window, so a retried run sends the same entries again rather than a shifted set, and runs in
 * consecutive hours get consecutive windows, which touch and never overlap. A missed hour is not
 * caught up: backfill it with {@code --start}/{@code --end}.
 *
 * @param start the first instant collected
 * @param end the first instant not collected
 * @param chained whether the window continues the state file's chain (and so updates it)
 */
public record QueryWindow(Instant start, Instant end, boolean chained) {
  private static final int STATE_VERSION = 1;

  /**
   * Decides the window.
   *
   * @param stateFile the state file (need not exist)
   * @param explicitStart {@code --start}, or null
   * @param explicitEnd {@code --end}, or null
   * @param lookback how far back a first run reaches
   * @param lag how long before now the window ends
   * @param now the current time
   * @throws UsageException for an explicit window that ends before it starts
   * @throws IOException when the state file cannot be read or is malformed
   */
  public static QueryWindow resolve(
      Path stateFile,
      Instant explicitStart,
      Instant explicitEnd,
      Duration lookback,
      Duration lag,
      Instant now)
      throws UsageException, IOException {
    if (lookback.isNegative() || lookback.isZero() || lag.isNegative()) {
      throw new UsageException("the lookback must be positive and the lag not negative");
    }
    if (explicitStart != null || explicitEnd != null) {
      Instant end = explicitEnd != null ? explicitEnd : now.minus(lag).truncatedTo(ChronoUnit.SECONDS);
      Instant start = explicitStart != null ? explicitStart : end.minus(lookback);
      if (!start.isBefore(end)) {
        throw new UsageException("the window must start before it ends: " + start + " .. " + end);
      }
      return new QueryWindow(start, end, false);
    }
    Instant end = now.minus(lag).truncatedTo(ChronoUnit.SECONDS);
    Instant previousEnd = readState(stateFile);
    Instant start = previousEnd != null ? previousEnd : end.minus(lookback);
    // A clock set back, or a larger lag than last time: an empty window, never an overlap.
    return new QueryWindow(start, start.isAfter(end) ? start : end, true);
  }

  /** {@code --window chained}: continue from the state file (the default). */
  public static final String CHAINED = "chained";

  /** {@code --window hourly}: the last complete hour older than the lag, from the clock alone. */
  public static final String HOURLY = "hourly";

  /**
   * Decides the window of a {@code --window} mode: {@link #CHAINED} as {@link #resolve(Path,
   * Instant, Instant, Duration, Duration, Instant)}, or {@link #HOURLY} as {@link #hourly}.
   *
   * @throws UsageException for an unknown mode, or an explicit window with {@code hourly}
   */
  public static QueryWindow resolve(
      String mode,
      Path stateFile,
      Instant explicitStart,
      Instant explicitEnd,
      Duration lookback,
      Duration lag,
      Instant now)
      throws UsageException, IOException {
    if (CHAINED.equals(mode)) {
      return resolve(stateFile, explicitStart, explicitEnd, lookback, lag, now);
    }
    if (!HOURLY.equals(mode)) {
      throw new UsageException("--window '" + mode + "' is not one of: " + CHAINED + ", " + HOURLY);
    }
    if (explicitStart != null || explicitEnd != null) {
      throw new UsageException(
          "--window hourly takes its window from the clock; for a backfill give --start/--end"
              + " without --window hourly");
    }
    return hourly(lag, now);
  }

  /**
   * The last complete clock hour (UTC) that ends at least {@code lag} before {@code now}: {@code
   * [end - 1 h, end)} where {@code end} is {@code now - lag} truncated to the hour. Not chained:
   * the state file is neither read nor written.
   *
   * @throws UsageException when the lag is negative
   */
  public static QueryWindow hourly(Duration lag, Instant now) throws UsageException {
    if (lag.isNegative()) {
      throw new UsageException("the lag must not be negative");
    }
    Instant end = now.minus(lag).truncatedTo(ChronoUnit.HOURS);
    return new QueryWindow(end.minus(Duration.ofHours(1)), end, false);
  }

  /**
   * Parses a {@code --start}/{@code --end} option value.
   *
   * @return the instant, or null when the option was not given
   * @throws UsageException naming the option when the value is not an ISO-8601 time
   */
  public static Instant instantOption(String value, String option) throws UsageException {
    if (value == null) {
      return null;
    }
    try {
      return Timestamps.parse(value);
    } catch (RuntimeException e) {
      throw new UsageException(option + " '" + value + "' is not an ISO-8601 time");
    }
  }

  /** Whether the window covers no time at all. */
  public boolean isEmpty() {
    return !start.isBefore(end);
  }

  /**
   * Records this window's end as the next run's start, atomically. Does nothing for an explicit
   * window. Call only after the manifest has been committed.
   */
  public void save(Path stateFile) throws IOException {
    if (!chained) {
      return;
    }
    ObjectNode state = WireJson.mapper().createObjectNode();
    state.put("format_version", STATE_VERSION);
    state.put("window_end", Timestamps.format(end));
    AtomicFiles.write(stateFile, WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
  }

  private static Instant readState(Path stateFile) throws IOException {
    if (!Files.exists(stateFile)) {
      return null;
    }
    JsonNode state;
    try {
      state = WireJson.mapper().readTree(stateFile.toFile());
    } catch (IOException e) {
      throw new IOException("the state file " + stateFile + " is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode end = state == null ? null : state.get("window_end");
    if (end == null || !end.isTextual()) {
      throw new IOException(
          "the state file " + stateFile + " has no window_end; delete it to start from the lookback");
    }
    try {
      return Timestamps.parse(end.asText());
    } catch (RuntimeException e) {
      throw new IOException(
          "the state file " + stateFile + " has an unreadable window_end '" + end.asText() + "'", e);
    }
  }
}
