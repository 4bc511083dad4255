// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.postgres.runtime.logs;

import io.pushgen.postgres.runtime.model.ErrorCode;
import io.pushgen.postgres.runtime.model.QueryLogEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's CSV log ({@code log_destination = 'csvlog'}), versions 12 to 17.
 *
 * <p>The columns, by version (PostgreSQL documents them under "Using CSV-Format Log Output"): 12
 * has 23, from {@code log_time} to {@code application_name}; 13 adds {@code backend_type}; 14
 * adds {@code leader_pid} and {@code query_id}, and 15 to 17 keep those 26. Only the first 23 are
 * read, by position, so any version from 12 on (and later ones that append columns) is read alike.
 *
 * <p>Entries come from two kinds of records:
 *
 * <ul>
 *   <li>Statements that finished, logged by {@code log_min_duration_statement} as {@code
 *       duration: 12.345 ms  statement: <text>} (simple protocol) or {@code duration: 0.120 ms
 *       execute <name>: <text>} (extended protocol, as JDBC drivers use it). The record's {@code
 *       log_time} is when the statement ended: end = log_time, start = end - duration. The parse
 *       and bind steps of the extended protocol, and further fetches from an open portal
 *       ({@code execute fetch from}), are not separate queries and are not sent. When {@code
 *       log_statement} already logged the text ({@code statement: <text>} or {@code execute
 *       <name>: <text>}), the server logs the duration alone ({@code duration: 1.234 ms}); it is
 *       paired with the text its session logged last.
 *   <li>Statements that failed: severity ERROR, FATAL or PANIC with the statement in the {@code
 *       query} column (logged when {@code log_min_error_statement} is {@code error} or lower, the
 *       default). error_code is the SQLSTATE, error_text the message, and start = end = log_time:
 *       the log holds no duration for a failed statement.
 * </ul>
 *
 * <p>The query id is {@code <session_id>:<session_line_num>}, unique on the server and the same
 * every time the record is read. The user is {@code user_name}; {@code database_name}, {@code
 * application_name} and {@code session_id} go to {@code extra}. Texts are sent exactly as logged,
 * line breaks and quotes included.
 *
 * <p>Server settings this needs: {@code logging_collector = on}, {@code log_destination =
 * 'csvlog'} (may be combined with stderr), {@code log_min_duration_statement = 0} (every
 * statement; a higher value sends only the slower ones), and {@code lc_messages = 'C'} (or
 * another English locale: the messages are matched in English). {@code log_timezone = 'UTC'}
 * spares the time-zone option.
 */
public final class PostgresCsvLog implements LogFormat {
  private static final int COLUMNS_12 = 23;

  /** Sessions whose logged statement waits for its duration record; the oldest are dropped. */
  private static final int MAX_PENDING_SESSIONS = 10_000;

  private static final int LOG_TIME = 0;
  private static final int USER_NAME = 1;
  private static final int DATABASE_NAME = 2;
  private static final int SESSION_ID = 5;
  private static final int SESSION_LINE_NUM = 6;
  private static final int ERROR_SEVERITY = 11;
  private static final int SQL_STATE_CODE = 12;
  private static final int MESSAGE = 13;
  private static final int QUERY = 19;
  private static final int APPLICATION_NAME = 22;

  /** {@code duration: 12.345 ms}, then maybe two spaces and what ran. */
  private static final Pattern DURATION =
      Pattern.compile("duration: (\\d+(?:\\.\\d+)?) ms(?:  (.*))?", Pattern.DOTALL);

  /** {@code log_time}: a local time, a space and the zone's abbreviation or offset. */
  private static final Pattern LOG_TIME_TEXT =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)(?: ([A-Za-z0-9+\\-:/_]+))?");

  @Override
  public String name() {
    return "postgres-csv";
  }

  /** {@code postgresql-2024-03-01_000000.csv}, and rotated or compressed copies of such files. */
  @Override
  public boolean isLogFileName(String fileName) {
    return fileName.endsWith(".csv") || fileName.contains(".csv.") || fileName.contains(".csv-");
  }

  @Override
  public boolean entriesEndInTheirRecord() {
    return true;
  }

  @Override
  public Instant firstTime(BufferedReader reader, ZoneId zone) throws IOException {
    CsvRecords.Row row = new CsvRecords(reader).next();
    if (row == null || row.fields().isEmpty()) {
      return null;
    }
    try {
      return time(row.fields().get(LOG_TIME), new LogTimes.Zones(zone, "--log-timezone"));
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public LogParser parser(ZoneId zone, LogEvents events) {
    return new Parser(new LogTimes.Zones(zone, "--log-timezone"), events);
  }

  private static Instant time(String text, LogTimes.Zones zones) {
    Matcher m = LOG_TIME_TEXT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("log_time '" + text + "' is not a time");
    }
    Matcher local = LogTimes.TIME.matcher(m.group(1));
    if (!local.lookingAt()) {
      throw new IllegalArgumentException("log_time '" + text + "' is not a time");
    }
    return zones.instant(LogTimes.local(local), m.group(2));
  }

  private static final class Parser implements LogParser {
    private final LogTimes.Zones zones;
    private final LogEvents events;
    /** Per session, the text {@code log_statement} logged last and no duration has claimed. */
    private final Map<String, String> statementBySession =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_PENDING_SESSIONS;
          }
        };

    Parser(LogTimes.Zones zones, LogEvents events) {
      this.zones = zones;
      this.events = events;
    }

    @Override
    public void read(BufferedReader reader, String source) throws IOException {
      CsvRecords records = new CsvRecords(reader);
      CsvRecords.Row row;
      while ((row = records.next()) != null) {
        List<String> f = row.fields();
        if (!row.complete()) {
          // The file is being written; its last record is read by a later run.
          continue;
        }
        if (f.size() < COLUMNS_12) {
          events.unparsed(
              source + ":" + row.line(),
              "a csvlog record has at least " + COLUMNS_12 + " columns, this one " + f.size());
          continue;
        }
        Instant logTime;
        try {
          logTime = time(f.get(LOG_TIME), zones);
        } catch (IllegalArgumentException e) {
          events.unparsed(source + ":" + row.line(), e.getMessage());
          continue;
        }
        record(f, logTime);
      }
    }

    private void record(List<String> f, Instant logTime) throws IOException {
      String session = f.get(SESSION_ID);
      String severity = f.get(ERROR_SEVERITY);
      String message = f.get(MESSAGE);
      if (severity.equals("ERROR") || severity.equals("FATAL") || severity.equals("PANIC")) {
        statementBySession.remove(session);
        String query = f.get(QUERY);
        if (!query.isEmpty()) {
          String code = f.get(SQL_STATE_CODE);
          events.entry(
              entry(
                  f,
                  logTime,
                  logTime,
                  query,
                  code.isEmpty() ? null : ErrorCode.of(code),
                  message.isEmpty() ? null : message));
        }
        return;
      }
      if (!severity.equals("LOG")) {
        return;
      }
      Matcher duration = DURATION.matcher(message);
      if (duration.matches()) {
        String what = duration.group(2);
        String text;
        if (what == null) {
          text = statementBySession.remove(session);
          if (text == null) {
            // log_duration without a logged statement: nothing to send.
            return;
          }
        } else {
          text = statementText(what);
          if (text == null) {
            return;
          }
        }
        Instant start = logTime.minusNanos(nanos(duration.group(1)));
        events.entry(entry(f, start, logTime, text, null, null));
        return;
      }
      // log_statement's own record: its duration follows in a record of its own.
      String text = statementText(message);
      if (text != null) {
        statementBySession.put(session, text);
      }
    }

    /** The text after {@code statement: } or {@code execute <name>: }, else null. */
    private static String statementText(String what) {
      if (what.startsWith("statement: ")) {
        return what.substring("statement: ".length());
      }
      if (what.startsWith("execute ") && !what.startsWith("execute fetch from ")) {
        int colon = what.indexOf(": ");
        return colon < 0 ? null : what.substring(colon + 2);
      }
      return null;
    }

    private static long nanos(String milliseconds) {
      return new BigDecimal(milliseconds).movePointRight(6).longValue();
    }

    private static QueryLogEntry entry(
        List<String> f, Instant start, Instant end, String text, ErrorCode code, String error) {
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("database_name", blankToNull(f.get(DATABASE_NAME)));
      extra.put("application_name", blankToNull(f.get(APPLICATION_NAME)));
      extra.put("session_id", blankToNull(f.get(SESSION_ID)));
      return new QueryLogEntry(
          start,
          end,
          text,
          f.get(SESSION_ID) + ":" + f.get(SESSION_LINE_NUM),
          blankToNull(f.get(USER_NAME)),
          code,
          error,
          null,
          extra);
    }

    @Override
    public void finish() {
      statementBySession.clear();
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
