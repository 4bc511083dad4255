package io.pushgen.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The small GraphQL schema the local gateway serves: the root fields of the GraphQL contract
 * ({@code spec/graphql-api.md}) with their argument names and types, as Monte Carlo's API declares
 * them. It is the gateway's own reading of the contract, kept apart from the runtime's documents
 * ({@code runtime.graphql.Queries}) so that a document the runtime gets wrong is caught here, as a
 * real GraphQL server would catch it: before anything runs, with a validation error.
 *
 * <p>Arguments that are alternatives of each other (such as {@code getTable}'s {@code
 * fullTableId}/{@code dwId} or {@code mcon}) are nullable, as in Monte Carlo's API; the gateway
 * checks their combinations when it answers.
 */
final class GraphQlSchema {
  private GraphQlSchema() {}

  /** The scalars, enums and input objects a variable may be declared as. */
  static final Set<String> INPUT_TYPES =
      Set.of(
          "String", "Int", "Float", "Boolean", "ID", "UUID", "DateTime", "NodeInput",
          "ObjectPropertyInput", "EdgeType");

  /** Query root fields: argument name to type. */
  static final Map<String, Map<String, String>> QUERIES =
      Map.of(
          "getTable", args("fullTableId", "String", "dwId", "UUID", "mcon", "String"),
          "getMetricsV4",
              args(
                  "dwId", "UUID", "mcon", "String", "metricName", "String", "startTime",
                  "DateTime", "endTime", "DateTime"),
          "getTableLineage", args("mcon", "String", "direction", "String!", "hops", "Int"),
          "getDerivedTablesPartialLineage",
              args("mcon", "String!", "column", "String!", "pageSize", "Int"),
          "getAggregatedQueries",
              args(
                  "mcon", "String", "queryType", "String!", "startTime", "DateTime", "endTime",
                  "DateTime", "first", "Int", "after", "String"));

  /** Mutation root fields: argument name to type. */
  static final Map<String, Map<String, String>> MUTATIONS =
      Map.of(
          "createOrUpdateLineageNode",
              args(
                  "objectType", "String!", "objectId", "String!", "resourceId", "UUID",
                  "resourceName", "String", "name", "String", "properties",
                  "[ObjectPropertyInput]", "expireAt", "DateTime"),
          "createOrUpdateLineageEdge",
              args(
                  "source", "NodeInput!", "destination", "NodeInput!", "expireAt", "DateTime",
                  "edgeType", "EdgeType"),
          "deleteLineageNode", args("mcon", "String!"),
          "deletePushIngestedTables", args("mcons", "[String!]!"));

  /** The arguments of a root field, or null when the gateway does not serve it. */
  static Map<String, String> arguments(boolean mutation, String field) {
    return (mutation ? MUTATIONS : QUERIES).get(field);
  }

  private static Map<String, String> args(String... namesAndTypes) {
    Map<String, String> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      args.put(namesAndTypes[i], namesAndTypes[i + 1]);
    }
    return args;
  }

  /**
   * A type reference such as {@code String}, {@code UUID!} or {@code [String!]!}.
   *
   * @param name the named type, or null for a list
   * @param item the list's item type, or null for a named type
   * @param nonNull whether the type ends with {@code !}
   */
  record TypeRef(String name, TypeRef item, boolean nonNull) {
    /**
     * Parses a type reference.
     *
     * @throws IllegalArgumentException when the text is not one
     */
    static TypeRef parse(String text) {
      String t = text.strip();
      boolean nonNull = t.endsWith("!");
      if (nonNull) {
        t = t.substring(0, t.length() - 1).strip();
      }
      if (t.startsWith("[") && t.endsWith("]")) {
        return new TypeRef(null, parse(t.substring(1, t.length() - 1)), nonNull);
      }
      if (!t.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("Syntax Error: bad type \"" + text.strip() + "\"");
      }
      return new TypeRef(t, null, nonNull);
    }

    /** The named type at the bottom of the lists. */
    String namedType() {
      return item == null ? name : item.namedType();
    }

    /**
     * Whether a variable of this type may be used where {@code location} is expected (the
     * GraphQL specification's "All Variable Usages Are Allowed", AreTypesCompatible).
     */
    boolean compatibleWith(TypeRef location) {
      if (location.nonNull) {
        return nonNull && withNull().compatibleWith(location.withNull());
      }
      if (nonNull) {
        return withNull().compatibleWith(location);
      }
      if (location.item != null) {
        return item != null && item.compatibleWith(location.item);
      }
      return item == null && name.equals(location.name);
    }

    private TypeRef withNull() {
      return new TypeRef(name, item, false);
    }

    @Override
    public String toString() {
      return (item == null ? name : "[" + item + "]") + (nonNull ? "!" : "");
    }
  }

  /** The argument types of a root field, parsed. */
  static Map<String, TypeRef> argumentTypes(boolean mutation, String field) {
    Map<String, String> declared = arguments(mutation, field);
    if (declared == null) {
      return null;
    }
    Map<String, TypeRef> types = new LinkedHashMap<>();
    declared.forEach((name, type) -> types.put(name, TypeRef.parse(type)));
    return types;
  }
}
