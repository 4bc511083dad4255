package io.pushgen.runtime.push;

import static io.pushgen.runtime.push.Answers.ACCEPT;
import static io.pushgen.runtime.push.Answers.fail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Fault;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.gateway.RecordedRequest;
import io.pushgen.runtime.http.Credentials;
import io.pushgen.runtime.http.HttpSettings;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.wire.Contract;
import io.pushgen.runtime.wire.IngestionService.IngestRequest;
import io.pushgen.runtime.wire.PushException;
import io.pushgen.runtime.wire.Transport.SendResult;
import io.pushgen.runtime.wire.Transport;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {
  static final String TOKEN = "s3cr3t-T0KEN-value-9f8e7d";
  static final Credentials KEY = new Credentials("key-id-1", TOKEN);
  static final String BODY =
      "{\"event_type\":\"METADATA\",\"resource\":{\"uuid\":\"3f1a2b4c-0000-4000-8000-00000000abcd\","
          + "\"resource_type\":\"postgres\"},\"events\":[{\"relational_asset\":{\"type\":\"TABLE\","
          + "\"metadata\":{\"name\":\"t\",\"database\":\"db\",\"schema\":\"s\"}}}]}";
  static final IngestRequest REQUEST =
      new IngestRequest(Flow.METADATA, BODY.getBytes(StandardCharsets.UTF_8), 1);

  /** The real local gateway, answering as each test scripts it. */
  LocalGateway gateway;
  final Answers answers = new Answers();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    gateway = new LocalGateway().expectKey("key-id-1", TOKEN).respondWith(answers).start(0);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  HttpTransport.Builder transport() {
    return transport(settings());
  }

  HttpTransport.Builder transport(HttpSettings.Builder settings) {
    return HttpTransport.builder(KEY).baseUrl(gateway.baseUrl()).settings(settings.build());
  }

  HttpSettings.Builder settings() {
    return HttpSettings.builder()
        .backoff(Duration.ofMillis(100), Duration.ofMillis(400))
        .random(() -> 0.5)
        .sleeper(sleeps::add);
  }

  @Test
  void retriesServerErrorsThenDelivers() throws Exception {
    answers.next(fail(503, "busy"), fail(503, "busy"), fail(502, "bad"), ACCEPT);

    SendResult result = transport().build().send(REQUEST);

    assertEquals(gateway.invocationIds(), List.of(result.invocationId()));
    assertEquals(4, result.attempts());
    assertEquals(202, result.status());
    assertEquals(4, answers.seen().size());
    // Full jitter (random = 0.5) over ceilings 100, 200, 400 (capped) ms.
    assertEquals(
        List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
  }

  @Test
  void theLocalGatewayReceivesExactlyTheSdksHeaders() throws Exception {
    HttpTransport transport =
        HttpTransport.builder(new Credentials("key-id-1", TOKEN))
            .baseUrl(gateway.baseUrl())
            .sessionId("run-1")
            .build();
    transport.send(REQUEST);

    RecordedRequest received = gateway.received().get(0);
    Map<String, List<String>> headers = new TreeMap<>(received.headers());
    String trace = received.header("x-mcd-trace-id");
    assertEquals(List.of(UUID.fromString(trace).toString()), headers.remove("x-mcd-trace-id"));
    headers.keySet().removeAll(List.of("connection", "host", "user-agent", "content-length"));
    assertEquals(
        new TreeMap<>(
            Map.of(
                "content-type", List.of("application/json"),
                "x-mcd-id", List.of("key-id-1"),
                "x-mcd-token", List.of(LocalGateway.REDACTED),
                "x-mcd-session-id", List.of("run-1"),
                "x-mcd-telemetry-reason", List.of("service"),
                "x-mcd-telemetry-service", List.of("pushgen"))),
        headers);
  }

  @Test
  void aBodyOfSeveralSlicesArrivesWholeOnEveryAttempt() throws Exception {
    // About 780 KB: three slices of the body and a part of a fourth, sent twice (a 503, then 202).
    StringBuilder json =
        new StringBuilder(
            "{\"event_type\":\"METADATA\",\"resource\":{\"uuid\":\"3f1a2b4c-0000-4000-8000-00000000abcd\","
                + "\"resource_type\":\"postgres\"},\"events\":[");
    int events = 6_000;
    for (int i = 0; i < events; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"relational_asset\":{\"type\":\"TABLE\",\"metadata\":{\"name\":\"table_")
          .append(i)
          .append("\",\"database\":\"db\",\"schema\":\"schema_")
          .append(i % 97)
          .append("\",\"description\":\"the ")
          .append(Integer.toHexString(i * 7919))
          .append(" table\"}}}");
    }
    byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    assertTrue(body.length > 3 * 256 * 1024, "the body spans more than three slices: " + body.length);
    answers.next(fail(503, "busy"), ACCEPT);

    SendResult result =
        transport().build().send(new IngestRequest(Flow.METADATA, body, events));

    assertEquals(2, result.attempts());
    List<RecordedRequest> received = answers.seen();
    assertEquals(2, received.size());
    for (RecordedRequest r : received) {
      assertEquals(new ObjectMapper().readTree(body), r.body());
      assertEquals(events, r.eventCount());
    }
  }

  @Test
  void closeEndsTheClientsSelectorThreadAndNoOtherClients() throws Exception {
    // Java 17's client keeps a selector thread waiting in native code, which holds up the JVM's
    // exit by 0.3 s; close() must end it, and only it.
    Set<Thread> before = selectorThreads();
    HttpTransport closed = transport().build();
    answers.next(ACCEPT, ACCEPT, ACCEPT);
    closed.send(REQUEST);
    Set<Thread> ours = selectorThreads();
    ours.removeAll(before);
    assertEquals(1, ours.size(), "the client started one selector thread: " + ours);
    HttpTransport other = transport().build();
    other.send(REQUEST);

    closed.close();

    for (Thread thread : ours) {
      assertFalse(thread.isAlive(), thread.getName() + " still runs after close()");
    }
    assertEquals(202, other.send(REQUEST).status(), "another client still sends");
    other.close();
  }

  /** The JDK clients' selector threads now alive. */
  static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().endsWith("-SelectorManager") && t.isAlive())
        .collect(Collectors.toCollection(HashSet::new));
  }

  @Test
  void sendsTheHeadersWithAFreshTracePerAttemptAndOneSession() throws Exception {
    answers.next(fail(500, ""), ACCEPT);
    HttpTransport transport = transport().sessionId("run-42").build();

    transport.send(REQUEST);
    transport.send(REQUEST);

    // The gateway checked the key (expectKey) on each; it records the token redacted.
    List<RecordedRequest> received = answers.seen();
    assertEquals(3, received.size());
    for (RecordedRequest r : received) {
      assertEquals("/ingest/v1/metadata", r.path());
      assertEquals("key-id-1", r.header(Contract.HEADER_ID));
      assertEquals(LocalGateway.REDACTED, r.header(Contract.HEADER_TOKEN));
      assertEquals("application/json", r.header("content-type"));
      assertEquals("run-42", r.header(Contract.HEADER_SESSION_ID));
      // As the SDK: the reason is "user" or "service"; the calling program is the service.
      assertEquals("service", r.header("x-mcd-telemetry-reason"));
      assertEquals("pushgen", r.header("x-mcd-telemetry-service"));
      assertEquals(new ObjectMapper().readTree(BODY), r.body());
    }
    Set<String> traces =
        received.stream()
            .map(r -> r.header(Contract.HEADER_TRACE_ID))
            .collect(Collectors.toSet());
    assertEquals(3, traces.size());
    assertEquals("run-42", transport.sessionId());
  }

  @Test
  void honoursRetryAfterSeconds() throws Exception {
    answers.next(Optional.of(Fault.fail(429, "slow down", "7")), ACCEPT);

    SendResult result = transport().build().send(REQUEST);

    assertEquals(2, result.attempts());
    assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
  }

  @Test
  void honoursRetryAfterHttpDateAndCapsIt() throws Exception {
    Instant now = Instant.parse("2026-01-05T10:00:00Z");
    String in30s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atZone(ZoneOffset.UTC));
    answers.next(
        Optional.of(Fault.fail(429, "", in30s)), Optional.of(Fault.fail(429, "", "86400")), ACCEPT);

    SendResult result =
        transport(
                settings()
                    .clock(Clock.fixed(now, ZoneOffset.UTC))
                    .retryAfterCap(Duration.ofMinutes(2)))
            .build()
            .send(REQUEST);

    assertEquals(3, result.attempts());
    assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(2)), sleeps);
  }

  @Test
  void failsAtOnceOnOtherClientErrorsWithTheBodyExcerpt() {
    String body =
        "{\"error\":\"Unsupported ingest query-log log_type\"}" + "x".repeat(600) + "TAIL";
    answers.next(fail(400, body));

    PushException e = assertThrows(PushException.class, () -> transport().build().send(REQUEST));

    assertEquals(400, e.status());
    assertEquals(1, e.attempts());
    assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    assertTrue(e.getMessage().contains(body.substring(0, 500)), e.getMessage());
    assertFalse(e.getMessage().contains("TAIL"), e.getMessage());
    assertEquals(1, answers.seen().size());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void retriesAHangingResponseAfterTheReadTimeout() throws Exception {
    answers.next(Optional.of(Fault.delay(Duration.ofSeconds(2))), ACCEPT);

    SendResult result = transport(settings().requestTimeout(Duration.ofMillis(300))).build().send(REQUEST);

    // The answer that came too late is not recorded: the one invocation id is the retry's.
    assertEquals(gateway.invocationIds(), List.of(result.invocationId()));
    assertEquals(2, result.attempts());
  }

  @Test
  void retriesADroppedConnection() throws Exception {
    answers.next(Optional.of(Fault.drop()), ACCEPT);

    SendResult result = transport().build().send(REQUEST);

    assertEquals(gateway.invocationIds(), List.of(result.invocationId()));
    assertEquals(2, result.attempts());
  }

  @Test
  void givesUpAfterMaxAttempts() {
    answers.otherwise(r -> Fault.fail(503, "still down", null));

    PushException e =
        assertThrows(PushException.class, () -> transport(settings().maxAttempts(3)).build().send(REQUEST));

    assertEquals(3, e.attempts());
    assertEquals(503, e.status());
    assertTrue(e.getMessage().startsWith("gave up after 3 attempts: HTTP 503"), e.getMessage());
    assertTrue(e.getMessage().contains("still down"), e.getMessage());
    assertEquals(3, answers.seen().size());
  }

  @Test
  void aSuccessWithoutInvocationIdIsAcceptedWithNoId() throws Exception {
    answers.next(Optional.of(Fault.noInvocationId()));

    Transport.SendResult result = transport().build().send(REQUEST);

    // As the SDK: a 2xx answer is an acceptance; sending it again would duplicate its data.
    assertNull(result.invocationId());
    assertEquals(202, result.status());
    assertEquals(1, result.attempts());
    assertEquals(1, gateway.received().size(), "the gateway kept what it accepted");
  }

  @Test
  void connectionRefusedIsRetriedAndNeverShowsTheToken() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    List<String> reasons = new CopyOnWriteArrayList<>();

    PushException e =
        assertThrows(
            PushException.class,
            () ->
                transport(settings().maxAttempts(2))
                    .baseUrl("http://127.0.0.1:" + closedPort)
                    .onRetry((request, attempt, reason, delay) -> reasons.add(reason))
                    .build()
                    .send(REQUEST));

    assertEquals(2, e.attempts());
    assertEquals(0, e.status());
    assertEquals(1, reasons.size());
    assertFalse(e.getMessage().contains(TOKEN));
  }

  @Test
  void aServerEchoingTheTokenCannotLeakItIntoMessages() {
    answers.otherwise(r -> Fault.fail(401, "bad key " + TOKEN, null));

    PushException e = assertThrows(PushException.class, () -> transport().build().send(REQUEST));

    assertEquals(401, e.status());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertTrue(e.getMessage().contains("bad key ****"), e.getMessage());
  }

  @Test
  void credentialsMaskTheToken() {
    assertFalse(KEY.toString().contains(TOKEN));
    assertTrue(KEY.toString().contains("key-id-1"));
    assertNotEquals(KEY.toString(), KEY.redact(TOKEN));
    assertEquals("x **** y", KEY.redact("x " + TOKEN + " y"));
  }

  @Test
  void rejectsANonHttpEndpoint() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HttpTransport.builder(KEY).baseUrl("ftp://x").build());
    assertTrue(e.getMessage().contains("--endpoint"));
  }
}
