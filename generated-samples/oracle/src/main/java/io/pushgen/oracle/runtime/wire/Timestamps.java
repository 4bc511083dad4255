// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.oracle.runtime.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Timestamps as Monte Carlo's Python SDK writes them: converted to UTC, formatted like Python's
 * {@code datetime.isoformat()} with {@code +00:00} replaced by {@code Z}, that is {@code
 * 2024-03-01T10:00:05Z} when the microseconds are zero and otherwise exactly six fractional digits
 * ({@code 2024-03-01T10:00:05.120000Z}). Python's datetime holds microseconds, so finer precision
 * is truncated.
 */
public final class Timestamps {
  private Timestamps() {}

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

  private static final DateTimeFormatter PARSER =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withChronology(IsoChronology.INSTANCE)
          .withResolverStyle(ResolverStyle.STRICT);

  /** More than nine fractional digits: Java parses at most nine, Python ignores the rest. */
  private static final Pattern LONG_FRACTION = Pattern.compile("(\\.\\d{9})\\d+");

  /**
   * Formats an instant for the wire.
   *
   * @throws IllegalArgumentException when the year is outside 1..9999, which Python cannot
   *     represent
   */
  public static String format(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (utc.getYear() < 1 || utc.getYear() > 9999) {
      throw new IllegalArgumentException(
          "timestamp " + instant + " is outside the years 1 to 9999 that Monte Carlo accepts");
    }
    StringBuilder text = new StringBuilder(27).append(SECONDS.format(utc));
    int micros = instant.getNano() / 1_000;
    if (micros != 0) {
      String digits = Integer.toString(micros);
      text.append('.').append("000000", digits.length(), 6).append(digits);
    }
    return text.append('Z').toString();
  }

  /**
   * Parses an ISO-8601 date-time such as {@code 2024-03-01T10:00:05Z}, {@code
   * 2024-12-31T23:59:59.5-05:00} or {@code 2024-03-01T10:00:05} (no zone means UTC). The date and
   * time may also be separated by a space, as SQL prints them.
   *
   * @throws IllegalArgumentException when the text is not such a date-time
   */
  public static Instant parse(String text) {
    String iso = text;
    if (iso.length() > 10 && iso.charAt(10) == ' ') {
      iso = iso.substring(0, 10) + 'T' + iso.substring(11);
    }
    iso = LONG_FRACTION.matcher(iso).replaceFirst("$1");
    TemporalAccessor parsed;
    try {
      parsed = PARSER.parse(iso);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an ISO-8601 date-time (e.g. 2024-03-01T10:00:05Z)", e);
    }
    ZoneOffset offset =
        parsed.isSupported(ChronoField.OFFSET_SECONDS)
            ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
            : ZoneOffset.UTC;
    return LocalDateTime.from(parsed).toInstant(offset);
  }

  /** Drops sub-microsecond precision (rounding toward the past), as the wire format does. */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
