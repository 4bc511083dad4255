// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.trino.runtime.check;

import io.pushgen.trino.runtime.collect.Quoting;
import io.pushgen.trino.runtime.collect.Sql;
import io.pushgen.trino.runtime.wire.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a descriptor's catalog or history query cheaply, to learn whether the user may run it and
 * whether it returns anything.
 *
 * <p>{@link #noRows} wraps a query as {@code SELECT * FROM (<query>) pushgen_probe WHERE 1 = 0}:
 * the server parses it, resolves every table and checks every privilege, but reads no data.
 * Statements that cannot be a subquery ({@code SHOW ...}, {@code DESCRIBE ...}) run as they are,
 * at most one row read. After a failed statement the transaction is rolled back, so the next
 * probe on the same connection runs normally (PostgreSQL refuses every statement of an aborted
 * transaction).
 */
public final class SqlProbe {
  private SqlProbe() {}

  /** Reads one row; returns false to stop reading. */
  @FunctionalInterface
  public interface RowVisitor {
    boolean visit(ResultSet row) throws SQLException;
  }

  /** The query in a form that returns no rows, or the query itself when it cannot be wrapped. */
  public static Sql noRows(Sql query) {
    if (!isSelect(query.text())) {
      return query;
    }
    // The query on lines of its own: a trailing -- comment must not swallow the wrapper.
    return Sql.of("SELECT * FROM (\n" + query.text().strip() + "\n) pushgen_probe WHERE 1 = 0");
  }

  /** Whether the text is a SELECT (or WITH ... SELECT) that can be used as a subquery. */
  static boolean isSelect(String text) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("--", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    String rest = text.substring(i).toUpperCase(Locale.ROOT);
    return rest.matches("(?s)(SELECT|WITH)\\b.*") && !rest.strip().endsWith(";");
  }

  /**
   * Runs {@link #noRows the no-rows form} of the query.
   *
   * @return ok, saying whether rows were avoided
   * @throws SQLException the vendor's error, typically a missing privilege
   */
  public static Checks.Outcome probe(
      Connection connection,
      Sql query,
      Quoting quoting,
      Map<String, String> identifiers,
      Map<String, ?> values)
      throws SQLException {
    Sql probe = noRows(query);
    rows(connection, probe, quoting, identifiers, values, 1, row -> false);
    return Checks.Outcome.ok(probe == query ? "runs" : "runs (no rows read)");
  }

  /**
   * Runs a history query over {@code window} (see {@link #lastDay}), reading at most one row:
   * ok when there is one, empty otherwise.
   *
   * @throws SQLException the vendor's error
   */
  public static Checks.Outcome history(
      Connection connection, Sql query, Quoting quoting, Map<String, Object> window)
      throws SQLException {
    long rows = rows(connection, query, quoting, Map.of(), window, 1, row -> false);
    String span = span(window);
    return rows > 0
        ? Checks.Outcome.ok("rows from " + span)
        : Checks.Outcome.empty("nothing from " + span);
  }

  /**
   * Runs the query itself and hands its rows to {@code visitor} until it returns false.
   *
   * @param maxRows the most rows the server returns (0: no limit)
   * @return how many rows were visited
   * @throws SQLException the vendor's error
   */
  public static long rows(
      Connection connection,
      Sql query,
      Quoting quoting,
      Map<String, String> identifiers,
      Map<String, ?> values,
      int maxRows,
      RowVisitor visitor)
      throws SQLException {
    long visited = 0;
    try (PreparedStatement statement = query.prepare(connection, quoting, identifiers, values)) {
      statement.setMaxRows(maxRows);
      statement.setFetchSize(maxRows > 0 ? maxRows : 100);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          visited++;
          if (!visitor.visit(rows)) {
            break;
          }
        }
      }
      return visited;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // The probe's own error is the one to report.
      }
      throw e;
    }
  }

  /**
   * The bound values of a history query for the last day: {@code start_time} one day before
   * {@code end_time}, which is now. The window ignores the programs' lag: the question is whether
   * the history shows anything recent at all, and what arrived late is still recent.
   */
  public static Map<String, Object> lastDay(Instant now) {
    Instant end = now.truncatedTo(ChronoUnit.SECONDS);
    return Map.of("start_time", end.minus(Duration.ofDays(1)), "end_time", end);
  }

  /** A {@link #lastDay} window in words: {@code <start> to <end>}. */
  public static String span(Map<String, Object> window) {
    return Timestamps.format((Instant) window.get("start_time"))
        + " to "
        + Timestamps.format((Instant) window.get("end_time"));
  }
}
