package io.pushgen.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2024-03-01T10:00:05Z,                 2024-03-01T10:00:05Z",
    "2024-03-01T10:00:05+00:00,            2024-03-01T10:00:05Z",
    "2024-03-01T12:00:00.120000+02:00,     2024-03-01T10:00:00.120000Z",
    "2024-03-01T12:00:01.000001+02:00,     2024-03-01T10:00:01.000001Z",
    "2024-12-31T23:59:59.5-05:00,          2025-01-01T04:59:59.500000Z",
    "2025-01-01T00:00:00.250+00:00,        2025-01-01T00:00:00.250000Z",
    "2024-03-01T10:00:05,                  2024-03-01T10:00:05Z",
    "2024-03-01 10:00:05.7,                2024-03-01T10:00:05.700000Z",
    "2024-03-01T05:30:00+05:30,            2024-03-01T00:00:00Z",
    "2024-03-01T10:00:05.000000Z,          2024-03-01T10:00:05Z",
    "2024-03-01T10:00:05.0000009Z,         2024-03-01T10:00:05Z",
    "2024-03-01T10:00:05.1234569Z,         2024-03-01T10:00:05.123456Z",
    "2024-03-01T10:00:05.123456789123Z,    2024-03-01T10:00:05.123456Z",
  })
  void parsesAnyOffsetAndFormatsLikePython(String input, String wire) {
    assertEquals(wire, Timestamps.format(Timestamps.parse(input)));
  }

  @Test
  void formatsMicrosWithExactlySixDigits() {
    assertEquals(
        "2024-03-01T10:00:05.000010Z",
        Timestamps.format(Instant.parse("2024-03-01T10:00:05.00001Z")));
    assertEquals(
        "2024-03-01T10:00:05.100000Z", Timestamps.format(Instant.parse("2024-03-01T10:00:05.1Z")));
  }

  @Test
  void truncatesNanosecondsTowardThePast() {
    assertEquals(
        "2024-03-01T10:00:05.999999Z",
        Timestamps.format(Instant.parse("2024-03-01T10:00:05.999999999Z")));
    assertEquals(
        "1969-12-31T23:59:59.999999Z", Timestamps.format(Instant.ofEpochSecond(-1, 999_999_999)));
    assertEquals(
        Instant.parse("2024-03-01T10:00:05.123456Z"),
        Timestamps.truncate(Instant.parse("2024-03-01T10:00:05.123456789Z")));
  }

  @Test
  void refusesYearsPythonCannotHold() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z")));
    assertTrue(e.getMessage().contains("1 to 9999"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"yesterday", "2024-02-30T10:00:00Z", "2024-03-01", "2024-03-01T25:00:00Z", "''"})
  void refusesWhatIsNotADateTime(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(text));
    assertTrue(e.getMessage().contains("is not an ISO-8601 date-time"), e.getMessage());
  }
}
