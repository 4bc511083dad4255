package io.pushgen.runtime.lineage;

import io.pushgen.runtime.model.LineageEvent.ColumnLineageField;
import io.pushgen.runtime.model.LineageEvent.ColumnLineageSourceField;
import io.pushgen.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.runtime.model.LineageEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hand-written lineage corpus: {@code lineage/<dialect>.sql}, one file per dialect. The files
 * are SQL with the expectations in comments:
 *
 * <pre>
 * -- @defaults DB SCHEMA                 file-wide defaults ("-" for none)
 * -- @catalog DB.S.T: a, b, c            a table the catalog knows (file-wide)
 *
 * -- case: a short name
 * -- defaults: DB SCHEMA                 (optional) overrides the file defaults
 * INSERT INTO ... ;
 * -- target: DB.S.T [temporary]          one per lineage the statement yields
 * -- source: DB.S.A                      sources of the preceding target
 * -- column: C <- DB.S.A.X, DB.S.B.Y     a column mapping of the preceding target
 * -- none                                the statement yields no lineage
 * -- unparsed                            the statement is expected not to parse
 * -- recovered                           only the fallback understands it (tables, no columns)
 * -- script                              several statements, run through LineageAccumulator:
 *                                        the expectations are its events (temporary and
 *                                        dropped tables resolved through, renames applied)
 * -- known-gap: why                      expected differs from what the engine does today
 * </pre>
 *
 * Names are written fully resolved, {@code database.schema.table}; a part in double quotes may
 * hold dots or spaces, {@code -} is a null part.
 */
final class LineageCorpus {
  static final List<String> DIALECT_FILES =
      List.of("snowflake", "bigquery", "databricks", "redshift", "postgres", "mysql", "hive",
          "duckdb", "tsql", "trino", "clickhouse", "teradata", "ansi");

  record Expected(TableName target, boolean temporary, Set<TableName> sources,
      Map<String, Set<ColumnRef>> columns) {}

  record Case(Dialect dialect, String file, String name, int line, String sql, String defaultDatabase,
      String defaultSchema, List<Expected> expected, boolean unparsed, boolean recovered,
      boolean script, String knownGap, Catalog catalog) {
    @Override
    public String toString() {
      return file + ":" + line + " " + name;
    }

    /** The statements to analyse: the script's, or the one statement. */
    List<String> statements() {
      return script ? SqlScripts.split(sql, dialect) : List.of(sql);
    }
  }

  static List<Case> load() throws IOException {
    return load(true);
  }

  /** @param shapes whether to include the real query-history shapes ({@code shapes/*.sql}) */
  static List<Case> load(boolean shapes) throws IOException {
    List<Case> all = new ArrayList<>();
    for (String f : DIALECT_FILES) {
      all.addAll(load(Dialect.fromId(f), "/lineage/" + f + ".sql"));
    }
    // Statements in the shapes of real query history (dbt, BI tools, ELT loaders, scripts).
    for (String f : shapes ? DIALECT_FILES : List.<String>of()) {
      String file = "/lineage/shapes/" + f + ".sql";
      if (LineageCorpus.class.getResource(file) != null) {
        all.addAll(load(Dialect.fromId(f), file));
      }
    }
    return all;
  }

  static List<Case> load(Dialect dialect, String resource) throws IOException {
    String text;
    try (InputStream in = LineageCorpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] lines = text.split("\n", -1);
    Map<TableName, List<String>> catalog = new LinkedHashMap<>();
    String[] fileDefaults = {null, null};
    List<Builder> builders = new ArrayList<>();
    Builder cur = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String t = line.strip();
      if (t.startsWith("-- @defaults")) {
        fileDefaults = defaults(t.substring("-- @defaults".length()));
      } else if (t.startsWith("-- @catalog")) {
        String rest = t.substring("-- @catalog".length()).strip();
        int colon = rest.lastIndexOf(':');
        List<String> cols = new ArrayList<>();
        for (String c : rest.substring(colon + 1).split(",")) {
          if (!c.isBlank()) {
            cols.add(unquote(c.strip()));
          }
        }
        catalog.put(table(rest.substring(0, colon).strip()), cols);
      } else if (t.startsWith("-- case:")) {
        cur = new Builder();
        cur.name = t.substring("-- case:".length()).strip();
        cur.line = i + 1;
        cur.defaults = fileDefaults;
        builders.add(cur);
      } else if (cur == null) {
        continue;
      } else if (t.startsWith("-- defaults:")) {
        cur.defaults = defaults(t.substring("-- defaults:".length()));
      } else if (t.startsWith("-- target:")) {
        String rest = t.substring("-- target:".length()).strip();
        boolean temp = rest.endsWith(" temporary");
        if (temp) {
          rest = rest.substring(0, rest.length() - " temporary".length()).strip();
        }
        cur.expected.add(new Expected(table(rest), temp, new LinkedHashSet<>(),
            new LinkedHashMap<>()));
      } else if (t.startsWith("-- source:")) {
        last(cur, i).sources().add(table(t.substring("-- source:".length()).strip()));
      } else if (t.startsWith("-- column:")) {
        String rest = t.substring("-- column:".length()).strip();
        int arrow = rest.indexOf("<-");
        String col = unquote(rest.substring(0, arrow).strip());
        Set<ColumnRef> refs = new LinkedHashSet<>();
        for (String r : splitTop(rest.substring(arrow + 2), ',')) {
          if (!r.isBlank()) {
            List<String> parts = splitTop(r.strip(), '.');
            refs.add(new ColumnRef(table(String.join(".", parts.subList(0, parts.size() - 1))),
                unquote(parts.get(parts.size() - 1))));
          }
        }
        last(cur, i).columns().put(col, refs);
      } else if (t.equals("-- none")) {
        cur.none = true;
      } else if (t.equals("-- unparsed")) {
        cur.unparsed = true;
      } else if (t.equals("-- recovered")) {
        cur.recovered = true;
      } else if (t.equals("-- script")) {
        cur.script = true;
      } else if (t.startsWith("-- known-gap:")) {
        cur.knownGap = t.substring("-- known-gap:".length()).strip();
      } else {
        cur.sql.append(line).append('\n');
      }
    }
    Catalog cat = Catalog.of(catalog);
    List<Case> out = new ArrayList<>();
    for (Builder b : builders) {
      String sql = b.sql.toString().strip();
      if (sql.endsWith(";")) {
        sql = sql.substring(0, sql.length() - 1).strip();
      }
      if (sql.isEmpty() || b.expected.isEmpty() && !b.none && !b.unparsed) {
        throw new IOException(resource + ":" + b.line + ": case '" + b.name
            + "' needs SQL and an expectation (target, none or unparsed)");
      }
      out.add(new Case(dialect, resource.substring("/lineage/".length()), b.name, b.line, sql, b.defaults[0], b.defaults[1], b.expected,
          b.unparsed, b.recovered, b.script, b.knownGap, cat));
    }
    return out;
  }

  private static Expected last(Builder b, int line) throws IOException {
    if (b.expected.isEmpty()) {
      throw new IOException("line " + (line + 1) + ": source or column before any target");
    }
    return b.expected.get(b.expected.size() - 1);
  }

  private static final class Builder {
    String name;
    int line;
    String[] defaults;
    final StringBuilder sql = new StringBuilder();
    final List<Expected> expected = new ArrayList<>();
    boolean none;
    boolean unparsed;
    boolean recovered;
    boolean script;
    String knownGap;
  }

  private static String[] defaults(String s) {
    List<String> parts = splitTop(s.strip(), ' ');
    parts.removeIf(String::isBlank);
    String db = parts.size() > 0 ? unquoteOrNull(parts.get(0)) : null;
    String schema = parts.size() > 1 ? unquoteOrNull(parts.get(1)) : null;
    return new String[] {db, schema};
  }

  static TableName table(String dotted) {
    List<String> p = splitTop(dotted, '.');
    if (p.size() != 3) {
      throw new IllegalArgumentException("expected database.schema.table: " + dotted);
    }
    return new TableName(unquoteOrNull(p.get(0)), unquoteOrNull(p.get(1)), unquote(p.get(2)));
  }

  private static String unquoteOrNull(String s) {
    return s.equals("-") ? null : unquote(s);
  }

  private static String unquote(String s) {
    s = s.strip();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  /** Splits on sep outside double quotes. */
  static List<String> splitTop(String s, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean q = false;
    for (char c : s.toCharArray()) {
      if (c == '"') {
        q = !q;
      }
      if (c == sep && !q) {
        out.add(b.toString());
        b.setLength(0);
      } else {
        b.append(c);
      }
    }
    out.add(b.toString());
    return out;
  }

  // ------------------------------------------------------------------ scoring

  /** Table-level items (targets and target<-source edges) and column-level items. */
  record Items(Set<String> tables, Set<String> columns) {}

  static Items expectedItems(Case c) {
    Set<String> tables = new TreeSet<>();
    Set<String> columns = new TreeSet<>();
    for (Expected e : c.expected()) {
      add(tables, columns, e.target(), e.temporary(), e.sources(), e.columns());
    }
    return new Items(tables, columns);
  }

  static Items actualItems(Analysis a) {
    Set<String> tables = new TreeSet<>();
    Set<String> columns = new TreeSet<>();
    for (StatementLineage l : a.lineages()) {
      Map<String, Set<ColumnRef>> cols = new LinkedHashMap<>();
      l.columns().forEach((k, v) -> cols.put(k, new LinkedHashSet<>(v)));
      add(tables, columns, l.target(), l.temporary(), new LinkedHashSet<>(l.sources()), cols);
    }
    return new Items(tables, columns);
  }

  /** The items of a script's accumulated events (temporary tables never appear in them). */
  static Items eventItems(List<LineageEvent> events) {
    Set<String> tables = new TreeSet<>();
    Set<String> columns = new TreeSet<>();
    for (LineageEvent e : events) {
      Map<String, TableName> ids = new LinkedHashMap<>();
      TableName target = name(e.destination());
      ids.put(e.destination().assetId(), target);
      Set<TableName> sources = new LinkedHashSet<>();
      for (LineageAssetRef r : e.sources()) {
        sources.add(name(r));
        ids.put(r.assetId(), name(r));
      }
      Map<String, Set<ColumnRef>> cols = new LinkedHashMap<>();
      for (ColumnLineageField f : e.fields()) {
        Set<ColumnRef> refs = new LinkedHashSet<>();
        for (ColumnLineageSourceField sf : f.sourceFields()) {
          refs.add(new ColumnRef(ids.get(sf.assetId()), sf.fieldName()));
        }
        cols.put(f.name(), refs);
      }
      add(tables, columns, target, false, sources, cols);
    }
    return new Items(tables, columns);
  }

  private static TableName name(LineageAssetRef r) {
    return new TableName(r.database().isEmpty() ? null : r.database(),
        r.schema().isEmpty() ? null : r.schema(), r.name());
  }

  private static void add(Set<String> tables, Set<String> columns, TableName target,
      boolean temp, Set<TableName> sources, Map<String, Set<ColumnRef>> cols) {
    tables.add("target " + target + (temp ? " temporary" : ""));
    for (TableName s : sources) {
      tables.add("edge " + target + " <- " + s);
    }
    cols.forEach((col, refs) -> {
      for (ColumnRef r : refs) {
        columns.add("column " + target + "." + col + " <- " + r);
      }
    });
  }
}
