package io.pushgen.runtime.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A real HTTP server on 127.0.0.1 that replies as scripted and records what it received. */
final class TestGateway implements AutoCloseable {

  /** One request as the server saw it; header names are lower case. */
  record Received(
      int number, String method, String path, Map<String, String> headers, byte[] body) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** What to do with one request. */
  sealed interface Reply {}

  record Respond(int status, String body, Map<String, String> headers) implements Reply {}

  /** Never answer (until the gateway closes): the client's read timeout fires. */
  record Hang() implements Reply {}

  /** Close the connection without a response. */
  record Drop() implements Reply {}

  static Reply status(int status, String body) {
    return new Respond(status, body, Map.of());
  }

  static Reply accepted(String invocationId) {
    return status(202, "{\"invocation_id\":\"" + invocationId + "\"}");
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();
  private final AtomicInteger numbers = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Function<Received, Reply> fallback = r -> accepted("inv-" + r.number());
  private volatile int holdUntilInFlight;

  TestGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Replies for the next requests, in order; after them the fallback answers. */
  synchronized TestGateway script(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Answers requests once the script is used up (default: 202 with {@code inv-<number>}). */
  TestGateway fallback(Function<Received, Reply> reply) {
    this.fallback = reply;
    return this;
  }

  /**
   * Holds each request until {@code n} requests are in flight at once (or two seconds pass), so
   * that a bound on concurrency is reached deterministically when the client allows it.
   */
  TestGateway holdUntilInFlight(int n) {
    this.holdUntilInFlight = n;
    return this;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      byte[] body = exchange.getRequestBody().readAllBytes();
      Received request =
          new Received(
              numbers.incrementAndGet(),
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              headers,
              body);
      Reply reply;
      synchronized (this) {
        received.add(request);
        reply = script.isEmpty() ? null : script.poll();
      }
      if (reply == null) {
        reply = fallback.apply(request);
      }
      awaitInFlight();
      if (reply instanceof Hang) {
        awaitQuietly(closing, 5_000);
        throw new IOException("hung request abandoned");
      }
      if (reply instanceof Drop) {
        // Throwing from a handler makes the server close the connection without a response.
        throw new IOException("connection dropped on purpose");
      }
      Respond respond = (Respond) reply;
      respond.headers().forEach(exchange.getResponseHeaders()::add);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      byte[] bytes = respond.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(respond.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void awaitInFlight() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (holdUntilInFlight > 0
        && maxInFlight.get() < holdUntilInFlight
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch, long millis) {
    try {
      latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
