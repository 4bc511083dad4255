package io.pushgen.runtime.collect;

import io.pushgen.runtime.wire.Timestamps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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

  /**
   * The column as a UTC timestamp in the wire format ({@code 2026-03-12T14:30:00Z}), or null.
   * Values without a time zone are taken as UTC.
   */
  public static String timestamp(ResultSet row, String label) throws SQLException {
    Timestamp value = row.getTimestamp(label, utcCalendar());
    return value == null ? null : Timestamps.format(value.toInstant());
  }
}
