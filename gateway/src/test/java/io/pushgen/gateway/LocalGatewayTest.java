package io.pushgen.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LocalGatewayTest {
  static final String TOKEN = "tok-9f8e7d6c5b4a-secret";
  static final String KEY_ID = "key-id-1";

  private LocalGateway gateway;
  private HttpClient client;

  @BeforeEach
  void start() throws IOException {
    gateway = new LocalGateway().start(0);
    client = newClient();
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  static List<Goldens.Golden> goldens() {
    return Goldens.all();
  }

  static List<Mutations.Mutation> mutations() {
    return Mutations.all();
  }

  // ------------------------------------------------------------------------ helpers

  static HttpRequest.Builder request(String baseUrl, String path, byte[] body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("x-mcd-id", KEY_ID)
        .header("x-mcd-token", TOKEN)
        .header("x-mcd-trace-id", UUID.randomUUID().toString())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  static byte[] json(JsonNode body) {
    try {
      return Goldens.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(Goldens.Golden golden) throws IOException, InterruptedException {
    return send(request(gateway.baseUrl(), golden.path(), json(golden.body())).build());
  }

  static JsonNode parse(HttpResponse<String> response) throws IOException {
    return Goldens.MAPPER.readTree(response.body());
  }

  static String assertAccepted(HttpResponse<String> response) throws IOException {
    assertEquals(202, response.statusCode(), response.body());
    String id = parse(response).path("invocation_id").asText();
    assertEquals(id, UUID.fromString(id).toString(), "invocation_id is a UUID");
    return id;
  }

  static void assertRejected(HttpResponse<String> response, int status, String message)
      throws IOException {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(
        "application/json", response.headers().firstValue("Content-Type").orElse(null));
    String actual = parse(response).path("message").asText();
    assertTrue(actual.startsWith(message), "message: " + actual);
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  Goldens.Golden metadata() {
    return Goldens.get("metadata_full_table");
  }

  // ------------------------------------------------------------------------ contract

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void everyGoldenBodyIsAccepted(Goldens.Golden golden) throws Exception {
    String id = assertAccepted(post(golden));
    List<RecordedRequest> received = gateway.received();
    assertEquals(1, received.size());
    RecordedRequest record = received.get(0);
    assertEquals(golden.path(), record.path());
    assertEquals(golden.body(), record.body());
    assertEquals(id, record.invocationId());
    assertEquals(golden.body().get("events").size(), gateway.eventCount(golden.path()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void mutationIsRejectedWith400(Mutations.Mutation mutation) throws Exception {
    HttpResponse<String> response = post(mutation.mutated());
    assertRejected(response, 400, mutation.message());
    assertEquals(mutation.message(), parse(response).path("errors").get(0).asText());
    assertEquals(List.of(), gateway.received(), "rejected requests are not recorded");
  }

  @Test
  void gzipBodiesAreAccepted() throws Exception {
    Goldens.Golden golden = Goldens.get("querylogs_offsets_and_fractions");
    byte[] body = gzip(json(golden.body()));
    HttpResponse<String> response =
        send(
            request(gateway.baseUrl(), golden.path(), body)
                .header("Content-Encoding", "gzip")
                .build());
    assertAccepted(response);
    RecordedRequest record = gateway.received(Flow.QUERY_LOGS).get(0);
    assertTrue(record.gzipped());
    assertEquals(body.length, record.compressedBytes());
    assertEquals(golden.body(), record.body());
  }

  @Test
  void corruptGzipIs400() throws Exception {
    HttpResponse<String> response =
        send(
            request(gateway.baseUrl(), "/ingest/v1/metadata", json(metadata().body()))
                .header("Content-Encoding", "gzip")
                .build());
    assertRejected(response, 400, "body is not valid gzip");
  }

  @Test
  void invalidJsonAndDuplicateKeysAre400() throws Exception {
    String path = "/ingest/v1/metadata";
    assertRejected(
        send(request(gateway.baseUrl(), path, "{\"event_type\":".getBytes(StandardCharsets.UTF_8)).build()),
        400,
        "body is not valid JSON");
    String duplicate =
        "{\"event_type\":\"METADATA\",\"event_type\":\"METADATA\",\"resource\":{},\"events\":[]}";
    assertRejected(
        send(request(gateway.baseUrl(), path, duplicate.getBytes(StandardCharsets.UTF_8)).build()),
        400,
        "body is not valid JSON: Duplicate field 'event_type'");
    assertRejected(
        send(request(gateway.baseUrl(), path, new byte[0]).build()), 400, "body is empty");
  }

  @Test
  void recordsPathHeadersAndCountsWithoutTheToken() throws Exception {
    assertAccepted(post(metadata()));
    assertAccepted(post(Goldens.get("metadata_view_query_and_batch")));
    assertAccepted(post(Goldens.get("lineage_mixed_batch")));
    assertEquals(4, gateway.eventCount(Flow.METADATA));
    assertEquals(4, gateway.eventCount("/ingest/v1/metadata"));
    assertEquals(2, gateway.eventCount(Flow.LINEAGE));
    assertEquals(0, gateway.eventCount(Flow.QUERY_LOGS));
    assertEquals(2, gateway.received("/ingest/v1/metadata").size());
    assertEquals(List.of(1, 2, 3), gateway.received().stream().map(RecordedRequest::seq).toList());
    RecordedRequest lineage = gateway.received(Flow.LINEAGE).get(0);
    assertEquals("COLUMN_LINEAGE", lineage.eventType());
    assertEquals(KEY_ID, lineage.header("X-MCD-ID"));
    assertEquals(LocalGateway.REDACTED, lineage.header("x-mcd-token"));
    assertNotNull(lineage.header("x-mcd-trace-id"));
    assertFalse(lineage.headers().toString().contains(TOKEN));
    assertEquals(3, gateway.invocationIds().size());

    gateway.clear();
    assertEquals(List.of(), gateway.received());
    assertAccepted(post(metadata()));
    assertEquals(1, gateway.received().get(0).seq());
  }

  // ------------------------------------------------------------------------ headers

  @Test
  void missingOrEmptyKeyHeadersAre401() throws Exception {
    byte[] body = json(metadata().body());
    URI uri = URI.create(gateway.baseUrl() + "/ingest/v1/metadata");
    HttpRequest noToken =
        HttpRequest.newBuilder(uri)
            .header("x-mcd-id", KEY_ID)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    assertRejected(send(noToken), 401, "missing x-mcd-token header");
    HttpRequest emptyId =
        HttpRequest.newBuilder(uri)
            .header("x-mcd-id", " ")
            .header("x-mcd-token", TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    assertRejected(send(emptyId), 401, "missing x-mcd-id header");
    assertEquals(List.of(), gateway.received());
  }

  @Test
  void telemetryHeadersAreTheSdksReasonAndTheCallingService() throws Exception {
    byte[] body = json(metadata().body());
    assertRejected(
        send(request(gateway.baseUrl(), "/ingest/v1/metadata", body).header("x-mcd-telemetry-reason", "pushgen").build()),
        400,
        "x-mcd-telemetry-reason must be 'user' or 'service', got 'pushgen' (the calling program's name belongs in"
            + " x-mcd-telemetry-service)");
    assertRejected(
        send(request(gateway.baseUrl(), "/ingest/v1/metadata", body).header("x-mcd-telemetry-reason", "service").build()),
        400,
        "x-mcd-telemetry-service must name the calling program when x-mcd-telemetry-reason is 'service'");
    assertEquals(List.of(), gateway.received());
    assertAccepted(send(request(gateway.baseUrl(), "/ingest/v1/metadata", body).header("x-mcd-telemetry-reason", "user").build()));
  }

  @Test
  void expectedKeyIsEnforced() throws Exception {
    try (LocalGateway strict = new LocalGateway().expectKey(KEY_ID, "other-token").start(0)) {
      byte[] body = json(metadata().body());
      assertRejected(
          send(request(strict.baseUrl(), "/ingest/v1/metadata", body).build()),
          401,
          "invalid ingestion key");
      HttpRequest right =
          request(strict.baseUrl(), "/ingest/v1/metadata", body)
              .setHeader("x-mcd-token", "other-token")
              .build();
      assertAccepted(send(right));
      assertEquals(1, strict.received().size());
    }
  }

  @Test
  void contentTypeMustBeJson() throws Exception {
    byte[] body = json(metadata().body());
    assertRejected(
        send(
            request(gateway.baseUrl(), "/ingest/v1/metadata", body)
                .setHeader("Content-Type", "text/plain")
                .build()),
        415,
        "Content-Type must be application/json, got 'text/plain'");
    assertAccepted(
        send(
            request(gateway.baseUrl(), "/ingest/v1/metadata", body)
                .setHeader("Content-Type", "application/json; charset=utf-8")
                .build()));
    assertRejected(
        send(
            request(gateway.baseUrl(), "/ingest/v1/metadata", body)
                .header("Content-Encoding", "br")
                .build()),
        415,
        "unsupported Content-Encoding 'br'");
  }

  @Test
  void unknownPathAndWrongMethod() throws Exception {
    assertRejected(
        send(request(gateway.baseUrl(), "/ingest/v1/tables", new byte[] {'{', '}'}).build()),
        404,
        "no such endpoint: /ingest/v1/tables");
    HttpResponse<String> get =
        send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/ingest/v1/metadata")).build());
    assertRejected(get, 405, "method GET not allowed");
    assertEquals("POST", get.headers().firstValue("Allow").orElse(null));
  }

  // ------------------------------------------------------------------------ size limit

  /** A valid metadata body whose description holds {@code chars} characters of random base64. */
  static ObjectNode bodyWithDescription(String description) {
    ObjectNode body = Goldens.get("metadata_full_table").copy();
    Mutations.obj(body, "/events/0/relational_asset/metadata").put("description", description);
    return body;
  }

  static String randomText(int chars) {
    byte[] bytes = new byte[chars * 3 / 4];
    new Random(42).nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void oversizedCompressedBodyIs413() throws Exception {
    byte[] body = json(bodyWithDescription(randomText(1_600_000)));
    assertTrue(gzip(body).length > 1_000_000, "test body must not compress under 1 MB");
    assertRejected(
        send(request(gateway.baseUrl(), "/ingest/v1/metadata", body).build()),
        413,
        "the gzip-compressed body is ");
    assertRejected(
        send(
            request(gateway.baseUrl(), "/ingest/v1/metadata", gzip(body))
                .header("Content-Encoding", "gzip")
                .build()),
        413,
        "the gzip-compressed body is ");
    assertEquals(List.of(), gateway.received());
  }

  @Test
  void largeButCompressibleBodyIsAccepted() throws Exception {
    byte[] body = json(bodyWithDescription("abc ".repeat(750_000)));
    assertTrue(body.length > 2_000_000);
    assertAccepted(send(request(gateway.baseUrl(), "/ingest/v1/metadata", body).build()));
    assertTrue(gateway.received().get(0).compressedBytes() < 100_000);
  }

  // ------------------------------------------------------------------------ faults

  @Test
  void failNextThenSucceed() throws Exception {
    gateway.failNext(2, 503, null, "1");
    assertEquals(2, gateway.pendingFaults().size());
    HttpResponse<String> first = post(metadata());
    assertRejected(first, 503, "injected fault: HTTP 503");
    assertEquals("1", first.headers().firstValue("Retry-After").orElse(null));
    assertEquals(503, post(metadata()).statusCode());
    assertAccepted(post(metadata()));
    assertEquals(1, gateway.received().size(), "faulted requests are not recorded");
    assertEquals(2, gateway.faultedCount());
    assertEquals(List.of(), gateway.pendingFaults());
  }

  @Test
  void failWithCustomBody() throws Exception {
    gateway.failNext(1, 429, "slow down", null);
    HttpResponse<String> response = post(metadata());
    assertEquals(429, response.statusCode());
    assertEquals("slow down", response.body());
    assertTrue(response.headers().firstValue("Retry-After").isEmpty());
  }

  @Test
  void faultsAreConsumedInOrderEvenForInvalidBodies() throws Exception {
    gateway.failNext(1, 500).failNext(1, 502);
    Goldens.Golden invalid = Mutations.all().get(0).mutated();
    assertEquals(500, post(invalid).statusCode());
    assertEquals(502, post(metadata()).statusCode());
    assertEquals(400, post(invalid).statusCode());
  }

  @Test
  void delayExceedsTheClientTimeout() throws Exception {
    gateway.delayNext(1, Duration.ofSeconds(5));
    HttpRequest request =
        request(gateway.baseUrl(), "/ingest/v1/metadata", json(metadata().body()))
            .timeout(Duration.ofMillis(300))
            .build();
    assertThrows(HttpTimeoutException.class, () -> send(request));
    assertAccepted(post(metadata()));
    assertEquals(1, gateway.received().size());
    assertEquals(1, gateway.faultedCount());
  }

  @Test
  void delayedRequestIsAnsweredWhenTheClientWaits() throws Exception {
    gateway.delayNext(1, 50);
    assertAccepted(post(metadata()));
    assertEquals(List.of(), gateway.received(), "a delayed request is faulted: not recorded");
  }

  @Test
  void noInvocationIdAcceptsAndRecordsButLeavesTheIdOut() throws Exception {
    HttpResponse<String> admin =
        send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + LocalGateway.FAULTS_PATH))
                .POST(HttpRequest.BodyPublishers.ofString("{\"no_invocation_id\": {\"count\": 1}}"))
                .build());
    assertEquals(200, admin.statusCode(), admin.body());

    HttpResponse<String> accepted = post(metadata());
    assertEquals(202, accepted.statusCode());
    assertEquals("{}", accepted.body());
    assertEquals(1, gateway.received().size(), "the data was accepted");
    assertEquals(1, gateway.faultedCount());
    assertAccepted(post(metadata()));

    // An invalid body is still refused: the fault only changes the answer of an acceptance.
    gateway.acceptWithoutInvocationIdNext(1);
    ObjectNode invalid = metadata().copy();
    invalid.put("version", 2);
    assertEquals(400, send(request(gateway.baseUrl(), "/ingest/v1/metadata", json(invalid)).build()).statusCode());
    assertEquals(2, gateway.received().size());
  }

  @Test
  void dropClosesTheConnectionWithoutAResponse() throws Exception {
    gateway.dropNext(1);
    assertThrows(IOException.class, () -> post(metadata()));
    assertAccepted(post(metadata()));
    assertEquals(1, gateway.received().size());
    assertEquals(1, gateway.faultedCount());
  }

  @Test
  void rejectAfterAcceptingK() throws Exception {
    gateway.rejectAfter(2, 429, null, "30");
    assertAccepted(post(metadata()));
    assertAccepted(post(metadata()));
    HttpResponse<String> third = post(metadata());
    assertRejected(third, 429, "injected fault: HTTP 429");
    assertEquals("30", third.headers().firstValue("Retry-After").orElse(null));
    assertEquals(429, post(metadata()).statusCode());
    assertEquals(2, gateway.received().size());
    gateway.clearFaults();
    assertAccepted(post(metadata()));
  }

  @Test
  void adminEndpointInjectsFaults() throws Exception {
    String faults =
        "{\"fail\": {\"count\": 1, \"status\": 500, \"retry_after\": 2},"
            + " \"drop\": {},"
            + " \"reject_after\": {\"accepted\": 1, \"status\": 403, \"body\": \"no\"}}";
    HttpResponse<String> set = admin("POST", faults);
    assertEquals(200, set.statusCode(), set.body());
    JsonNode state = parse(set);
    assertEquals(2, state.get("pending").size());
    assertEquals("fail", state.at("/pending/0/kind").asText());
    assertEquals("2", state.at("/pending/0/retry_after").asText());
    assertEquals("drop", state.at("/pending/1/kind").asText());
    assertEquals(1, state.at("/reject_after/remaining_accepted").asInt());

    assertEquals(500, post(metadata()).statusCode());
    assertThrows(IOException.class, () -> post(metadata()));
    assertAccepted(post(metadata()));
    HttpResponse<String> rejected = post(metadata());
    assertEquals(403, rejected.statusCode());
    assertEquals("no", rejected.body());

    HttpResponse<String> get = admin("GET", null);
    assertEquals(3, parse(get).get("faulted").asInt());
    assertEquals(1, parse(get).get("accepted").asInt());
    assertEquals(200, admin("DELETE", null).statusCode());
    assertAccepted(post(metadata()));

    assertRejected(admin("POST", "{\"explode\": {}}"), 400, "explode: unknown key");
    assertRejected(admin("POST", "{\"fail\": {\"count\": 1}}"), 400, "fail.status: required");
    assertRejected(admin("POST", "{\"delay\": {\"millis\": -5}}"), 400, "delay.millis");
    assertEquals(List.of(), gateway.pendingFaults(), "a bad admin request changes nothing");
    assertEquals(200, admin("POST", "{\"delay\": {\"count\": 2, \"millis\": 10}}").statusCode());
    assertEquals(2, gateway.pendingFaults().size());
    assertEquals(200, admin("POST", "{\"clear\": true}").statusCode());
    assertEquals(List.of(), gateway.pendingFaults());
  }

  private HttpResponse<String> admin(String method, String body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    return send(
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + LocalGateway.FAULTS_PATH))
            .method(method, publisher)
            .header("Content-Type", "application/json")
            .build());
  }

  // ------------------------------------------------------------------------ recording

  @Test
  void recordWritesEachAcceptedBodyWithoutTheToken(@TempDir Path dir) throws Exception {
    Path records = dir.resolve("records");
    List<String> ids = new ArrayList<>();
    List<RequestLog> logs = new ArrayList<>();
    try (LocalGateway recording =
        new LocalGateway().recordTo(records).onRequest(logs::add).start(0)) {
      for (String name : List.of("metadata_full_table", "lineage_table_level", "querylogs_basic_utc")) {
        Goldens.Golden golden = Goldens.get(name);
        ids.add(
            assertAccepted(
                send(request(recording.baseUrl(), golden.path(), json(golden.body())).build())));
      }
      Goldens.Golden invalid = Mutations.all().get(0).mutated();
      assertEquals(
          400,
          send(request(recording.baseUrl(), invalid.path(), json(invalid.body())).build())
              .statusCode());
    }
    List<String> names;
    try (Stream<Path> files = Files.list(records)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(
        List.of(
            "000001-metadata-" + ids.get(0) + ".json",
            "000002-lineage-" + ids.get(1) + ".json",
            "000003-query_logs-" + ids.get(2) + ".json"),
        names);
    for (String name : names) {
      String text = Files.readString(records.resolve(name));
      assertFalse(text.contains(TOKEN), name + " contains the token");
    }
    assertEquals(
        Goldens.get("lineage_table_level").body(),
        Goldens.MAPPER.readTree(records.resolve(names.get(1)).toFile()));
    assertEquals(4, logs.size());
    assertEquals(
        "POST /ingest/v1/metadata events=1 -> 202 invocation_id=" + ids.get(0),
        logs.get(0).line());
    assertTrue(logs.get(3).line().startsWith("POST /ingest/v1/metadata events=1 -> 400 (events[0]"));
    assertFalse(logs.toString().contains(TOKEN));
  }

  @Test
  void lifecycle() throws Exception {
    assertTrue(gateway.port() > 0);
    assertEquals("http://127.0.0.1:" + gateway.port(), gateway.baseUrl());
    assertThrows(IllegalStateException.class, () -> gateway.start(0));
    gateway.close();
    gateway.close();
    assertThrows(IllegalStateException.class, gateway::port);
  }
}
