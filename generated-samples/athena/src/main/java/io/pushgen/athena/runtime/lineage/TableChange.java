// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.lineage;

import java.util.Objects;

/**
 * A change a statement makes to a table's identity, which decides what earlier lineage of a
 * script or collection window belongs to (applied in order by {@link LineageAccumulator}).
 *
 * @param kind what happened
 * @param table the table dropped, renamed or swapped
 * @param other the new name (RENAMED) or the table swapped with (SWAPPED); null for DROPPED
 */
public record TableChange(Kind kind, TableName table, TableName other) {
  /** What a statement did to a table. */
  public enum Kind {
    /** {@code DROP TABLE|VIEW}: the table no longer exists. */
    DROPPED,
    /** {@code ALTER TABLE a RENAME TO b}, {@code RENAME TABLE a TO b}: a's data is now b. */
    RENAMED,
    /** {@code ALTER TABLE a SWAP WITH b}: a and b exchange their data. */
    SWAPPED
  }

  public TableChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(table, "table");
    if (kind != Kind.DROPPED) {
      Objects.requireNonNull(other, "other");
    }
  }
}
