// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hive.runtime.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A server log format that query-log entries are parsed from. One class per descriptor {@code
 * log_format}, named after it ({@code postgres-csv} is {@link PostgresCsvLog}, {@code hiveserver2}
 * is {@link Hiveserver2Log}).
 */
public interface LogFormat {

  /** The descriptor's name of the format, e.g. {@code postgres-csv}. */
  String name();

  /**
   * Whether a file found in a log directory (or next to a named log file, as a rotated copy)
   * holds this format, judged by its name: a PostgreSQL log directory also holds the plain-text
   * {@code .log} files of {@code log_destination=stderr}.
   */
  boolean isLogFileName(String fileName);

  /**
   * Whether every entry is complete within one log record. Then a file last modified before the
   * window starts cannot hold an entry ending in the window and is skipped unread. Formats whose
   * entries span records (a start line, then a completion line, possibly in the next file after a
   * rotation) return false: every file is read, in order.
   */
  boolean entriesEndInTheirRecord();

  /**
   * The time of the first record of a file, to put rotated files in order, or null when it has
   * none. Reads no more than it needs.
   *
   * @param zone the zone of log times that carry none, or null when none was given
   */
  Instant firstTime(BufferedReader reader, ZoneId zone) throws IOException;

  /**
   * A parser that reads the files of one collection, oldest first, reporting to {@code events}.
   *
   * @param zone the zone of log times that carry none, or null when none was given
   */
  LogParser parser(ZoneId zone, LogEvents events);

  /** Parses the files of one collection in order; state (open queries) carries across files. */
  interface LogParser {
    /**
     * Reads one file to its end.
     *
     * @param source the file's name, for reports
     */
    void read(BufferedReader reader, String source) throws IOException;

    /** Called after the last file: reports what is still open. */
    void finish() throws IOException;
  }
}
