// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hivemetastore.runtime.logs;

import io.pushgen.hivemetastore.runtime.model.ErrorCode;
import io.pushgen.hivemetastore.runtime.model.QueryLogEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HiveServer2's log ({@code hiveserver2.log}, {@code hive-server2.log} or {@code hive.log}, Hive 2
 * and 3, log4j or log4j2 with any pattern that starts with the date and time).
 *
 * <p>A log event starts with a line that starts with its time ({@code 2024-03-01T10:00:05,123} or
 * {@code 2024-03-01 10:00:05,123}, as log4j's {@code %d{ISO8601}} writes it); lines without one
 * continue the previous event, so multi-line statements and stack traces stay whole. The thread
 * is the first bracketed name in the line ({@code [HiveServer2-Background-Pool: Thread-87]}).
 * Hive's {@code ql.Driver} logs each query as:
 *
 * <pre>
 * Compiling command(queryId=ID): SQL                     start, text
 * FAILED: SemanticException [Error 10001]: ...           (compilation failed)
 * Completed compiling command(queryId=ID); Time taken: 0.1 seconds
 * Executing command(queryId=ID): SQL                     (Hive 2.0 and older: Starting command)
 * FAILED: Execution Error, return code 2 from ...        (execution failed)
 * Completed executing command(queryId=ID); Time taken: 12.3 seconds     end
 * Executing command(queryId=ID) has been interrupted after 4.5 seconds  end (cancelled)
 * </pre>
 *
 * <p>start is the first line naming the query, end the completion line's time: the query's real
 * end, not the next line's. A query whose compilation failed ends at {@code Completed compiling}.
 * A query without a completion line (still running, or the server stopped) is reported, never
 * sent with an invented end. {@code FAILED:} lines carry no query id; they belong to the query the
 * same thread is compiling or executing (error_text is the line after {@code FAILED: }, error_code
 * Hive's {@code [Error N]} or the task's {@code return code N} when given). The user is taken from
 * the metastore's audit lines ({@code HiveMetaStore.audit: ugi=alice ...}) logged by the query's
 * thread while it compiles, when the log has them (an embedded metastore); otherwise it is not
 * sent. Times without a zone are in {@code --log-timezone} (default UTC).
 */
public final class Hiveserver2Log implements LogFormat {
  /** Queries kept open at most; the longest-open is given up beyond this. */
  private static final int MAX_OPEN = 100_000;

  private static final String COMPILING = "Compiling command(queryId=";
  private static final String EXECUTING = "Executing command(queryId=";
  private static final String STARTING = "Starting command(queryId=";
  private static final String COMPILED = "Completed compiling command(queryId=";
  private static final String EXECUTED = "Completed executing command(queryId=";
  private static final String FAILED = "FAILED: ";
  private static final String UGI = "ugi=";
  private static final List<String> MARKERS =
      List.of(COMPILED, EXECUTED, COMPILING, EXECUTING, STARTING, FAILED, UGI);

  private static final Pattern HIVE_ERROR = Pattern.compile("\\[Error (\\d+)\\]");
  private static final Pattern RETURN_CODE = Pattern.compile("return code (-?\\d+)");

  @Override
  public String name() {
    return "hiveserver2";
  }

  /** {@code hiveserver2.log}, {@code hive.log.2024-03-01}, {@code hive-server2.log.1.gz}, ... */
  @Override
  public boolean isLogFileName(String fileName) {
    return fileName.contains(".log");
  }

  @Override
  public boolean entriesEndInTheirRecord() {
    return false;
  }

  @Override
  public Instant firstTime(BufferedReader reader, ZoneId zone) throws IOException {
    LogTimes.Zones zones = new LogTimes.Zones(zone, "--log-timezone");
    String line;
    while ((line = reader.readLine()) != null) {
      Instant time = eventTime(line, zones);
      if (time != null) {
        return time;
      }
    }
    return null;
  }

  @Override
  public LogParser parser(ZoneId zone, LogEvents events) {
    return new Parser(new LogTimes.Zones(zone, "--log-timezone"), events);
  }

  /** The time a line starts with when it starts an event, else null. */
  private static Instant eventTime(String line, LogTimes.Zones zones) {
    Matcher m = LogTimes.TIME.matcher(line);
    if (!m.lookingAt() || (m.end() < line.length() && !Character.isWhitespace(line.charAt(m.end())))) {
      return null;
    }
    return zones.instant(LogTimes.local(m), m.group(9));
  }

  /** A query seen starting and not yet completed. */
  private static final class Open {
    final String queryId;
    final Instant start;
    String text;
    String user;
    ErrorCode errorCode;
    String errorText;
    boolean executing;

    Open(String queryId, Instant start, String text) {
      this.queryId = queryId;
      this.start = start;
      this.text = text;
    }
  }

  private static final class Parser implements LogParser {
    private final LogTimes.Zones zones;
    private final LogEvents events;
    private final LinkedHashMap<String, Open> open = new LinkedHashMap<>();
    /** The query each thread is compiling or executing. */
    private final Map<String, String> queryByThread = new HashMap<>();

    private Instant time;
    private String firstLine;
    private final StringBuilder rest = new StringBuilder();
    private String source;
    private long line;
    private long eventLine;

    Parser(LogTimes.Zones zones, LogEvents events) {
      this.zones = zones;
      this.events = events;
    }

    @Override
    public void read(BufferedReader reader, String source) throws IOException {
      this.source = source;
      line = 0;
      String text;
      while ((text = reader.readLine()) != null) {
        line++;
        Instant t = eventTime(text, zones);
        if (t != null) {
          flush();
          time = t;
          firstLine = text;
          eventLine = line;
        } else if (firstLine != null) {
          rest.append('\n').append(text);
        }
      }
      // A log event ends with its file: rotation happens between events.
      flush();
    }

    private void flush() throws IOException {
      if (firstLine == null) {
        return;
      }
      try {
        event(time, firstLine, rest);
      } finally {
        firstLine = null;
        rest.setLength(0);
      }
    }

    private void event(Instant at, String first, CharSequence continuation) throws IOException {
      int found = -1;
      String marker = null;
      for (String candidate : MARKERS) {
        int index = first.indexOf(candidate);
        if (index >= 0 && (found < 0 || index < found)) {
          found = index;
          marker = candidate;
        }
      }
      if (marker == null) {
        return;
      }
      String thread = thread(first, found);
      String after = first.substring(found + marker.length());
      switch (marker) {
        case COMPILING, EXECUTING, STARTING -> {
          int close = after.indexOf(')');
          if (close < 0) {
            return;
          }
          String queryId = after.substring(0, close);
          String tail = after.substring(close + 1);
          if (tail.startsWith(" has been interrupted")) {
            if (marker.equals(COMPILING) || marker.equals(EXECUTING)) {
              interrupted(queryId, at, thread, first.substring(found).strip());
            }
            return;
          }
          if (!tail.startsWith(": ") && !tail.equals(":")) {
            return;
          }
          String sql = trimEnd(tail.substring(Math.min(2, tail.length())) + continuation);
          started(queryId, at, thread, sql, !marker.equals(COMPILING));
        }
        case COMPILED, EXECUTED -> {
          int close = after.indexOf(')');
          if (close < 0) {
            return;
          }
          completed(after.substring(0, close), at, thread, marker.equals(EXECUTED));
        }
        case FAILED -> failed(thread, after);
        case UGI -> {
          Open query = current(thread);
          if (query != null && query.user == null) {
            int end = 0;
            while (end < after.length() && !Character.isWhitespace(after.charAt(end))) {
              end++;
            }
            if (end > 0) {
              query.user = after.substring(0, end);
            }
          }
        }
        default -> throw new IllegalStateException(marker);
      }
    }

    private void started(String queryId, Instant at, String thread, String sql, boolean executing)
        throws IOException {
      Open query = open.get(queryId);
      if (query == null) {
        query = new Open(queryId, at, sql.isEmpty() ? null : sql);
        open.put(queryId, query);
        if (open.size() > MAX_OPEN) {
          Iterator<Open> eldest = open.values().iterator();
          Open given = eldest.next();
          eldest.remove();
          events.incomplete(
              entry(given, null),
              "no completion line while " + MAX_OPEN + " later queries started; given up");
        }
      } else if (query.text == null && !sql.isEmpty()) {
        query.text = sql;
      }
      query.executing |= executing;
      if (thread != null) {
        queryByThread.put(thread, queryId);
      }
    }

    private void completed(String queryId, Instant at, String thread, boolean executed)
        throws IOException {
      if (thread != null && queryId.equals(queryByThread.get(thread))) {
        queryByThread.remove(thread);
      }
      Open query = open.get(queryId);
      if (query == null) {
        if (executed) {
          events.incomplete(
              new QueryLogEntry(null, at, null, queryId, null, null, null, null, null),
              "its start is not in the log files read (" + source + ":" + eventLine + " ends it)");
        }
        return;
      }
      if (!executed && query.errorText == null) {
        // Compiled; it ends when its execution completes.
        return;
      }
      open.remove(queryId);
      finished(query, at);
    }

    private void interrupted(String queryId, Instant at, String thread, String message)
        throws IOException {
      if (thread != null && queryId.equals(queryByThread.get(thread))) {
        queryByThread.remove(thread);
      }
      Open query = open.remove(queryId);
      if (query == null) {
        return;
      }
      if (query.errorText == null) {
        query.errorText = message;
      }
      finished(query, at);
    }

    private void failed(String thread, String message) {
      Open query = current(thread);
      if (query == null || query.errorText != null) {
        return;
      }
      query.errorText = message.strip();
      Matcher code = HIVE_ERROR.matcher(message);
      if (code.find()) {
        query.errorCode = ErrorCode.of(code.group(1));
      } else {
        Matcher returned = RETURN_CODE.matcher(message);
        if (returned.find()) {
          query.errorCode = ErrorCode.of(returned.group(1));
        }
      }
    }

    /** The query {@code thread} works on; without thread names, the only open query. */
    private Open current(String thread) {
      if (thread != null) {
        String queryId = queryByThread.get(thread);
        return queryId == null ? null : open.get(queryId);
      }
      return open.size() == 1 ? open.values().iterator().next() : null;
    }

    private void finished(Open query, Instant end) throws IOException {
      QueryLogEntry entry = entry(query, end);
      if (entry.queryText() == null) {
        events.incomplete(entry, "the log holds no text for it");
      } else {
        events.entry(entry);
      }
    }

    private static QueryLogEntry entry(Open query, Instant end) {
      return new QueryLogEntry(
          query.start,
          end,
          query.text,
          query.queryId,
          query.user,
          query.errorCode,
          query.errorText,
          null,
          null);
    }

    @Override
    public void finish() throws IOException {
      List<Open> remaining = new ArrayList<>(open.values());
      open.clear();
      queryByThread.clear();
      for (Open query : remaining) {
        events.incomplete(
            entry(query, null),
            "no completion line in the log yet (still running, or the server stopped);"
                + " a later run sends it when it completes");
      }
    }
  }

  /**
   * The first bracketed name between the line's time and {@code messageStart}, brackets nested
   * ({@code [HiveServer2-Background-Pool: Thread-87([])]}), or null.
   */
  static String thread(String line, int messageStart) {
    int open = line.indexOf('[');
    if (open < 0 || open > messageStart) {
      return null;
    }
    int depth = 0;
    for (int i = open; i < messageStart; i++) {
      char c = line.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return line.substring(open + 1, i);
      }
    }
    return null;
  }

  private static String trimEnd(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }
}
