package io.pushgen.runtime.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.pushgen.gateway.GraphQlCall;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.runtime.graphql.GraphQlClient.GraphQlException;
import io.pushgen.runtime.http.Credentials;
import io.pushgen.runtime.http.HttpSettings;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphQlClientTest {
  private static final String TOKEN = "gql-SECRET-123";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private final Deque<Object[]> replies = new ArrayDeque<>();
  private final List<JsonNode> bodies = new ArrayList<>();
  private final List<String> tokens = new ArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          Object[] reply;
          synchronized (this) {
            bodies.add(JSON.readTree(body));
            tokens.add(exchange.getRequestHeaders().getFirst("x-mcd-token"));
            reply = replies.isEmpty() ? new Object[] {200, "{\"data\":{}}"} : replies.poll();
          }
          byte[] out = ((String) reply[1]).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders((Integer) reply[0], out.length);
          try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private GraphQlClient client() {
    return GraphQlClient.builder(new Credentials("gql-id", TOKEN))
        .endpoint("http://127.0.0.1:" + server.getAddress().getPort())
        .settings(
            HttpSettings.builder().maxAttempts(3).sleeper(sleeps::add).random(() -> 0.5).build())
        .build();
  }

  @Test
  void sendsQueryAndVariablesWithTheGraphQlKeyToSlashGraphql() throws Exception {
    replies.add(new Object[] {200, "{\"data\":{\"getTable\":{\"mcon\":\"M1\",\"fullTableId\":\"db:s.t\",\"displayName\":\"t\"}}}"});
    GraphQlClient client = client();
    assertTrue(client.endpoint().toString().endsWith("/graphql"), client.endpoint().toString());
    MonteCarloApi.Table table = new MonteCarloApi(client).table("db:s.t", "uuid-1");
    assertEquals("M1", table.mcon());
    JsonNode body = bodies.get(0);
    assertEquals(Queries.GET_TABLE_BY_ID, body.get("query").asText());
    assertEquals("db:s.t", body.at("/variables/fullTableId").asText());
    assertEquals("uuid-1", body.at("/variables/dwId").asText());
    assertEquals(TOKEN, tokens.get(0));
  }

  @Test
  void graphQlErrorsInA200AnswerFailWithTheirMessages() {
    replies.add(new Object[] {200, "{\"data\":null,\"errors\":[{\"message\":\"Table not ready\",\"path\":[\"getTable\"]},{\"message\":\"second\"}]}"});
    GraphQlException e =
        assertThrows(GraphQlException.class, () -> client().execute(Queries.GET_TABLE_FIELDS, Map.of("mcon", "x")));
    assertEquals(List.of("Table not ready (at getTable)", "second"), e.errors());
    assertTrue(e.getMessage().contains("Table not ready"), e.getMessage());
    assertTrue(e.getMessage().contains("getTableFields"), e.getMessage());
  }

  @Test
  void serverErrorsAreRetriedWithBackoffLikeThePushTransport() throws Exception {
    replies.add(new Object[] {503, "down"});
    replies.add(new Object[] {429, "slow down"});
    replies.add(new Object[] {200, "{\"data\":{\"deleteLineageNode\":{\"objectsDeleted\":3,\"nodesDeleted\":1,\"edgesDeleted\":2}}}"});
    MonteCarloApi.NodeDeletion deletion = new MonteCarloApi(client()).deleteNode("M");
    assertEquals(2, deletion.edgesDeleted());
    assertEquals(3, bodies.size());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), sleeps);
  }

  @Test
  void aRequestTimeoutInA200AnswerIsRetriedAsTheSdkDoes() throws Exception {
    String timeout =
        "{\"data\":null,\"errors\":[{\"message\":\"Request timed out\",\"extensions\":{\"code\":\"REQUEST_TIMEOUT\"}}]}";
    replies.add(new Object[] {200, timeout});
    replies.add(new Object[] {200, "{\"errors\":[{\"message\":\"Request timed out\",\"code\":\"REQUEST_TIMEOUT\"}]}"});
    replies.add(new Object[] {200, "{\"data\":{\"deleteLineageNode\":{\"objectsDeleted\":1,\"nodesDeleted\":1,\"edgesDeleted\":0}}}"});
    List<String> retried = new ArrayList<>();
    GraphQlClient client =
        GraphQlClient.builder(new Credentials("gql-id", TOKEN))
            .endpoint("http://127.0.0.1:" + server.getAddress().getPort())
            .settings(HttpSettings.builder().maxAttempts(3).sleeper(sleeps::add).random(() -> 0.5).build())
            .onRetry((attempt, reason, delay) -> retried.add(attempt + ": " + reason))
            .build();

    assertEquals(1, new MonteCarloApi(client).deleteNode("M").nodesDeleted());
    assertEquals(3, bodies.size());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), sleeps);
    assertTrue(retried.get(0).startsWith("1: GraphQL REQUEST_TIMEOUT from POST "), retried.toString());
    assertTrue(retried.get(0).endsWith(": Request timed out"), retried.toString());

    // Bounded by the retry policy: the last timeout fails with its message.
    bodies.clear();
    for (int i = 0; i < 3; i++) {
      replies.add(new Object[] {200, timeout});
    }
    GraphQlException e =
        assertThrows(GraphQlException.class, () -> client().execute(Queries.GET_TABLE_FIELDS, Map.of("mcon", "x")));
    assertEquals(3, bodies.size());
    assertTrue(e.getMessage().startsWith("gave up after 3 attempts: GraphQL REQUEST_TIMEOUT"), e.getMessage());
    assertTrue(e.getMessage().contains("Request timed out"), e.getMessage());

    // Other error codes are answers, not retried.
    bodies.clear();
    replies.add(new Object[] {200, "{\"errors\":[{\"message\":\"nope\",\"extensions\":{\"code\":\"FORBIDDEN\"}}]}"});
    assertThrows(GraphQlException.class, () -> client().execute(Queries.GET_TABLE_FIELDS, Map.of("mcon", "x")));
    assertEquals(1, bodies.size());
  }

  @Test
  void theEdgeDocumentPassesTheValidationOfTheLocalGateway() throws Exception {
    // A GraphQL server validates the whole document first: $edgeType must be declared as the
    // argument's enum type EdgeType, whether or not an edge type is passed.
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      MonteCarloApi api = new MonteCarloApi(gatewayClient(gateway, new ArrayList<>()));
      MonteCarloApi.NodeRef job = new MonteCarloApi.NodeRef("job", "load", "airflow");
      MonteCarloApi.NodeRef report = new MonteCarloApi.NodeRef("report", "sales", "looker");
      assertTrue(api.createOrUpdateEdge(job, report, Queries.PERMANENT, null).path("isCustom").asBoolean());
      assertTrue(api.createOrUpdateEdge(job, report, Queries.PERMANENT, "IS_DOWNSTREAM").path("isCustom").asBoolean());
      assertEquals(
          List.of(false, false),
          gateway.graphql().calls("createOrUpdateLineageEdge").stream().map(GraphQlCall::errors).toList());
    }
  }

  @Test
  void aRequestTimeoutOfTheLocalGatewayIsRetried() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      gateway.graphql().failNext(2, "timed out", GraphQlClient.REQUEST_TIMEOUT);

      assertEquals(null, new MonteCarloApi(gatewayClient(gateway, sleeps)).fields("MCON++unknown"));

      assertEquals(
          List.of(true, true, false),
          gateway.graphql().calls().stream().map(GraphQlCall::errors).toList());
      assertEquals(2, sleeps.size());
    }
  }

  private static GraphQlClient gatewayClient(LocalGateway gateway, List<Duration> sleeps) {
    return GraphQlClient.builder(new Credentials("gql-id", TOKEN))
        .endpoint(gateway.baseUrl())
        .settings(HttpSettings.builder().maxAttempts(3).sleeper(sleeps::add).build())
        .build();
  }

  @Test
  void otherStatusesFailAtOnceWithAHintAndNeverShowTheToken() {
    replies.add(new Object[] {401, "{\"errors\":[{\"message\":\"bad key " + TOKEN + "\"}]}"});
    GraphQlException e =
        assertThrows(GraphQlException.class, () -> client().execute(Queries.GET_TABLE_FIELDS, Map.of("mcon", "x")));
    assertEquals(401, e.status());
    assertEquals(1, bodies.size());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertTrue(e.getMessage().contains("MCD_ID/MCD_TOKEN"), e.getMessage());
  }

  @Test
  void anAnswerThatIsNotGraphQlIsAFailure() {
    replies.add(new Object[] {200, "<html>proxy</html>"});
    GraphQlException e =
        assertThrows(GraphQlException.class, () -> client().execute(Queries.GET_TABLE_FIELDS, Map.of()));
    assertTrue(e.getMessage().contains("not a GraphQL answer"), e.getMessage());
  }

  @Test
  void metricsJsonIsAStringToParse() throws Exception {
    replies.add(new Object[] {200, "{\"data\":{\"getMetricsV4\":{\"metricsJson\":\"[{\\\"value\\\":42,\\\"measurementTimestamp\\\":\\\"2026-01-01T00:00:00Z\\\"}]\"}}}"});
    List<MonteCarloApi.MetricPoint> points =
        new MonteCarloApi(client()).metrics("M", "total_row_count", java.time.Instant.EPOCH, java.time.Instant.now());
    assertEquals(1, points.size());
    assertEquals(42.0, points.get(0).value());
  }

  @Test
  void aggregatedQueriesFollowThePages() throws Exception {
    replies.add(new Object[] {200, "{\"data\":{\"getAggregatedQueries\":{\"edges\":[{\"node\":{\"queryHash\":\"a\",\"queryCount\":2,\"lastSeen\":\"x\"}}],\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c1\"}}}}"});
    replies.add(new Object[] {200, "{\"data\":{\"getAggregatedQueries\":{\"edges\":[{\"node\":{\"queryHash\":\"b\",\"queryCount\":1,\"lastSeen\":\"y\"}}],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"c2\"}}}}"});
    List<MonteCarloApi.AggregatedQuery> queries =
        new MonteCarloApi(client()).aggregatedQueries("M", "read", java.time.Instant.EPOCH, java.time.Instant.now());
    assertEquals(2, queries.size());
    assertTrue(bodies.get(0).at("/variables/after").isNull());
    assertEquals("c1", bodies.get(1).at("/variables/after").asText());
  }

  @Test
  void endpointResolution() {
    assertEquals("http://h:1/graphql", GraphQlClient.resolveEndpoint("http://h:1"));
    assertEquals("http://h:1/graphql", GraphQlClient.resolveEndpoint("http://h:1/"));
    assertEquals("https://x/api/graphql", GraphQlClient.resolveEndpoint("https://x/api/graphql"));
    assertThrows(
        IllegalArgumentException.class,
        () -> GraphQlClient.builder(new Credentials("a", "b")).endpoint("ftp://x").build());
  }

  @Test
  void deletesRefuseMoreThanAThousandMcons() {
    List<String> mcons = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      mcons.add("m" + i);
    }
    assertThrows(IllegalArgumentException.class, () -> new MonteCarloApi(client()).deletePushIngestedTables(mcons));
    assertEquals(0, bodies.size());
  }

  @Test
  void expiryDefaultsToPermanentAndTtlIsExplicit() throws Exception {
    java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-03-01T10:00:00Z"), java.time.ZoneOffset.UTC);
    assertEquals("9999-12-31", Expiry.resolve(null, null, clock));
    assertEquals("2026-03-04T10:00:00Z", Expiry.resolve(null, 3, clock));
    assertEquals("2027-01-01", Expiry.resolve("2027-01-01", null, clock));
    assertThrows(io.pushgen.runtime.cli.UsageException.class, () -> Expiry.resolve("2020-01-01", null, clock));
    assertThrows(io.pushgen.runtime.cli.UsageException.class, () -> Expiry.resolve("2027-01-01", 3, clock));
  }
}
