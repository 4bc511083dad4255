// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.bigquery.runtime.http;

import io.pushgen.bigquery.runtime.wire.Contract;
import io.pushgen.bigquery.runtime.wire.PushException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The HTTP plumbing shared by the push transport ({@link HttpTransport}) and the GraphQL client:
 * the checked endpoint URL, the authenticated JSON {@code POST} and the retry loop. Throttling
 * (429, honouring {@code Retry-After}), server errors (5xx), timeouts and connection failures are
 * retried with exponential backoff and full jitter; any other status fails at once with the first
 * 500 characters of the response body. Every message passes through {@link
 * Credentials#redact(String)}, so a server echoing the secret cannot leak it.
 *
 * <p>Instances are thread-safe; {@link #close()} ends the client once no request is in flight.
 */
public final class HttpRetry implements AutoCloseable {
  /**
   * The largest piece of a body handed to the client at a time: large enough that a body of a few
   * megabytes is a handful of writes, small enough that a socket taking a little at a time does not
   * make the JDK copy the whole rest of the body for every write.
   */
  private static final int BODY_SLICE_BYTES = 256 * 1024;

  /** How long {@link #close()} waits for each of the client's threads to end. */
  private static final Duration THREAD_END_WAIT = Duration.ofSeconds(1);

  private final Credentials credentials;
  private final HttpSettings settings;
  private final CompletableFuture<HttpClient> client;

  /** Every thread the client starts, so that {@link #close()} can end them. */
  private final ThreadGroup clientThreads = new ThreadGroup("pushgen-http");

  /**
   * Starts building the client on a thread of its own: loading the JDK's TLS context and client
   * takes a third of a second or more, which a push spends reading its manifest instead of waiting.
   *
   * @param credentials the key sent with every request and removed from every message
   * @param settings the timeouts, attempts and backoff
   */
  public HttpRetry(Credentials credentials, HttpSettings settings) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client =
        CompletableFuture.supplyAsync(
            () ->
                HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build(),
            task -> {
              // The client starts its own threads from this one, so they join its group.
              Thread thread = new Thread(clientThreads, task, "pushgen-http-client");
              thread.setDaemon(true);
              thread.start();
            });
  }

  /**
   * Checks that {@code url} is an absolute http(s) URL.
   *
   * @param what names the URL in messages, e.g. {@code the endpoint}
   * @param setBy where the URL comes from, for messages, e.g. {@code --endpoint or
   *     MCD_API_ENDPOINT}
   * @return the URL as a URI
   * @throws IllegalArgumentException when it is not
   */
  public static URI httpUrl(String url, String what, String setBy) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " '" + url + "' is not a valid URL");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          what + " '" + url + "' is not an http(s) URL (check " + setBy + ")");
    }
    return uri;
  }

  /**
   * One attempt's JSON {@code POST}: the key ({@code x-mcd-id}, {@code x-mcd-token}), the session
   * id, a fresh trace id and the telemetry reason ({@code service}) and service ({@code pushgen})
   * as headers, and the settings' request timeout.
   */
  public HttpRequest post(URI uri, String sessionId, byte[] body) {
    return HttpRequest.newBuilder(uri)
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .header(Contract.HEADER_ID, credentials.keyId())
        .header(Contract.HEADER_TOKEN, credentials.token())
        .header(Contract.HEADER_SESSION_ID, sessionId)
        .header(Contract.HEADER_TRACE_ID, UUID.randomUUID().toString())
        .header(Contract.HEADER_TELEMETRY_REASON, Contract.TELEMETRY_REASON)
        .header(Contract.HEADER_TELEMETRY_SERVICE, Contract.TELEMETRY_SERVICE)
        .POST(HttpRequest.BodyPublishers.fromPublisher(new BodySlices(body), body.length))
        .build();
  }

  /**
   * A body as slices of the caller's array, none copied ({@code BodyPublishers.ofByteArray} copies
   * every byte into 16 KB buffers first, over a hundred milliseconds of CPU for every 36 MB sent).
   * Each subscriber gets the whole body from the start, so the client may send it again.
   */
  private record BodySlices(byte[] body) implements Flow.Publisher<ByteBuffer> {
    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      subscriber.onSubscribe(new Slices(subscriber, body));
    }
  }

  /**
   * One subscriber's walk through the body: as many slices as it asked for, then completion. The
   * subscriber may ask for more from inside {@code onNext}; the work counter keeps one thread
   * emitting at a time, in order.
   */
  private static final class Slices implements Flow.Subscription {
    private final Flow.Subscriber<? super ByteBuffer> subscriber;
    private final byte[] body;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private int offset; // only the thread that holds the work counter moves it
    private volatile boolean done;

    Slices(Flow.Subscriber<? super ByteBuffer> subscriber, byte[] body) {
      this.subscriber = subscriber;
      this.body = body;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        subscriber.onError(new IllegalArgumentException("a request for " + n + " items"));
        return;
      }
      demand.accumulateAndGet(n, (have, more) -> have + more < 0 ? Long.MAX_VALUE : have + more);
      if (work.getAndIncrement() != 0) {
        return; // the thread emitting now sees the new demand
      }
      do {
        while (!done && offset < body.length && demand.get() > 0) {
          int length = Math.min(BODY_SLICE_BYTES, body.length - offset);
          ByteBuffer slice = ByteBuffer.wrap(body, offset, length);
          offset += length;
          demand.decrementAndGet();
          subscriber.onNext(slice);
        }
        if (!done && offset == body.length) {
          done = true;
          subscriber.onComplete();
        }
      } while (work.decrementAndGet() != 0);
    }

    @Override
    public void cancel() {
      done = true;
    }
  }

  /** A 2xx response and how many attempts it took. */
  public record Answer(HttpResponse<String> response, int attempts) {
    public int status() {
      return response.statusCode();
    }

    /** The body, never null. */
    public String body() {
      return response.body() == null ? "" : response.body();
    }
  }

  /** Told about each failed attempt that will be retried (the reason never holds the secret). */
  @FunctionalInterface
  public interface Listener {
    void onRetry(int failedAttempt, String reason, Duration delay);
  }

  /** Waits between attempts; replaceable in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * Sends the request until it gets a 2xx answer, a status that is not retried, or the attempts
   * run out.
   *
   * @param request builds one attempt's request (called once per attempt, e.g. for a fresh trace
   *     id)
   * @param target {@code POST <url>}, for messages
   * @param hint text appended to the message of a status that is not retried (may be empty)
   * @param listener told about every retry
   * @return the 2xx answer
   * @throws PushException for a status that is not retried, or when the attempts ran out
   */
  public Answer send(
      Supplier<HttpRequest> request,
      String target,
      IntFunction<String> hint,
      Listener listener)
      throws PushException {
    return send(request, target, hint, response -> null, listener);
  }

  /**
   * As {@link #send(Supplier, String, IntFunction, Listener)}, where a 2xx answer can still be a
   * failure worth retrying (such as a GraphQL {@code REQUEST_TIMEOUT} in a 200 answer).
   *
   * @param retryableAnswer the reason a 2xx answer is to be retried, or null when it is the answer
   */
  public Answer send(
      Supplier<HttpRequest> request,
      String target,
      IntFunction<String> hint,
      Function<HttpResponse<String>, String> retryableAnswer,
      Listener listener)
      throws PushException {
    for (int attempt = 1; ; attempt++) {
      Failure failure;
      try {
        HttpResponse<String> response =
            client().send(request.get(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
          String retry = retryableAnswer.apply(response);
          if (retry == null) {
            return new Answer(response, attempt);
          }
          failure = new Failure(retry, status, Optional.empty());
        } else {
          String reason =
              "HTTP " + status + " from " + target + ": " + excerpt(body) + hint.apply(status);
          if (!retryable(status)) {
            throw fail(reason, status, attempt);
          }
          failure = new Failure(reason, status, retryAfter(response));
        }
      } catch (HttpConnectTimeoutException e) {
        failure =
            new Failure(
                target + " could not connect within " + settings.connectTimeout().toSeconds() + " s",
                0,
                Optional.empty());
      } catch (HttpTimeoutException e) {
        failure =
            new Failure(
                target + " timed out (no response within " + settings.requestTimeout().toSeconds() + " s)",
                0,
                Optional.empty());
      } catch (IOException e) {
        failure = new Failure(target + " failed: " + describe(e), 0, Optional.empty());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail(target + " was interrupted", 0, attempt);
      }
      if (attempt >= settings.maxAttempts()) {
        throw fail(
            "gave up after "
                + attempt
                + (attempt == 1 ? " attempt: " : " attempts: ")
                + failure.reason,
            failure.status,
            attempt);
      }
      Duration delay = failure.retryAfter.isPresent() ? failure.retryAfter.get() : backoff(attempt);
      listener.onRetry(attempt, credentials.redact(failure.reason), delay);
      try {
        settings.sleeper().sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail(target + " was interrupted while waiting to retry", failure.status, attempt);
      }
    }
  }

  /** The client, once built; a failure to build it (no TLS context) is the JDK's own error. */
  private HttpClient client() {
    try {
      return client.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Ends the client's threads. Java 17's client has no {@code close()}: its selector thread waits
   * in native code until the client is garbage-collected, and the JVM waits up to 0.3 s at exit for
   * threads in native code. Interrupting the thread ends it (it closes its selector and
   * connections first). On Java 21 and later the client's own {@code close()} does this.
   *
   * <p>Call it once no request is in flight; requests sent afterwards fail.
   */
  @Override
  public void close() {
    HttpClient built;
    try {
      built = client.join();
    } catch (CompletionException e) {
      return; // no client, no threads
    }
    if (built instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing is best effort: the JVM ends the threads at exit all the same.
      }
      return;
    }
    Thread[] threads = new Thread[clientThreads.activeCount() + 1];
    int count = clientThreads.enumerate(threads);
    for (int i = 0; i < count; i++) {
      threads[i].interrupt();
    }
    for (int i = 0; i < count; i++) {
      try {
        threads[i].join(THREAD_END_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Whether a status is retried: 429 and 5xx. */
  public static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  /** A failure whose message has the secret removed. */
  public PushException fail(String message, int status, int attempts) {
    return new PushException(credentials.redact(message), status, attempts);
  }

  /** Full jitter: a uniformly random delay between 0 and min(cap, base * 2^(attempt-1)). */
  public Duration backoff(int attempt) {
    double ceiling =
        Math.min(
            (double) settings.backoffCap().toMillis(),
            settings.backoffBase().toMillis() * Math.pow(2, Math.min(attempt - 1, 30)));
    return Duration.ofMillis((long) (settings.random().getAsDouble() * ceiling));
  }

  /** The server's {@code Retry-After} (delta seconds or an HTTP-date), capped. */
  public Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().strip();
    Duration delay;
    try {
      delay = Duration.ofSeconds(Long.parseLong(value));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        delay = Duration.between(settings.clock().instant(), at.toInstant());
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
    if (delay.isNegative()) {
      delay = Duration.ZERO;
    }
    Duration cap = settings.retryAfterCap();
    return Optional.of(delay.compareTo(cap) > 0 ? cap : delay);
  }

  /** The first 500 characters of a body, or {@code (empty body)}. */
  public static String excerpt(String body) {
    String text = body == null ? "" : body.strip();
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return text.length() <= Contract.ERROR_BODY_CHARS
        ? text
        : text.substring(0, Contract.ERROR_BODY_CHARS) + "...";
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }

  private record Failure(String reason, int status, Optional<Duration> retryAfter) {}
}
