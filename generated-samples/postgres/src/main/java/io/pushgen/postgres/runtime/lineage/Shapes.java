// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.postgres.runtime.lineage;

import io.pushgen.postgres.runtime.lineage.SqlLexer.Kind;
import io.pushgen.postgres.runtime.lineage.SqlLexer.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Statement shapes recognised from tokens, for statements JSqlParser 5.3 does not parse: COPY
 * (Snowflake, Databricks, Redshift, PostgreSQL), CREATE TABLE ... CLONE / COPY, PostgreSQL
 * {@code CREATE TABLE t (LIKE s)}, ALTER/RENAME/DROP (renames, swaps, drops, appends); rewrites
 * of CREATE TABLE/VIEW with clauses it does not know, of Hive multi-insert and of Snowflake
 * multi-table INSERT into statements it parses; and the last resort for a statement it refuses,
 * its tables read from its words ({@link #recoverTables}).
 */
final class Shapes {
  private Shapes() {}

  /** The result of a recognised shape; null fields mean "not this shape". */
  record Direct(List<StatementLineage> lineages) {}

  /** Index of the token closing the bracket opened at {@code open}. */
  private static int closing(List<Token> s, int open) {
    int depth = 0;
    for (int j = open; j < s.size(); j++) {
      if (s.get(j).isSymbol("(")) {
        depth++;
      } else if (s.get(j).isSymbol(")")) {
        depth--;
        if (depth == 0) {
          return j;
        }
      }
    }
    return s.size() - 1;
  }

  /** A dotted name starting at i: raw parts, and the index after it; null if none. */
  record Name(List<String> raw, int end) {}

  static Name name(List<Token> s, int i) {
    List<String> raw = new ArrayList<>();
    while (i < s.size()) {
      Token t = s.get(i);
      if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED) {
        break;
      }
      raw.add(t.text());
      if (i + 1 < s.size() && s.get(i + 1).isSymbol(".")) {
        i += 2;
      } else {
        i++;
        break;
      }
    }
    return raw.isEmpty() ? null : new Name(raw, i);
  }

  private static int skipWords(List<Token> s, int i, String... words) {
    boolean moved = true;
    while (moved && i < s.size()) {
      moved = false;
      for (String w : words) {
        if (s.get(i).is(w)) {
          i++;
          moved = true;
          break;
        }
      }
    }
    return i;
  }

  private static StatementLineage lineage(TableName target, boolean temp, List<TableName> sources,
      Set<TableName> external) {
    List<TableName> src = new ArrayList<>(new LinkedHashSet<>(sources));
    src.remove(target);
    return new StatementLineage(target, temp, src, external, Map.of());
  }

  /** COPY INTO t FROM location / COPY t FROM 's3://...' (loads into a table). */
  static Direct copy(List<Token> s, Names names, Dialect dialect) {
    int i = 1;
    if (i < s.size() && s.get(i).isSymbol("(")) {
      return new Direct(List.of()); // COPY (query) TO ...: an export
    }
    boolean into = i < s.size() && s.get(i).is("INTO");
    if (into) {
      i++;
    }
    if (i < s.size() && (s.get(i).kind() == Kind.STRING || s.get(i).text().startsWith("@"))) {
      return new Direct(List.of()); // COPY INTO location FROM table: an unload
    }
    Name target = name(s, i);
    if (target == null) {
      return null;
    }
    i = target.end();
    if (i < s.size() && s.get(i).isSymbol("(")) {
      i = closing(s, i) + 1;
    }
    if (i >= s.size() || !s.get(i).is("FROM")) {
      return new Direct(List.of()); // COPY t TO ...: reads the table, writes a file
    }
    i++;
    TableName dest = names.resolve(names.parts(target.raw()));
    List<TableName> sources = new ArrayList<>();
    Set<TableName> external = new LinkedHashSet<>();
    int end = i < s.size() && s.get(i).isSymbol("(") ? closing(s, i) : i;
    for (int j = i; j <= end && j < s.size(); j++) {
      Token t = s.get(j);
      if (t.kind() == Kind.WORD && t.text().startsWith("@")) {
        StringBuilder b = new StringBuilder(t.text());
        int k = j + 1;
        while (k + 1 < s.size() && s.get(k).isSymbol(".")) {
          b.append('.').append(s.get(k + 1).text());
          k += 2;
        }
        TableName stage = names.stage(b.toString());
        sources.add(stage);
        external.add(stage);
        j = k - 1;
      } else if (t.kind() == Kind.STRING && t.text().startsWith("'") && t.text().contains("://")) {
        TableName loc = new TableName(null, null, t.text().substring(1, t.text().length() - 1));
        sources.add(loc);
        external.add(loc);
      } else if (j > i && t.is("FROM") && j + 1 < s.size()) {
        Name src = name(s, j + 1);
        if (src != null && !src.raw().get(0).startsWith("@")) {
          sources.add(names.resolve(names.parts(src.raw())));
        }
      }
    }
    if (sources.isEmpty()) {
      return new Direct(List.of());
    }
    return new Direct(List.of(lineage(dest, false, sources, external)));
  }

  /** The CREATE prefix: whether it is temporary and the index of TABLE/VIEW, or -1. */
  private record Create(boolean temporary, int kindIndex, boolean view) {}

  /** True for CREATE statements that make neither a table nor a view (functions, stages ...). */
  static boolean createsNoRelation(List<Token> s) {
    return create(s) == null;
  }

  private static Create create(List<Token> s) {
    boolean temp = false;
    for (int i = 1; i < s.size() && i < 24; i++) {
      Token t = s.get(i);
      if (t.is("TEMP") || t.is("TEMPORARY") || t.is("VOLATILE")) {
        temp = true;
      } else if (t.is("TABLE")) {
        return new Create(temp, i, false);
      } else if (t.is("VIEW")) {
        return new Create(temp, i, true);
      } else if (t.isSymbol("=") && i + 1 < s.size()) {
        // MySQL view options: ALGORITHM=MERGE DEFINER=`user`@`host` SQL SECURITY DEFINER
        i++;
        while (i + 2 < s.size() && s.get(i + 1).text().equals("@")) {
          i += 2;
        }
      } else if (t.kind() != Kind.WORD || t.is("FUNCTION") || t.is("PROCEDURE")) {
        return null;
      }
    }
    return null;
  }

  /**
   * CREATE TABLE t [SHALLOW|DEEP] CLONE s ..., CREATE TABLE t COPY s, CREATE TABLE t (LIKE s),
   * and CREATE TABLE t AS s: Teradata's copy of a table ({@code WITH DATA}: its rows, each
   * column from its namesake, known from the catalog; {@code WITH NO DATA}: its definition), or
   * ClickHouse's table with the structure of another ({@code [ENGINE = ...]}, no rows); a copy of
   * the definition only is a table-level edge, as LIKE is.
   */
  static Direct createCopy(List<Token> s, Names names, Catalog catalog) {
    Create c = create(s);
    if (c == null || c.view()) {
      return null;
    }
    int i = skipWords(s, c.kindIndex() + 1, "IF", "NOT", "EXISTS");
    Name target = name(s, i);
    if (target == null) {
      return null;
    }
    i = target.end();
    boolean withData = false;
    if (i + 1 < s.size() && s.get(i).isSymbol("(") && s.get(i + 1).is("LIKE")) {
      i += 2;
    } else if (i + 1 < s.size() && s.get(i).is("AS")
        && (s.get(i + 1).kind() == Kind.WORD || s.get(i + 1).kind() == Kind.QUOTED)
        && !NOT_TABLES.contains(s.get(i + 1).upper()) && !s.get(i + 1).is("FROM")) {
      Name src = name(s, i + 1);
      if (src == null || src.end() < s.size() && s.get(src.end()).isSymbol("(")) {
        return null; // AS table_function(...): ClickHouse's table over a function, not a copy
      }
      i++;
      withData = src.end() + 1 < s.size() && s.get(src.end()).is("WITH")
          && s.get(src.end() + 1).is("DATA");
    } else {
      i = skipWords(s, i, "SHALLOW", "DEEP");
      if (i >= s.size() || !(s.get(i).is("CLONE") || s.get(i).is("COPY"))) {
        return null;
      }
      i++;
    }
    Name src = name(s, i);
    if (src == null) {
      return null;
    }
    TableName dest = names.resolve(names.parts(target.raw()));
    TableName from = names.resolve(names.parts(src.raw()));
    boolean temp = c.temporary() || target.raw().get(0).startsWith("#");
    if (withData && !dest.equals(from)) {
      Map<String, List<ColumnRef>> columns = new LinkedHashMap<>();
      for (String column : catalog.columns(from)) {
        columns.put(column, List.of(new ColumnRef(from, column)));
      }
      return new Direct(List.of(new StatementLineage(dest, temp, List.of(from), Set.of(), columns)));
    }
    return new Direct(List.of(lineage(dest, temp, List.of(from), Set.of())));
  }

  /**
   * ClickHouse {@code CREATE MATERIALIZED VIEW [IF NOT EXISTS] mv TO t [(columns)] ... AS query}:
   * the view is an insert trigger on the query's tables that writes its rows into t, matched by
   * column name. Two statements: the view over the query, and t created from it (the columns by
   * name); null when not of that shape.
   */
  static List<String> materializedViewTo(List<Token> s) {
    Create c = create(s);
    if (c == null || !c.view() || c.kindIndex() < 2 || !s.get(c.kindIndex() - 1).is("MATERIALIZED")) {
      return null;
    }
    Name view = name(s, skipWords(s, c.kindIndex() + 1, "IF", "NOT", "EXISTS"));
    if (view == null || view.end() + 1 >= s.size() || !s.get(view.end()).is("TO")) {
      return null;
    }
    Name to = name(s, view.end() + 1);
    if (to == null) {
      return null;
    }
    int depth = 0;
    for (int j = to.end(); j + 1 < s.size(); j++) {
      Token t = s.get(j);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && t.is("AS")
          && (s.get(j + 1).is("SELECT") || s.get(j + 1).is("WITH") || s.get(j + 1).isSymbol("("))) {
        String query = text(s, j + 1, s.size());
        return List.of(
            "CREATE VIEW " + String.join(".", view.raw()) + " AS " + query,
            "CREATE TABLE " + String.join(".", to.raw()) + " AS " + query);
      }
    }
    return null;
  }

  /**
   * A CREATE TABLE that only defines a table (no query, LIKE or CLONE): no lineage, but a
   * temporary table is still reported so that it is resolved through later; null if the
   * statement is not of that shape.
   */
  static Direct definitionOnly(List<Token> s, Names names) {
    Create c = create(s);
    if (c == null || c.view()) {
      return null;
    }
    for (Token t : s) {
      if (t.is("SELECT")) {
        return null;
      }
    }
    int i = skipWords(s, c.kindIndex() + 1, "IF", "NOT", "EXISTS");
    Name target = name(s, i);
    if (target == null) {
      return null;
    }
    boolean temp = c.temporary() || target.raw().get(0).startsWith("#");
    if (!temp) {
      return new Direct(List.of());
    }
    TableName dest = names.resolve(names.parts(target.raw()));
    return new Direct(List.of(new StatementLineage(dest, true, List.of())));
  }

  /**
   * CREATE ... TABLE|VIEW name [anything] AS query, with the clauses between the name and AS
   * (OPTIONS, PARTITION BY, STORED AS, BACKUP NO, column definitions ...) dropped; null when the
   * statement is not of that shape.
   */
  static String simplifiedCreate(List<Token> s) {
    Create c = create(s);
    if (c == null) {
      return null;
    }
    int i = skipWords(s, c.kindIndex() + 1, "IF", "NOT", "EXISTS");
    Name target = name(s, i);
    if (target == null) {
      return null;
    }
    int depth = 0;
    for (int j = target.end(); j + 1 < s.size(); j++) {
      Token t = s.get(j);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && t.is("AS")) {
        Token n = s.get(j + 1);
        if (n.is("SELECT") || n.is("WITH") || n.isSymbol("(") || n.is("FROM")) {
          return createAs(c, target, s, j + 1);
        }
      } else if (depth == 0 && !c.view() && (t.is("SELECT") || t.is("WITH"))
          && (j == target.end() || s.get(j - 1).isSymbol(")") || s.get(j - 1).is("IGNORE")
              || s.get(j - 1).is("REPLACE"))) {
        return createAs(c, target, s, j); // MySQL CREATE TABLE t [(columns)] [IGNORE] SELECT ...
      }
    }
    return null;
  }

  private static String createAs(Create c, Name target, List<Token> s, int query) {
    StringBuilder b = new StringBuilder("CREATE ");
    if (c.temporary()) {
      b.append("TEMPORARY ");
    }
    b.append(c.view() ? "VIEW " : "TABLE ").append(String.join(".", target.raw()));
    return b.append(" AS ").append(text(s, query, s.size())).toString();
  }

  /**
   * Snowflake multi-table insert {@code INSERT [OVERWRITE] ALL|FIRST [WHEN c THEN] INTO t [(cols)]
   * [VALUES (exprs)] ... query}: one {@code INSERT INTO t [(cols)] SELECT exprs FROM (query)} per
   * INTO clause (the WHEN conditions only filter rows); null when not of that shape.
   */
  static List<String> multiTableInsert(List<Token> s) {
    int i = skipWords(s, 1, "OVERWRITE");
    if (i >= s.size() || !(s.get(i).is("ALL") || s.get(i).is("FIRST"))) {
      return null;
    }
    i++;
    record Into(String table, String columns, String values) {}
    List<Into> intos = new ArrayList<>();
    while (i < s.size()) {
      Token t = s.get(i);
      if (t.is("WHEN")) {
        int depth = 0;
        while (i < s.size() && !(depth == 0 && s.get(i).is("THEN"))) {
          depth += s.get(i).isSymbol("(") ? 1 : s.get(i).isSymbol(")") ? -1 : 0;
          i++;
        }
        i++;
      } else if (t.is("ELSE")) {
        i++;
      } else if (t.is("INTO")) {
        Name table = name(s, i + 1);
        if (table == null) {
          return null;
        }
        i = table.end();
        String columns = null;
        if (i < s.size() && s.get(i).isSymbol("(")) {
          int close = closing(s, i);
          columns = text(s, i, close + 1);
          i = close + 1;
        }
        String values = null;
        if (i + 1 < s.size() && s.get(i).is("VALUES") && s.get(i + 1).isSymbol("(")) {
          int close = closing(s, i + 1);
          values = text(s, i + 2, close);
          i = close + 1;
        }
        intos.add(new Into(String.join(".", table.raw()), columns, values));
      } else {
        break;
      }
    }
    if (intos.isEmpty() || i >= s.size()) {
      return null;
    }
    String query = text(s, i, s.size());
    List<String> out = new ArrayList<>();
    for (Into into : intos) {
      out.add("INSERT INTO " + into.table() + (into.columns() == null ? "" : " " + into.columns())
          + " SELECT " + (into.values() == null ? "*" : into.values()) + " FROM (" + query
          + ") AS " + DERIVED_ALIAS);
    }
    return out;
  }

  /** The alias of a derived table a shape introduces. */
  private static final String DERIVED_ALIAS = "pushgen_source";

  /**
   * What {@code ALTER TABLE}, {@code RENAME TABLE} and {@code DROP} do to lineage: renames, swaps
   * and drops as {@link TableChange}s; {@code EXCHANGE PARTITION ... WITH TABLE s} (Hive) and
   * {@code APPEND FROM s} (Redshift) move rows of s into the table, a lineage. Any other such
   * statement changes nothing (an empty analysis).
   */
  static Analysis alterRenameDrop(List<Token> s, Names names, Catalog catalog) {
    if (s.get(0).is("DROP")) {
      int i = skipWords(s, 1, "TEMPORARY", "TEMP", "MATERIALIZED", "EXTERNAL", "TRANSIENT");
      if (i >= s.size() || !(s.get(i).is("TABLE") || s.get(i).is("VIEW"))) {
        return Analysis.ok(List.of());
      }
      i = skipWords(s, i + 1, "IF", "EXISTS");
      List<TableChange> dropped = new ArrayList<>();
      for (Name n = name(s, i); n != null; n = nextInList(s, n.end())) {
        dropped.add(new TableChange(TableChange.Kind.DROPPED, resolve(names, n), null));
      }
      return Analysis.changed(dropped);
    }
    if (s.get(0).is("EXCHANGE")) { // ClickHouse EXCHANGE TABLES a AND b [, c AND d]
      int i = skipWords(s, 1, "TABLES");
      List<TableChange> swapped = new ArrayList<>();
      Name a = i > 1 ? name(s, i) : null;
      while (a != null && a.end() + 1 < s.size() && s.get(a.end()).is("AND")) {
        Name b = name(s, a.end() + 1);
        if (b == null) {
          break;
        }
        swapped.add(new TableChange(TableChange.Kind.SWAPPED, resolve(names, a), resolve(names, b)));
        a = nextInList(s, b.end());
      }
      return Analysis.changed(swapped);
    }
    if (s.get(0).is("RENAME")) {
      // MySQL, ClickHouse RENAME TABLE a TO b [, c TO d]; Teradata RENAME TABLE a [TO|AS] b
      int i = skipWords(s, 1, "TABLE", "TABLES");
      List<TableChange> renamed = new ArrayList<>();
      Name from = name(s, i);
      while (from != null && from.end() + 1 < s.size()
          && (s.get(from.end()).is("TO") || s.get(from.end()).is("AS"))) {
        Name to = name(s, from.end() + 1);
        if (to == null) {
          break;
        }
        renamed.add(new TableChange(TableChange.Kind.RENAMED, resolve(names, from),
            resolve(names, to)));
        from = nextInList(s, to.end());
      }
      return Analysis.changed(renamed);
    }
    int i = 1;
    if (i >= s.size() || !(s.get(i).is("TABLE") || s.get(i).is("VIEW"))) {
      return Analysis.ok(List.of());
    }
    i = skipWords(s, i + 1, "IF", "EXISTS");
    Name table = name(s, i);
    if (table == null) {
      return Analysis.ok(List.of());
    }
    TableName target = resolve(names, table);
    i = table.end();
    if (i + 2 < s.size() && s.get(i).is("RENAME") && s.get(i + 1).is("TO")) {
      Name to = name(s, i + 2);
      if (to == null) {
        return Analysis.ok(List.of());
      }
      // An unqualified new name stays in the table's database and schema.
      TableName renamed = to.raw().size() == 1
          ? new TableName(target.database(), target.schema(), resolve(names, to).table())
          : resolve(names, to);
      return Analysis.changed(
          List.of(new TableChange(TableChange.Kind.RENAMED, target, renamed)));
    }
    if (i + 2 < s.size() && s.get(i).is("SWAP") && s.get(i + 1).is("WITH")) {
      Name other = name(s, i + 2);
      return other == null
          ? Analysis.ok(List.of())
          : Analysis.changed(List.of(
              new TableChange(TableChange.Kind.SWAPPED, target, resolve(names, other))));
    }
    Name from = null;
    if (i + 2 < s.size() && s.get(i).is("APPEND") && s.get(i + 1).is("FROM")) {
      from = name(s, i + 2);
    } else if (i + 1 < s.size() && s.get(i).is("EXCHANGE") && s.get(i + 1).is("PARTITION")) {
      for (int j = i + 2; j + 2 < s.size(); j++) {
        if (s.get(j).is("WITH") && s.get(j + 1).is("TABLE")) {
          from = name(s, j + 2);
          break;
        }
      }
    }
    if (from == null) {
      return Analysis.ok(List.of());
    }
    TableName source = resolve(names, from);
    // The rows keep their columns: with a catalog, each column comes from its namesake.
    Map<String, List<ColumnRef>> columns = new LinkedHashMap<>();
    List<String> sourceColumns = catalog.columns(source);
    for (String column : catalog.columns(target)) {
      for (String sc : sourceColumns) {
        if (sc.equalsIgnoreCase(column)) {
          columns.put(column, List.of(new ColumnRef(source, sc)));
        }
      }
    }
    return Analysis.ok(List.of(
        new StatementLineage(target, false, List.of(source), Set.of(), columns)));
  }

  /** Words after which a parenthesis opens a query or a table list, not a function's arguments. */
  private static final Set<String> NOT_FUNCTIONS =
      Set.of("FROM", "JOIN", "IN", "AS", "USING", "EXISTS", "INTO", "TABLE", "ON", "AND", "OR",
          "NOT", "WHERE", "SELECT", "UNION", "ALL", "EXCEPT", "INTERSECT", "MINUS", "LATERAL",
          "WITH", "ANY", "SOME", "THEN", "ELSE", "WHEN", "DISTINCT");

  /** Words that cannot be a table's name (the FROM of EXTRACT, a subquery, a function ...). */
  private static final Set<String> NOT_TABLES =
      Set.of("SELECT", "WITH", "LATERAL", "UNNEST", "TABLE", "VALUES", "ONLY");

  /**
   * The fallback for a statement the parser refuses: its target and the tables it reads, from
   * its tokens ({@code FROM}, {@code JOIN} and {@code USING} outside function arguments, less
   * common table expressions); table lineage only. Null when no target or no source is found.
   */
  static List<StatementLineage> recoverTables(List<Token> s, Names names) {
    Name target = recoveredTarget(s);
    if (target == null) {
      return null;
    }
    TableName dest = resolve(names, target);
    boolean temp = target.raw().get(0).startsWith("#")
        || s.get(0).is("CREATE") && create(s) != null && create(s).temporary();
    Set<String> ctes = new HashSet<>();
    for (int j = 1; j + 2 < s.size(); j++) {
      if ((s.get(j - 1).is("WITH") || s.get(j - 1).isSymbol(",") || s.get(j - 1).is("RECURSIVE"))
          && s.get(j + 1).is("AS") && s.get(j + 2).isSymbol("(")) {
        ctes.add(Names.isQuoted(s.get(j).text()) ? Names.unquote(s.get(j).text())
            : s.get(j).text());
      }
    }
    List<TableName> sources = new ArrayList<>();
    Set<TableName> external = new LinkedHashSet<>();
    ArrayDeque<Boolean> functionArgs = new ArrayDeque<>();
    for (int j = target.end(); j < s.size(); j++) {
      Token t = s.get(j);
      if (t.isSymbol("(")) {
        Token before = j > 0 ? s.get(j - 1) : null;
        Token after = j + 1 < s.size() ? s.get(j + 1) : null;
        boolean function = before != null && before.kind() == Kind.WORD
            && !NOT_FUNCTIONS.contains(before.upper())
            && !(after != null && (after.is("SELECT") || after.is("WITH")));
        functionArgs.push(function || !functionArgs.isEmpty() && functionArgs.peek());
        continue;
      }
      if (t.isSymbol(")")) {
        functionArgs.poll();
        continue;
      }
      if (!functionArgs.isEmpty() && functionArgs.peek()
          || !(t.is("FROM") || t.is("JOIN") || t.is("USING"))) {
        continue;
      }
      for (Name n = name(s, j + 1); n != null; ) {
        String first = n.raw().get(0);
        boolean call = n.end() < s.size() && s.get(n.end()).isSymbol("(");
        if (first.startsWith("@")) { // a Snowflake stage: @db.schema.stage/path
          TableName stage = names.stage(String.join(".", n.raw()));
          sources.add(stage);
          external.add(stage);
          break;
        }
        if (call || NOT_TABLES.contains(first.toUpperCase(Locale.ROOT)) || first.startsWith(":")
            || n.raw().size() == 1 && ctes.stream().anyMatch(first::equalsIgnoreCase)) {
          break;
        }
        TableName source = resolve(names, n);
        if (!source.equals(dest) && !sources.contains(source)) {
          sources.add(source);
        }
        // FROM a [AS] [x], b [AS] [y] ...: the names of a comma-separated list.
        int k = n.end();
        if (k < s.size() && s.get(k).is("AS")) {
          k++;
        }
        if (k < s.size() && s.get(k).kind() == Kind.WORD && !isClause(s.get(k))) {
          k++;
        }
        n = nextInList(s, k);
      }
    }
    if (sources.isEmpty()) {
      return null;
    }
    return List.of(new StatementLineage(dest, temp, sources, external, Map.of()));
  }

  private static boolean isClause(Token t) {
    return t.is("WHERE") || t.is("JOIN") || t.is("LEFT") || t.is("RIGHT") || t.is("INNER")
        || t.is("FULL") || t.is("CROSS") || t.is("ON") || t.is("GROUP") || t.is("ORDER")
        || t.is("UNION") || t.is("LIMIT") || t.is("QUALIFY") || t.is("HAVING") || t.is("WINDOW")
        || t.is("NATURAL") || t.is("OUTER") || t.is("EXCEPT") || t.is("INTERSECT")
        || t.is("MINUS");
  }

  /** The table an INSERT, CREATE, MERGE, UPDATE, REPLACE or UPSERT writes, or null. */
  private static Name recoveredTarget(List<Token> s) {
    Token first = s.get(0);
    int i;
    if (first.is("INSERT") || first.is("REPLACE") || first.is("UPSERT")) {
      i = skipWords(s, 1, "OVERWRITE", "INTO", "TABLE", "IGNORE");
    } else if (first.is("MERGE")) {
      i = skipWords(s, 1, "INTO");
    } else if (first.is("UPDATE")) {
      i = 1;
    } else if (first.is("CREATE")) {
      Create c = create(s);
      if (c == null) {
        return null;
      }
      i = skipWords(s, c.kindIndex() + 1, "IF", "NOT", "EXISTS");
    } else {
      return null;
    }
    Name n = name(s, i);
    return n == null || NOT_TABLES.contains(n.raw().get(0).toUpperCase(Locale.ROOT))
        ? null : n;
  }

  private static TableName resolve(Names names, Name n) {
    return names.resolve(names.parts(n.raw()));
  }

  /** The next name of a comma-separated list, or null. */
  private static Name nextInList(List<Token> s, int i) {
    return i + 1 < s.size() && s.get(i).isSymbol(",") ? name(s, i + 1) : null;
  }

  /**
   * Hive multi-insert {@code FROM src INSERT ... SELECT cols [WHERE ...] INSERT ...}: one
   * ordinary INSERT ... SELECT ... FROM src per insert clause; null when not of that shape.
   */
  static List<String> hiveMultiInsert(List<Token> s) {
    if (s.isEmpty() || !s.get(0).is("FROM")) {
      return null;
    }
    List<Integer> inserts = new ArrayList<>();
    int depth = 0;
    for (int j = 1; j < s.size(); j++) {
      Token t = s.get(j);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && t.is("INSERT")) {
        inserts.add(j);
      }
    }
    if (inserts.isEmpty()) {
      return null;
    }
    String from = text(s, 1, inserts.get(0));
    List<String> out = new ArrayList<>();
    for (int k = 0; k < inserts.size(); k++) {
      int start = inserts.get(k);
      int end = k + 1 < inserts.size() ? inserts.get(k + 1) : s.size();
      int select = -1;
      for (int j = start; j < end; j++) {
        if (s.get(j).is("SELECT")) {
          select = j;
          break;
        }
      }
      if (select < 0) {
        return null;
      }
      int clause = end;
      depth = 0;
      for (int j = select + 1; j < end; j++) {
        Token t = s.get(j);
        if (t.isSymbol("(")) {
          depth++;
        } else if (t.isSymbol(")")) {
          depth--;
        } else if (depth == 0 && (t.is("WHERE") || t.is("GROUP") || t.is("HAVING")
            || t.is("ORDER") || t.is("LIMIT") || t.is("CLUSTER") || t.is("DISTRIBUTE")
            || t.is("SORT") || t.is("WINDOW"))) {
          clause = j;
          break;
        }
      }
      out.add(text(s, start, clause) + " FROM " + from + " " + text(s, clause, end));
    }
    return out;
  }

  private static String text(List<Token> s, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int k = from; k < to; k++) {
      Token t = s.get(k);
      if (k > from && t.start() > s.get(k - 1).start() + s.get(k - 1).text().length()) {
        b.append(' ');
      }
      b.append(t.text());
    }
    return b.toString();
  }
}
