// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.duckdb.runtime.push;

import io.pushgen.duckdb.runtime.http.Credentials;
import io.pushgen.duckdb.runtime.http.HttpClientBuilder;
import io.pushgen.duckdb.runtime.http.HttpRetry;
import io.pushgen.duckdb.runtime.wire.Contract;
import io.pushgen.duckdb.runtime.wire.IngestionService.IngestRequest;
import io.pushgen.duckdb.runtime.wire.IngestionService;
import io.pushgen.duckdb.runtime.wire.PushException;
import io.pushgen.duckdb.runtime.wire.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends requests to Monte Carlo's integration gateway over {@code java.net.http}.
 *
 * <p>Every request carries the ingestion key ({@code x-mcd-id}, {@code x-mcd-token}), a session id
 * that is constant for this transport (one per run), a fresh trace id per attempt and the telemetry
 * headers (reason {@code service}, service {@code pushgen}). Throttling (429, honouring {@code Retry-After}), server errors (5xx), timeouts and
 * connection failures are retried with exponential backoff and full jitter; any other status fails
 * at once with the first 500 characters of the response body. A success is a 2xx response; its
 * body normally holds an {@code invocation_id}, and one without is accepted all the same (as the
 * SDK does), with no id.
 *
 * <p>Instances are thread-safe: one transport serves all batches of a run.
 */
public final class HttpTransport implements Transport {
  private final String baseUrl;
  private final String sessionId;
  private final RetryListener retryListener;
  private final HttpRetry retry;

  private HttpTransport(Builder b) {
    this.baseUrl = b.baseUrl;
    this.sessionId = b.sessionId();
    this.retryListener = b.retryListener;
    this.retry = b.retry();
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
            () -> retry.post(uri, sessionId, request.body()),
            target,
            HttpTransport::hint,
            (attempt, reason, delay) -> retryListener.onRetry(request, attempt, reason, delay));
    String invocationId = IngestionService.extractInvocationId(answer.body());
    return new SendResult(
        invocationId == null || invocationId.isBlank() ? null : invocationId,
        answer.attempts(),
        answer.status());
  }

  /** Ends the HTTP client's threads, so that the program exits at once. */
  @Override
  public void close() {
    retry.close();
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
  public static final class Builder extends HttpClientBuilder<Builder> {
    private String baseUrl = resolveBaseUrl(null);
    private RetryListener retryListener = (request, attempt, reason, delay) -> {};

    private Builder(Credentials credentials) {
      super(credentials);
    }

    /**
     * The gateway's base URL; null or blank falls back to {@code MCD_API_ENDPOINT}, then to Monte
     * Carlo's integration gateway.
     */
    public Builder baseUrl(String value) {
      this.baseUrl = resolveBaseUrl(value);
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
      HttpRetry.httpUrl(url, "the endpoint", "--endpoint or " + Contract.ENV_API_ENDPOINT);
      this.baseUrl = url;
      return new HttpTransport(this);
    }
  }
}
