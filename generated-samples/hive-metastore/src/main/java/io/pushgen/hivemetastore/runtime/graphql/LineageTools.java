// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hivemetastore.runtime.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgen.hivemetastore.runtime.cli.Console;
import io.pushgen.hivemetastore.runtime.cli.ExitCode;
import io.pushgen.hivemetastore.runtime.cli.UsageException;
import io.pushgen.hivemetastore.runtime.graphql.GraphQlClient.GraphQlException;
import io.pushgen.hivemetastore.runtime.graphql.PushTableDeleter.Confirmation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Custom lineage between assets Monte Carlo does not collect itself (dbt models, Airflow jobs,
 * dashboards): create or update nodes and edges, delete nodes. Nodes and edges are permanent
 * ({@code expireAt: "9999-12-31"}) unless {@code --expire-at} or {@code --ttl-days} says
 * otherwise: Monte Carlo's own default would silently drop them after 7 days.
 */
public final class LineageTools {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LineageTools() {}

  /** {@code --expire-at} and {@code --ttl-days}. */
  public static class ExpiryOptions {
    @Option(
        names = "--expire-at",
        paramLabel = "WHEN",
        description =
            "When the node or edge expires: YYYY-MM-DD or an ISO-8601 date-time (default:"
                + " never, i.e. " + Queries.PERMANENT + ").")
    String expireAt;

    @Option(
        names = "--ttl-days",
        paramLabel = "DAYS",
        description = "Expire this many days from now instead of never.")
    Integer ttlDays;

    String resolve(Clock clock) throws UsageException {
      return Expiry.resolve(expireAt, ttlDays, clock);
    }
  }

  /** The options of {@code lineage-node}. */
  public static class NodeOptions extends ExpiryOptions {
    @Option(
        names = "--object-type",
        required = true,
        paramLabel = "TYPE",
        description = "table, view, report, dashboard, job, model, ...")
    String objectType;

    @Option(
        names = "--object-id",
        required = true,
        paramLabel = "ID",
        description = "A stable id of the asset (for tables, the fullTableId). A node is updated"
            + " when type, id and resource match an existing one.")
    String objectId;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name.")
    String name;

    @Option(
        names = "--resource-name",
        paramLabel = "NAME",
        description = "The node's resource by name, instead of --resource-uuid/$MCD_RESOURCE_UUID.")
    String resourceName;

    @Option(
        names = "--property",
        paramLabel = "KEY=VALUE",
        description = "A property of the node; repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print Monte Carlo's answer as JSON.")
    boolean json;

    public NodeOptions set(String objectType, String objectId, String name, String resourceName) {
      this.objectType = objectType;
      this.objectId = objectId;
      this.name = name;
      this.resourceName = resourceName;
      return this;
    }
  }

  /** The options of {@code lineage-edge}. */
  public static class EdgeOptions extends ExpiryOptions {
    @Option(names = "--source-type", paramLabel = "TYPE", description = "The upstream node's object type.")
    String sourceType;

    @Option(names = "--source-id", paramLabel = "ID", description = "The upstream node's object id.")
    String sourceId;

    @Option(
        names = "--source-resource",
        paramLabel = "UUID|NAME",
        description = "The upstream node's resource (default: --resource-uuid/$MCD_RESOURCE_UUID).")
    String sourceResource;

    @Option(names = "--destination-type", paramLabel = "TYPE", description = "The downstream node's object type.")
    String destinationType;

    @Option(names = "--destination-id", paramLabel = "ID", description = "The downstream node's object id.")
    String destinationId;

    @Option(
        names = "--destination-resource",
        paramLabel = "UUID|NAME",
        description = "The downstream node's resource (default: --resource-uuid/$MCD_RESOURCE_UUID).")
    String destinationResource;

    @Option(
        names = "--edge-type",
        paramLabel = "TYPE",
        description = "The edge type (default: Monte Carlo's, IS_DOWNSTREAM).")
    String edgeType;

    @Option(
        names = "--file",
        paramLabel = "FILE",
        description =
            "Read edges from a .csv, .yaml/.yml or .json file (columns or keys source_type,"
                + " source_id, destination_type, destination_id and optionally source_resource,"
                + " destination_resource, expire_at, edge_type).")
    Path file;

    @Option(names = "--json", description = "Print Monte Carlo's answers as JSON.")
    boolean json;
  }

  /** The options of {@code delete-lineage-node}. */
  public static class DeleteNodeOptions {
    @Option(names = "--mcon", paramLabel = "MCON", description = "A node to delete; repeatable.")
    List<String> mcons = new ArrayList<>();

    @Option(
        names = "--table",
        paramLabel = "FULL_TABLE_ID",
        description = "A table node to delete, by <database>:<schema>.<table>; repeatable.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--yes", description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    @Option(names = "--dry-run", description = "Resolve and list what would be deleted; delete nothing.")
    boolean dryRun;
  }

  // ------------------------------------------------------------------------------ node

  public static int createNode(GraphQlOptions graphql, NodeOptions options, Console console) {
    return createNode(graphql, options, console, Clock.systemUTC());
  }

  public static int createNode(
      GraphQlOptions graphql, NodeOptions options, Console console, Clock clock) {
    return guarded(
        console,
        () -> {
          String expireAt = options.resolve(clock);
          String resource = options.resourceName;
          if (blank(resource)) {
            resource = graphql.resourceUuidOrNull();
          }
          if (blank(resource)) {
            throw new UsageException(
                "a node needs a resource: set MCD_RESOURCE_UUID, or pass --resource-uuid or"
                    + " --resource-name");
          }
          try (MonteCarloApi api = graphql.api(console)) {
            MonteCarloApi.NodeRef ref =
                new MonteCarloApi.NodeRef(options.objectType, options.objectId, resource);
            JsonNode node = api.createOrUpdateNode(ref, options.name, options.properties, expireAt);
            if (options.json) {
              console.info(pretty(node));
            } else {
              console.info(
                  "node "
                      + text(node, "mcon")
                      + " ("
                      + text(node, "objectType")
                      + " "
                      + text(node, "displayName")
                      + "), expires "
                      + describeExpiry(text(node, "expireAt"), expireAt));
            }
            return ExitCode.OK;
          }
        });
  }

  // ------------------------------------------------------------------------------ edges

  public static int createEdges(GraphQlOptions graphql, EdgeOptions options, Console console) {
    return createEdges(graphql, options, console, Clock.systemUTC());
  }

  public static int createEdges(
      GraphQlOptions graphql, EdgeOptions options, Console console, Clock clock) {
    return guarded(
        console,
        () -> {
          String expireAt = options.resolve(clock);
          List<EdgeFile.Edge> edges = new ArrayList<>();
          boolean single =
              options.sourceType != null
                  || options.sourceId != null
                  || options.destinationType != null
                  || options.destinationId != null;
          if (options.file != null && single) {
            throw new UsageException("pass --file or the --source-*/--destination-* options, not both");
          }
          if (options.file != null) {
            edges.addAll(EdgeFile.read(options.file));
          } else {
            if (blank(options.sourceType)
                || blank(options.sourceId)
                || blank(options.destinationType)
                || blank(options.destinationId)) {
              throw new UsageException(
                  "an edge needs --source-type, --source-id, --destination-type and"
                      + " --destination-id (or --file)");
            }
            edges.add(
                new EdgeFile.Edge(
                    0,
                    options.sourceType,
                    options.sourceId,
                    options.sourceResource,
                    options.destinationType,
                    options.destinationId,
                    options.destinationResource,
                    null,
                    options.edgeType));
          }
          String defaultResource = graphql.resourceUuidOrNull();
          // Check every edge before writing any.
          List<String> expiries = new ArrayList<>();
          for (EdgeFile.Edge edge : edges) {
            String where = options.file == null ? "" : options.file + ":" + edge.line() + ": ";
            if (blank(edge.sourceResource()) && blank(defaultResource)
                || blank(edge.destinationResource()) && blank(defaultResource)) {
              throw new UsageException(
                  where
                      + "a node needs a resource: set MCD_RESOURCE_UUID, pass --resource-uuid, or"
                      + " give source_resource/destination_resource");
            }
            expiries.add(
                edge.expireAt() == null
                    ? expireAt
                    : Expiry.check(edge.expireAt(), clock, where + "expire_at"));
          }
          try (MonteCarloApi api = graphql.api(console)) {
            ArrayNode answers = JSON.createArrayNode();
            for (int i = 0; i < edges.size(); i++) {
              EdgeFile.Edge edge = edges.get(i);
              MonteCarloApi.NodeRef source =
                  new MonteCarloApi.NodeRef(
                      edge.sourceType(),
                      edge.sourceId(),
                      or(edge.sourceResource(), defaultResource));
              MonteCarloApi.NodeRef destination =
                  new MonteCarloApi.NodeRef(
                      edge.destinationType(),
                      edge.destinationId(),
                      or(edge.destinationResource(), defaultResource));
              JsonNode answer;
              try {
                answer =
                    api.createOrUpdateEdge(
                        source,
                        destination,
                        expiries.get(i),
                        or(edge.edgeType(), options.edgeType));
              } catch (GraphQlException e) {
                String where =
                    options.file == null ? "" : " (" + options.file + ":" + edge.line() + ")";
                throw new GraphQlException(
                    "edge "
                        + (i + 1)
                        + " of "
                        + edges.size()
                        + where
                        + " failed after "
                        + i
                        + " were written: "
                        + e.getMessage(),
                    e.status(),
                    e.errors());
              }
              answers.add(answer == null ? JSON.nullNode() : answer);
              if (!options.json) {
                console.info(
                    "edge "
                        + edge.sourceType()
                        + " "
                        + edge.sourceId()
                        + " -> "
                        + edge.destinationType()
                        + " "
                        + edge.destinationId()
                        + ": "
                        + text(answer == null ? null : answer.get("source"), "mcon")
                        + " -> "
                        + text(answer == null ? null : answer.get("destination"), "mcon")
                        + ", expires "
                        + describeExpiry(text(answer, "expireAt"), expiries.get(i)));
              }
            }
            if (options.json) {
              console.info(pretty(answers));
            } else {
              console.info(
                  edges.size() + (edges.size() == 1 ? " edge" : " edges") + " created or updated");
            }
            return ExitCode.OK;
          }
        });
  }

  // ------------------------------------------------------------------------------ delete node

  public static int deleteNodes(
      GraphQlOptions graphql, DeleteNodeOptions options, Console console, Confirmation confirmation) {
    return guarded(
        console,
        () -> {
          if (options.mcons.isEmpty() && options.tables.isEmpty()) {
            throw new UsageException("name a node with --mcon or --table");
          }
          try (MonteCarloApi api = graphql.api(console)) {
            List<String> mcons = new ArrayList<>();
            for (String mcon : options.mcons) {
              if (!blank(mcon)) {
                mcons.add(mcon.strip());
              }
            }
            if (!options.tables.isEmpty()) {
              String resource = graphql.resourceUuid();
              for (String id : options.tables) {
                MonteCarloApi.Table table = api.table(id.strip(), resource);
                if (table == null) {
                  console.error("table " + id + " is not known to Monte Carlo");
                  return ExitCode.FAILURE;
                }
                console.info(id + " is " + table.mcon());
                mcons.add(table.mcon());
              }
            }
            console.info("Nodes to delete (with all their edges; this cannot be undone):");
            mcons.forEach(m -> console.info("  " + m));
            if (options.dryRun) {
              console.info("dry run: nothing deleted");
              return ExitCode.OK;
            }
            if (!options.yes
                && !confirmation.confirm("Delete " + mcons.size() + " lineage node(s)?")) {
              console.error(notConfirmed());
              return ExitCode.FAILURE;
            }
            long nodes = 0;
            long edges = 0;
            long objects = 0;
            for (String mcon : mcons) {
              MonteCarloApi.NodeDeletion deletion = api.deleteNode(mcon);
              nodes += deletion.nodesDeleted();
              edges += deletion.edgesDeleted();
              objects += deletion.objectsDeleted();
              console.info(
                  mcon
                      + ": "
                      + deletion.nodesDeleted()
                      + " nodes, "
                      + deletion.edgesDeleted()
                      + " edges, "
                      + deletion.objectsDeleted()
                      + " objects deleted");
            }
            console.info(
                "deleted "
                    + nodes
                    + " nodes, "
                    + edges
                    + " edges, "
                    + objects
                    + " objects in total");
            return ExitCode.OK;
          }
        });
  }

  /** The message when nobody confirmed. */
  static String notConfirmed() {
    return Confirmation.hasTerminal()
        ? "not confirmed; nothing deleted"
        : "not confirmed (no terminal to ask on); nothing deleted: pass --yes to delete without"
            + " asking";
  }

  // ------------------------------------------------------------------------------ helpers

  /** A body that may throw what the programs report. */
  @FunctionalInterface
  interface Body {
    int run() throws UsageException, GraphQlException, IOException;
  }

  /** Maps failures to exit codes: 2 usage, 1 GraphQL or I/O. */
  static int guarded(Console console, Body body) {
    try {
      return body.run();
    } catch (UsageException e) {
      console.error(e);
      return ExitCode.USAGE;
    } catch (GraphQlException | IOException e) {
      console.error(e);
      return ExitCode.FAILURE;
    } catch (RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }

  static String pretty(JsonNode node) {
    try {
      return JSON.writeValueAsString(node == null ? JSON.nullNode() : node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static String describeExpiry(String answered, String sent) {
    String value = answered != null ? answered : sent;
    return value != null && value.startsWith("9999-12-31") ? "never (" + value + ")" : value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? "?" : value.asText();
  }

  private static String or(String value, String fallback) {
    return blank(value) ? fallback : value;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /**
   * The {@code expireAt} of custom lineage: permanent ({@value Queries#PERMANENT}) unless the user
   * explicitly gives a date or a time to live. Monte Carlo's own default, 7 days, is never used
   * silently.
   */
  public static final class Expiry {
    private Expiry() {}

    /**
     * @param expireAt {@code --expire-at}: {@code YYYY-MM-DD}, an ISO-8601 date-time, {@code never}
     *     or {@code permanent}; or null
     * @param ttlDays {@code --ttl-days}, or null
     * @return the value to send
     * @throws UsageException for both, a bad value, or a time in the past
     */
    public static String resolve(String expireAt, Integer ttlDays, Clock clock) throws UsageException {
      if (expireAt != null && ttlDays != null) {
        throw new UsageException("pass --expire-at or --ttl-days, not both");
      }
      if (ttlDays != null) {
        if (ttlDays < 1) {
          throw new UsageException("--ttl-days must be at least 1, not " + ttlDays);
        }
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(ttlDays)).toString();
      }
      return check(expireAt, clock, "--expire-at");
    }

    /**
     * Checks one value ({@code expire_at} of a bulk file, say); null or blank means permanent.
     *
     * @param what names the option or field in messages
     */
    public static String check(String value, Clock clock, String what) throws UsageException {
      if (value == null || value.isBlank()) {
        return Queries.PERMANENT;
      }
      String text = value.strip();
      if (text.equalsIgnoreCase("never") || text.equalsIgnoreCase("permanent")) {
        return Queries.PERMANENT;
      }
      Instant at;
      try {
        at = LocalDate.parse(text).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
      } catch (DateTimeParseException notADate) {
        try {
          at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notADateTime) {
          throw new UsageException(
              what + " '" + text + "' is not a date (YYYY-MM-DD) or an ISO-8601 date-time with offset");
        }
      }
      if (!at.isAfter(clock.instant())) {
        throw new UsageException(what + " '" + text + "' is in the past");
      }
      return text;
    }
  }
}
