// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.postgres.runtime.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.postgres.runtime.graphql.GraphQlClient.GraphQlException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The contract's operations as typed calls over a {@link GraphQlClient}. */
public final class MonteCarloApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GraphQlClient client;

  public MonteCarloApi(GraphQlClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  public GraphQlClient client() {
    return client;
  }

  /** Ends the client's threads, so that the program exits at once. */
  @Override
  public void close() {
    client.close();
  }

  /** {@code <database>:<schema>.<table>}. */
  public static String fullTableId(String database, String schema, String table) {
    return database + ":" + schema + "." + table;
  }

  /** A resolved table. */
  public record Table(String mcon, String fullTableId, String displayName) {}

  /** A field of a table's latest version. */
  public record Field(String name, String fieldType) {}

  /** One metric point. */
  public record MetricPoint(Double value, String measurementTimestamp) {}

  /** One node of a lineage answer. */
  public record Node(String mcon, String displayName, String objectType) {}

  /** The answer of one lineage hop: the connected nodes and every directly connected MCON. */
  public record Lineage(List<Node> connectedNodes, Set<String> directlyConnectedMcons) {
    /** The MCONs connected to {@code self} (the queried node left out). */
    public Set<String> connected(String self) {
      Set<String> all = new LinkedHashSet<>(directlyConnectedMcons);
      for (Node node : connectedNodes) {
        all.add(node.mcon());
      }
      all.remove(self);
      return all;
    }
  }

  /** A destination of a source column. */
  public record ColumnDestination(String tableMcon, String tableDisplayName, List<String> columns) {}

  /** One aggregated query. */
  public record AggregatedQuery(String queryHash, long queryCount, String lastSeen) {}

  /** {@code deleteLineageNode}'s counts. */
  public record NodeDeletion(long objectsDeleted, long nodesDeleted, long edgesDeleted) {}

  /** {@code deletePushIngestedTables}'s answer. */
  public record TableDeletion(boolean success, long deletedCount) {}

  /**
   * Resolves a table.
   *
   * @return the table, or null when Monte Carlo does not know it
   */
  public Table table(String fullTableId, String dwId) throws GraphQlException {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("fullTableId", fullTableId);
    variables.put("dwId", dwId);
    JsonNode table = client.execute(Queries.GET_TABLE_BY_ID, variables).get("getTable");
    if (table == null || table.isNull() || text(table, "mcon") == null) {
      return null;
    }
    return new Table(text(table, "mcon"), text(table, "fullTableId"), text(table, "displayName"));
  }

  /**
   * The fields of a table's latest version (the first version edge).
   *
   * @return the fields, or null when the table or its versions are unknown
   */
  public List<Field> fields(String mcon) throws GraphQlException {
    JsonNode table = client.execute(Queries.GET_TABLE_FIELDS, Map.of("mcon", mcon)).get("getTable");
    if (table == null || table.isNull()) {
      return null;
    }
    JsonNode edges = table.path("versions").path("edges");
    if (!edges.isArray() || edges.size() == 0) {
      return null;
    }
    List<Field> fields = new ArrayList<>();
    for (JsonNode field : edges.get(0).path("node").path("fields")) {
      fields.add(new Field(text(field, "name"), text(field, "fieldType")));
    }
    return fields;
  }

  /** The thresholds of a table's detectors, as answered (null when unknown). */
  public JsonNode thresholds(String mcon) throws GraphQlException {
    JsonNode table =
        client.execute(Queries.GET_TABLE_THRESHOLDS, Map.of("mcon", mcon)).get("getTable");
    return table == null || table.isNull() ? null : table.get("thresholds");
  }

  /**
   * The points of one metric between two instants, oldest first as answered.
   *
   * @param metricName {@code total_row_count}, {@code total_byte_count} or {@code
   *     total_row_count_last_changed_on}
   */
  public List<MetricPoint> metrics(String mcon, String metricName, Instant start, Instant end)
      throws GraphQlException {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("mcon", mcon);
    variables.put("metricName", metricName);
    variables.put("startTime", start.toString());
    variables.put("endTime", end.toString());
    JsonNode answer = client.execute(Queries.GET_METRICS, variables).get("getMetricsV4");
    List<MetricPoint> points = new ArrayList<>();
    if (answer == null || answer.isNull()) {
      return points;
    }
    JsonNode metricsJson = answer.get("metricsJson");
    if (metricsJson == null || metricsJson.isNull()) {
      return points;
    }
    JsonNode parsed;
    try {
      parsed = metricsJson.isTextual() ? JSON.readTree(metricsJson.textValue()) : metricsJson;
    } catch (JsonProcessingException e) {
      throw new GraphQlException(
          "getMetricsV4 answered a metricsJson that is not JSON: " + e.getOriginalMessage(),
          200,
          List.of());
    }
    collectPoints(parsed, points);
    return points;
  }

  private static void collectPoints(JsonNode node, List<MetricPoint> points) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      node.forEach(element -> collectPoints(element, points));
    } else if (node.isObject()) {
      if (node.has("measurementTimestamp") || node.has("value")) {
        JsonNode value = node.get("value");
        Double number = null;
        if (value != null && value.isNumber()) {
          number = value.doubleValue();
        } else if (value != null && value.isTextual()) {
          try {
            number = Double.valueOf(value.textValue());
          } catch (NumberFormatException e) {
            number = null;
          }
        }
        points.add(new MetricPoint(number, text(node, "measurementTimestamp")));
      } else {
        node.forEach(element -> collectPoints(element, points));
      }
    }
  }

  /** One hop of lineage from a table; {@code direction} is {@code upstream} or {@code downstream}. */
  public Lineage lineage(String mcon, String direction) throws GraphQlException {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("mcon", mcon);
    variables.put("direction", direction);
    JsonNode answer = client.execute(Queries.GET_TABLE_LINEAGE, variables).get("getTableLineage");
    List<Node> nodes = new ArrayList<>();
    Set<String> direct = new LinkedHashSet<>();
    if (answer != null && !answer.isNull()) {
      for (JsonNode node : answer.path("connectedNodes")) {
        nodes.add(new Node(text(node, "mcon"), text(node, "displayName"), text(node, "objectType")));
      }
      for (JsonNode edge : answer.path("flattenedEdges")) {
        for (JsonNode connected : edge.path("directlyConnectedMcons")) {
          direct.add(connected.asText());
        }
      }
    }
    return new Lineage(nodes, direct);
  }

  /** Where a source column flows to (one page of up to 1,000 destinations). */
  public List<ColumnDestination> columnDestinations(String mcon, String column)
      throws GraphQlException {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("mcon", mcon);
    variables.put("column", column);
    JsonNode answer =
        client
            .execute(Queries.GET_PARTIAL_LINEAGE, variables)
            .get("getDerivedTablesPartialLineage");
    List<ColumnDestination> destinations = new ArrayList<>();
    if (answer == null || answer.isNull()) {
      return destinations;
    }
    for (JsonNode destination : answer.path("destinations")) {
      List<String> columns = new ArrayList<>();
      for (JsonNode c : destination.path("columns")) {
        columns.add(text(c, "columnName"));
      }
      JsonNode table = destination.path("table");
      destinations.add(
          new ColumnDestination(text(table, "mcon"), text(table, "displayName"), columns));
    }
    return destinations;
  }

  /**
   * Every aggregated query of a table in a window, following the pages.
   *
   * @param queryType {@code read} or {@code write}
   */
  public List<AggregatedQuery> aggregatedQueries(
      String mcon, String queryType, Instant start, Instant end) throws GraphQlException {
    List<AggregatedQuery> queries = new ArrayList<>();
    String after = null;
    for (int page = 0; page < 10_000; page++) {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("mcon", mcon);
      variables.put("queryType", queryType);
      variables.put("startTime", start.toString());
      variables.put("endTime", end.toString());
      variables.put("first", Queries.AGGREGATED_QUERIES_PAGE);
      variables.put("after", after);
      JsonNode answer =
          client.execute(Queries.GET_AGGREGATED_QUERIES, variables).get("getAggregatedQueries");
      if (answer == null || answer.isNull()) {
        break;
      }
      for (JsonNode edge : answer.path("edges")) {
        JsonNode node = edge.path("node");
        queries.add(
            new AggregatedQuery(
                text(node, "queryHash"), node.path("queryCount").asLong(0), text(node, "lastSeen")));
      }
      JsonNode pageInfo = answer.path("pageInfo");
      String cursor = text(pageInfo, "endCursor");
      if (!pageInfo.path("hasNextPage").asBoolean(false) || cursor == null || cursor.equals(after)) {
        break;
      }
      after = cursor;
    }
    return queries;
  }

  /** A {@code NodeInput}: the resource is a uuid ({@code resourceId}) or a name. */
  public record NodeRef(String objectType, String objectId, String resource) {
    public Map<String, Object> toInput() {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("objectType", objectType);
      input.put("objectId", objectId);
      if (resource != null && !resource.isBlank()) {
        input.put(isUuid(resource) ? "resourceId" : "resourceName", resource.strip());
      }
      return input;
    }
  }

  /** Whether a text is a UUID (resource ids are; resource names normally are not). */
  public static boolean isUuid(String text) {
    return text != null
        && text.strip().matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  }

  /**
   * Creates or updates a custom node.
   *
   * @param properties name/value pairs, possibly empty
   * @param expireAt {@code 9999-12-31} for a permanent node, or an ISO-8601 date-time
   * @return the answer's {@code node}
   */
  public JsonNode createOrUpdateNode(
      NodeRef node, String name, Map<String, String> properties, String expireAt)
      throws GraphQlException {
    Map<String, Object> variables = new LinkedHashMap<>(node.toInput());
    if (name != null) {
      variables.put("name", name);
    }
    if (properties != null && !properties.isEmpty()) {
      List<Map<String, String>> list = new ArrayList<>();
      properties.forEach((k, v) -> list.add(Map.of("propertyName", k, "propertyValue", v)));
      variables.put("properties", list);
    }
    variables.put("expireAt", expireAt);
    JsonNode answer =
        client
            .execute(Queries.CREATE_OR_UPDATE_LINEAGE_NODE, variables)
            .get("createOrUpdateLineageNode");
    return answer == null ? null : answer.get("node");
  }

  /**
   * Creates or updates a custom edge.
   *
   * @param edgeType null for the default ({@code IS_DOWNSTREAM})
   * @return the answer's {@code edge}
   */
  public JsonNode createOrUpdateEdge(
      NodeRef source, NodeRef destination, String expireAt, String edgeType)
      throws GraphQlException {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("source", source.toInput());
    variables.put("destination", destination.toInput());
    variables.put("expireAt", expireAt);
    if (edgeType != null) {
      variables.put("edgeType", edgeType);
    }
    JsonNode answer =
        client
            .execute(Queries.CREATE_OR_UPDATE_LINEAGE_EDGE, variables)
            .get("createOrUpdateLineageEdge");
    return answer == null ? null : answer.get("edge");
  }

  /** Deletes a node and its edges. */
  public NodeDeletion deleteNode(String mcon) throws GraphQlException {
    JsonNode answer =
        client.execute(Queries.DELETE_LINEAGE_NODE, Map.of("mcon", mcon)).get("deleteLineageNode");
    if (answer == null || answer.isNull()) {
      return new NodeDeletion(0, 0, 0);
    }
    return new NodeDeletion(
        answer.path("objectsDeleted").asLong(0),
        answer.path("nodesDeleted").asLong(0),
        answer.path("edgesDeleted").asLong(0));
  }

  /**
   * Deletes push-ingested tables in one call.
   *
   * @throws IllegalArgumentException for more than {@link Queries#MAX_DELETE_MCONS} MCONs
   */
  public TableDeletion deletePushIngestedTables(List<String> mcons) throws GraphQlException {
    if (mcons.size() > Queries.MAX_DELETE_MCONS) {
      throw new IllegalArgumentException(
          "at most " + Queries.MAX_DELETE_MCONS + " MCONs a call, not " + mcons.size());
    }
    JsonNode answer =
        client
            .execute(Queries.DELETE_PUSH_INGESTED_TABLES, Map.of("mcons", mcons))
            .get("deletePushIngestedTables");
    if (answer == null || answer.isNull()) {
      return new TableDeletion(false, 0);
    }
    return new TableDeletion(
        answer.path("success").asBoolean(false), answer.path("deletedCount").asLong(0));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
