// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.sqlserver.runtime.lineage;

import java.util.Comparator;
import java.util.Objects;

/**
 * A fully resolved table (or view) name, spelled as the warehouse stores it.
 *
 * <p>For two-level engines (Hive, MySQL) {@code database} and {@code schema} are both the
 * database. A part is null only when neither the statement nor the defaults name it.
 */
public record TableName(String database, String schema, String table) implements Comparable<TableName> {
  private static final Comparator<String> PART = Comparator.nullsFirst(Comparator.naturalOrder());
  private static final Comparator<TableName> ORDER =
      Comparator.comparing(TableName::database, PART)
          .thenComparing(TableName::schema, PART)
          .thenComparing(TableName::table, PART);

  public TableName {
    Objects.requireNonNull(table, "table");
  }

  @Override
  public int compareTo(TableName o) {
    return ORDER.compare(this, o);
  }

  /** {@code database.schema.table}, null parts left out. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (database != null) {
      b.append(database).append('.');
    }
    if (schema != null) {
      b.append(schema).append('.');
    }
    return b.append(table).toString();
  }
}
