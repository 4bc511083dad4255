// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.trino.runtime.graphql;

/**
 * The GraphQL documents the verification and management programs send, exactly the operations,
 * arguments and selections of the contract ({@code spec/graphql-api.md}). Every document has one
 * named operation whose root field is the contract's operation.
 */
public final class Queries {
  private Queries() {}

  /** Resolves a table's MCON from its fullTableId ({@code <database>:<schema>.<table>}). */
  public static final String GET_TABLE_BY_ID =
      "query getTableByFullTableId($fullTableId: String!, $dwId: UUID!) {\n"
          + "  getTable(fullTableId: $fullTableId, dwId: $dwId) { mcon fullTableId displayName }\n"
          + "}";

  /** The pushed schema of a table. */
  public static final String GET_TABLE_FIELDS =
      "query getTableFields($mcon: String!) {\n"
          + "  getTable(mcon: $mcon) { versions { edges { node { fields { name fieldType } } } } }\n"
          + "}";

  /** The detectors' status of a table. */
  public static final String GET_TABLE_THRESHOLDS =
      "query getTableThresholds($mcon: String!) {\n"
          + "  getTable(mcon: $mcon) { thresholds {"
          + " freshness { lower { value } upper { value } status }"
          + " size { lower { value } upper { value } status } } }\n"
          + "}";

  /** Volume and freshness metric points; {@code metricsJson} is a JSON string. */
  public static final String GET_METRICS =
      "query getMetricsV4($mcon: String!, $metricName: String!, $startTime: DateTime!,"
          + " $endTime: DateTime!) {\n"
          + "  getMetricsV4(dwId: null, mcon: $mcon, metricName: $metricName,"
          + " startTime: $startTime, endTime: $endTime) { metricsJson }\n"
          + "}";

  /** One hop of table lineage, upstream or downstream. */
  public static final String GET_TABLE_LINEAGE =
      "query getTableLineage($mcon: String!, $direction: String!) {\n"
          + "  getTableLineage(mcon: $mcon, direction: $direction, hops: 1) {"
          + " connectedNodes { mcon displayName objectType }"
          + " flattenedEdges { directlyConnectedMcons } }\n"
          + "}";

  /** Where a source column flows to. */
  public static final String GET_PARTIAL_LINEAGE =
      "query getDerivedTablesPartialLineage($mcon: String!, $column: String!) {\n"
          + "  getDerivedTablesPartialLineage(mcon: $mcon, column: $column, pageSize: 1000) {"
          + " destinations { table { mcon displayName } columns { columnName } } }\n"
          + "}";

  /** One page of a table's aggregated read or write queries. */
  public static final String GET_AGGREGATED_QUERIES =
      "query getAggregatedQueries($mcon: String!, $queryType: String!, $startTime: DateTime!,"
          + " $endTime: DateTime!, $first: Int, $after: String) {\n"
          + "  getAggregatedQueries(mcon: $mcon, queryType: $queryType, startTime: $startTime,"
          + " endTime: $endTime, first: $first, after: $after) {"
          + " edges { node { queryHash queryCount lastSeen } }"
          + " pageInfo { hasNextPage endCursor } }\n"
          + "}";

  /** Creates or updates a custom lineage node. */
  public static final String CREATE_OR_UPDATE_LINEAGE_NODE =
      "mutation createOrUpdateLineageNode($objectType: String!, $objectId: String!,"
          + " $resourceId: UUID, $resourceName: String, $name: String,"
          + " $properties: [ObjectPropertyInput], $expireAt: DateTime) {\n"
          + "  createOrUpdateLineageNode(objectType: $objectType, objectId: $objectId,"
          + " resourceId: $resourceId, resourceName: $resourceName, name: $name,"
          + " properties: $properties, expireAt: $expireAt) {"
          + " node { mcon displayName objectType isCustom expireAt } }\n"
          + "}";

  /** Creates or updates a custom lineage edge. */
  public static final String CREATE_OR_UPDATE_LINEAGE_EDGE =
      "mutation createOrUpdateLineageEdge($source: NodeInput!, $destination: NodeInput!,"
          + " $expireAt: DateTime, $edgeType: EdgeType) {\n"
          + "  createOrUpdateLineageEdge(source: $source, destination: $destination,"
          + " expireAt: $expireAt, edgeType: $edgeType) {"
          + " edge { source { mcon displayName objectType }"
          + " destination { mcon displayName objectType } isCustom expireAt } }\n"
          + "}";

  /** Deletes a lineage node and its edges (irreversible). */
  public static final String DELETE_LINEAGE_NODE =
      "mutation deleteLineageNode($mcon: String!) {\n"
          + "  deleteLineageNode(mcon: $mcon) { objectsDeleted nodesDeleted edgesDeleted }\n"
          + "}";

  /** Deletes push-ingested tables, at most {@link #MAX_DELETE_MCONS} a call. */
  public static final String DELETE_PUSH_INGESTED_TABLES =
      "mutation deletePushIngestedTables($mcons: [String!]!) {\n"
          + "  deletePushIngestedTables(mcons: $mcons) { success deletedCount }\n"
          + "}";

  /** The most MCONs one {@code deletePushIngestedTables} call accepts. */
  public static final int MAX_DELETE_MCONS = 1000;

  /** The page size of {@code getAggregatedQueries}. */
  public static final int AGGREGATED_QUERIES_PAGE = 100;

  /** Custom nodes and edges without this expire after 7 days. */
  public static final String PERMANENT = "9999-12-31";
}
