package io.pushgen.gateway;

import static io.pushgen.gateway.Exchanges.readAtMost;
import static io.pushgen.gateway.Exchanges.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A strict local stand-in for Monte Carlo's integration gateway: serves {@code POST
 * /ingest/v1/metadata}, {@code /ingest/v1/lineage} and {@code /ingest/v1/querylogs}, checks the
 * key headers, the content type, the 1 MB gzip-compressed size limit and every body against the
 * contract ({@link ContractValidator}), answers 202 with a fresh {@code invocation_id} and records
 * accepted requests in memory (and, with {@link #recordTo(Path)}, as files).
 *
 * <pre>{@code
 * try (LocalGateway gateway = new LocalGateway().start(0)) {
 *   gateway.failNext(2, 503);        // the next two requests get 503, then normal service
 *   ... point the client at gateway.baseUrl() ...
 *   assertEquals(3, gateway.eventCount(Flow.METADATA));
 * }
 * }</pre>
 *
 * <p>Faults ({@link #failNext}, {@link #delayNext}, {@link #dropNext}, {@link #inject}) are queued
 * in the order they are added; each ingest request consumes the next one. {@link #rejectAfter} is
 * a standing rule checked after the queue. Faulted requests are never recorded. CLI users reach
 * the same controls at {@code POST /_gateway/faults} (see {@link #FAULTS_PATH}).
 *
 * <p>Configure ({@link #expectKey}, {@link #recordTo}, {@link #sdkTimestamps}, {@link #onRequest})
 * before {@link #start}. All other methods are thread-safe.
 */
public final class LocalGateway implements AutoCloseable {

  /** Replaces the {@code x-mcd-token} value in recorded headers. */
  public static final String REDACTED = "<redacted>";

  /**
   * The admin endpoint: {@code GET} shows the fault state, {@code DELETE} clears it, {@code POST}
   * adds faults from JSON such as {@code {"clear": true, "fail": {"count": 2, "status": 503,
   * "body": "...", "retry_after": "1"}, "delay": {"count": 1, "millis": 15000}, "drop": {"count":
   * 1}, "no_invocation_id": {"count": 1}, "reject_after": {"accepted": 5, "status": 429}}}
   * (queued in the order of the keys).
   */
  public static final String FAULTS_PATH = "/_gateway/faults";

  /** Bodies larger than this on the wire (or once decompressed) are refused without parsing. */
  public static final int MAX_READ_BYTES = 64 * 1024 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final Object lock = new Object();
  private final List<RecordedRequest> records = new ArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private RejectRule rejectRule;
  private int seq;
  private int fileSeq;
  private int faultedCount;
  private boolean keepEvents = true;
  private int eventsLetGo; // records before this index hold no events

  private ContractValidator validator = new ContractValidator();
  private String expectedId;
  private byte[] expectedToken;
  private Path recordDir;
  private Consumer<RequestLog> listener = log -> {};
  private Function<RecordedRequest, Fault> responder;
  private volatile Function<JsonNode, String> invocationIdOf = body -> UUID.randomUUID().toString();
  private volatile int holdUntilInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  private HttpServer server;
  private ExecutorService executor;
  private final GraphQlGateway graphql = new GraphQlGateway(this);

  /** After {@code remaining} more accepted requests, every request is answered with {@code fault}. */
  private static final class RejectRule {
    int remaining;
    final Fault fault;

    RejectRule(int remaining, Fault fault) {
      this.remaining = remaining;
      this.fault = fault;
    }
  }

  // ------------------------------------------------------------------------------ configuration

  /** Also require exactly this key id and token (mismatch: 401). Call before {@link #start}. */
  public LocalGateway expectKey(String id, String token) {
    this.expectedId = Objects.requireNonNull(id, "id");
    this.expectedToken = Objects.requireNonNull(token, "token").getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /**
   * Also write each accepted body to {@code dir/<seq>-<flow>-<invocation_id>.json} ({@code seq}
   * six digits from 000001, {@code flow} metadata, lineage or query_logs). Call before {@link
   * #start}; the folder is created.
   */
  public LocalGateway recordTo(Path dir) {
    this.recordDir = dir;
    return this;
  }

  /**
   * For a gateway that runs for long, as {@code pushgen gateway} does: the events of each accepted
   * request are taken into what {@code /graphql} answers from (tables, metrics, lineage, queries)
   * when the request arrives, and then let go, so that memory holds that instead of every body
   * pushed (about a gigabyte of pushed JSON used to fill the heap). {@link #received()} keeps
   * every request, its headers and its body without the {@code events} array.
   */
  public LocalGateway letEventsGo() {
    synchronized (lock) {
      keepEvents = false;
    }
    return this;
  }

  /**
   * Whether query-log {@code start_time}/{@code end_time} must be in the SDK's exact UTC form
   * (default true); false accepts any ISO-8601 date-time with an offset.
   */
  public LocalGateway sdkTimestamps(boolean required) {
    this.validator = new ContractValidator(required);
    return this;
  }

  /** Called once per answered (or dropped) request, on the handling thread. */
  public LocalGateway onRequest(Consumer<RequestLog> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  // ------------------------------------------------------------------------------ lifecycle

  /** Starts on the loopback address; port 0 picks a free port. */
  public LocalGateway start(int port) throws IOException {
    return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /** Starts listening; returns this. */
  public LocalGateway start(InetSocketAddress address) throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    if (recordDir != null) {
      Files.createDirectories(recordDir);
    }
    HttpServer created = HttpServer.create(address, 64);
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "pushgen-gateway-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    executor = Executors.newFixedThreadPool(16, factory);
    created.setExecutor(executor);
    created.createContext("/", this::handle);
    created.start();
    server = created;
    return this;
  }

  /** The port listened on. */
  public int port() {
    return requireStarted().getAddress().getPort();
  }

  /** {@code http://host:port}, the value for {@code MCD_API_ENDPOINT}. */
  public String baseUrl() {
    InetSocketAddress bound = requireStarted().getAddress();
    InetAddress address = bound.getAddress();
    String host;
    if (address == null || address.isAnyLocalAddress()) {
      host = "127.0.0.1";
    } else if (address instanceof Inet6Address) {
      host = "[" + address.getHostAddress() + "]";
    } else {
      host = address.getHostAddress();
    }
    return "http://" + host + ":" + bound.getPort();
  }

  /** Stops listening at once; requests in progress (delayed ones included) are cut off. */
  @Override
  public void close() {
    HttpServer running = server;
    if (running == null) {
      return;
    }
    server = null;
    running.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpServer requireStarted() {
    HttpServer running = server;
    if (running == null) {
      throw new IllegalStateException("the gateway is not running");
    }
    return running;
  }

  /**
   * The {@code POST /graphql} side: Monte Carlo's GraphQL operations answered from what this
   * gateway accepted, with its test hooks.
   */
  public GraphQlGateway graphql() {
    return graphql;
  }

  // ------------------------------------------------------------------------------ records

  /** Every accepted request, oldest first. */
  public List<RecordedRequest> received() {
    synchronized (lock) {
      return List.copyOf(records);
    }
  }

  /** The accepted requests of one flow, oldest first. */
  public List<RecordedRequest> received(Flow flow) {
    synchronized (lock) {
      return records.stream().filter(r -> r.flow() == flow).toList();
    }
  }

  /** The accepted requests to one path, oldest first. */
  public List<RecordedRequest> received(String path) {
    synchronized (lock) {
      return records.stream().filter(r -> r.path().equals(path)).toList();
    }
  }

  /** The number of events in the accepted requests of one flow. */
  public int eventCount(Flow flow) {
    return received(flow).stream().mapToInt(RecordedRequest::eventCount).sum();
  }

  /** The number of events in the accepted requests to one path. */
  public int eventCount(String path) {
    return received(path).stream().mapToInt(RecordedRequest::eventCount).sum();
  }

  /** The invocation ids of the accepted requests, oldest first. */
  public List<String> invocationIds() {
    return received().stream().map(RecordedRequest::invocationId).toList();
  }

  /** How many requests were answered (or dropped) by an injected fault. */
  public int faultedCount() {
    synchronized (lock) {
      return faultedCount;
    }
  }

  /**
   * Drops the events of the records {@code /graphql} has taken in: those up to the one with the
   * given invocation id, unless the records were cleared since (then that one is not where it was).
   */
  private void letEventsGo(GraphQlGateway.TakenIn takenIn) {
    synchronized (lock) {
      int count = takenIn.count();
      if (count == 0
          || count > records.size()
          || !records.get(count - 1).invocationId().equals(takenIn.lastInvocationId())) {
        return;
      }
      for (; eventsLetGo < count; eventsLetGo++) {
        records.set(eventsLetGo, records.get(eventsLetGo).withoutEvents());
      }
    }
  }

  /** Forgets the recorded requests (not the files) and the faulted count; seq restarts at 1. */
  public void clear() {
    synchronized (lock) {
      records.clear();
      seq = 0;
      faultedCount = 0;
      eventsLetGo = 0;
    }
  }

  // ------------------------------------------------------------------------------ faults

  /** Queues {@code count} copies of a fault. */
  public LocalGateway inject(Fault fault, int count) {
    Objects.requireNonNull(fault, "fault");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative");
    }
    synchronized (lock) {
      for (int i = 0; i < count; i++) {
        faults.addLast(fault);
      }
    }
    return this;
  }

  /** The next {@code count} requests get {@code status} with a JSON error body. */
  public LocalGateway failNext(int count, int status) {
    return inject(Fault.fail(status), count);
  }

  /**
   * The next {@code count} requests get {@code status} with {@code body} (null: a JSON error) and,
   * unless null, a {@code Retry-After: retryAfter} header.
   */
  public LocalGateway failNext(int count, int status, String body, String retryAfter) {
    return inject(Fault.fail(status, body, retryAfter), count);
  }

  /**
   * The next {@code count} requests are answered normally but only after {@code delay}, and are
   * not recorded (they stand for responses the client timed out on).
   */
  public LocalGateway delayNext(int count, Duration delay) {
    return inject(Fault.delay(delay), count);
  }

  /** {@link #delayNext(int, Duration)} in milliseconds. */
  public LocalGateway delayNext(int count, long millis) {
    return delayNext(count, Duration.ofMillis(millis));
  }

  /** The next {@code count} requests get no response: the connection is closed. */
  public LocalGateway dropNext(int count) {
    return inject(Fault.drop(), count);
  }

  /**
   * The next {@code count} valid requests are accepted and recorded as usual, but answered 202
   * without an {@code invocation_id}.
   */
  public LocalGateway acceptWithoutInvocationIdNext(int count) {
    return inject(Fault.noInvocationId(), count);
  }

  /**
   * Accepts {@code accepted} more valid requests, then answers every valid request with {@code
   * status} until {@link #clearFaults()}.
   */
  public LocalGateway rejectAfter(int accepted, int status) {
    return rejectAfter(accepted, status, null, null);
  }

  /** {@link #rejectAfter(int, int)} with a body (null: a JSON error) and a Retry-After value. */
  public LocalGateway rejectAfter(int accepted, int status, String body, String retryAfter) {
    if (accepted < 0) {
      throw new IllegalArgumentException("accepted must not be negative");
    }
    Fault fault = Fault.fail(status, body, retryAfter);
    synchronized (lock) {
      rejectRule = new RejectRule(accepted, fault);
    }
    return this;
  }

  /**
   * Decides the answer to every valid ingest request that no queued fault or reject-after rule
   * answered, from the request itself: null accepts it; {@link Fault#fail} refuses it; {@link
   * Fault#noInvocationId} accepts it without an id; {@link Fault#delay} answers after the delay
   * without recording it (the client timed out); {@link Fault#drop} closes the connection. The
   * rule sees the request as it would be recorded, and runs on the handling thread.
   */
  public LocalGateway respondWith(Function<RecordedRequest, Fault> rule) {
    synchronized (lock) {
      responder = rule;
    }
    return this;
  }

  /**
   * Names the invocation id of each accepted request from its body (default: a random UUID), so a
   * test can tell its batches apart by their ids. Ids should stay unique.
   */
  public LocalGateway invocationIds(Function<JsonNode, String> naming) {
    this.invocationIdOf = Objects.requireNonNull(naming, "naming");
    return this;
  }

  /**
   * Holds each ingest request until {@code n} are in flight at once (or two seconds pass), so that
   * a client's bound on concurrent requests is reached deterministically when it allows it.
   */
  public LocalGateway holdUntilInFlight(int n) {
    holdUntilInFlight = n;
    return this;
  }

  /** The most ingest requests that were in flight at once. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** Removes queued faults and the reject-after rule. */
  public LocalGateway clearFaults() {
    synchronized (lock) {
      faults.clear();
      rejectRule = null;
    }
    return this;
  }

  /** The queued faults, next first. */
  public List<Fault> pendingFaults() {
    synchronized (lock) {
      return List.copyOf(faults);
    }
  }

  // ------------------------------------------------------------------------------ HTTP

  private void handle(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    RequestLog log;
    try {
      if (path.equals(FAULTS_PATH)) {
        log = handleFaultsAdmin(exchange, method, path);
      } else if (path.equals(GraphQlGateway.PATH) || path.equals(GraphQlGateway.ADMIN_PATH)) {
        log = graphql.handle(exchange, method, path);
      } else {
        Flow flow = ContractValidator.flowForPath(path);
        if (flow == null) {
          log = error(exchange, method, path, 404, -1, "no such endpoint: " + path);
        } else if (!method.equals("POST")) {
          exchange.getResponseHeaders().set("Allow", "POST");
          log = error(exchange, method, path, 405, -1, "method " + method + " not allowed");
        } else {
          log = handleIngest(exchange, flow, path);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // the client went away; nothing to answer
      log = new RequestLog(method, path, 0, -1, null, "I/O error: " + e.getMessage());
    } catch (RuntimeException e) {
      log = safeError(exchange, method, path, e);
    } finally {
      exchange.close();
    }
    try {
      listener.accept(log);
    } catch (RuntimeException e) {
      // a listener must not break the gateway
    }
  }

  private RequestLog safeError(HttpExchange exchange, String method, String path, Exception e) {
    String message = "internal gateway error: " + e;
    try {
      return error(exchange, method, path, 500, -1, message);
    } catch (IOException | RuntimeException ignored) {
      return new RequestLog(method, path, 500, -1, null, message);
    }
  }

  private RequestLog handleIngest(HttpExchange exchange, Flow flow, String path)
      throws IOException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      awaitInFlight();
      return ingest(exchange, flow, path);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void awaitInFlight() {
    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (inFlight.get() < holdUntilInFlight && System.nanoTime() < until) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private RequestLog ingest(HttpExchange exchange, Flow flow, String path) throws IOException {
    String method = "POST";
    Fault fault;
    synchronized (lock) {
      fault = faults.pollFirst();
      if (fault != null) {
        faultedCount++;
      }
    }
    if (fault != null) {
      switch (fault.kind()) {
        case DROP -> {
          // Closing the exchange before sending headers closes the connection.
          return new RequestLog(method, path, 0, -1, null, fault.describe());
        }
        case FAIL -> {
          return answerFault(exchange, method, path, -1, fault);
        }
        case DELAY -> {
          if (!sleep(fault.delay())) {
            return new RequestLog(method, path, 0, -1, null, "interrupted during injected delay");
          }
        }
        case NO_INVOCATION_ID -> {
          // handled like any request; only the answer leaves the invocation_id out
        }
      }
    }

    // Authentication.
    String id = exchange.getRequestHeaders().getFirst(Contract.HEADER_ID);
    String token = exchange.getRequestHeaders().getFirst(Contract.HEADER_TOKEN);
    if (id == null || id.isBlank()) {
      return error(exchange, method, path, 401, -1, "missing " + Contract.HEADER_ID + " header");
    }
    if (token == null || token.isBlank()) {
      return error(
          exchange, method, path, 401, -1, "missing " + Contract.HEADER_TOKEN + " header");
    }
    if (expectedId != null
        && (!expectedId.equals(id)
            || !MessageDigest.isEqual(expectedToken, token.getBytes(StandardCharsets.UTF_8)))) {
      return error(exchange, method, path, 401, -1, "invalid ingestion key");
    }
    String telemetry =
        ContractValidator.telemetryProblem(
            exchange.getRequestHeaders().getFirst(Contract.HEADER_TELEMETRY_REASON),
            exchange.getRequestHeaders().getFirst(Contract.HEADER_TELEMETRY_SERVICE));
    if (telemetry != null) {
      return error(exchange, method, path, 400, -1, telemetry);
    }

    // Content type and encoding.
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      return error(
          exchange,
          method,
          path,
          415,
          -1,
          "Content-Type must be application/json, got "
              + (contentType == null ? "none" : "'" + contentType + "'"));
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    String normalizedEncoding = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
    boolean gzipped = normalizedEncoding.equals("gzip");
    if (!gzipped && !normalizedEncoding.isEmpty() && !normalizedEncoding.equals("identity")) {
      return error(
          exchange, method, path, 415, -1, "unsupported Content-Encoding '" + encoding + "'");
    }

    // Size.
    byte[] wire = readAtMost(exchange.getRequestBody(), MAX_READ_BYTES);
    if (wire == null) {
      return error(
          exchange, method, path, 413, -1, "body larger than " + MAX_READ_BYTES + " bytes");
    }
    byte[] json;
    int compressedBytes;
    if (gzipped) {
      compressedBytes = wire.length;
      try {
        json = readAtMost(new GZIPInputStream(new ByteArrayInputStream(wire)), MAX_READ_BYTES);
      } catch (ZipException | java.io.EOFException e) {
        return error(exchange, method, path, 400, -1, "body is not valid gzip: " + e.getMessage());
      }
      if (json == null) {
        return error(
            exchange,
            method,
            path,
            413,
            -1,
            "decompressed body larger than " + MAX_READ_BYTES + " bytes");
      }
    } else {
      json = wire;
      compressedBytes = gzipSize(wire);
    }
    if (compressedBytes >= Contract.MAX_COMPRESSED_BODY_BYTES) {
      return error(
          exchange,
          method,
          path,
          413,
          -1,
          "the gzip-compressed body is "
              + compressedBytes
              + " bytes; it must stay under "
              + Contract.MAX_COMPRESSED_BODY_BYTES
              + " bytes (send fewer events per request)");
    }

    // Body.
    JsonNode body;
    try {
      body = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return error(
          exchange, method, path, 400, -1, "body is not valid JSON: " + e.getOriginalMessage());
    }
    if (body == null || body.isMissingNode()) {
      return error(exchange, method, path, 400, -1, "body is empty");
    }
    int events = body.path("events").isArray() ? body.path("events").size() : -1;
    List<String> problems = validator.validate(flow, body);
    if (!problems.isEmpty()) {
      return invalid(exchange, method, path, events, problems);
    }

    // Accept (or reject by rule), record.
    String invocationId = invocationIdOf.apply(body);
    Function<RecordedRequest, Fault> rule;
    synchronized (lock) {
      rule = fault == null && rejectRule == null ? responder : null;
    }
    if (rule != null) {
      // The rule decides as if this request were the next one recorded.
      int next;
      synchronized (lock) {
        next = seq + 1;
      }
      fault =
          rule.apply(
              new RecordedRequest(
                  next, flow, path, recordedHeaders(exchange), body, invocationId, Instant.now(),
                  compressedBytes, gzipped));
      if (fault != null) {
        synchronized (lock) {
          faultedCount++;
        }
        switch (fault.kind()) {
          case DROP -> {
            return new RequestLog(method, path, 0, events, null, fault.describe());
          }
          case FAIL -> {
            return answerFault(exchange, method, path, events, fault);
          }
          case DELAY -> {
            sleep(fault.delay());
            ObjectNode late = MAPPER.createObjectNode().put("invocation_id", invocationId);
            send(exchange, 202, MAPPER.writeValueAsBytes(late));
            return new RequestLog(method, path, 202, events, invocationId, fault.describe());
          }
          case NO_INVOCATION_ID -> {
            // recorded below; only the answer leaves the invocation_id out
          }
        }
      }
    }
    Fault rejection = null;
    String recordFailure = null;
    synchronized (lock) {
      boolean accepts = fault == null || fault.kind() == Fault.Kind.NO_INVOCATION_ID;
      if (fault == null && rejectRule != null) {
        if (rejectRule.remaining == 0) {
          rejection = rejectRule.fault;
          faultedCount++;
        } else {
          rejectRule.remaining--;
        }
      }
      if (accepts && rejection == null) {
        RecordedRequest record =
            new RecordedRequest(
                ++seq,
                flow,
                path,
                recordedHeaders(exchange),
                body,
                invocationId,
                Instant.now(),
                compressedBytes,
                gzipped);
        try {
          if (recordDir != null) {
            writeRecord(flow, invocationId, body);
          }
          records.add(record);
        } catch (UncheckedIOException e) {
          seq--;
          recordFailure = e.getMessage() + ": " + e.getCause().getMessage();
        }
      }
    }
    if (recordFailure != null) {
      return error(exchange, method, path, 500, events, recordFailure);
    }
    if (rejection != null) {
      return answerFault(exchange, method, path, events, rejection);
    }
    boolean letGo;
    synchronized (lock) {
      letGo = !keepEvents;
    }
    if (letGo) {
      letEventsGo(graphql.catchUp());
    }
    ObjectNode answer = MAPPER.createObjectNode();
    if (fault == null || fault.kind() != Fault.Kind.NO_INVOCATION_ID) {
      answer.put("invocation_id", invocationId);
    }
    send(exchange, 202, MAPPER.writeValueAsBytes(answer));
    return new RequestLog(
        method, path, 202, events, invocationId, fault == null ? null : fault.describe());
  }

  /** Sleeps; false when interrupted. */
  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void writeRecord(Flow flow, String invocationId, JsonNode body) {
    String name = String.format(Locale.ROOT, "%06d-%s-%s.json", ++fileSeq, flow.id(), invocationId);
    try {
      Files.write(
          recordDir.resolve(name), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + recordDir.resolve(name), e);
    }
  }

  private static Map<String, List<String>> recordedHeaders(HttpExchange exchange) {
    Map<String, List<String>> headers = new TreeMap<>();
    for (Map.Entry<String, List<String>> entry : exchange.getRequestHeaders().entrySet()) {
      String name = entry.getKey().toLowerCase(Locale.ROOT);
      List<String> values =
          name.equals(Contract.HEADER_TOKEN) ? List.of(REDACTED) : List.copyOf(entry.getValue());
      headers.merge(
          name,
          values,
          (a, b) -> {
            List<String> merged = new ArrayList<>(a);
            merged.addAll(b);
            return List.copyOf(merged);
          });
    }
    return Collections.unmodifiableMap(headers);
  }

  private RequestLog answerFault(
      HttpExchange exchange, String method, String path, int events, Fault fault)
      throws IOException {
    if (fault.retryAfter() != null) {
      exchange.getResponseHeaders().set("Retry-After", fault.retryAfter());
    }
    byte[] body =
        fault.body() != null
            ? fault.body().getBytes(StandardCharsets.UTF_8)
            : errorJson(fault.describe(), List.of());
    send(exchange, fault.status(), body);
    return new RequestLog(method, path, fault.status(), events, null, fault.describe());
  }

  private RequestLog invalid(
      HttpExchange exchange, String method, String path, int events, List<String> problems)
      throws IOException {
    String message = problems.get(0);
    if (problems.size() > 1) {
      message += " (and " + (problems.size() - 1) + " more problems)";
    }
    send(exchange, 400, errorJson(message, problems));
    return new RequestLog(method, path, 400, events, null, message);
  }

  private RequestLog error(
      HttpExchange exchange, String method, String path, int status, int events, String message)
      throws IOException {
    send(exchange, status, errorJson(message, List.of()));
    return new RequestLog(method, path, status, events, null, message);
  }

  private static byte[] errorJson(String message, List<String> problems) {
    ObjectNode error = MAPPER.createObjectNode();
    error.put("message", message);
    if (!problems.isEmpty()) {
      ArrayNode list = error.putArray("errors");
      problems.forEach(list::add);
    }
    try {
      return MAPPER.writeValueAsBytes(error);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The size of the bytes gzip-compressed with the JDK's default settings. */
  static int gzipSize(byte[] bytes) {
    CountingOutputStream counter = new CountingOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(counter, 64 * 1024)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counter.count;
  }

  private static final class CountingOutputStream extends OutputStream {
    int count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  // ------------------------------------------------------------------------------ admin

  private RequestLog handleFaultsAdmin(HttpExchange exchange, String method, String path)
      throws IOException {
    switch (method) {
      case "GET" -> {
        // state only
      }
      case "DELETE" -> clearFaults();
      case "POST" -> {
        byte[] bytes = readAtMost(exchange.getRequestBody(), 1024 * 1024);
        if (bytes == null) {
          return error(exchange, method, path, 413, -1, "body too large");
        }
        String problem;
        try {
          problem = applyFaults(MAPPER.readTree(bytes));
        } catch (JsonProcessingException e) {
          problem = "body is not valid JSON: " + e.getOriginalMessage();
        } catch (IllegalArgumentException e) {
          problem = e.getMessage();
        }
        if (problem != null) {
          return error(exchange, method, path, 400, -1, problem);
        }
      }
      default -> {
        exchange.getResponseHeaders().set("Allow", "GET, POST, DELETE");
        return error(exchange, method, path, 405, -1, "method " + method + " not allowed");
      }
    }
    send(exchange, 200, MAPPER.writeValueAsBytes(faultState()));
    return new RequestLog(method, path, 200, -1, null, null);
  }

  /** Applies an admin request; returns a problem, or null when everything was applied. */
  private String applyFaults(JsonNode request) {
    if (request == null || !request.isObject()) {
      return "expected a JSON object";
    }
    // Check everything first so that a bad request changes nothing.
    List<Runnable> actions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : request.properties()) {
      String key = field.getKey();
      JsonNode spec = field.getValue();
      switch (key) {
        case "clear" -> {
          if (!spec.isBoolean()) {
            return "clear: expected true or false";
          }
          if (spec.booleanValue()) {
            actions.add(this::clearFaults);
          }
        }
        case "fail" -> {
          int count = intField(spec, key, "count", 1);
          Fault fault =
              Fault.fail(
                  intField(spec, key, "status", -1),
                  textField(spec, key, "body"),
                  textField(spec, key, "retry_after"));
          actions.add(() -> inject(fault, count));
        }
        case "delay" -> {
          int count = intField(spec, key, "count", 1);
          long millis = intField(spec, key, "millis", -1);
          actions.add(() -> delayNext(count, millis));
        }
        case "drop" -> {
          int count = intField(spec, key, "count", 1);
          actions.add(() -> dropNext(count));
        }
        case "no_invocation_id" -> {
          int count = intField(spec, key, "count", 1);
          actions.add(() -> acceptWithoutInvocationIdNext(count));
        }
        case "reject_after" -> {
          int accepted = intField(spec, key, "accepted", -1);
          int status = intField(spec, key, "status", -1);
          String body = textField(spec, key, "body");
          String retryAfter = textField(spec, key, "retry_after");
          Fault.fail(status, body, retryAfter); // validates the status
          actions.add(() -> rejectAfter(accepted, status, body, retryAfter));
        }
        default -> {
          return key
              + ": unknown key (expected clear, fail, delay, drop, no_invocation_id or"
              + " reject_after)";
        }
      }
    }
    actions.forEach(Runnable::run);
    return null;
  }

  private static int intField(JsonNode spec, String key, String name, int defaultValue) {
    if (!spec.isObject()) {
      throw new IllegalArgumentException(key + ": expected an object");
    }
    JsonNode value = spec.get(name);
    if (value == null) {
      if (defaultValue < 0) {
        throw new IllegalArgumentException(key + "." + name + ": required");
      }
      return defaultValue;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
      throw new IllegalArgumentException(key + "." + name + ": expected a non-negative integer");
    }
    return value.intValue();
  }

  private static String textField(JsonNode spec, String key, String name) {
    JsonNode value = spec.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isIntegralNumber() && name.equals("retry_after")) {
      return value.asText();
    }
    throw new IllegalArgumentException(key + "." + name + ": expected a string");
  }

  private ObjectNode faultState() {
    ObjectNode state = MAPPER.createObjectNode();
    ArrayNode pending = state.putArray("pending");
    synchronized (lock) {
      for (Fault fault : faults) {
        pending.add(faultJson(fault));
      }
      if (rejectRule == null) {
        state.putNull("reject_after");
      } else {
        ObjectNode rule = faultJson(rejectRule.fault);
        rule.put("remaining_accepted", rejectRule.remaining);
        state.set("reject_after", rule);
      }
      state.put("accepted", seq);
      state.put("faulted", faultedCount);
    }
    return state;
  }

  private static ObjectNode faultJson(Fault fault) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("kind", fault.kind().name().toLowerCase(Locale.ROOT));
    if (fault.kind() == Fault.Kind.FAIL) {
      json.put("status", fault.status());
      if (fault.body() != null) {
        json.put("body", fault.body());
      }
      if (fault.retryAfter() != null) {
        json.put("retry_after", fault.retryAfter());
      }
    } else if (fault.kind() == Fault.Kind.DELAY) {
      json.put("millis", fault.delay().toMillis());
    }
    return json;
  }

  /** For diagnostics: a map of path to accepted request count. */
  public Map<String, Integer> requestCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Flow flow : Flow.values()) {
      counts.put(flow.path(), received(flow).size());
    }
    return counts;
  }
}
