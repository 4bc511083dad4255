// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.jdbc.runtime.collect;

import io.pushgen.jdbc.runtime.model.RelationalAsset.AssetField;
import io.pushgen.jdbc.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.jdbc.runtime.model.RelationalAsset;
import java.io.IOException;
import java.sql.DatabaseMetaData;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads tables, views and columns through {@link java.sql.DatabaseMetaData}, for any JDBC driver:
 * the generic collector when a warehouse has no catalog queries of its own.
 *
 * <p>The work is done one schema at a time, with two metadata calls per schema ({@code
 * getTables} and {@code getColumns}), never one per table. Memory holds the table list of one
 * schema (names, types, remarks) and the columns of one table: the columns stream in, grouped by
 * table as JDBC orders them, and each table is handed on as soon as its columns are complete.
 *
 * <p>Names are passed to the metadata calls as patterns, with {@code _} and {@code %} escaped by
 * {@link DatabaseMetaData#getSearchStringEscape()}; rows are also compared with the requested
 * catalog and schema, for drivers that ignore the escape.
 */
public final class DatabaseMetadataReader {
  private DatabaseMetadataReader() {}

  /**
   * How to turn one schema's metadata rows into assets.
   *
   * @param types table types to ask for ({@code getTables}' types), or null for all
   * @param tableTypes native table type to TABLE or VIEW
   * @param columnTypes native column type to the pushed type
   * @param withFields whether to read the columns
   */
  public record Settings(String[] types, TypeMap tableTypes, TypeMap columnTypes, boolean withFields) {}

  /**
   * The identifier quoting the driver reports ({@link DatabaseMetaData#getIdentifierQuoteString()},
   * a quote inside a name doubled), or null when the database does not quote identifiers.
   */
  public static Quoting quoting(DatabaseMetaData metadata) throws SQLException {
    String quote = metadata.getIdentifierQuoteString();
    if (quote == null || quote.isBlank()) {
      return null;
    }
    quote = quote.strip();
    return new Quoting(quote, quote + quote);
  }

  /** A qualified name for messages, quoted with {@code quoting} when there is one; nulls left out. */
  public static String qualified(Quoting quoting, String... parts) {
    List<String> names = new ArrayList<>();
    for (String part : parts) {
      if (part != null) {
        names.add(quoting == null ? part : quoting.quote(part));
      }
    }
    return String.join(".", names);
  }

  /** The catalogs the driver lists, or an empty list when it has none. */
  public static List<String> catalogs(DatabaseMetaData metadata) throws SQLException {
    List<String> catalogs = new ArrayList<>();
    try (ResultSet rows = metadata.getCatalogs()) {
      while (rows.next()) {
        String name = rows.getString("TABLE_CAT");
        if (name != null && !catalogs.contains(name)) {
          catalogs.add(name);
        }
      }
    } catch (SQLFeatureNotSupportedException e) {
      return List.of();
    }
    return catalogs;
  }

  /**
   * The schemas of one catalog (null: the driver has no catalogs), or an empty list when the
   * driver has no schemas.
   */
  public static List<String> schemas(DatabaseMetaData metadata, String catalog) throws SQLException {
    List<String> schemas = new ArrayList<>();
    ResultSet found;
    boolean byCatalog = true;
    try {
      found = metadata.getSchemas(catalog, null);
    } catch (SQLFeatureNotSupportedException | AbstractMethodError e) {
      try {
        found = metadata.getSchemas();
        byCatalog = false;
      } catch (SQLFeatureNotSupportedException unsupported) {
        return List.of();
      }
    }
    boolean filtered = byCatalog;
    try (ResultSet rows = found) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        String name = rows.getString("TABLE_SCHEM");
        String owner = columns >= 2 ? rows.getString(2) : null;
        if (name != null
            && (catalog == null || owner == null || catalog.equals(owner) || filtered && owner.isEmpty())
            && !schemas.contains(name)) {
          schemas.add(name);
        }
      }
    }
    return schemas;
  }

  /**
   * The driver's spelling of the wanted table types, matched case-insensitively against {@link
   * DatabaseMetaData#getTableTypes()}; null (all types) when none of them is listed.
   */
  public static String[] tableTypes(DatabaseMetaData metadata, Set<String> wanted) throws SQLException {
    Set<String> lower = new HashSet<>();
    wanted.forEach(type -> lower.add(type.strip().toLowerCase(Locale.ROOT)));
    List<String> types = new ArrayList<>();
    try (ResultSet rows = metadata.getTableTypes()) {
      while (rows.next()) {
        String type = rows.getString("TABLE_TYPE");
        if (type != null && lower.contains(type.strip().toLowerCase(Locale.ROOT))) {
          types.add(type);
        }
      }
    }
    return types.isEmpty() ? null : types.toArray(String[]::new);
  }

  private record Table(String type, String remarks) {}

  /**
   * Reads one schema and hands each included asset to the sink.
   *
   * @param catalog the catalog to read, or null when the driver has none
   * @param schema the schema to read, or null when the driver has none
   * @param database the asset's database name
   * @param schemaName the asset's schema name
   * @return how many assets were handed to the sink
   * @throws SQLException also when the driver returns a table's columns in two separate runs
   */
  public static int readSchema(
      DatabaseMetaData metadata,
      String catalog,
      String schema,
      String database,
      String schemaName,
      Settings settings,
      Predicate<RelationalAsset> include,
      Sink<RelationalAsset> sink)
      throws SQLException, IOException {
    String escape = metadata.getSearchStringEscape();
    String schemaPattern = schema == null ? null : pattern(schema, escape);
    Map<String, Table> tables = new TreeMap<>();
    try (ResultSet rows = metadata.getTables(catalog, schemaPattern, "%", settings.types())) {
      while (rows.next()) {
        if (belongs(rows, catalog, schema)) {
          tables.put(
              rows.getString("TABLE_NAME"),
              new Table(rows.getString("TABLE_TYPE"), nonBlank(rows.getString("REMARKS"))));
        }
      }
    }
    int count = 0;
    Set<String> done = new HashSet<>();
    if (settings.withFields() && !tables.isEmpty()) {
      try (ResultSet rows = metadata.getColumns(catalog, schemaPattern, "%", "%")) {
        String current = null;
        List<AssetField> fields = new ArrayList<>();
        while (rows.next()) {
          if (!belongs(rows, catalog, schema)) {
            continue;
          }
          String table = rows.getString("TABLE_NAME");
          if (!Objects.equals(table, current)) {
            count += emit(current, fields, tables, done, database, schemaName, settings, include, sink);
            if (done.contains(table)) {
              throw new SQLException(
                  "the driver returned the columns of " + schemaName + "." + table
                      + " in two separate runs; DatabaseMetaData.getColumns must order them by table");
            }
            current = table;
            fields = new ArrayList<>();
          }
          if (tables.containsKey(table)) {
            fields.add(
                new AssetField(
                    rows.getString("COLUMN_NAME"),
                    settings.columnTypes().normalize(typeName(rows)),
                    nonBlank(rows.getString("REMARKS"))));
          }
        }
        count += emit(current, fields, tables, done, database, schemaName, settings, include, sink);
      }
    }
    for (String table : List.copyOf(tables.keySet())) {
      count += emit(table, List.of(), tables, done, database, schemaName, settings, include, sink);
    }
    return count;
  }

  /** Hands on one table (and forgets it) if the tables call returned it. */
  private static int emit(
      String table,
      List<AssetField> fields,
      Map<String, Table> tables,
      Set<String> done,
      String database,
      String schemaName,
      Settings settings,
      Predicate<RelationalAsset> include,
      Sink<RelationalAsset> sink)
      throws IOException {
    if (table == null) {
      return 0;
    }
    Table row = tables.remove(table);
    if (row == null) {
      return 0;
    }
    done.add(table);
    RelationalAsset asset =
        new RelationalAsset(
            settings.tableTypes().normalize(row.type()),
            new AssetMetadata(table, database, schemaName, row.remarks(), null, null),
            List.of(),
            List.copyOf(fields),
            null,
            null);
    if (!include.test(asset)) {
      return 0;
    }
    sink.accept(asset);
    return 1;
  }

  /** The type name, or the JDBC type's name when the driver has none (SQLite's untyped columns). */
  private static String typeName(ResultSet row) throws SQLException {
    String name = row.getString("TYPE_NAME");
    if (name != null && !name.isBlank()) {
      return name.strip();
    }
    try {
      return JDBCType.valueOf(row.getInt("DATA_TYPE")).getName();
    } catch (IllegalArgumentException e) {
      return "UNKNOWN";
    }
  }

  private static boolean belongs(ResultSet row, String catalog, String schema) throws SQLException {
    if (catalog != null) {
      String rowCatalog = row.getString("TABLE_CAT");
      if (rowCatalog != null && !catalog.equals(rowCatalog)) {
        return false;
      }
    }
    if (schema != null) {
      String rowSchema = row.getString("TABLE_SCHEM");
      return rowSchema == null || schema.equals(rowSchema);
    }
    return true;
  }

  /** {@code name} as a metadata search pattern that matches only itself (as far as the driver escapes). */
  static String pattern(String name, String escape) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_' || c == '%' || name.startsWith(escape, i)) {
        sb.append(escape);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
