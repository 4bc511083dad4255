package io.pushgen.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * What the gateway does instead of (or before) answering one request normally.
 *
 * <ul>
 *   <li>{@link Kind#FAIL}: answer {@code status} with {@code body} (a JSON error when null) and,
 *       when given, a {@code Retry-After} header; the request is not validated or recorded.
 *   <li>{@link Kind#DELAY}: wait {@code delay}, then validate and answer as usual, but do not
 *       record the request (it stands for a response the client gave up on).
 *   <li>{@link Kind#DROP}: close the connection without any response; not recorded.
 *   <li>{@link Kind#NO_INVOCATION_ID}: validate, record and accept as usual, but answer 202
 *       without an {@code invocation_id} (a success the client cannot trace).
 * </ul>
 */
public record Fault(Kind kind, int status, String body, String retryAfter, Duration delay) {

  public enum Kind {
    FAIL,
    DELAY,
    DROP,
    NO_INVOCATION_ID
  }

  public Fault {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.FAIL && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("status must be an HTTP status, got " + status);
    }
    if (kind == Kind.DELAY && (delay == null || delay.isNegative())) {
      throw new IllegalArgumentException("delay must not be negative");
    }
  }

  public static Fault fail(int status) {
    return new Fault(Kind.FAIL, status, null, null, null);
  }

  public static Fault fail(int status, String body, String retryAfter) {
    return new Fault(Kind.FAIL, status, body, retryAfter, null);
  }

  public static Fault delay(Duration delay) {
    return new Fault(Kind.DELAY, 0, null, null, delay);
  }

  public static Fault drop() {
    return new Fault(Kind.DROP, 0, null, null, null);
  }

  public static Fault noInvocationId() {
    return new Fault(Kind.NO_INVOCATION_ID, 0, null, null, null);
  }

  /** A short description for logs. */
  public String describe() {
    return switch (kind) {
      case FAIL -> "injected fault: HTTP " + status;
      case DELAY -> "injected delay of " + delay.toMillis() + " ms";
      case DROP -> "injected fault: connection dropped";
      case NO_INVOCATION_ID -> "injected fault: accepted without an invocation_id";
    };
  }
}
