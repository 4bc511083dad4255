package io.pushgen.runtime.push;

import io.pushgen.runtime.wire.Contract;
import io.pushgen.runtime.wire.IngestRequest;
import io.pushgen.runtime.wire.IngestionService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Sends requests to Monte Carlo's integration gateway over {@code java.net.http}.
 *
 * <p>Every request carries the ingestion key ({@code x-mcd-id}, {@code x-mcd-token}), a session id
 * that is constant for this transport (one per run), a fresh trace id per attempt and a telemetry
 * reason. Throttling (429, honouring {@code Retry-After}), server errors (5xx), timeouts and
 * connection failures are retried with exponential backoff and full jitter; any other status fails
 * at once with the first 500 characters of the response body. A success is a 2xx response whose
 * body holds an {@code invocation_id}.
 *
 * <p>Instances are thread-safe: one transport serves all batches of a run.
 */
public final class HttpTransport implements Transport {
  private final Credentials credentials;
  private final String baseUrl;
  private final Duration requestTimeout;
  private final String sessionId;
  private final String telemetryReason;
  private final RetryListener retryListener;
  private final HttpRetry retry;
  private final HttpClient client;

  private HttpTransport(Builder b) {
    this.credentials = b.credentials;
    this.baseUrl = b.baseUrl;
    this.requestTimeout = b.requestTimeout;
    this.sessionId = b.sessionId;
    this.telemetryReason = b.telemetryReason;
    this.retryListener = b.retryListener;
    Sleeper sleeper = b.sleeper;
    this.retry =
        new HttpRetry(
            b.credentials,
            b.connectTimeout,
            b.requestTimeout,
            b.maxAttempts,
            b.backoffBase,
            b.backoffCap,
            b.retryAfterCap,
            sleeper::sleep,
            b.random,
            b.clock);
    this.client = HttpRetry.newClient(b.connectTimeout);
  }

  /** Starts a transport for the given key; everything else has a sensible default. */
  public static Builder builder(Credentials credentials) {
    return new Builder(credentials);
  }

  /**
   * The base URL to use: {@code explicit} when given, else the {@code MCD_API_ENDPOINT} environment
   * variable, else Monte Carlo's integration gateway.
   */
  public static String resolveBaseUrl(String explicit) {
    if (explicit != null && !explicit.isBlank()) {
      return explicit.strip();
    }
    String env = System.getenv(Contract.ENV_API_ENDPOINT);
    return env != null && !env.isBlank() ? env.strip() : Contract.DEFAULT_BASE_URL;
  }

  /** The base URL requests go to, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The {@code x-mcd-session-id} sent with every request of this transport. */
  public String sessionId() {
    return sessionId;
  }

  @Override
  public SendResult send(IngestRequest request) throws PushException {
    URI uri = URI.create(baseUrl + request.path());
    String target = "POST " + uri;
    HttpRetry.Answer answer =
        retry.send(
            client,
            () -> httpRequest(uri, request),
            target,
            HttpTransport::hint,
            (attempt, reason, delay) -> retryListener.onRetry(request, attempt, reason, delay));
    String body = answer.body();
    String invocationId = IngestionService.extractInvocationId(body);
    if (invocationId != null && !invocationId.isBlank()) {
      return new SendResult(invocationId, answer.attempts(), answer.status());
    }
    throw retry.fail(
        "HTTP "
            + answer.status()
            + " from "
            + target
            + " without an invocation_id: "
            + HttpRetry.excerpt(body),
        answer.status(),
        answer.attempts());
  }

  private HttpRequest httpRequest(URI uri, IngestRequest request) {
    return HttpRequest.newBuilder(uri)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header(Contract.HEADER_ID, credentials.keyId())
        .header(Contract.HEADER_TOKEN, credentials.token())
        .header(Contract.HEADER_SESSION_ID, sessionId)
        .header(Contract.HEADER_TRACE_ID, UUID.randomUUID().toString())
        .header(Contract.HEADER_TELEMETRY_REASON, telemetryReason)
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
        .build();
  }

  private static String hint(int status) {
    return switch (status) {
      case 401, 403 ->
          " (check "
              + Contract.ENV_INGEST_ID
              + "/"
              + Contract.ENV_INGEST_TOKEN
              + ": an Ingestion-scope key allowed for this resource uuid is required)";
      case 413 -> " (lower --batch-size or --max-request-bytes)";
      default -> "";
    };
  }

  /** Waits between attempts; replaceable in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Told about each failed attempt that will be retried (the reason never holds the secret). */
  @FunctionalInterface
  public interface RetryListener {
    /**
     * @param request the request being retried
     * @param failedAttempt the attempt that just failed (1 for the first)
     * @param reason what went wrong
     * @param delay how long the transport waits before the next attempt
     */
    void onRetry(IngestRequest request, int failedAttempt, String reason, Duration delay);
  }

  /** Configures an {@link HttpTransport}. */
  public static final class Builder {
    private final Credentials credentials;
    private String baseUrl = resolveBaseUrl(null);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 5;
    private Duration backoffBase = Duration.ofSeconds(1);
    private Duration backoffCap = Duration.ofSeconds(30);
    private Duration retryAfterCap = Duration.ofSeconds(120);
    private String sessionId = UUID.randomUUID().toString();
    private String telemetryReason = "pushgen";
    private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private Clock clock = Clock.systemUTC();
    private RetryListener retryListener = (request, attempt, reason, delay) -> {};

    private Builder(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * The gateway's base URL; null or blank falls back to {@code MCD_API_ENDPOINT}, then to Monte
     * Carlo's integration gateway.
     */
    public Builder baseUrl(String value) {
      this.baseUrl = resolveBaseUrl(value);
      return this;
    }

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

    /** Exponential backoff: the ceiling before attempt n+1 is min(cap, base * 2^(n-1)). */
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

    /** The {@code x-mcd-session-id}; a random UUID by default. */
    public Builder sessionId(String value) {
      this.sessionId = Objects.requireNonNull(value, "sessionId");
      return this;
    }

    /** The {@code x-mcd-telemetry-reason} (default {@code pushgen}). */
    public Builder telemetryReason(String value) {
      this.telemetryReason = Objects.requireNonNull(value, "telemetryReason");
      return this;
    }

    public Builder sleeper(Sleeper value) {
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

    public Builder onRetry(RetryListener value) {
      this.retryListener = Objects.requireNonNull(value, "retryListener");
      return this;
    }

    /**
     * @throws IllegalArgumentException when the base URL is not an absolute http(s) URL
     */
    public HttpTransport build() {
      String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the endpoint '" + url + "' is not a valid URL");
      }
      if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "the endpoint '"
                + url
                + "' is not an http(s) URL (check --endpoint or "
                + Contract.ENV_API_ENDPOINT
                + ")");
      }
      this.baseUrl = url;
      return new HttpTransport(this);
    }

    private static Duration positive(Duration value, String what) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return value;
    }
  }
}
