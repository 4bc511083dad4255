// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How the runtime's HTTP clients (the push transport {@link HttpTransport} and the GraphQL client)
 * connect, wait and retry: the timeouts, the attempts per request, the exponential backoff and the
 * longest {@code Retry-After} honoured, and, replaceable in tests, the sleeper, the source of
 * jitter and the clock.
 *
 * <p>Start from {@link #defaults()} or {@link #builder()}:
 *
 * <pre>{@code
 * HttpSettings settings =
 *     HttpSettings.builder().requestTimeout(Duration.ofSeconds(60)).maxAttempts(3).build();
 * HttpTransport transport = HttpTransport.builder(credentials).settings(settings).build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; one can serve several clients.
 */
public final class HttpSettings {
  private static final HttpSettings DEFAULTS = builder().build();

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration backoffBase;
  private final Duration backoffCap;
  private final Duration retryAfterCap;
  private final HttpRetry.Sleeper sleeper;
  private final DoubleSupplier random;
  private final Clock clock;

  private HttpSettings(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxAttempts = b.maxAttempts;
    this.backoffBase = b.backoffBase;
    this.backoffCap = b.backoffCap;
    this.retryAfterCap = b.retryAfterCap;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.clock = b.clock;
  }

  /**
   * The defaults: connect within 10 s, a response within 30 s, 5 attempts, backoff from 1 s up to
   * 30 s, {@code Retry-After} honoured up to 120 s, real sleeps, random jitter, the UTC clock.
   */
  public static HttpSettings defaults() {
    return DEFAULTS;
  }

  /** Starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long to wait for a connection. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long to wait for the response of one attempt. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Attempts per request, the first included (at least 1). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The backoff ceiling before the second attempt. */
  public Duration backoffBase() {
    return backoffBase;
  }

  /** The largest backoff ceiling. */
  public Duration backoffCap() {
    return backoffCap;
  }

  /** The longest {@code Retry-After} honoured; longer values are capped. */
  public Duration retryAfterCap() {
    return retryAfterCap;
  }

  /** Waits between attempts. */
  public HttpRetry.Sleeper sleeper() {
    return sleeper;
  }

  /** Source of jitter: values in [0, 1). */
  public DoubleSupplier random() {
    return random;
  }

  /** Turns an HTTP-date {@code Retry-After} into a delay. */
  public Clock clock() {
    return clock;
  }

  /** Configures {@link HttpSettings}; every setter rejects a value that makes no sense. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 5;
    private Duration backoffBase = Duration.ofSeconds(1);
    private Duration backoffCap = Duration.ofSeconds(30);
    private Duration retryAfterCap = Duration.ofSeconds(120);
    private HttpRetry.Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** How long to wait for a connection (default 10 s). */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = positive(value, "connect timeout");
      return this;
    }

    /** How long to wait for the response of one attempt (default 30 s). */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = positive(value, "request timeout");
      return this;
    }

    /** Attempts per request, the first included (default 5). */
    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("max attempts must be at least 1, not " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * Exponential backoff: the ceiling before attempt n+1 is min(cap, base * 2^(n-1)) (default 1 s
     * and 30 s).
     */
    public Builder backoff(Duration base, Duration cap) {
      this.backoffBase = positive(base, "backoff base");
      this.backoffCap = positive(cap, "backoff cap");
      return this;
    }

    /** The longest {@code Retry-After} honoured (default 120 s); longer values are capped. */
    public Builder retryAfterCap(Duration value) {
      this.retryAfterCap = positive(value, "Retry-After cap");
      return this;
    }

    /** Waits between attempts (default: {@link Thread#sleep(long)}). */
    public Builder sleeper(HttpRetry.Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /** Source of jitter: values in [0, 1). */
    public Builder random(DoubleSupplier value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /** The clock used to turn an HTTP-date {@code Retry-After} into a delay. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public HttpSettings build() {
      return new HttpSettings(this);
    }

    private static Duration positive(Duration value, String what) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return value;
    }
  }
}
