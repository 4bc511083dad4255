package io.pushgen.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the local gateway's {@code /graphql} knows: built incrementally from the accepted ingest
 * requests (tables, fields and metric points from metadata; table and column edges from lineage;
 * queries from query logs), plus custom nodes and edges and deletions made through GraphQL.
 *
 * <p>MCONs are stable fakes: {@code MCON++local++<resource uuid>++table++<fullTableId>} for
 * tables, {@code ...++<objectType>++<objectId>} for custom nodes. Tables touched by a query are
 * found with {@link TableReferences} when the aggregated queries are asked for, and
 * matched against the known tables: a three-part name exactly, a two-part name by schema and
 * table, a bare name by table name (case ignored). Not thread-safe: the caller locks.
 */
final class GraphQlStore {
  /** A table (or view) node. */
  static final class Table {
    final String resource;
    final String database;
    final String schema;
    final String name;
    final String mcon;
    String type = "TABLE";
    List<String[]> fields; // null: no metadata pushed (a lineage-only node)
    final List<Point> rowCounts = new ArrayList<>();
    final List<Point> byteCounts = new ArrayList<>();
    final List<Point> lastChanged = new ArrayList<>();

    Table(String resource, String database, String schema, String name) {
      this.resource = resource;
      this.database = database;
      this.schema = schema;
      this.name = name;
      this.mcon = mcon(resource, "table", fullTableId());
    }

    String fullTableId() {
      return database + ":" + schema + "." + name;
    }

    String displayName() {
      return database + ":" + schema + "." + name;
    }
  }

  /** A metric point. */
  record Point(double value, Instant at) {}

  /** A custom node. */
  static final class Custom {
    final String mcon;
    final String objectType;
    final String objectId;
    final String resource;
    String name;
    String expireAt;
    Map<String, String> properties = new LinkedHashMap<>();

    Custom(String mcon, String objectType, String objectId, String resource) {
      this.mcon = mcon;
      this.objectType = objectType;
      this.objectId = objectId;
      this.resource = resource;
    }
  }

  /** A directed edge; {@code custom} edges carry an expiry. */
  record Edge(String source, String destination, boolean custom, String expireAt) {}

  /** A pushed query: its resource, the tables it names, when it ran. */
  record Query(String resource, List<TableReferences.Reference> references, String hash, Instant start, Instant end) {}

  private int consumed;
  private String lastInvocationId;
  final Map<String, Table> tables = new TreeMap<>(); // by mcon
  private final Map<String, String> byId = new java.util.HashMap<>(); // resource|fullTableId, lower case -> mcon
  final Map<String, Custom> customs = new TreeMap<>(); // by mcon
  final Map<String, Edge> edges = new LinkedHashMap<>(); // by source \0 destination
  /** source mcon \0 lower-case source column -> destination mcon -> destination columns. */
  final Map<String, Map<String, Set<String>>> columnEdges = new TreeMap<>();
  final List<Query> queries = new ArrayList<>();

  static String mcon(String resource, String kind, String objectId) {
    return "MCON++local++" + resource + "++" + kind + "++" + objectId;
  }

  /** How many requests the store was built from, and the last one's invocation id. */
  GraphQlGateway.TakenIn takenIn() {
    return new GraphQlGateway.TakenIn(consumed, lastInvocationId);
  }

  /** Takes in the requests accepted since the last call (all of them after a gateway clear). */
  void catchUp(List<RecordedRequest> received) {
    if (received.size() < consumed
        || (consumed > 0 && !received.get(consumed - 1).invocationId().equals(lastInvocationId))) {
      // The gateway forgot its records: forget what came from them too.
      tables.clear();
      byId.clear();
      edges.values().removeIf(e -> !e.custom());
      columnEdges.clear();
      queries.clear();
      consumed = 0;
    }
    for (int i = consumed; i < received.size(); i++) {
      ingest(received.get(i));
      lastInvocationId = received.get(i).invocationId();
    }
    consumed = received.size();
  }

  private void ingest(RecordedRequest request) {
    String resource = request.body().path("resource").path("uuid").asText("");
    Instant at = request.receivedAt();
    if (request.flow() == Flow.METADATA) {
      for (JsonNode event : request.events()) {
        JsonNode asset = event.path("relational_asset");
        JsonNode m = asset.path("metadata");
        Table table = table(resource, m.path("database").asText(), m.path("schema").asText(), m.path("name").asText());
        table.type = asset.path("type").asText("TABLE");
        List<String[]> fields = new ArrayList<>();
        for (JsonNode field : asset.path("fields")) {
          fields.add(new String[] {field.path("name").asText(), field.path("type").asText()});
        }
        table.fields = fields;
        JsonNode volume = asset.get("volume");
        if (volume != null) {
          if (volume.path("row_count").isNumber()) {
            table.rowCounts.add(new Point(volume.path("row_count").asDouble(), at));
          }
          if (volume.path("byte_count").isNumber()) {
            table.byteCounts.add(new Point(volume.path("byte_count").asDouble(), at));
          }
        }
        JsonNode freshness = asset.path("freshness").path("last_update_time");
        if (freshness.isTextual()) {
          Instant changed = parse(freshness.asText());
          if (changed != null) {
            table.lastChanged.add(new Point(changed.getEpochSecond(), at));
          }
        }
      }
    } else if (request.flow() == Flow.LINEAGE) {
      for (JsonNode event : request.events()) {
        Table destination = ref(resource, event.path("destination"));
        Map<String, Table> byAssetId = new LinkedHashMap<>();
        for (JsonNode sourceRef : event.path("sources")) {
          if (sourceRef.path("type").asText("").equalsIgnoreCase("WILDCARD")) {
            continue;
          }
          Table source = ref(resource, sourceRef);
          edges.put(key(source.mcon, destination.mcon), new Edge(source.mcon, destination.mcon, false, null));
          if (sourceRef.hasNonNull("asset_id")) {
            byAssetId.put(sourceRef.get("asset_id").asText(), source);
          }
        }
        for (JsonNode field : event.path("fields")) {
          String destinationColumn = field.path("name").asText();
          for (JsonNode sourceField : field.path("source_fields")) {
            Table source = byAssetId.get(sourceField.path("asset_id").asText());
            if (source == null) {
              continue;
            }
            columnEdges
                .computeIfAbsent(
                    key(source.mcon, sourceField.path("field_name").asText().toLowerCase(Locale.ROOT)),
                    k -> new TreeMap<>())
                .computeIfAbsent(destination.mcon, k -> new LinkedHashSet<>())
                .add(destinationColumn);
          }
        }
      }
    } else if (request.flow() == Flow.QUERY_LOGS) {
      for (JsonNode entry : request.events()) {
        String text = entry.path("query_text").asText("");
        Instant start = parse(entry.path("start_time").asText(""));
        Instant end = parse(entry.path("end_time").asText(""));
        if (start == null) {
          continue;
        }
        queries.add(new Query(resource, TableReferences.of(text), hash(text), start, end == null ? start : end));
      }
    }
  }

  private Table ref(String resource, JsonNode ref) {
    return table(resource, ref.path("database").asText(), ref.path("schema").asText(), ref.path("name").asText());
  }

  private Table table(String resource, String database, String schema, String name) {
    String mcon = mcon(resource, "table", database + ":" + schema + "." + name);
    return tables.computeIfAbsent(
        mcon,
        k -> {
          Table table = new Table(resource, database, schema, name);
          byId.put(idKey(resource, table.fullTableId()), mcon);
          return table;
        });
  }

  private static String idKey(String resource, String fullTableId) {
    return (resource + "|" + fullTableId).toLowerCase(Locale.ROOT);
  }

  /** A table by fullTableId (case ignored) in a resource, or null. */
  Table byFullTableId(String fullTableId, String resource) {
    String mcon = byId.get(idKey(resource, fullTableId));
    return mcon == null ? null : tables.get(mcon);
  }

  /** Removes a table node with its edges and column edges; returns how many edges went. */
  int removeTable(String mcon) {
    Table table = tables.remove(mcon);
    if (table == null) {
      return -1;
    }
    byId.remove(idKey(table.resource, table.fullTableId()));
    return removeEdgesOf(mcon);
  }

  int removeEdgesOf(String mcon) {
    int before = edges.size();
    edges.values().removeIf(e -> e.source().equals(mcon) || e.destination().equals(mcon));
    int removed = before - edges.size();
    columnEdges.keySet().removeIf(k -> k.startsWith(mcon + "\u0000"));
    columnEdges.values().forEach(destinations -> destinations.remove(mcon));
    return removed;
  }

  /** The queries of one table and type whose start lies in the window. */
  Map<String, long[]> aggregated(Table table, boolean write, Instant start, Instant end) {
    Map<String, long[]> byHash = new TreeMap<>(); // hash -> {count, lastSeen epoch millis}
    for (Query query : queries) {
      if (!query.resource().equalsIgnoreCase(table.resource)
          || query.start().isBefore(start)
          || query.start().isAfter(end)) {
        continue;
      }
      for (TableReferences.Reference reference : query.references()) {
        if (reference.write() == write && matches(reference.parts(), table)) {
          long[] aggregate = byHash.computeIfAbsent(query.hash(), k -> new long[2]);
          aggregate[0]++;
          aggregate[1] = Math.max(aggregate[1], query.end().toEpochMilli());
          break;
        }
      }
    }
    return byHash;
  }

  private static boolean matches(List<String> parts, Table table) {
    int n = parts.size();
    if (!parts.get(n - 1).equalsIgnoreCase(table.name)) {
      return false;
    }
    if (n >= 2 && !parts.get(n - 2).equalsIgnoreCase(table.schema)) {
      return false;
    }
    return n < 3 || parts.get(0).equalsIgnoreCase(table.database);
  }

  static String key(String a, String b) {
    return a + "\u0000" + b;
  }

  static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static String hash(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String normalized = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
      return HexFormat.of().formatHex(digest.digest(normalized.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
