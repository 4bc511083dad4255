// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.bigquery.runtime.lineage;

import io.pushgen.bigquery.runtime.lineage.SqlLexer.Kind;
import io.pushgen.bigquery.runtime.lineage.SqlLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Statement shapes recognised from tokens, for statements JSqlParser 5.3 does not parse: COPY
 * (Snowflake, Databricks, Redshift, PostgreSQL), CREATE TABLE ... CLONE / COPY, PostgreSQL
 * {@code CREATE TABLE t (LIKE s)}; and rewrites of CREATE TABLE/VIEW with clauses it does not
 * know, and of Hive multi-insert, into statements it parses.
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
    for (int i = 1; i < s.size() && i < 12; i++) {
      Token t = s.get(i);
      if (t.is("TEMP") || t.is("TEMPORARY") || t.is("VOLATILE")) {
        temp = true;
      } else if (t.is("TABLE")) {
        return new Create(temp, i, false);
      } else if (t.is("VIEW")) {
        return new Create(temp, i, true);
      } else if (t.kind() != Kind.WORD || t.is("FUNCTION") || t.is("PROCEDURE")) {
        return null;
      }
    }
    return null;
  }

  /** CREATE TABLE t [SHALLOW|DEEP] CLONE s ..., CREATE TABLE t COPY s, CREATE TABLE t (LIKE s). */
  static Direct createCopy(List<Token> s, Names names) {
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
    boolean like = false;
    if (i + 1 < s.size() && s.get(i).isSymbol("(") && s.get(i + 1).is("LIKE")) {
      i += 2;
      like = true;
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
    return new Direct(List.of(lineage(dest, temp, List.of(from), Set.of())));
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
          StringBuilder b = new StringBuilder("CREATE ");
          if (c.temporary()) {
            b.append("TEMPORARY ");
          }
          b.append(c.view() ? "VIEW " : "TABLE ").append(String.join(".", target.raw()));
          return b.append(" AS ").append(text(s, j + 1, s.size())).toString();
        }
      }
    }
    return null;
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
