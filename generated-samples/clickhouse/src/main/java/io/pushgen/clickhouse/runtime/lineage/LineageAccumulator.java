// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.lineage;

import io.pushgen.clickhouse.runtime.model.LineageEvent.ColumnLineageField;
import io.pushgen.clickhouse.runtime.model.LineageEvent.ColumnLineageSourceField;
import io.pushgen.clickhouse.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.clickhouse.runtime.model.LineageEvent;
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
 *       transitively (a temporary copy of one table without column mappings, {@code SELECT *}
 *       without a catalog, passes each column from its namesake); temporary tables are never
 *       reported, as destinations or sources. A table
 *       written and then dropped (and not written again) is resolved through the same way: it
 *       was a script's scratch table and no longer exists.
 *   <li>Renames and swaps ({@link TableChange}) re-target what was added before them: after
 *       {@code ALTER TABLE a RENAME TO b}, a's sources are b's, and statements that read a read
 *       b. Statements after the change see the new names.
 *   <li>A table is never its own source (Monte Carlo draws no self-edges), but a column that
 *       reads the destination's earlier value ({@code UPDATE t SET a = a + b}) keeps that column
 *       as a source field of the destination.
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

  /** Tables written and then dropped, not written again since. */
  private final Set<TableName> dropped = new HashSet<>();

  /** Merges one statement's lineage. */
  public void add(StatementLineage lineage) {
    dropped.remove(lineage.target());
    Entry e = entries.computeIfAbsent(lineage.target(), k -> new Entry());
    if (lineage.temporary()) {
      temporary.add(lineage.target());
    }
    e.sources.addAll(lineage.sources());
    external.addAll(lineage.external());
    lineage.columns().forEach(
        (col, refs) -> e.columns.computeIfAbsent(col, k -> new LinkedHashSet<>()).addAll(refs));
  }

  /** Adds every lineage of an analysis (nothing for a failed one), then applies its changes. */
  public void add(Analysis analysis) {
    analysis.lineages().forEach(this::add);
    analysis.changes().forEach(this::apply);
  }

  /** Applies a drop, rename or swap to what was added so far. */
  public void apply(TableChange change) {
    TableName a = change.table();
    TableName b = change.other();
    switch (change.kind()) {
      case DROPPED -> {
        if (entries.containsKey(a)) {
          dropped.add(a);
        }
      }
      case RENAMED -> {
        Entry moved = entries.remove(a);
        if (moved != null) {
          Entry into = entries.computeIfAbsent(b, k -> new Entry());
          into.sources.addAll(moved.sources);
          moved.columns.forEach((col, refs) ->
              into.columns.computeIfAbsent(col, k -> new LinkedHashSet<>()).addAll(refs));
        }
        moveFlag(temporary, a, b);
        moveFlag(dropped, a, b);
        moveFlag(external, a, b);
        rename(Map.of(a, b));
      }
      case SWAPPED -> {
        Entry ea = entries.remove(a);
        Entry eb = entries.remove(b);
        if (ea != null) {
          entries.put(b, ea);
        }
        if (eb != null) {
          entries.put(a, eb);
        }
        for (Set<TableName> flags : List.of(temporary, dropped, external)) {
          boolean fa = flags.remove(a);
          boolean fb = flags.remove(b);
          if (fa) {
            flags.add(b);
          }
          if (fb) {
            flags.add(a);
          }
        }
        rename(Map.of(a, b, b, a));
        // Each now reads the other's name for what was its own earlier state (a copy made to be
        // rebuilt and swapped in): no self-edges.
        forgetSource(entries.get(a), b);
        forgetSource(entries.get(b), a);
      }
    }
  }

  private static void forgetSource(Entry e, TableName source) {
    if (e != null) {
      e.sources.remove(source);
      e.columns.values().forEach(refs -> refs.removeIf(r -> r.table().equals(source)));
      e.columns.values().removeIf(Set::isEmpty);
    }
  }

  private static void moveFlag(Set<TableName> flags, TableName from, TableName to) {
    if (flags.remove(from)) {
      flags.add(to);
    }
  }

  /** Replaces table names in every entry's sources and source columns. */
  private void rename(Map<TableName, TableName> names) {
    for (Entry e : entries.values()) {
      List<TableName> sources = new ArrayList<>(e.sources);
      e.sources.clear();
      for (TableName t : sources) {
        e.sources.add(names.getOrDefault(t, t));
      }
      for (LinkedHashSet<ColumnRef> refs : e.columns.values()) {
        List<ColumnRef> old = new ArrayList<>(refs);
        refs.clear();
        for (ColumnRef r : old) {
          TableName t = names.get(r.table());
          refs.add(t == null ? r : new ColumnRef(t, r.column()));
        }
      }
    }
  }

  private boolean collapsed(TableName t) {
    return temporary.contains(t) || dropped.contains(t);
  }

  /** True when nothing (other than temporary and dropped tables) has been added. */
  public boolean isEmpty() {
    for (TableName t : entries.keySet()) {
      if (!collapsed(t)) {
        return false;
      }
    }
    return true;
  }

  /** One event per non-temporary destination with at least one source, sorted by destination. */
  public List<LineageEvent> events() {
    List<LineageEvent> out = new ArrayList<>();
    for (TableName target : new TreeSet<>(entries.keySet())) {
      if (collapsed(target)) {
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
    if (!collapsed(t)) {
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
    if (!collapsed(r.table())) {
      return Set.of(r);
    }
    if (!visiting.add(r.table())) {
      return Set.of();
    }
    Set<ColumnRef> out = new LinkedHashSet<>();
    Entry entry = entries.get(r.table());
    Map<String, LinkedHashSet<ColumnRef>> cols = entry.columns;
    if (cols.isEmpty() && entry.sources.size() == 1) {
      // A copy of one table whose columns were not listed (SELECT * without a catalog): the
      // column comes from its namesake.
      ColumnRef namesake = new ColumnRef(entry.sources.iterator().next(), r.column());
      out.addAll(resolveColumn(namesake, visiting));
      visiting.remove(r.table());
      return out;
    }
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
