package io.pushgen.gateway;

import static io.pushgen.gateway.Exchanges.readAtMost;
import static io.pushgen.gateway.Exchanges.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local gateway's {@code POST /graphql}: answers the operations of the GraphQL contract
 * ({@code spec/graphql-api.md}) that pushgen's verification and management programs send, from
 * what the gateway has accepted ({@link GraphQlStore}). Operations are recognised by the root
 * field of the document and take their arguments from the variables (and from literal arguments
 * such as {@code hops: 1}). Answers always have HTTP 200; problems are GraphQL {@code errors}.
 *
 * <p>Test hooks: {@link #removeTable}, {@link #failNext}, {@link #expectKey}; the same at {@code
 * POST /_gateway/graphql} with {@code {"remove_table": "db:schema.table", "fail_next": {"count":
 * 1, "message": "...", "code": "REQUEST_TIMEOUT"}}} ({@code code} optional). Thread-safe.
 */
public final class GraphQlGateway {
  /** The GraphQL path. */
  public static final String PATH = "/graphql";

  /** The admin path for the GraphQL test hooks. */
  public static final String ADMIN_PATH = "/_gateway/graphql";

  /** Custom lineage without an {@code expireAt} expires after this long, as in Monte Carlo. */
  static final Duration DEFAULT_CUSTOM_TTL = Duration.ofDays(7);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    // The JDK's HTTP server otherwise answers small requests with Nagle's algorithm on, which
    // costs a delayed ACK (~40 ms) per call: thousands of GraphQL calls (resolving 2,500 tables)
    // would take minutes. Read once, when the first server is created; an explicit setting wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final LocalGateway gateway;
  private final Object lock = new Object();
  private final GraphQlStore store = new GraphQlStore();
  private final Deque<Failure> failures = new ArrayDeque<>();
  private final List<GraphQlCall> calls = new ArrayList<>();
  private String expectedId;
  private byte[] expectedToken;

  GraphQlGateway(LocalGateway gateway) {
    this.gateway = gateway;
  }

  // ------------------------------------------------------------------------------ hooks

  /** Only accept this GraphQL API key (mismatch: 401). */
  public GraphQlGateway expectKey(String id, String token) {
    synchronized (lock) {
      this.expectedId = Objects.requireNonNull(id, "id");
      this.expectedToken = Objects.requireNonNull(token, "token").getBytes(StandardCharsets.UTF_8);
    }
    return this;
  }

  /** An injected error: its message and, unless null, its {@code extensions.code}. */
  private record Failure(String message, String code) {}

  /** The next {@code count} GraphQL calls answer {@code errors: [{"message": message}]}. */
  public GraphQlGateway failNext(int count, String message) {
    return failNext(count, message, null);
  }

  /**
   * The next {@code count} GraphQL calls answer {@code errors: [{"message": message, "extensions":
   * {"code": code}}]}, e.g. with Monte Carlo's {@code REQUEST_TIMEOUT}, which clients retry.
   */
  public GraphQlGateway failNext(int count, String message, String code) {
    Objects.requireNonNull(message, "message");
    synchronized (lock) {
      for (int i = 0; i < count; i++) {
        failures.addLast(new Failure(message, code));
      }
    }
    return this;
  }

  /**
   * Forgets a table as if it had never been pushed (or was deleted), with its lineage.
   *
   * @return whether a table with that fullTableId (case ignored, any resource) was known
   */
  public boolean removeTable(String fullTableId) {
    synchronized (lock) {
      store.catchUp(gateway.received());
      boolean removed = false;
      for (GraphQlStore.Table table : List.copyOf(store.tables.values())) {
        if (table.fullTableId().equalsIgnoreCase(fullTableId)) {
          store.removeTable(table.mcon);
          removed = true;
        }
      }
      return removed;
    }
  }

  /** The fake MCON the gateway gives a table. */
  public static String tableMcon(String resourceUuid, String fullTableId) {
    return GraphQlStore.mcon(resourceUuid, "table", fullTableId);
  }

  /** Every GraphQL call answered, oldest first. */
  public List<GraphQlCall> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  /** The calls of one operation (root field), oldest first. */
  public List<GraphQlCall> calls(String operation) {
    return calls().stream().filter(c -> c.operation().equals(operation)).toList();
  }

  /** How many of the gateway's records the answers are built from, and the last one's id. */
  record TakenIn(int count, String lastInvocationId) {}

  /** Takes in the requests accepted since the last time (for a gateway that lets events go). */
  TakenIn catchUp() {
    synchronized (lock) {
      store.catchUp(gateway.received());
      return store.takenIn();
    }
  }

  /** The fullTableIds of the tables the gateway knows, sorted. */
  public List<String> tables() {
    synchronized (lock) {
      store.catchUp(gateway.received());
      return store.tables.values().stream().map(GraphQlStore.Table::fullTableId).sorted().toList();
    }
  }

  // ------------------------------------------------------------------------------ HTTP

  RequestLog handle(HttpExchange exchange, String method, String path) throws IOException {
    if (path.equals(ADMIN_PATH)) {
      return admin(exchange, method, path);
    }
    if (!method.equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return plainError(exchange, method, path, 405, "method " + method + " not allowed");
    }
    String id = exchange.getRequestHeaders().getFirst(Contract.HEADER_ID);
    String token = exchange.getRequestHeaders().getFirst(Contract.HEADER_TOKEN);
    if (id == null || id.isBlank() || token == null || token.isBlank()) {
      return plainError(
          exchange, method, path, 401, "missing " + Contract.HEADER_ID + "/" + Contract.HEADER_TOKEN + " headers");
    }
    synchronized (lock) {
      if (expectedId != null
          && (!expectedId.equals(id)
              || !MessageDigest.isEqual(expectedToken, token.getBytes(StandardCharsets.UTF_8)))) {
        return plainError(exchange, method, path, 401, "invalid GraphQL API key");
      }
    }
    String telemetry =
        ContractValidator.telemetryProblem(
            exchange.getRequestHeaders().getFirst(Contract.HEADER_TELEMETRY_REASON),
            exchange.getRequestHeaders().getFirst(Contract.HEADER_TELEMETRY_SERVICE));
    if (telemetry != null) {
      return plainError(exchange, method, path, 400, telemetry);
    }
    byte[] bytes = readAtMost(exchange.getRequestBody(), 16 * 1024 * 1024);
    if (bytes == null) {
      return plainError(exchange, method, path, 413, "body too large");
    }
    JsonNode request;
    try {
      request = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      return answer(exchange, method, path, null, NullNode.getInstance(), errors("body is not valid JSON: " + e.getOriginalMessage(), null));
    }
    if (request == null || !request.isObject() || !request.path("query").isTextual()) {
      return answer(exchange, method, path, null, NullNode.getInstance(), errors("expected {\"query\": \"...\", \"variables\": {...}}", null));
    }
    JsonNode variables = request.path("variables");
    if (!variables.isObject()) {
      variables = MAPPER.createObjectNode();
    }
    Operation operation;
    try {
      operation = Operation.parse(request.get("query").textValue(), variables);
    } catch (IllegalArgumentException e) {
      return answer(exchange, method, path, null, NullNode.getInstance(), errors(e.getMessage(), null));
    }
    ArrayNode invalid = validate(operation);
    if (!invalid.isEmpty()) {
      return answer(exchange, method, path, operation.field, variables, new Errors(invalid, false));
    }
    synchronized (lock) {
      Failure failure = failures.pollFirst();
      if (failure != null) {
        Errors errors = errors(failure.message(), operation.field);
        if (failure.code() != null) {
          ((ObjectNode) errors.list().get(0)).putObject("extensions").put("code", failure.code());
        }
        return answer(exchange, method, path, operation.field, variables, errors);
      }
      store.catchUp(gateway.received());
      try {
        JsonNode value = dispatch(operation);
        ObjectNode data = MAPPER.createObjectNode();
        data.set(operation.field, value);
        return answer(exchange, method, path, operation.field, variables, data);
      } catch (IllegalArgumentException e) {
        return answer(exchange, method, path, operation.field, variables, errors(e.getMessage(), operation.field));
      }
    }
  }

  /**
   * A marker for an answer with errors.
   *
   * @param executed whether the operation ran (its answer then has {@code "data": null}); a
   *     document that fails validation never runs, and its answer has no {@code data}
   */
  private record Errors(ArrayNode list, boolean executed) {}

  private static Errors errors(String message, String field) {
    ArrayNode list = MAPPER.createArrayNode();
    ObjectNode error = list.addObject();
    error.put("message", message);
    if (field != null) {
      error.putArray("path").add(field);
    }
    return new Errors(list, true);
  }

  private RequestLog answer(
      HttpExchange exchange, String method, String path, String field, JsonNode variables, Object data)
      throws IOException {
    ObjectNode body = MAPPER.createObjectNode();
    boolean failed = data instanceof Errors;
    if (failed) {
      if (((Errors) data).executed()) {
        body.putNull("data");
      }
      body.set("errors", ((Errors) data).list());
    } else {
      body.set("data", (JsonNode) data);
    }
    synchronized (lock) {
      calls.add(new GraphQlCall(field == null ? "" : field, variables == null ? MAPPER.createObjectNode() : variables.deepCopy(), 200, failed));
    }
    send(exchange, 200, MAPPER.writeValueAsBytes(body));
    String message = failed ? ((Errors) data).list().get(0).path("message").asText() : null;
    return new RequestLog(method, path + (field == null ? "" : " " + field), 200, -1, null, message);
  }

  private RequestLog plainError(HttpExchange exchange, String method, String path, int status, String message)
      throws IOException {
    ObjectNode body = MAPPER.createObjectNode();
    body.putArray("errors").addObject().put("message", message);
    send(exchange, status, MAPPER.writeValueAsBytes(body));
    return new RequestLog(method, path, status, -1, null, message);
  }

  private RequestLog admin(HttpExchange exchange, String method, String path) throws IOException {
    if (method.equals("POST")) {
      byte[] bytes = readAtMost(exchange.getRequestBody(), 1024 * 1024);
      JsonNode request;
      try {
        request = bytes == null ? null : MAPPER.readTree(bytes);
      } catch (JsonProcessingException e) {
        request = null;
      }
      if (request == null || !request.isObject()) {
        return plainError(exchange, method, path, 400, "expected a JSON object");
      }
      for (Map.Entry<String, JsonNode> field : request.properties()) {
        switch (field.getKey()) {
          case "remove_table" -> {
            List<JsonNode> ids = new ArrayList<>();
            if (field.getValue().isArray()) {
              field.getValue().forEach(ids::add);
            } else {
              ids.add(field.getValue());
            }
            for (JsonNode id : ids) {
              if (!removeTable(id.asText())) {
                return plainError(exchange, method, path, 404, "no table " + id.asText());
              }
            }
          }
          case "fail_next" -> failNext(
              field.getValue().path("count").asInt(1),
              field.getValue().path("message").asText("injected GraphQL error"),
              field.getValue().path("code").isTextual() ? field.getValue().path("code").textValue() : null);
          default -> {
            return plainError(
                exchange, method, path, 400, field.getKey() + ": unknown key (expected remove_table or fail_next)");
          }
        }
      }
    } else if (!method.equals("GET")) {
      exchange.getResponseHeaders().set("Allow", "GET, POST");
      return plainError(exchange, method, path, 405, "method " + method + " not allowed");
    }
    ObjectNode state = MAPPER.createObjectNode();
    synchronized (lock) {
      store.catchUp(gateway.received());
      ArrayNode tables = state.putArray("tables");
      store.tables.values().forEach(t -> tables.addObject().put("full_table_id", t.fullTableId()).put("mcon", t.mcon));
      state.put("edges", store.edges.size());
      state.put("custom_nodes", store.customs.size());
      state.put("queries", store.queries.size());
      state.put("pending_failures", failures.size());
      state.put("calls", calls.size());
    }
    send(exchange, 200, MAPPER.writeValueAsBytes(state));
    return new RequestLog(method, path, 200, -1, null, null);
  }

  // ------------------------------------------------------------------------------ validation

  /**
   * Validates a document against the gateway's schema ({@link GraphQlSchema}) as a GraphQL server
   * does before running it: known variable types, each variable defined once and used, known and
   * required arguments, and each variable's declared type allowed where it is used (so a {@code
   * $edgeType: String} passed to an {@code EdgeType} argument fails, whatever its value). A root
   * field the gateway does not serve is left to {@link #dispatch}.
   *
   * @return the errors, each with {@code message}, {@code locations} and {@code extensions.code}
   *     {@code GRAPHQL_VALIDATION_FAILED}; empty when the document is valid
   */
  static ArrayNode validate(Operation op) {
    ArrayNode errors = MAPPER.createArrayNode();
    Operation.Syntax syntax = op.syntax;
    Map<String, Operation.Definition> defined = new LinkedHashMap<>();
    Map<String, GraphQlSchema.TypeRef> declared = new LinkedHashMap<>();
    for (Operation.Definition definition : syntax.definitions()) {
      if (defined.putIfAbsent(definition.name(), definition) != null) {
        validationError(
            errors, syntax, "There can be only one variable named \"$" + definition.name() + "\".",
            defined.get(definition.name()).at(), definition.at());
        continue;
      }
      GraphQlSchema.TypeRef type;
      try {
        type = GraphQlSchema.TypeRef.parse(definition.type());
      } catch (IllegalArgumentException e) {
        validationError(errors, syntax, e.getMessage(), definition.at());
        continue;
      }
      if (!GraphQlSchema.INPUT_TYPES.contains(type.namedType())) {
        validationError(errors, syntax, "Unknown type \"" + type.namedType() + "\".", definition.at());
        continue;
      }
      declared.put(definition.name(), type);
    }
    Map<String, GraphQlSchema.TypeRef> arguments = GraphQlSchema.argumentTypes(op.mutation, op.field);
    if (arguments == null) {
      return errors;
    }
    String parent = (op.mutation ? "Mutation." : "Query.") + op.field;
    Set<String> used = new LinkedHashSet<>(syntax.nestedVariables());
    Set<String> given = new LinkedHashSet<>();
    for (Operation.Argument argument : syntax.arguments()) {
      given.add(argument.name());
      GraphQlSchema.TypeRef expected = arguments.get(argument.name());
      if (expected == null) {
        validationError(
            errors, syntax, "Unknown argument \"" + argument.name() + "\" on field \"" + parent + "\".", argument.at());
        continue;
      }
      if (argument.variable() == null) {
        continue;
      }
      used.add(argument.variable());
      Operation.Definition definition = defined.get(argument.variable());
      if (definition == null) {
        validationError(
            errors,
            syntax,
            "Variable \"$" + argument.variable() + "\" is not defined"
                + (op.name == null ? "." : " by operation \"" + op.name + "\"."),
            argument.valueAt());
        continue;
      }
      GraphQlSchema.TypeRef type = declared.get(argument.variable());
      if (type == null) {
        continue; // its definition is already reported
      }
      // A nullable variable with a default may fill a non-null argument.
      boolean defaultCovers = expected.nonNull() && !type.nonNull() && definition.defaulted();
      if (!defaultCovers && !type.compatibleWith(expected)) {
        validationError(
            errors,
            syntax,
            "Variable \"$" + argument.variable() + "\" of type \"" + type + "\" used in position expecting type \""
                + expected + "\".",
            definition.at(),
            argument.valueAt());
      }
    }
    arguments.forEach(
        (name, type) -> {
          if (type.nonNull() && !given.contains(name)) {
            validationError(
                errors,
                syntax,
                "Field \"" + op.field + "\" argument \"" + name + "\" of type \"" + type
                    + "\" is required, but it was not provided.",
                syntax.fieldAt());
          }
        });
    for (Operation.Definition definition : defined.values()) {
      if (!used.contains(definition.name())) {
        validationError(
            errors,
            syntax,
            "Variable \"$" + definition.name() + "\" is never used"
                + (op.name == null ? "." : " in operation \"" + op.name + "\"."),
            definition.at());
      }
    }
    return errors;
  }

  /** Adds a validation error located at the given offsets of the document. */
  private static void validationError(ArrayNode errors, Operation.Syntax syntax, String message, int... offsets) {
    ObjectNode error = errors.addObject();
    error.put("message", message);
    ArrayNode locations = error.putArray("locations");
    for (int offset : offsets) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < offset && i < syntax.text().length(); i++) {
        if (syntax.text().charAt(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      locations.addObject().put("line", line).put("column", column);
    }
    error.putObject("extensions").put("code", "GRAPHQL_VALIDATION_FAILED");
  }

  // ------------------------------------------------------------------------------ operations

  private JsonNode dispatch(Operation op) {
    return switch (op.field) {
      case "getTable" -> getTable(op);
      case "getMetricsV4" -> getMetrics(op);
      case "getTableLineage" -> getTableLineage(op);
      case "getDerivedTablesPartialLineage" -> getPartialLineage(op);
      case "getAggregatedQueries" -> getAggregatedQueries(op);
      case "createOrUpdateLineageNode" -> createNode(op);
      case "createOrUpdateLineageEdge" -> createEdge(op);
      case "deleteLineageNode" -> deleteNode(op);
      case "deletePushIngestedTables" -> deletePushTables(op);
      default ->
          throw new IllegalArgumentException(
              "Cannot query field \"" + op.field + "\" on type \"" + (op.mutation ? "Mutation" : "Query")
                  + "\" (the local gateway serves pushgen's operations only)");
    };
  }

  private JsonNode getTable(Operation op) {
    GraphQlStore.Table table;
    if (op.has("fullTableId")) {
      String dwId = op.required("dwId");
      table = store.byFullTableId(op.required("fullTableId"), dwId);
    } else if (op.has("mcon")) {
      table = store.tables.get(op.required("mcon"));
    } else {
      throw new IllegalArgumentException("getTable needs fullTableId and dwId, or mcon");
    }
    if (table == null) {
      return NullNode.getInstance();
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("mcon", table.mcon);
    node.put("fullTableId", table.fullTableId());
    node.put("displayName", table.displayName());
    if (op.selection.contains("versions")) {
      ArrayNode edges = node.putObject("versions").putArray("edges");
      if (table.fields != null) {
        ArrayNode fields = edges.addObject().putObject("node").putArray("fields");
        for (String[] field : table.fields) {
          fields.addObject().put("name", field[0]).put("fieldType", field[1]);
        }
      }
    }
    if (op.selection.contains("thresholds")) {
      ObjectNode thresholds = node.putObject("thresholds");
      for (String kind : List.of("freshness", "size")) {
        ObjectNode threshold = thresholds.putObject(kind);
        threshold.putNull("lower");
        threshold.putNull("upper");
        threshold.put("status", "TRAINING");
      }
    }
    return node;
  }

  private JsonNode getMetrics(Operation op) {
    GraphQlStore.Table table = store.tables.get(op.required("mcon"));
    Instant start = op.instant("startTime");
    Instant end = op.instant("endTime");
    ArrayNode points = MAPPER.createArrayNode();
    if (table != null) {
      List<GraphQlStore.Point> series =
          switch (op.required("metricName")) {
            case "total_row_count" -> table.rowCounts;
            case "total_byte_count" -> table.byteCounts;
            case "total_row_count_last_changed_on" -> table.lastChanged;
            default -> throw new IllegalArgumentException("unknown metricName " + op.required("metricName"));
          };
      for (GraphQlStore.Point point : series) {
        if (!point.at().isBefore(start) && !point.at().isAfter(end)) {
          ObjectNode p = points.addObject();
          p.put("value", point.value());
          p.put("measurementTimestamp", point.at().toString());
        }
      }
    }
    ObjectNode answer = MAPPER.createObjectNode();
    try {
      answer.put("metricsJson", MAPPER.writeValueAsString(points));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return answer;
  }

  private JsonNode getTableLineage(Operation op) {
    String mcon = op.required("mcon");
    String direction = op.required("direction");
    boolean upstream;
    if (direction.equalsIgnoreCase("upstream")) {
      upstream = true;
    } else if (direction.equalsIgnoreCase("downstream")) {
      upstream = false;
    } else {
      throw new IllegalArgumentException("direction must be \"upstream\" or \"downstream\"");
    }
    ObjectNode answer = MAPPER.createObjectNode();
    ArrayNode nodes = answer.putArray("connectedNodes");
    ArrayNode flattened = answer.putArray("flattenedEdges");
    if (!store.tables.containsKey(mcon) && !store.customs.containsKey(mcon)) {
      return answer;
    }
    Set<String> connected = new LinkedHashSet<>();
    for (GraphQlStore.Edge edge : store.edges.values()) {
      if (upstream && edge.destination().equals(mcon)) {
        connected.add(edge.source());
      } else if (!upstream && edge.source().equals(mcon)) {
        connected.add(edge.destination());
      }
    }
    nodes.add(nodeJson(mcon));
    connected.forEach(c -> nodes.add(nodeJson(c)));
    ObjectNode edge = flattened.addObject();
    edge.put("mcon", mcon);
    ArrayNode direct = edge.putArray("directlyConnectedMcons");
    connected.forEach(direct::add);
    return answer;
  }

  private ObjectNode nodeJson(String mcon) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("mcon", mcon);
    GraphQlStore.Table table = store.tables.get(mcon);
    GraphQlStore.Custom custom = store.customs.get(mcon);
    if (table != null) {
      node.put("displayName", table.displayName());
      node.put("objectType", table.type.toLowerCase(Locale.ROOT));
    } else if (custom != null) {
      node.put("displayName", custom.name != null ? custom.name : custom.objectId);
      node.put("objectType", custom.objectType);
    }
    return node;
  }

  private JsonNode getPartialLineage(Operation op) {
    String mcon = op.required("mcon");
    String column = op.required("column");
    ObjectNode answer = MAPPER.createObjectNode();
    ArrayNode destinations = answer.putArray("destinations");
    Map<String, Set<String>> targets =
        store.columnEdges.getOrDefault(GraphQlStore.key(mcon, column.toLowerCase(Locale.ROOT)), Map.of());
    for (Map.Entry<String, Set<String>> target : targets.entrySet()) {
      ObjectNode destination = destinations.addObject();
      ObjectNode table = nodeJson(target.getKey());
      table.remove("objectType");
      destination.set("table", table);
      ArrayNode columns = destination.putArray("columns");
      target.getValue().forEach(c -> columns.addObject().put("columnName", c));
    }
    return answer;
  }

  private JsonNode getAggregatedQueries(Operation op) {
    GraphQlStore.Table table = store.tables.get(op.required("mcon"));
    String type = op.required("queryType");
    if (!type.equals("read") && !type.equals("write")) {
      throw new IllegalArgumentException("queryType must be \"read\" or \"write\"");
    }
    Instant start = op.instant("startTime");
    Instant end = op.instant("endTime");
    int first = op.has("first") ? Integer.parseInt(op.text("first")) : 100;
    int offset = 0;
    if (op.has("after")) {
      try {
        offset = Integer.parseInt(op.text("after").replace("cursor:", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("after: not a cursor of this gateway");
      }
    }
    List<Map.Entry<String, long[]>> all =
        table == null ? List.of() : new ArrayList<>(store.aggregated(table, type.equals("write"), start, end).entrySet());
    ObjectNode answer = MAPPER.createObjectNode();
    ArrayNode edges = answer.putArray("edges");
    int last = Math.min(all.size(), offset + Math.max(1, first));
    for (int i = offset; i < last; i++) {
      ObjectNode node = edges.addObject().putObject("node");
      node.put("queryHash", all.get(i).getKey());
      node.put("queryCount", all.get(i).getValue()[0]);
      node.put("lastSeen", Instant.ofEpochMilli(all.get(i).getValue()[1]).toString());
    }
    ObjectNode pageInfo = answer.putObject("pageInfo");
    pageInfo.put("hasNextPage", last < all.size());
    pageInfo.put("endCursor", "cursor:" + last);
    return answer;
  }

  private JsonNode createNode(Operation op) {
    GraphQlStore.Custom node =
        node(op.required("objectType"), op.required("objectId"), op.text("resourceId"), op.text("resourceName"));
    if (op.has("name")) {
      node.name = op.text("name");
    }
    JsonNode properties = op.value("properties");
    if (properties != null && properties.isArray()) {
      for (JsonNode property : properties) {
        node.properties.put(property.path("propertyName").asText(), property.path("propertyValue").asText());
      }
    }
    node.expireAt = expiry(op);
    ObjectNode answer = MAPPER.createObjectNode();
    ObjectNode json = answer.putObject("node");
    json.put("mcon", node.mcon);
    json.put("displayName", node.name != null ? node.name : node.objectId);
    json.put("objectType", node.objectType);
    json.put("isCustom", true);
    json.put("expireAt", node.expireAt);
    return answer;
  }

  private JsonNode createEdge(Operation op) {
    JsonNode source = op.value("source");
    JsonNode destination = op.value("destination");
    if (source == null || !source.isObject() || destination == null || !destination.isObject()) {
      throw new IllegalArgumentException("source and destination (NodeInput!) are required");
    }
    String sourceMcon = nodeInput(source);
    String destinationMcon = nodeInput(destination);
    String expireAt = expiry(op);
    store.edges.put(
        GraphQlStore.key(sourceMcon, destinationMcon),
        new GraphQlStore.Edge(sourceMcon, destinationMcon, true, expireAt));
    ObjectNode answer = MAPPER.createObjectNode();
    ObjectNode edge = answer.putObject("edge");
    edge.set("source", nodeJson(sourceMcon));
    edge.set("destination", nodeJson(destinationMcon));
    edge.put("isCustom", true);
    edge.put("expireAt", expireAt);
    return answer;
  }

  /** The MCON of a NodeInput: a known table, else a custom node (created when new). */
  private String nodeInput(JsonNode input) {
    String type = text(input, "objectType");
    String id = text(input, "objectId");
    if (type == null || id == null) {
      throw new IllegalArgumentException("NodeInput needs objectType and objectId");
    }
    String resource = text(input, "resourceId");
    if ((type.equalsIgnoreCase("table") || type.equalsIgnoreCase("view")) && resource != null) {
      GraphQlStore.Table table = store.byFullTableId(id, resource);
      if (table != null) {
        return table.mcon;
      }
    }
    return node(type, id, resource, text(input, "resourceName")).mcon;
  }

  private GraphQlStore.Custom node(String type, String id, String resourceId, String resourceName) {
    String resource = resourceId != null ? resourceId : resourceName;
    if (resource == null) {
      throw new IllegalArgumentException("resourceId or resourceName is required");
    }
    String kind = type.equalsIgnoreCase("table") || type.equalsIgnoreCase("view") ? "table" : type;
    String mcon = GraphQlStore.mcon(resource, kind, id);
    return store.customs.computeIfAbsent(mcon, k -> new GraphQlStore.Custom(mcon, type, id, resource));
  }

  private static String expiry(Operation op) {
    String value = op.text("expireAt");
    return value != null ? value : Instant.now().plus(DEFAULT_CUSTOM_TTL).toString();
  }

  private JsonNode deleteNode(Operation op) {
    String mcon = op.required("mcon");
    int nodes = 0;
    int edges = 0;
    if (store.customs.remove(mcon) != null) {
      nodes++;
    }
    int tableEdges = store.removeTable(mcon);
    if (tableEdges >= 0) {
      nodes++;
      edges += tableEdges;
    }
    edges += store.removeEdgesOf(mcon);
    ObjectNode answer = MAPPER.createObjectNode();
    answer.put("objectsDeleted", nodes + edges);
    answer.put("nodesDeleted", nodes);
    answer.put("edgesDeleted", edges);
    return answer;
  }

  private JsonNode deletePushTables(Operation op) {
    JsonNode mcons = op.value("mcons");
    if (mcons == null || !mcons.isArray()) {
      throw new IllegalArgumentException("mcons: [String!]! is required");
    }
    if (mcons.size() > 1000) {
      throw new IllegalArgumentException(
          "deletePushIngestedTables accepts at most 1000 mcons per call, got " + mcons.size());
    }
    int deleted = 0;
    for (JsonNode mcon : mcons) {
      if (store.removeTable(mcon.asText()) >= 0) {
        deleted++;
      }
    }
    ObjectNode answer = MAPPER.createObjectNode();
    answer.put("success", true);
    answer.put("deletedCount", deleted);
    return answer;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  // ------------------------------------------------------------------------------ parsing

  /** A parsed document: the root field, its arguments, the text of its selection. */
  static final class Operation {
    private static final Pattern NESTED_VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    final boolean mutation;
    final String name;
    final String field;
    final Map<String, JsonNode> arguments;
    final String selection;
    final Syntax syntax;

    private Operation(
        boolean mutation, String name, String field, Map<String, JsonNode> arguments, String selection, Syntax syntax) {
      this.mutation = mutation;
      this.name = name;
      this.field = field;
      this.arguments = arguments;
      this.selection = selection;
      this.syntax = syntax;
    }

    /** A variable definition {@code $name: Type = default}; {@code at} is its offset. */
    record Definition(String name, String type, boolean defaulted, int at) {}

    /** An argument of the root field; {@code variable} is the {@code $name} it takes, or null. */
    record Argument(String name, String variable, int at, int valueAt) {}

    /**
     * Where things are in the document, for validation: the variable definitions, the root
     * field's arguments, the variables used inside literal lists and objects, and the text
     * (comments blanked, lines and columns kept) to turn offsets into locations.
     */
    record Syntax(
        List<Definition> definitions,
        List<Argument> arguments,
        Set<String> nestedVariables,
        int fieldAt,
        String text) {}

    boolean has(String name) {
      JsonNode value = arguments.get(name);
      return value != null && !value.isNull();
    }

    JsonNode value(String name) {
      return arguments.get(name);
    }

    String text(String name) {
      JsonNode value = arguments.get(name);
      return value == null || value.isNull() ? null : value.asText();
    }

    String required(String name) {
      String value = text(name);
      if (value == null) {
        throw new IllegalArgumentException(field + ": argument \"" + name + "\" is required");
      }
      return value;
    }

    Instant instant(String name) {
      Instant at = GraphQlStore.parse(required(name));
      if (at == null) {
        throw new IllegalArgumentException(field + ": " + name + " is not a DateTime: " + text(name));
      }
      return at;
    }

    /** Parses the first operation of a document; variables fill {@code $name} arguments. */
    static Operation parse(String document, JsonNode variables) {
      String text = stripComments(document);
      int brace = text.indexOf('{');
      if (brace < 0) {
        throw new IllegalArgumentException("Syntax Error: the document has no selection set");
      }
      String head = text.substring(0, brace).strip();
      boolean mutation = head.startsWith("mutation");
      if (!head.isEmpty() && !mutation && !head.startsWith("query")) {
        throw new IllegalArgumentException("Syntax Error: unexpected \"" + head.split("\\s+")[0] + "\"");
      }
      String name = null;
      List<Definition> definitions = new ArrayList<>();
      if (!head.isEmpty()) {
        int h = skipSpace(text, text.indexOf(mutation ? "mutation" : "query") + (mutation ? 8 : 5));
        int nameStart = h;
        h = skipName(text, h);
        name = h > nameStart ? text.substring(nameStart, h) : null;
        h = skipSpace(text, h);
        if (h < brace && text.charAt(h) == '(') {
          int end = matching(text, h, '(', ')');
          parseDefinitions(text, h + 1, end, definitions);
        }
      }
      int i = skipSpace(text, brace + 1);
      int fieldAt = i;
      int start = i;
      i = skipName(text, i);
      String field = text.substring(start, i);
      if (field.isEmpty()) {
        throw new IllegalArgumentException("Syntax Error: expected a field name");
      }
      i = skipSpace(text, i);
      if (i < text.length() && text.charAt(i) == ':') { // an alias
        i = skipSpace(text, i + 1);
        start = i;
        i = skipName(text, i);
        field = text.substring(start, i);
        i = skipSpace(text, i);
      }
      Map<String, JsonNode> arguments = new LinkedHashMap<>();
      List<Argument> argumentSyntax = new ArrayList<>();
      Set<String> nested = new LinkedHashSet<>();
      if (i < text.length() && text.charAt(i) == '(') {
        int end = matching(text, i, '(', ')');
        parseArguments(text.substring(0, end), i + 1, variables, arguments, argumentSyntax, nested);
        i = end + 1;
      }
      return new Operation(
          mutation,
          name,
          field,
          arguments,
          text.substring(i),
          new Syntax(definitions, argumentSyntax, nested, fieldAt, text));
    }

    /** Reads {@code $name: Type = default} definitions between {@code from} and {@code end}. */
    private static void parseDefinitions(String text, int from, int end, List<Definition> out) {
      int i = from;
      while (true) {
        i = skipSpace(text, i);
        while (i < end && text.charAt(i) == ',') {
          i = skipSpace(text, i + 1);
        }
        if (i >= end) {
          return;
        }
        int at = i;
        if (text.charAt(i) != '$') {
          throw new IllegalArgumentException("Syntax Error: expected a variable definition near \"" + text.substring(i, end) + "\"");
        }
        int nameEnd = skipName(text, i + 1);
        String name = text.substring(i + 1, nameEnd);
        i = skipSpace(text, nameEnd);
        if (name.isEmpty() || i >= end || text.charAt(i) != ':') {
          throw new IllegalArgumentException("Syntax Error: expected \":\" and a type after \"$" + name + "\"");
        }
        int typeStart = ++i;
        while (i < end && "=,$".indexOf(text.charAt(i)) < 0) {
          i++;
        }
        String type = text.substring(typeStart, i).strip();
        if (type.isEmpty()) {
          throw new IllegalArgumentException("Syntax Error: variable \"$" + name + "\" has no type");
        }
        boolean defaulted = false;
        if (i < end && text.charAt(i) == '=') {
          i = skipSpace(text, i + 1);
          int valueStart = i;
          char c = i < end ? text.charAt(i) : ' ';
          if (c == '"') {
            i = endOfString(text, i) + 1;
          } else if (c == '[' || c == '{') {
            i = matching(text, i, c, c == '[' ? ']' : '}') + 1;
          } else {
            while (i < end && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != ',' && text.charAt(i) != '$') {
              i++;
            }
          }
          defaulted = !text.substring(valueStart, i).equals("null");
        }
        out.add(new Definition(name, type, defaulted, at));
      }
    }

    /**
     * Reads the root field's arguments from {@code from} to the end of {@code text} (the closing
     * parenthesis cut off); variables fill {@code $name} arguments.
     */
    private static void parseArguments(
        String text,
        int from,
        JsonNode variables,
        Map<String, JsonNode> out,
        List<Argument> syntax,
        Set<String> nested) {
      int i = from;
      while (true) {
        i = skipSpace(text, i);
        while (i < text.length() && text.charAt(i) == ',') {
          i = skipSpace(text, i + 1);
        }
        if (i >= text.length()) {
          return;
        }
        int at = i;
        i = skipName(text, i);
        String name = text.substring(at, i);
        i = skipSpace(text, i);
        if (name.isEmpty() || i >= text.length() || text.charAt(i) != ':') {
          throw new IllegalArgumentException("Syntax Error: bad argument list near \"" + text.substring(at) + "\"");
        }
        i = skipSpace(text, i + 1);
        char c = text.charAt(i);
        int valueAt = i;
        String variable = null;
        JsonNode value;
        if (c == '$') {
          i = skipName(text, i + 1);
          variable = text.substring(valueAt + 1, i);
          value = variables.get(variable);
          if (value == null) {
            value = NullNode.getInstance();
          }
        } else if (c == '"') {
          int end = endOfString(text, i);
          try {
            value = MAPPER.readTree(text.substring(i, end + 1));
          } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Syntax Error: bad string");
          }
          i = end + 1;
        } else if (c == '[' || c == '{') {
          int end = matching(text, i, c, c == '[' ? ']' : '}');
          // Literal lists and objects are not used by pushgen; their variables count as used.
          Matcher inner = NESTED_VARIABLE.matcher(text.substring(i, end));
          while (inner.find()) {
            nested.add(inner.group(1));
          }
          value = NullNode.getInstance();
          i = end + 1;
        } else {
          while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != ',') {
            i++;
          }
          String literal = text.substring(valueAt, i);
          if (literal.equals("null")) {
            value = NullNode.getInstance();
          } else if (literal.equals("true") || literal.equals("false")) {
            value = MAPPER.getNodeFactory().booleanNode(literal.equals("true"));
          } else if (literal.matches("-?\\d+")) {
            value = MAPPER.getNodeFactory().numberNode(Long.parseLong(literal));
          } else {
            value = MAPPER.getNodeFactory().textNode(literal); // an enum value
          }
        }
        syntax.add(new Argument(name, variable, at, valueAt));
        out.put(name, value);
      }
    }

    /** The offset of the closing quote of the string that opens at {@code open}. */
    private static int endOfString(String text, int open) {
      int end = open + 1;
      while (end < text.length() && text.charAt(end) != '"') {
        end += text.charAt(end) == '\\' ? 2 : 1;
      }
      return end;
    }

    private static int skipName(String text, int i) {
      while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
        i++;
      }
      return i;
    }

    private static int matching(String text, int open, char o, char c) {
      int depth = 0;
      boolean quoted = false;
      for (int i = open; i < text.length(); i++) {
        char ch = text.charAt(i);
        if (quoted) {
          if (ch == '\\') {
            i++;
          } else if (ch == '"') {
            quoted = false;
          }
        } else if (ch == '"') {
          quoted = true;
        } else if (ch == o) {
          depth++;
        } else if (ch == c && --depth == 0) {
          return i;
        }
      }
      throw new IllegalArgumentException("Syntax Error: unbalanced '" + o + "'");
    }

    private static int skipSpace(String text, int i) {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      return i;
    }

    private static String stripComments(String text) {
      StringBuilder out = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          out.append(c);
          if (c == '\\' && i + 1 < text.length()) {
            out.append(text.charAt(++i));
          } else if (c == '"') {
            quoted = false;
          }
        } else if (c == '"') {
          quoted = true;
          out.append(c);
        } else if (c == '#') {
          while (i < text.length() && text.charAt(i) != '\n') {
            i++;
          }
          out.append('\n');
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
  }
}
