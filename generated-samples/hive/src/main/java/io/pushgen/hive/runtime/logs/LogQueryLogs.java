// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hive.runtime.logs;

import io.pushgen.hive.runtime.cli.UsageException;
import io.pushgen.hive.runtime.collect.QueryWindow;
import io.pushgen.hive.runtime.collect.Sink;
import io.pushgen.hive.runtime.model.QueryLogEntry;
import io.pushgen.hive.runtime.wire.Timestamps;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the query-log entries of one window from log files: finds the files, puts them in
 * order, skips those that cannot hold an entry of the window, streams the rest through the
 * format's parser and keeps the entries that ended in the window {@code [start, end)}.
 *
 * <p>Consecutive windows touch, and each entry has one end time, so hourly runs send every
 * query exactly once. Entries that cannot be sent (no text, no end) are reported once: those
 * without an end in the run whose window holds their start, the others in the run whose window
 * holds their end.
 */
public final class LogQueryLogs {
  private LogQueryLogs() {}

  /** Receives what could not be sent, by kind ({@code skipped_queries}, {@code unparsed_records}). */
  @FunctionalInterface
  public interface Report {
    void report(String kind, String subject, String reason);
  }

  /**
   * What one collection did.
   *
   * @param entries entries sent (ended in the window)
   * @param incomplete entries of the window that cannot be sent (no text or no end)
   * @param unparsed records that could not be read
   * @param filesRead files read
   * @param filesSkipped files skipped unread (last modified before the window)
   */
  public record Counts(long entries, long incomplete, long unparsed, int filesRead, int filesSkipped) {}

  /**
   * Parses a {@code --log-timezone} option value.
   *
   * @return the zone, or null when none was given (times without an offset are then UTC)
   * @throws UsageException naming the option when the value is not a time zone
   */
  public static ZoneId zoneOption(String value, String option) throws UsageException {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ZoneId.of(value.strip());
    } catch (DateTimeException e) {
      throw new UsageException(
          option + " '" + value + "' is not a time zone (e.g. UTC, Europe/Berlin)");
    }
  }

  /**
   * Collects one window.
   *
   * @param format the log's format
   * @param logFile {@code --log-file}: a file (with its rotated copies), a directory or a glob
   * @param zone the zone of log times that carry none or only an abbreviation, or null
   * @param window the window; an empty one reads nothing
   * @param sink receives the entries that ended in the window, in log order
   * @param report receives what could not be sent or read
   */
  public static Counts collect(
      LogFormat format,
      String logFile,
      ZoneId zone,
      QueryWindow window,
      Sink<QueryLogEntry> sink,
      Report report)
      throws IOException {
    if (window.isEmpty()) {
      return new Counts(0, 0, 0, 0, 0);
    }
    try {
      return read(format, logFile, zone, window, sink, report);
    } catch (AccessDeniedException e) {
      throw new IOException(
          "cannot read "
              + e.getFile()
              + ": permission denied (the collecting user needs read access to the log files)",
          e);
    }
  }

  private static Counts read(
      LogFormat format,
      String logFile,
      ZoneId zone,
      QueryWindow window,
      Sink<QueryLogEntry> sink,
      Report report)
      throws IOException {
    List<LogFiles.LogFile> found = LogFiles.find(logFile, format);
    List<LogFiles.LogFile> read = new ArrayList<>();
    int skipped = 0;
    for (LogFiles.LogFile file : found) {
      // Every record of such a file was written before its last modification: before the window.
      if (format.entriesEndInTheirRecord() && file.modified().isBefore(window.start())) {
        skipped++;
      } else {
        read.add(file);
      }
    }
    Filter filter = new Filter(window, sink, report);
    LogFormat.LogParser parser = format.parser(zone, filter);
    for (LogFiles.LogFile file : LogFiles.inOrder(read, format, zone)) {
      String source = file.path().toString();
      try (BufferedReader reader = LogFiles.open(file.path())) {
        parser.read(reader, source);
      } catch (EOFException e) {
        // A compressed file cut short (still being compressed): what was read counts.
        filter.unparsed(source, "the compressed file ends early: " + e.getMessage());
      }
    }
    parser.finish();
    return new Counts(filter.entries, filter.incomplete, filter.unparsed, read.size(), skipped);
  }

  /** Keeps what belongs to the window. */
  private static final class Filter implements LogEvents {
    private final QueryWindow window;
    private final Sink<QueryLogEntry> sink;
    private final Report report;
    long entries;
    long incomplete;
    long unparsed;

    Filter(QueryWindow window, Sink<QueryLogEntry> sink, Report report) {
      this.window = window;
      this.sink = sink;
      this.report = report;
    }

    private boolean inWindow(Instant time) {
      return time != null && !time.isBefore(window.start()) && time.isBefore(window.end());
    }

    @Override
    public void entry(QueryLogEntry entry) throws IOException {
      if (inWindow(entry.endTime())) {
        sink.accept(entry);
        entries++;
      }
    }

    @Override
    public void incomplete(QueryLogEntry entry, String reason) {
      boolean mine = entry.endTime() != null ? inWindow(entry.endTime()) : inWindow(entry.startTime());
      if (mine) {
        incomplete++;
        report.report("skipped_queries", subject(entry), reason);
      }
    }

    @Override
    public void unparsed(String where, String reason) {
      unparsed++;
      report.report("unparsed_records", where, reason);
    }

    private static String subject(QueryLogEntry entry) {
      Instant time = entry.startTime() != null ? entry.startTime() : entry.endTime();
      return entry.queryId() != null
          ? entry.queryId()
          : (time != null ? Timestamps.format(time) : "?");
    }
  }
}
