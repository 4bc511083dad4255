package io.pushgen.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's {@code /graphql}: parsing, errors, hooks, and answers from pushed metadata. */
class GraphQlGatewayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UUID = "3f1a2b4c-0000-4000-8000-00000000abcd";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Documents as the contract ({@code spec/graphql-api.md}) writes them. */
  private static final class Queries {
    static final String GET_TABLE_BY_ID =
        "query getTableByFullTableId($fullTableId: String!, $dwId: UUID!) {\n"
            + "  getTable(fullTableId: $fullTableId, dwId: $dwId) { mcon fullTableId displayName }\n"
            + "}";
    static final String GET_TABLE_FIELDS =
        "query getTableFields($mcon: String!) {\n"
            + "  getTable(mcon: $mcon) { versions { edges { node { fields { name fieldType } } } } }\n"
            + "}";
    static final String CREATE_OR_UPDATE_LINEAGE_NODE =
        "mutation createOrUpdateLineageNode($objectType: String!, $objectId: String!,"
            + " $resourceId: UUID, $resourceName: String, $name: String) {\n"
            + "  createOrUpdateLineageNode(objectType: $objectType, objectId: $objectId,"
            + " resourceId: $resourceId, resourceName: $resourceName, name: $name) {"
            + " node { mcon displayName objectType isCustom expireAt } }\n"
            + "}";
    static final String DELETE_PUSH_INGESTED_TABLES =
        "mutation deletePushIngestedTables($mcons: [String!]!) {\n"
            + "  deletePushIngestedTables(mcons: $mcons) { success deletedCount }\n"
            + "}";
  }

  private static HttpResponse<String> post(LocalGateway gateway, String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
            .header("Content-Type", "application/json")
            .header("x-mcd-id", "id")
            .header("x-mcd-token", "token")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode graphql(LocalGateway gateway, String query, Map<String, ?> variables) throws Exception {
    String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
    HttpResponse<String> response = post(gateway, "/graphql", body);
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  private static void pushTable(LocalGateway gateway, String name) throws Exception {
    String body =
        "{\"event_type\":\"METADATA\",\"resource\":{\"uuid\":\"" + UUID + "\",\"resource_type\":\"postgres\"},"
            + "\"events\":[{\"relational_asset\":{\"type\":\"TABLE\",\"metadata\":{\"name\":\"" + name
            + "\",\"database\":\"db\",\"schema\":\"s\"},\"fields\":[{\"name\":\"id\",\"type\":\"INTEGER\"}],"
            + "\"volume\":{\"row_count\":5}}}]}";
    assertEquals(202, post(gateway, "/ingest/v1/metadata", body).statusCode());
  }

  @Test
  void answersFromPushedMetadataAndForgetsRemovedTables() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      pushTable(gateway, "t");
      JsonNode table =
          graphql(gateway, Queries.GET_TABLE_BY_ID, Map.of("fullTableId", "DB:S.T", "dwId", UUID)).at("/data/getTable");
      assertEquals(GraphQlGateway.tableMcon(UUID, "db:s.t"), table.get("mcon").asText());
      JsonNode fields = graphql(gateway, Queries.GET_TABLE_FIELDS, Map.of("mcon", table.get("mcon").asText()));
      assertEquals("INTEGER", fields.at("/data/getTable/versions/edges/0/node/fields/0/fieldType").asText());

      // Comments, an alias and literal arguments are understood.
      JsonNode aliased =
          graphql(gateway, "# look up\nquery Q { t: getTable(fullTableId: \"db:s.t\", dwId: \"" + UUID + "\") { mcon } }", Map.of());
      assertEquals(table.get("mcon").asText(), aliased.at("/data/getTable/mcon").asText());

      post(gateway, "/_gateway/graphql", "{\"remove_table\": \"db:s.t\"}");
      assertTrue(graphql(gateway, Queries.GET_TABLE_BY_ID, Map.of("fullTableId", "db:s.t", "dwId", UUID)).at("/data/getTable").isNull());
      assertEquals(List.of(), gateway.graphql().tables());
    }
  }

  @Test
  void aGatewayThatLetsEventsGoStillAnswersFromThem() throws Exception {
    try (LocalGateway gateway = new LocalGateway().letEventsGo().start(0)) {
      pushTable(gateway, "t");
      pushTable(gateway, "u");

      List<RecordedRequest> received = gateway.received();
      assertEquals(2, received.size());
      for (RecordedRequest request : received) {
        assertEquals("METADATA", request.eventType());
        assertEquals(UUID, request.body().at("/resource/uuid").asText());
        assertTrue(request.events().isMissingNode(), request.body().toString());
      }
      assertEquals(List.of("db:s.t", "db:s.u"), gateway.graphql().tables());
      JsonNode table =
          graphql(gateway, Queries.GET_TABLE_BY_ID, Map.of("fullTableId", "db:s.u", "dwId", UUID)).at("/data/getTable");
      JsonNode fields = graphql(gateway, Queries.GET_TABLE_FIELDS, Map.of("mcon", table.get("mcon").asText()));
      assertEquals("INTEGER", fields.at("/data/getTable/versions/edges/0/node/fields/0/fieldType").asText());

      // After a clear, the next requests are taken in and let go in their turn.
      gateway.clear();
      pushTable(gateway, "v");
      assertTrue(gateway.received().get(0).events().isMissingNode());
      assertEquals(List.of("db:s.v"), gateway.graphql().tables());
    }
  }

  @Test
  void errorsAreGraphQlErrors() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      JsonNode unknown = graphql(gateway, "query { getSomethingElse { x } }", Map.of());
      assertTrue(unknown.at("/errors/0/message").asText().contains("getSomethingElse"), unknown.toString());

      List<String> mcons = new ArrayList<>();
      for (int i = 0; i < 1001; i++) {
        mcons.add("m" + i);
      }
      JsonNode tooMany = graphql(gateway, Queries.DELETE_PUSH_INGESTED_TABLES, Map.of("mcons", mcons));
      assertTrue(tooMany.at("/errors/0/message").asText().contains("at most 1000"), tooMany.toString());

      gateway.graphql().failNext(1, "boom");
      JsonNode failed = graphql(gateway, Queries.GET_TABLE_FIELDS, Map.of("mcon", "x"));
      assertEquals("boom", failed.at("/errors/0/message").asText());
      assertTrue(failed.get("data").isNull());
      assertTrue(graphql(gateway, Queries.GET_TABLE_FIELDS, Map.of("mcon", "x")).at("/data/getTable").isNull());

      HttpResponse<String> noKey =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/graphql"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(401, noKey.statusCode());
    }
  }

  @Test
  void customLineageWithoutExpiryGetsMonteCarlosSevenDays() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      JsonNode node =
          graphql(gateway, Queries.CREATE_OR_UPDATE_LINEAGE_NODE, Map.of("objectType", "job", "objectId", "j", "resourceName", "airflow"));
      assertTrue(node.at("/data/createOrUpdateLineageNode/node/expireAt").asText().compareTo("2000") > 0);
      assertTrue(!node.at("/data/createOrUpdateLineageNode/node/expireAt").asText().startsWith("9999"));
    }
  }

  @Test
  void aVariableWhoseTypeDoesNotMatchItsArgumentFailsValidationLikeAGraphQlServer() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      String document =
          "mutation edge($source: NodeInput!, $destination: NodeInput!, $edgeType: String) {\n"
              + "  createOrUpdateLineageEdge(source: $source, destination: $destination, edgeType: $edgeType) {"
              + " edge { isCustom } }\n"
              + "}";
      Map<String, Object> node = Map.of("objectType", "job", "objectId", "j", "resourceName", "airflow");
      HttpResponse<String> response =
          post(gateway, "/graphql", JSON.writeValueAsString(Map.of("query", document, "variables", Map.of("source", node, "destination", node))));
      assertEquals(200, response.statusCode());
      assertEquals(
          JSON.readTree(
              "{\"errors\":[{\"message\":\"Variable \\\"$edgeType\\\" of type \\\"String\\\" used in position"
                  + " expecting type \\\"EdgeType\\\".\","
                  + "\"locations\":[{\"line\":1,\"column\":62},{\"line\":2,\"column\":83}],"
                  + "\"extensions\":{\"code\":\"GRAPHQL_VALIDATION_FAILED\"}}]}"),
          JSON.readTree(response.body()));
      assertTrue(gateway.graphql().tables().isEmpty());
      assertEquals(0, JSON.readTree(post(gateway, "/_gateway/graphql", "{}").body()).get("custom_nodes").asInt());
    }
  }

  @Test
  void validationFollowsGraphQlsRulesForVariablesAndArguments() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      // A non-null variable may fill a nullable argument; a list must stay a list of the same type.
      assertEquals(null, graphql(gateway, "query q($m: String!) { getTable(mcon: $m) { mcon } }", Map.of("m", "x")).get("errors"));
      assertEquals(
          List.of("Variable \"$m\" of type \"String\" used in position expecting type \"String!\"."),
          messages(graphql(gateway, "mutation d($m: String) { deleteLineageNode(mcon: $m) { nodesDeleted } }", Map.of("m", "x"))));
      assertEquals(
          List.of("Variable \"$m\" of type \"[String]!\" used in position expecting type \"[String!]!\"."),
          messages(graphql(gateway, "mutation d($m: [String]!) { deletePushIngestedTables(mcons: $m) { success } }", Map.of("m", List.of()))));
      assertEquals(
          List.of(
              "Unknown type \"Uuid\".",
              "Variable \"$x\" is not defined by operation \"q\".",
              "Unknown argument \"table\" on field \"Query.getTable\".",
              "Variable \"$id\" is never used in operation \"q\"."),
          messages(graphql(gateway, "query q($id: Uuid, $m: String) { getTable(mcon: $m, dwId: $x, table: \"t\") { mcon } }", Map.of())));
      assertEquals(
          List.of("Field \"deleteLineageNode\" argument \"mcon\" of type \"String!\" is required, but it was not provided."),
          messages(graphql(gateway, "mutation { deleteLineageNode { nodesDeleted } }", Map.of())));
    }
  }

  @Test
  void theGraphQlSideChecksTheTelemetryHeadersToo() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      String body = JSON.writeValueAsString(Map.of("query", Queries.GET_TABLE_FIELDS, "variables", Map.of("mcon", "x")));
      HttpResponse<String> refused =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/graphql"))
                  .header("x-mcd-id", "id")
                  .header("x-mcd-token", "token")
                  .header("x-mcd-telemetry-reason", "pushgen")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(400, refused.statusCode());
      assertTrue(refused.body().contains("x-mcd-telemetry-reason must be 'user' or 'service'"), refused.body());
      assertEquals(List.of(), gateway.graphql().calls());
    }
  }

  private static List<String> messages(JsonNode answer) {
    assertTrue(answer.get("data") == null, answer.toString());
    List<String> messages = new ArrayList<>();
    answer.get("errors").forEach(e -> messages.add(e.get("message").asText()));
    return messages;
  }
}
