package io.pushgen.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.collect.QueryWindow;
import io.pushgen.runtime.model.QueryLogEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogQueryLogsTest {
  private static final String S = "65e1a5f0.3039";
  @TempDir Path dir;

  private final List<QueryLogEntry> sent = new ArrayList<>();
  private final List<String> reported = new ArrayList<>();

  private static String pg(String time, long line, String sql) {
    return PgCsv.record(time + " UTC", "u", "d", S, line, "LOG", "00000",
        "duration: 1.000 ms  statement: " + sql, "", "");
  }

  private static QueryWindow window(String start, String end) {
    return new QueryWindow(Instant.parse(start), Instant.parse(end), true);
  }

  private LogQueryLogs.Counts collect(LogFormat format, String spec, QueryWindow window) throws IOException {
    sent.clear();
    reported.clear();
    return LogQueryLogs.collect(format, spec, null, window, sent::add,
        (kind, subject, reason) -> reported.add(kind + " " + subject + ": " + reason));
  }

  private List<String> texts() {
    return sent.stream().map(QueryLogEntry::queryText).toList();
  }

  private Path write(String name, String text, String modified) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
    return file;
  }

  private Path gzip(String name, String text, String modified) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
    return file;
  }

  @Test
  void aDirectoryOfRotatedAndGzippedCsvLogsIsReadInTimeOrderWithinTheWindow() throws Exception {
    // Names that sort the wrong way round; the order comes from the first record's time.
    gzip("postgresql-b.csv.gz", pg("2024-03-01 09:59:59.999", 1, "before")
        + pg("2024-03-01 10:00:00.000", 2, "at the start"), "2024-03-01T10:00:01Z");
    write("postgresql-a.csv", pg("2024-03-01 10:30:00.000", 3, "SELECT 'multi\nline'")
        + pg("2024-03-01 10:59:59.999", 4, "just before the end")
        + pg("2024-03-01 11:00:00.000", 5, "at the end: next window"), "2024-03-01T11:00:00Z");
    write("postgresql-a.log", "2024-03-01 10:30:00 UTC LOG: the stderr log, not read\n", "2024-03-01T11:00:00Z");
    // Entirely before the window by its modification time: skipped unread (it is not even CSV).
    write("postgresql-old.csv", "not,csv\n\"at all", "2024-03-01T09:00:00Z");

    LogQueryLogs.Counts counts =
        collect(new PostgresCsvLog(), dir.toString(), window("2024-03-01T10:00:00Z", "2024-03-01T11:00:00Z"));
    assertEquals(List.of("at the start", "SELECT 'multi\nline'", "just before the end"), texts());
    assertEquals(new LogQueryLogs.Counts(3, 0, 0, 2, 1), counts);

    // The next window starts where this one ended: the boundary entry once, nothing twice.
    collect(new PostgresCsvLog(), dir.toString(), window("2024-03-01T11:00:00Z", "2024-03-01T12:00:00Z"));
    assertEquals(List.of("at the end: next window"), texts());
  }

  @Test
  void aNamedFileBringsItsRotatedCopiesAndAGlobMatchesFiles() throws Exception {
    Path current = write("hiveserver2.log",
        "2024-03-01T10:00:02,000 INFO [T1] ql.Driver: Completed executing command(queryId=q1); Time taken: 2.0 seconds\n",
        "2024-03-01T10:00:02Z");
    gzip("hiveserver2.log.2024-02-29.1.gz",
        "2024-03-01T10:00:00,000 INFO [T1] ql.Driver: Executing command(queryId=q1): SELECT\n 1\n",
        "2024-03-01T10:00:00Z");
    write("hiveserver2.log.unrelated-suffix-is-fine", "", "2024-03-01T10:00:00Z");
    write("other.log", "2024-03-01T10:00:01,000 INFO [T1] ql.Driver: Completed executing command(queryId=q1); Time taken: 2.0 seconds\n",
        "2024-03-01T10:00:01Z");
    QueryWindow window = window("2024-03-01T09:00:00Z", "2024-03-01T11:00:00Z");

    collect(new Hiveserver2Log(), current.toString(), window);
    assertEquals(List.of("SELECT\n 1"), texts());
    assertEquals(Instant.parse("2024-03-01T10:00:02Z"), sent.get(0).endTime());

    collect(new Hiveserver2Log(), dir.resolve("hiveserver2.log*").toString(), window);
    assertEquals(List.of("SELECT\n 1"), texts());

    // Through the directory, other.log's completion comes first and ends q1 there.
    collect(new Hiveserver2Log(), dir.toString(), window);
    assertEquals(1, sent.size());
    assertEquals(Instant.parse("2024-03-01T10:00:01Z"), sent.get(0).endTime());

    assertThrows(NoSuchFileException.class,
        () -> collect(new Hiveserver2Log(), dir.resolve("nothing*.log").toString(), window));
  }

  @Test
  void incompleteEntriesAreReportedOnceInTheWindowThatHoldsThem() throws Exception {
    write("hiveserver2.log",
        "2024-03-01T10:00:00,000 INFO [T1] ql.Driver: Executing command(queryId=open): SELECT sleep()\n"
            + "2024-03-01T10:20:00,000 INFO [T2] ql.Driver: Completed executing command(queryId=gone); Time taken: 2.0 seconds\n",
        "2024-03-01T10:20:00Z");
    LogQueryLogs.Counts first =
        collect(new Hiveserver2Log(), dir.toString(), window("2024-03-01T10:00:00Z", "2024-03-01T10:10:00Z"));
    assertEquals(1, first.incomplete());
    assertTrue(reported.get(0).startsWith("skipped_queries open: no completion line"), reported.toString());
    LogQueryLogs.Counts second =
        collect(new Hiveserver2Log(), dir.toString(), window("2024-03-01T10:10:00Z", "2024-03-01T10:30:00Z"));
    assertEquals(1, second.incomplete());
    assertTrue(reported.get(0).startsWith("skipped_queries gone: its start is not in the log files read"), reported.toString());
    assertEquals(0, sent.size());
  }
}
