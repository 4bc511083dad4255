package io.pushgen.runtime.push;

import static io.pushgen.runtime.push.TestGateway.accepted;
import static io.pushgen.runtime.push.TestGateway.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.gateway.LocalGateway;
import io.pushgen.gateway.RecordedRequest;
import io.pushgen.runtime.http.Credentials;
import io.pushgen.runtime.http.HttpSettings;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.wire.Contract;
import io.pushgen.runtime.wire.IngestRequest;
import io.pushgen.runtime.wire.Transport;
import io.pushgen.runtime.wire.PushException;
import io.pushgen.runtime.wire.Transport.SendResult;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
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
  static final IngestRequest REQUEST =
      new IngestRequest(
          Flow.METADATA, "{\"event_type\":\"METADATA\"}".getBytes(StandardCharsets.UTF_8), 1);

  TestGateway gateway;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    gateway = new TestGateway();
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
    gateway.script(status(503, "busy"), status(503, "busy"), status(502, "bad"), accepted("inv-1"));

    SendResult result = transport().build().send(REQUEST);

    assertEquals("inv-1", result.invocationId());
    assertEquals(4, result.attempts());
    assertEquals(202, result.status());
    assertEquals(4, gateway.received().size());
    // Full jitter (random = 0.5) over ceilings 100, 200, 400 (capped) ms.
    assertEquals(
        List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
  }

  @Test
  void theLocalGatewayReceivesExactlyTheSdksHeaders() throws Exception {
    try (LocalGateway local = new LocalGateway().start(0)) {
      HttpTransport transport =
          HttpTransport.builder(new Credentials("key-id-1", TOKEN))
              .baseUrl(local.baseUrl())
              .sessionId("run-1")
              .build();
      transport.send(
          new IngestRequest(
              Flow.METADATA,
              ("{\"event_type\":\"METADATA\",\"resource\":{\"uuid\":\"3f1a2b4c-0000-4000-8000-00000000abcd\","
                      + "\"resource_type\":\"postgres\"},\"events\":[{\"relational_asset\":{\"type\":\"TABLE\","
                      + "\"metadata\":{\"name\":\"t\",\"database\":\"db\",\"schema\":\"s\"}}}]}")
                  .getBytes(StandardCharsets.UTF_8),
              1));

      RecordedRequest received = local.received().get(0);
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
  }

  @Test
  void sendsTheHeadersWithAFreshTracePerAttemptAndOneSession() throws Exception {
    gateway.script(status(500, ""), accepted("a"));
    HttpTransport transport = transport().sessionId("run-42").build();

    transport.send(REQUEST);
    transport.send(REQUEST);

    List<TestGateway.Received> received = gateway.received();
    assertEquals(3, received.size());
    for (TestGateway.Received r : received) {
      assertEquals("POST", r.method());
      assertEquals("/ingest/v1/metadata", r.path());
      Map<String, String> h = r.headers();
      assertEquals("key-id-1", h.get(Contract.HEADER_ID));
      assertEquals(TOKEN, h.get(Contract.HEADER_TOKEN));
      assertEquals("application/json", h.get("content-type"));
      assertEquals("run-42", h.get(Contract.HEADER_SESSION_ID));
      // As the SDK: the reason is "user" or "service"; the calling program is the service.
      assertEquals("service", h.get("x-mcd-telemetry-reason"));
      assertEquals("pushgen", h.get("x-mcd-telemetry-service"));
      assertEquals("{\"event_type\":\"METADATA\"}", r.bodyText());
    }
    Set<String> traces =
        received.stream()
            .map(r -> r.headers().get(Contract.HEADER_TRACE_ID))
            .collect(Collectors.toSet());
    assertEquals(3, traces.size());
    assertEquals("run-42", transport.sessionId());
  }

  @Test
  void honoursRetryAfterSeconds() throws Exception {
    gateway.script(
        new TestGateway.Respond(429, "slow down", Map.of("Retry-After", "7")), accepted("inv"));

    SendResult result = transport().build().send(REQUEST);

    assertEquals(2, result.attempts());
    assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
  }

  @Test
  void honoursRetryAfterHttpDateAndCapsIt() throws Exception {
    Instant now = Instant.parse("2026-01-05T10:00:00Z");
    String in30s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atZone(ZoneOffset.UTC));
    gateway.script(
        new TestGateway.Respond(429, "", Map.of("Retry-After", in30s)),
        new TestGateway.Respond(429, "", Map.of("Retry-After", "86400")),
        accepted("inv"));

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
    gateway.script(status(400, body));

    PushException e = assertThrows(PushException.class, () -> transport().build().send(REQUEST));

    assertEquals(400, e.status());
    assertEquals(1, e.attempts());
    assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    assertTrue(e.getMessage().contains(body.substring(0, 500)), e.getMessage());
    assertFalse(e.getMessage().contains("TAIL"), e.getMessage());
    assertEquals(1, gateway.received().size());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void retriesAHangingResponseAfterTheReadTimeout() throws Exception {
    gateway.script(new TestGateway.Hang(), accepted("after-timeout"));

    SendResult result = transport(settings().requestTimeout(Duration.ofMillis(300))).build().send(REQUEST);

    assertEquals("after-timeout", result.invocationId());
    assertEquals(2, result.attempts());
  }

  @Test
  void retriesADroppedConnection() throws Exception {
    gateway.script(new TestGateway.Drop(), accepted("after-drop"));

    SendResult result = transport().build().send(REQUEST);

    assertEquals("after-drop", result.invocationId());
    assertEquals(2, result.attempts());
  }

  @Test
  void givesUpAfterMaxAttempts() {
    gateway.fallback(r -> status(503, "still down"));

    PushException e =
        assertThrows(PushException.class, () -> transport(settings().maxAttempts(3)).build().send(REQUEST));

    assertEquals(3, e.attempts());
    assertEquals(503, e.status());
    assertTrue(e.getMessage().startsWith("gave up after 3 attempts: HTTP 503"), e.getMessage());
    assertTrue(e.getMessage().contains("still down"), e.getMessage());
    assertEquals(3, gateway.received().size());
  }

  @Test
  void aSuccessWithoutInvocationIdIsAcceptedWithNoId() throws Exception {
    gateway.script(status(202, "{\"status\":\"queued\"}"));

    Transport.SendResult result = transport().build().send(REQUEST);

    // As the SDK: a 2xx answer is an acceptance; sending it again would duplicate its data.
    assertNull(result.invocationId());
    assertEquals(202, result.status());
    assertEquals(1, result.attempts());
    assertEquals(1, gateway.received().size());
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
    gateway.fallback(r -> status(401, "bad key " + r.headers().get(Contract.HEADER_TOKEN)));

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
