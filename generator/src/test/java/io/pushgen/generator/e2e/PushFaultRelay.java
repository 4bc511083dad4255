package io.pushgen.generator.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A transparent HTTP relay in front of the {@link io.pushgen.gateway.LocalGateway}, for what the
 * gateway's own faults cannot do:
 *
 * <ul>
 *   <li>a <em>slow</em> gateway whose answers still count: each request waits {@link
 *       #delayEach} before it is forwarded (the gateway's {@code delayNext} answers 202 but does
 *       not record the request, since it stands for a response the client timed out on);
 *   <li>quiet moments: {@link #whileIdle} runs code while no request is being forwarded, so that
 *       the benchmark can harvest and clear the gateway's records without losing one.
 * </ul>
 *
 * <p>Requests and answers are passed through unchanged (method, path, body, the {@code x-mcd-*},
 * {@code Content-Type} and {@code Content-Encoding} headers; status, {@code Content-Type}, {@code
 * Retry-After} and body back). When the gateway cannot be reached the client's connection is
 * closed without an answer.
 */
public final class PushFaultRelay implements AutoCloseable {
  private static final List<String> REQUEST_HEADERS =
      List.of(
          "content-type",
          "content-encoding",
          "x-mcd-id",
          "x-mcd-token",
          "x-mcd-session-id",
          "x-mcd-trace-id",
          "x-mcd-telemetry-reason",
          "x-mcd-telemetry-service");

  private final String target;
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient client;
  private final ReadWriteLock forwarding = new ReentrantReadWriteLock();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger handled = new AtomicInteger();
  private final AtomicLong requestBytes = new AtomicLong();
  private final List<Integer> bodySizes = Collections.synchronizedList(new ArrayList<>());
  private volatile Duration delay = Duration.ZERO;

  private PushFaultRelay(String target) throws IOException {
    this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            16,
            runnable -> {
              Thread thread = new Thread(runnable, "push-fault-relay-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a relay on a free loopback port forwarding to {@code targetBaseUrl}. */
  public static PushFaultRelay start(String targetBaseUrl) throws IOException {
    return new PushFaultRelay(targetBaseUrl);
  }

  /** {@code http://127.0.0.1:port}: the value for {@code MCD_API_ENDPOINT}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request waits this long before it is forwarded (zero: none). */
  public PushFaultRelay delayEach(Duration value) {
    this.delay = value;
    return this;
  }

  /** Requests received and not yet answered (or abandoned). */
  public int active() {
    return active.get();
  }

  /** Requests handled so far. */
  public int handled() {
    return handled.get();
  }

  /** The request bodies' bytes as received (before any compression by the gateway). */
  public long requestBytes() {
    return requestBytes.get();
  }

  /** The size of each request body as received, in arrival order. */
  public List<Integer> bodySizes() {
    synchronized (bodySizes) {
      return List.copyOf(bodySizes);
    }
  }

  /** Runs {@code action} while no request is being forwarded to the gateway (new ones wait). */
  public <T> T whileIdle(Supplier<T> action) {
    forwarding.writeLock().lock();
    try {
      return action.get();
    } finally {
      forwarding.writeLock().unlock();
    }
  }

  /** Waits until no request is in progress, at most {@code timeout}. */
  public void awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (active.get() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(active.get() + " requests still in progress at the relay");
      }
      Thread.sleep(20);
    }
  }

  private void handle(HttpExchange exchange) {
    active.incrementAndGet();
    try {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      requestBytes.addAndGet(body.length);
      bodySizes.add(body.length);
      Duration wait = delay;
      if (!wait.isZero()) {
        Thread.sleep(wait.toMillis());
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
              .timeout(Duration.ofMinutes(2))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (String name : REQUEST_HEADERS) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
          request.header(name, value);
        }
      }
      HttpResponse<byte[]> response;
      forwarding.readLock().lock();
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } finally {
        forwarding.readLock().unlock();
      }
      for (String name : List.of("Content-Type", "Retry-After")) {
        response
            .headers()
            .firstValue(name.toLowerCase(Locale.ROOT))
            .ifPresent(value -> exchange.getResponseHeaders().set(name, value));
      }
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    } catch (IOException e) {
      // The gateway or the client went away (a killed push): close without an answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
      handled.incrementAndGet();
      active.decrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
