package io.pushgen.generator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A local stand-in for the AWS Glue and Athena endpoints, for the real AWS SDK clients pointed at it
 * (endpoint override). Both services speak the AWS JSON 1.1 protocol: a POST to {@code /} whose
 * {@code X-Amz-Target} header names the operation ({@code AWSGlue.GetTables}, {@code
 * AmazonAthena.ListQueryExecutions}) and whose JSON body holds its parameters; answers are JSON
 * laid out as the API references document them (member names in PascalCase, times as seconds since
 * the epoch), errors HTTP 400 with {@code {"__type": "<code>", "message": ...}}.
 *
 * <p>Serves a Glue catalog (databases and tables, paged by {@code MaxResults}/{@code NextToken})
 * and an Athena workgroup's history (ids newest first, paged; executions by batch), records every
 * request with its target, body and {@code Authorization} header, and answers the next calls of an
 * operation with an error when told to ({@link #failNext}), e.g. a throttling error the SDK's retry
 * policy retries.
 */
final class FakeAws implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  record Request(String target, JsonNode body, String authorization) {}

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Function<JsonNode, JsonNode>> handlers = new HashMap<>();
  private final Map<String, Deque<String>> failures = new HashMap<>();
  private final Map<String, List<ObjectNode>> glueTables = new LinkedHashMap<>();
  private final List<ObjectNode> executions = new ArrayList<>();
  private final List<String> unprocessed = new ArrayList<>();

  FakeAws() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    handlers.put("AWSGlue.GetDatabases", this::getDatabases);
    handlers.put("AWSGlue.GetTables", this::getTables);
    handlers.put("AmazonAthena.ListQueryExecutions", this::listQueryExecutions);
    handlers.put("AmazonAthena.BatchGetQueryExecution", this::batchGetQueryExecution);
    handlers.put(
        "AmazonAthena.GetWorkGroup",
        body -> object().set("WorkGroup", object().put("Name", body.path("WorkGroup").asText()).put("State", "ENABLED")));
    server.start();
  }

  /** The base URL to pass as the endpoint override. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Adds a Glue database with its tables, in the order GetTables lists them. */
  FakeAws database(String name, List<ObjectNode> tables) {
    glueTables.put(name, new ArrayList<>(tables));
    return this;
  }

  /** Adds a query execution to the workgroup's history; add the newest first. */
  FakeAws execution(ObjectNode execution) {
    executions.add(execution);
    return this;
  }

  /** Lists an id whose execution BatchGetQueryExecution answers as unprocessed. */
  FakeAws unprocessed(String id) {
    unprocessed.add(id);
    return this;
  }

  /** Answers the next call of {@code target} with the AWS error {@code code} (HTTP 400). */
  synchronized FakeAws failNext(String target, String code, String message) {
    failures.computeIfAbsent(target, k -> new ArrayDeque<>()).add(code + "\n" + message);
    return this;
  }

  /** Every request received, in order. */
  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests of one operation. */
  synchronized List<Request> requests(String target) {
    return requests.stream().filter(r -> r.target().equals(target)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      String failure;
      synchronized (this) {
        requests.add(new Request(target, body, exchange.getRequestHeaders().getFirst("Authorization")));
        Deque<String> queued = failures.get(target);
        failure = queued == null ? null : queued.poll();
      }
      Function<JsonNode, JsonNode> handler = handlers.get(target);
      int status;
      JsonNode answer;
      if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
        status = 404;
        answer = object().put("__type", "UnknownOperationException");
      } else if (failure != null) {
        status = 400;
        String[] parts = failure.split("\n", 2);
        answer = object().put("__type", parts[0]).put("message", parts[1]);
      } else if (handler == null) {
        status = 400;
        answer = object().put("__type", "UnknownOperationException").put("message", String.valueOf(target));
      } else {
        status = 200;
        answer = handler.apply(body);
      }
      byte[] bytes = JSON.writeValueAsBytes(answer);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      exchange.getResponseHeaders().set("x-amzn-RequestId", "req-" + requests.size());
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private JsonNode getDatabases(JsonNode body) {
    List<ObjectNode> databases = new ArrayList<>();
    for (String name : glueTables.keySet()) {
      databases.add(object().put("Name", name).put("CatalogId", "123456789012").put("CreateTime", 1.7e9));
    }
    return page(body, databases, 100, "DatabaseList");
  }

  private JsonNode getTables(JsonNode body) {
    return page(body, glueTables.getOrDefault(body.path("DatabaseName").asText(), List.of()), 100, "TableList");
  }

  private JsonNode listQueryExecutions(JsonNode body) {
    List<ObjectNode> ids = new ArrayList<>();
    for (ObjectNode execution : executions) {
      ids.add(object().put("Id", execution.get("QueryExecutionId").asText()));
    }
    for (String id : unprocessed) {
      ids.add(0, object().put("Id", id));
    }
    ObjectNode page = page(body, ids, 50, "QueryExecutionIds");
    ArrayNode plain = JSON.createArrayNode();
    page.get("QueryExecutionIds").forEach(id -> plain.add(id.get("Id").asText()));
    page.set("QueryExecutionIds", plain);
    return page;
  }

  private JsonNode batchGetQueryExecution(JsonNode body) {
    ArrayNode found = JSON.createArrayNode();
    ArrayNode missing = JSON.createArrayNode();
    for (JsonNode id : body.path("QueryExecutionIds")) {
      if (unprocessed.contains(id.asText())) {
        missing.add(
            object()
                .put("QueryExecutionId", id.asText())
                .put("ErrorCode", "InvalidRequestException")
                .put("ErrorMessage", "QueryExecution " + id.asText() + " was not found"));
        continue;
      }
      executions.stream()
          .filter(e -> e.get("QueryExecutionId").asText().equals(id.asText()))
          .findFirst()
          .ifPresent(found::add);
    }
    ObjectNode answer = object();
    answer.set("QueryExecutions", found);
    answer.set("UnprocessedQueryExecutionIds", missing);
    return answer;
  }

  /** One page of {@code items}: {@code MaxResults} (else {@code max}) from the {@code NextToken} offset. */
  private static ObjectNode page(JsonNode body, List<ObjectNode> items, int max, String key) {
    int size = body.has("MaxResults") ? body.get("MaxResults").asInt() : max;
    int from = body.has("NextToken") ? Integer.parseInt(body.get("NextToken").asText().substring(4)) : 0;
    int to = Math.min(items.size(), from + size);
    ObjectNode answer = object();
    ArrayNode list = answer.putArray(key);
    items.subList(from, to).forEach(list::add);
    if (to < items.size()) {
      answer.put("NextToken", "tok-" + to);
    }
    return answer;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** A JSON value from text (for documents written out in tests). */
  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
