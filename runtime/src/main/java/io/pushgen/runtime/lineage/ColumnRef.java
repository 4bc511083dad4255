package io.pushgen.runtime.lineage;

import java.util.Objects;

/** A column of a resolved table. */
public record ColumnRef(TableName table, String column) {
  public ColumnRef {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
  }

  @Override
  public String toString() {
    return table + "." + column;
  }
}
