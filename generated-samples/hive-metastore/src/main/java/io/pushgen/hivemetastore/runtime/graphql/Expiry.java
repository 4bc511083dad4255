// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hivemetastore.runtime.graphql;

import io.pushgen.hivemetastore.runtime.cli.UsageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The {@code expireAt} of custom lineage: permanent ({@value Queries#PERMANENT}) unless the user
 * explicitly gives a date or a time to live. Monte Carlo's own default, 7 days, is never used
 * silently.
 */
public final class Expiry {
  private Expiry() {}

  /**
   * @param expireAt {@code --expire-at}: {@code YYYY-MM-DD}, an ISO-8601 date-time, {@code never}
   *     or {@code permanent}; or null
   * @param ttlDays {@code --ttl-days}, or null
   * @return the value to send
   * @throws UsageException for both, a bad value, or a time in the past
   */
  public static String resolve(String expireAt, Integer ttlDays, Clock clock) throws UsageException {
    if (expireAt != null && ttlDays != null) {
      throw new UsageException("pass --expire-at or --ttl-days, not both");
    }
    if (ttlDays != null) {
      if (ttlDays < 1) {
        throw new UsageException("--ttl-days must be at least 1, not " + ttlDays);
      }
      return clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(ttlDays)).toString();
    }
    return check(expireAt, clock, "--expire-at");
  }

  /**
   * Checks one value ({@code expire_at} of a bulk file, say); null or blank means permanent.
   *
   * @param what names the option or field in messages
   */
  public static String check(String value, Clock clock, String what) throws UsageException {
    if (value == null || value.isBlank()) {
      return Queries.PERMANENT;
    }
    String text = value.strip();
    if (text.equalsIgnoreCase("never") || text.equalsIgnoreCase("permanent")) {
      return Queries.PERMANENT;
    }
    Instant at;
    try {
      at = LocalDate.parse(text).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    } catch (DateTimeParseException notADate) {
      try {
        at = OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notADateTime) {
        throw new UsageException(
            what + " '" + text + "' is not a date (YYYY-MM-DD) or an ISO-8601 date-time with offset");
      }
    }
    if (!at.isAfter(clock.instant())) {
      throw new UsageException(what + " '" + text + "' is in the past");
    }
    return text;
  }
}
