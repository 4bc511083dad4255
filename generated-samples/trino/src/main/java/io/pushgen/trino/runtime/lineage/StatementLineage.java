// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.trino.runtime.lineage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one statement writes: its target, the tables it reads and, where they can be derived, the
 * source columns of each target column.
 *
 * @param target the table or view written
 * @param temporary true when the target is a temporary table or view (resolved through by {@link
 *     LineageAccumulator}, never reported)
 * @param sources the tables read, distinct, in order of first appearance; never the target itself
 * @param external the subset of {@code sources} that are not tables (stages, storage locations),
 *     reported with type {@code EXTERNAL}
 * @param columns destination column to its source columns (ordered, distinct); possibly empty; a
 *     source column may belong to the target itself (e.g. {@code UPDATE t SET a = b})
 */
public record StatementLineage(
    TableName target,
    boolean temporary,
    List<TableName> sources,
    Set<TableName> external,
    Map<String, List<ColumnRef>> columns) {

  public StatementLineage {
    Objects.requireNonNull(target, "target");
    sources = List.copyOf(sources);
    external = Set.copyOf(external);
    Map<String, List<ColumnRef>> copy = new LinkedHashMap<>();
    columns.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    columns = Collections.unmodifiableMap(copy);
  }

  /** Table-level lineage between tables only. */
  public StatementLineage(TableName target, boolean temporary, List<TableName> sources) {
    this(target, temporary, sources, Set.of(), Map.of());
  }
}
