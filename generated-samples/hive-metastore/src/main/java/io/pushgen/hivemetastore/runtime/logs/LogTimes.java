// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hivemetastore.runtime.logs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times servers write into their logs: a local date and time (a {@code T} or a space
 * between them, the fraction after a dot or a comma), then maybe a zone as an offset or an
 * abbreviation.
 */
final class LogTimes {
  private LogTimes() {}

  /** A date and time at the start of a text, then optionally a zone. */
  static final Pattern TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?"
              + "(?:( ?)(Z|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)(?![\\w:]))?");

  private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2})(?::?(\\d{2}))?(?::?(\\d{2}))?");

  private static final Set<String> UTC_NAMES = Set.of("UTC", "GMT", "UCT", "Z", "Zulu", "Universal");

  /** The local date and time matched by {@link #TIME}. */
  static LocalDateTime local(Matcher m) {
    String fraction = m.group(7);
    int nanos = 0;
    if (fraction != null) {
      nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
    }
    return LocalDateTime.of(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)),
        Integer.parseInt(m.group(4)),
        Integer.parseInt(m.group(5)),
        Integer.parseInt(m.group(6)),
        nanos);
  }

  /** An offset such as {@code +02}, {@code -0330}, {@code +05:30}, or null for anything else. */
  static ZoneOffset offset(String text) {
    if (text.equals("Z")) {
      return ZoneOffset.UTC;
    }
    Matcher m = OFFSET.matcher(text);
    if (!m.matches()) {
      return null;
    }
    int sign = m.group(1).equals("-") ? -1 : 1;
    int hours = Integer.parseInt(m.group(2));
    int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    int seconds = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    try {
      return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes, sign * seconds);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * Converts times whose zone the log names by an abbreviation ({@code UTC}, {@code CET}, {@code
   * -03}), as PostgreSQL's {@code log_timezone} prints them. Offsets and UTC's names need nothing
   * else; any other abbreviation needs the zone the server logs in, because abbreviations are
   * ambiguous ({@code IST}, {@code CST}). With that zone, the abbreviation only picks the offset in
   * the hour that repeats when daylight saving time ends.
   */
  static final class Zones {
    private final ZoneId configured;
    private final String option;
    private final Map<String, ZoneOffset> fixed = new HashMap<>();

    /**
     * @param configured the zone the server logs in, or null when not given
     * @param option the option that gives it, for the message when it is missing
     */
    Zones(ZoneId configured, String option) {
      this.configured = configured;
      this.option = option;
    }

    /**
     * @throws LogFormatException when the zone is an abbreviation and no zone was configured
     */
    Instant instant(LocalDateTime local, String zone) {
      if (zone == null || zone.isEmpty()) {
        return local.atZone(configured != null ? configured : ZoneOffset.UTC).toInstant();
      }
      ZoneOffset offset = fixed.computeIfAbsent(zone, LogTimes::fixedOffset);
      if (offset != null) {
        return local.toInstant(offset);
      }
      if (configured == null) {
        throw new LogFormatException(
            "the log's times are in '"
                + zone
                + "', which is not an offset: give the zone the server logs in with "
                + option
                + " (PostgreSQL: SHOW log_timezone, e.g. Europe/Berlin), or set the server's"
                + " log_timezone to UTC");
      }
      List<ZoneOffset> valid = configured.getRules().getValidOffsets(local);
      if (valid.size() > 1) {
        for (ZoneOffset candidate : valid) {
          Instant instant = local.toInstant(candidate);
          if (abbreviation(configured, instant).equals(zone)) {
            return instant;
          }
        }
      }
      return local.atZone(configured).toInstant();
    }

    private static String abbreviation(ZoneId zone, Instant instant) {
      return DateTimeFormatter.ofPattern("zzz", Locale.ROOT).withZone(zone).format(instant);
    }
  }

  private static ZoneOffset fixedOffset(String zone) {
    if (UTC_NAMES.contains(zone)) {
      return ZoneOffset.UTC;
    }
    return offset(zone);
  }
}
