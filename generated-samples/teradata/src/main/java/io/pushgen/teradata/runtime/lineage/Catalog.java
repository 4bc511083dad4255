// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.lineage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of known tables, used to expand {@code SELECT *}, to map {@code INSERT} without a
 * column list and to attribute unqualified columns in joins. Typically built from the metadata
 * manifest.
 */
public interface Catalog {
  /** The table's columns in table order, or an empty list when the table is unknown. */
  List<String> columns(TableName table);

  /**
   * The one known table that a name with an unknown database or schema (null parts) stands for,
   * or null when none or several match. The default finds none; catalogs over a map search it.
   */
  default TableName complete(TableName partial) {
    return null;
  }

  /** A catalog that knows no table: star expansion falls back to table-level lineage. */
  static Catalog empty() {
    return table -> List.of();
  }

  /** A catalog over a map, looked up by exact name (names as the engine resolves them). */
  static Catalog of(Map<TableName, List<String>> tables) {
    Map<TableName, List<String>> exact = new LinkedHashMap<>();
    tables.forEach((name, cols) -> exact.put(name, List.copyOf(cols)));
    return new MapCatalog(exact, null);
  }

  /**
   * A catalog over a map that falls back to a case-insensitive match, for engines whose names
   * ignore case but whose query text may spell them differently from the metadata (MySQL,
   * DuckDB). Do not use it where quoted names are case-sensitive (Snowflake, PostgreSQL).
   */
  static Catalog ofIgnoringCase(Map<TableName, List<String>> tables) {
    Map<TableName, List<String>> exact = new LinkedHashMap<>();
    Map<String, List<String>> folded = new HashMap<>();
    tables.forEach(
        (name, cols) -> {
          List<String> copy = List.copyOf(cols);
          exact.put(name, copy);
          folded.putIfAbsent(key(name), copy);
        });
    return new MapCatalog(exact, folded);
  }

  private static String key(TableName t) {
    return (t.database() + "\u0000" + t.schema() + "\u0000" + t.table()).toLowerCase(Locale.ROOT);
  }

  /** Exact lookups, with a case-insensitive fallback when {@code folded} is given. */
  final class MapCatalog implements Catalog {
    private final Map<TableName, List<String>> exact;
    private final Map<String, List<String>> folded;
    /** Table name to the known tables of that name, for {@link #complete}. */
    private final Map<String, List<TableName>> byTable = new HashMap<>();

    private MapCatalog(Map<TableName, List<String>> exact, Map<String, List<String>> folded) {
      this.exact = exact;
      this.folded = folded;
      for (TableName t : exact.keySet()) {
        String name = folded == null ? t.table() : t.table().toLowerCase(Locale.ROOT);
        byTable.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
      }
    }

    @Override
    public List<String> columns(TableName table) {
      List<String> cols = exact.get(table);
      if (cols == null && folded != null) {
        cols = folded.get(key(table));
      }
      return cols == null ? List.of() : cols;
    }

    @Override
    public TableName complete(TableName partial) {
      String name = folded == null ? partial.table() : partial.table().toLowerCase(Locale.ROOT);
      TableName found = null;
      for (TableName t : byTable.getOrDefault(name, List.of())) {
        if (matches(partial.database(), t.database()) && matches(partial.schema(), t.schema())) {
          if (found != null) {
            return null; // ambiguous
          }
          found = t;
        }
      }
      return found;
    }

    private boolean matches(String wanted, String known) {
      return wanted == null
          || (folded == null ? wanted.equals(known) : wanted.equalsIgnoreCase(known));
    }
  }
}
