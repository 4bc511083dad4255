// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.collect;

import io.pushgen.clickhouse.runtime.model.RelationalAsset.AssetField;
import io.pushgen.clickhouse.runtime.model.RelationalAsset;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Joins a database's table rows and column rows into assets without holding the database in
 * memory.
 *
 * <p>Both result sets must be ordered by schema, then table, in binary (code point) order, the
 * columns in their position order within a table. The join then walks both once, holding the
 * columns of one table at a time. An order violation is reported as an error naming the two
 * rows, never silently turned into missing fields.
 */
public final class CatalogJoin {
  private CatalogJoin() {}

  /** One column row: the table it belongs to, and the field. */
  public record Column(String schema, String table, AssetField field) {}

  /**
   * Walks the tables and their columns and hands each included asset, with its fields, to the
   * sink.
   *
   * @param tables the tables query's rows
   * @param tableMapper turns a table row into an asset without fields
   * @param columns the columns query's rows, or null to collect no fields
   * @param columnMapper turns a column row into a {@link Column}
   * @param include which assets to keep (schemas and tables to skip return false)
   * @param sink receives the assets
   * @return how many assets were handed to the sink
   */
  public static int join(
      ResultSet tables,
      RowMapper<RelationalAsset> tableMapper,
      ResultSet columns,
      RowMapper<Column> columnMapper,
      Predicate<RelationalAsset> include,
      Sink<RelationalAsset> sink)
      throws SQLException, IOException {
    return join(
        () -> tables.next() ? tableMapper.map(tables) : null,
        columns == null ? null : () -> columns.next() ? columnMapper.map(columns) : null,
        include,
        sink);
  }

  /**
   * The same join over rows a vendor client (not JDBC) has already mapped: tables and columns in
   * the same order as for {@link #join(ResultSet, RowMapper, ResultSet, RowMapper, Predicate,
   * Sink)}.
   *
   * @param columns the columns, or null to collect no fields
   * @throws IllegalStateException when either stream is out of order
   */
  public static int join(
      Iterator<RelationalAsset> tables,
      Iterator<Column> columns,
      Predicate<RelationalAsset> include,
      Sink<RelationalAsset> sink)
      throws IOException {
    try {
      return join(
          () -> tables.hasNext() ? tables.next() : null,
          columns == null ? null : () -> columns.hasNext() ? columns.next() : null,
          include,
          sink);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The next row, or null after the last. */
  @FunctionalInterface
  private interface Next<T> {
    T next() throws SQLException;
  }

  private static int join(
      Next<RelationalAsset> tables,
      Next<Column> columns,
      Predicate<RelationalAsset> include,
      Sink<RelationalAsset> sink)
      throws SQLException, IOException {
    ColumnCursor cursor = columns == null ? null : new ColumnCursor(columns);
    String previousSchema = null;
    String previousTable = null;
    int count = 0;
    RelationalAsset asset;
    while ((asset = tables.next()) != null) {
      String schema = asset.metadata().schema();
      String table = asset.metadata().name();
      if (previousSchema != null && compare(previousSchema, previousTable, schema, table) >= 0) {
        throw outOfOrder("tables", previousSchema, previousTable, schema, table);
      }
      previousSchema = schema;
      previousTable = table;
      List<AssetField> fields = cursor == null ? List.of() : cursor.fieldsOf(schema, table);
      if (include.test(asset)) {
        sink.accept(
            new RelationalAsset(
                asset.type(),
                asset.metadata(),
                asset.tags(),
                fields,
                asset.volume(),
                asset.freshness()));
        count++;
      }
    }
    return count;
  }

  /** Orders (schema, table) pairs by code point, which is UTF-8 byte order. */
  static int compare(String schemaA, String tableA, String schemaB, String tableB) {
    int bySchema = compareCodePoints(schemaA, schemaB);
    return bySchema != 0 ? bySchema : compareCodePoints(tableA, tableB);
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static SQLException outOfOrder(
      String query, String schemaA, String tableA, String schemaB, String tableB) {
    return new SQLException(
        "the "
            + query
            + " query's rows are not ordered by schema and table in binary order: "
            + schemaA
            + "."
            + tableA
            + " came before "
            + schemaB
            + "."
            + tableB
            + ". Order both catalog queries by schema, then table, with a binary collation"
            + " (PostgreSQL: COLLATE \"C\").");
  }

  /** Reads the column rows ahead of the tables, one row of look-ahead. */
  private static final class ColumnCursor {
    private final Next<Column> rows;
    private Column current;
    private boolean exhausted;

    ColumnCursor(Next<Column> rows) throws SQLException {
      this.rows = rows;
      advance();
    }

    /** The fields of one table, skipping columns of tables the tables query did not return. */
    List<AssetField> fieldsOf(String schema, String table) throws SQLException {
      while (!exhausted && compare(current.schema(), current.table(), schema, table) < 0) {
        advance();
      }
      List<AssetField> fields = new ArrayList<>();
      while (!exhausted && compare(current.schema(), current.table(), schema, table) == 0) {
        fields.add(current.field());
        advance();
      }
      return fields;
    }

    private void advance() throws SQLException {
      Column previous = current;
      Column next = rows.next();
      if (next == null) {
        exhausted = true;
        current = null;
        return;
      }
      current = next;
      if (previous != null
          && compare(previous.schema(), previous.table(), current.schema(), current.table()) > 0) {
        throw outOfOrder(
            "columns", previous.schema(), previous.table(), current.schema(), current.table());
      }
    }
  }

  /** Reads the current row of a result set into a value. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }
}
