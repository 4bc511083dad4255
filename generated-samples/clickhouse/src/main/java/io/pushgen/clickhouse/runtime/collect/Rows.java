// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.collect;

import io.pushgen.clickhouse.runtime.model.ErrorCode;
import io.pushgen.clickhouse.runtime.wire.Timestamps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.TimeZone;

/** Reads typed values from catalog rows by column label, turning SQL NULL into {@code null}. */
public final class Rows {
  private Rows() {}

  /** A fresh UTC calendar: timestamps without a zone are read and bound as UTC. */
  public static Calendar utcCalendar() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  }

  /** The column as text, or null. */
  public static String text(ResultSet row, String label) throws SQLException {
    return row.getString(label);
  }

  /** The column as text, or null when it is NULL or blank (comments and descriptions). */
  public static String nonBlank(ResultSet row, String label) throws SQLException {
    String value = row.getString(label);
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * The column as a whole number, or null. Estimates stored as floating point (PostgreSQL's
   * {@code reltuples}) are rounded; negative values, which engines use for "unknown", are null.
   */
  public static Long count(ResultSet row, String label) throws SQLException {
    Object value = row.getObject(label);
    if (value == null) {
      return null;
    }
    BigDecimal exact =
        value instanceof Number number && !(value instanceof BigDecimal)
            ? BigDecimal.valueOf(number.doubleValue())
            : new BigDecimal(value.toString().trim());
    long count = exact.setScale(0, RoundingMode.HALF_UP).longValueExact();
    return count < 0 ? null : count;
  }

  /** The column as an instant (values without a time zone taken as UTC), or null. */
  public static Instant instant(ResultSet row, String label) throws SQLException {
    Timestamp value = row.getTimestamp(label, utcCalendar());
    return value == null ? null : value.toInstant();
  }

  /** The column as an error code: a number stays a number, anything else is text; or null. */
  public static ErrorCode errorCode(ResultSet row, String label) throws SQLException {
    Object value = row.getObject(label);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    if (value instanceof Number number && new BigDecimal(number.toString()).scale() <= 0) {
      return ErrorCode.of(number.longValue());
    }
    return ErrorCode.of(value.toString());
  }

  /**
   * The column as a JSON value for a query log's {@code extra}: numbers and booleans as they are,
   * timestamps in the wire format, large text objects read out, anything else as text; SQL NULL as
   * null (which {@code extra} keeps).
   */
  public static Object value(ResultSet row, String label) throws SQLException {
    Object value = row.getObject(label);
    if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
      return value;
    }
    if (value instanceof Timestamp timestamp) {
      return Timestamps.format(row.getTimestamp(label, utcCalendar()).toInstant());
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, (int) Math.min(clob.length(), Integer.MAX_VALUE));
    }
    return value.toString();
  }

  /**
   * The column as a UTC timestamp in the wire format ({@code 2026-03-12T14:30:00Z}), or null.
   * Values without a time zone are taken as UTC. A number is seconds since the epoch, as Hive's
   * metastore keeps times ({@code CREATE_TIME}, {@code transient_lastDdlTime}); zero and negative
   * numbers mean "never" there, so they are null.
   */
  public static String timestamp(ResultSet row, String label) throws SQLException {
    Object raw = row.getObject(label);
    if (raw instanceof Number seconds) {
      long epochSeconds = seconds.longValue();
      return epochSeconds <= 0 ? null : Timestamps.format(Instant.ofEpochSecond(epochSeconds));
    }
    Timestamp value = row.getTimestamp(label, utcCalendar());
    return value == null ? null : Timestamps.format(value.toInstant());
  }
}
