// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hivemetastore.runtime.check;

import io.pushgen.hivemetastore.runtime.collect.QueryWindow;
import io.pushgen.hivemetastore.runtime.logs.LogFiles;
import io.pushgen.hivemetastore.runtime.logs.LogFormat;
import io.pushgen.hivemetastore.runtime.logs.LogQueryLogs;
import io.pushgen.hivemetastore.runtime.wire.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/** Checks the server log files a flow reads: that they exist and can be read, and what is in them. */
public final class LogProbe {
  private LogProbe() {}

  /**
   * Finds the files {@code --log-file} names and opens each.
   *
   * @throws java.nio.file.NoSuchFileException when nothing matches
   * @throws java.nio.file.AccessDeniedException naming a file the user cannot read
   */
  public static Checks.Outcome files(String logFile, LogFormat format) throws IOException {
    List<LogFiles.LogFile> files = LogFiles.find(logFile, format);
    for (LogFiles.LogFile file : files) {
      try (InputStream in = Files.newInputStream(file.path())) {
        in.read();
      }
    }
    Instant newest =
        files.stream().map(LogFiles.LogFile::modified).max(Comparator.naturalOrder()).orElseThrow();
    return Checks.Outcome.ok(
        files.size() + " file(s) readable, last written " + Timestamps.format(newest));
  }

  /** Counts the statements logged in the day before {@code now}; none is reported as empty. */
  public static Checks.Outcome lastDay(String logFile, LogFormat format, ZoneId zone, Instant now)
      throws IOException {
    QueryWindow window = new QueryWindow(now.minus(Duration.ofDays(1)), now, false);
    long[] entries = {0};
    LogQueryLogs.collect(
        format, logFile, zone, window, entry -> entries[0]++, (kind, subject, reason) -> {});
    return entries[0] > 0
        ? Checks.Outcome.ok(entries[0] + " statements logged in the last day")
        : Checks.Outcome.empty(
            "no statement logged from "
                + Timestamps.format(window.start())
                + " to "
                + Timestamps.format(window.end()));
  }
}
