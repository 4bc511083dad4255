// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;

/**
 * A query's error code, which Monte Carlo accepts as a string or an integer and which is written
 * back exactly in the form it was given.
 */
public sealed interface ErrorCode permits ErrorCode.Text, ErrorCode.Numeric {

  /** The code as written to JSON: a {@link String} or a {@link Long}. */
  @JsonValue
  Object value();

  /** A textual code such as {@code "E42"} or {@code "42P01"}. */
  static ErrorCode of(String code) {
    return new Text(code);
  }

  /** A numeric code such as {@code 1064}. */
  static ErrorCode of(long code) {
    return new Numeric(code);
  }

  /**
   * Converts a JSON value: a string or an integral number.
   *
   * @throws IllegalArgumentException for anything else (a fraction, a boolean, an object)
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ErrorCode fromJson(Object value) {
    if (value instanceof String text) {
      return new Text(text);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return new Numeric(((Number) value).longValue());
    }
    if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
      return new Numeric(big.longValue());
    }
    throw new IllegalArgumentException(
        "error_code must be a string or an integer, not " + describe(value));
  }

  private static String describe(Object value) {
    return value instanceof Number
        ? "the number " + value
        : "a " + value.getClass().getSimpleName();
  }

  /** A textual error code. */
  record Text(String value) implements ErrorCode {
    public Text {
      if (value == null) {
        throw new IllegalArgumentException("error code text must not be null");
      }
    }
  }

  /** A numeric error code. */
  record Numeric(Long value) implements ErrorCode {
    public Numeric {
      if (value == null) {
        throw new IllegalArgumentException("numeric error code must not be null");
      }
    }
  }
}
