// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.mysql.runtime.lineage;

import io.pushgen.mysql.runtime.model.LineageEvent.ColumnLineageField;
import io.pushgen.mysql.runtime.model.LineageEvent.ColumnLineageSourceField;
import io.pushgen.mysql.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.mysql.runtime.model.LineageEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges statement lineages of a collection window into one {@link LineageEvent} per destination.
 *
 * <ul>
 *   <li>Sources and column mappings of every statement writing the same destination are merged.
 *   <li>Temporary tables and views are resolved through: a source that is a temporary table is
 *       replaced by that table's own sources (and a source column of it by its source columns),
 *       transitively; temporary tables are never reported, as destinations or sources.
 *   <li>Every reference gets an {@code asset_id} unique within its event ({@code dest}, {@code
 *       src1}, {@code src2}, ...), and every column source names one of them. References have type
 *       {@code TABLE} ({@code EXTERNAL} for stages and storage locations).
 *   <li>Output is deterministic: events sorted by destination, sources sorted, fields sorted by
 *       name.
 * </ul>
 */
public final class LineageAccumulator {
  public static final String DESTINATION_ID = "dest";

  private final boolean columnLevel;
  private final Map<TableName, Entry> entries = new HashMap<>();
  private final Set<TableName> temporary = new HashSet<>();
  private final Set<TableName> external = new HashSet<>();

  private static final class Entry {
    final LinkedHashSet<TableName> sources = new LinkedHashSet<>();
    final Map<String, LinkedHashSet<ColumnRef>> columns = new LinkedHashMap<>();
  }

  /** @param columnLevel false to drop column lineage ({@code --table-level-only}) */
  public LineageAccumulator(boolean columnLevel) {
    this.columnLevel = columnLevel;
  }

  /** Merges one statement's lineage. */
  public void add(StatementLineage lineage) {
    Entry e = entries.computeIfAbsent(lineage.target(), k -> new Entry());
    if (lineage.temporary()) {
      temporary.add(lineage.target());
    }
    e.sources.addAll(lineage.sources());
    external.addAll(lineage.external());
    lineage.columns().forEach(
        (col, refs) -> e.columns.computeIfAbsent(col, k -> new LinkedHashSet<>()).addAll(refs));
  }

  /** Adds every lineage of an analysis (nothing for a failed one). */
  public void add(Analysis analysis) {
    analysis.lineages().forEach(this::add);
  }

  /** True when nothing (other than temporary tables) has been added. */
  public boolean isEmpty() {
    for (TableName t : entries.keySet()) {
      if (!temporary.contains(t)) {
        return false;
      }
    }
    return true;
  }

  /** One event per non-temporary destination with at least one source, sorted by destination. */
  public List<LineageEvent> events() {
    List<LineageEvent> out = new ArrayList<>();
    for (TableName target : new TreeSet<>(entries.keySet())) {
      if (temporary.contains(target)) {
        continue;
      }
      Entry e = entries.get(target);
      TreeSet<TableName> sources = new TreeSet<>();
      for (TableName s : e.sources) {
        sources.addAll(resolveTable(s, new HashSet<>()));
      }
      sources.remove(target);
      if (sources.isEmpty()) {
        continue;
      }
      Map<TableName, String> ids = new HashMap<>();
      ids.put(target, DESTINATION_ID);
      List<LineageAssetRef> refs = new ArrayList<>();
      int n = 0;
      for (TableName s : sources) {
        String id = "src" + (++n);
        ids.put(s, id);
        refs.add(ref(s, id));
      }
      List<ColumnLineageField> fields = new ArrayList<>();
      if (columnLevel) {
        TreeMap<String, LinkedHashSet<ColumnRef>> sorted = new TreeMap<>(e.columns);
        sorted.forEach(
            (col, colRefs) -> {
              LinkedHashSet<ColumnRef> resolved = new LinkedHashSet<>();
              for (ColumnRef r : colRefs) {
                resolved.addAll(resolveColumn(r, new HashSet<>()));
              }
              List<ColumnLineageSourceField> sf = new ArrayList<>();
              for (ColumnRef r : resolved) {
                String id = ids.get(r.table());
                if (id != null && !external.contains(r.table())) {
                  sf.add(new ColumnLineageSourceField(id, r.column()));
                }
              }
              if (!sf.isEmpty()) {
                fields.add(new ColumnLineageField(col, sf));
              }
            });
      }
      out.add(new LineageEvent(ref(target, DESTINATION_ID), refs, fields));
    }
    return out;
  }

  private LineageAssetRef ref(TableName t, String id) {
    String type = external.contains(t) ? "EXTERNAL" : "TABLE";
    return new LineageAssetRef(
        type, t.table(), t.database() == null ? "" : t.database(),
        t.schema() == null ? "" : t.schema(), id);
  }

  private Set<TableName> resolveTable(TableName t, Set<TableName> visiting) {
    if (!temporary.contains(t)) {
      return Set.of(t);
    }
    if (!visiting.add(t)) {
      return Set.of();
    }
    Set<TableName> out = new LinkedHashSet<>();
    for (TableName s : entries.get(t).sources) {
      out.addAll(resolveTable(s, visiting));
    }
    visiting.remove(t);
    return out;
  }

  private Set<ColumnRef> resolveColumn(ColumnRef r, Set<TableName> visiting) {
    if (!temporary.contains(r.table())) {
      return Set.of(r);
    }
    if (!visiting.add(r.table())) {
      return Set.of();
    }
    Set<ColumnRef> out = new LinkedHashSet<>();
    Map<String, LinkedHashSet<ColumnRef>> cols = entries.get(r.table()).columns;
    LinkedHashSet<ColumnRef> through = cols.get(r.column());
    if (through == null) {
      for (Map.Entry<String, LinkedHashSet<ColumnRef>> c : cols.entrySet()) {
        if (c.getKey().equalsIgnoreCase(r.column())) {
          through = c.getValue();
          break;
        }
      }
    }
    if (through != null) {
      for (ColumnRef x : through) {
        out.addAll(resolveColumn(x, visiting));
      }
    }
    visiting.remove(r.table());
    return out;
  }
}
