// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.lineage;

import io.pushgen.clickhouse.runtime.lineage.SqlLexer.Kind;
import io.pushgen.clickhouse.runtime.lineage.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Token-level rewrites of dialect syntax JSqlParser 5.3 does not accept into equivalent syntax it
 * does, keeping what matters for lineage. Each rewrite is local and never touches string literals
 * or comments.
 */
final class Rewrites {
  private Rewrites() {}

  /** What a rewrite removed but the analysis needs to know. */
  record Hints(boolean temporary, boolean byName) {
    static final Hints NONE = new Hints(false, false);
  }

  record Result(String sql, Hints hints) {}

  private static final Set<String> TABLE_CONTEXT =
      Set.of("FROM", "JOIN", "INTO", "TABLE", "UPDATE", "MERGE", "USING", "VIEW", "EXISTS",
          "CLONE", "LIKE", "COPY");

  /** T-SQL view attributes ({@code CREATE VIEW v WITH SCHEMABINDING AS ...}). */
  private static final Set<String> VIEW_ATTRIBUTES =
      Set.of("SCHEMABINDING", "ENCRYPTION", "VIEW_METADATA");

  /** The function a struct literal {@code {'k': v}} becomes: only its arguments matter. */
  static final String STRUCT_FUNCTION = "STRUCT_PACK";

  static Result apply(List<Token> tokens, Dialect dialect) {
    List<Token> t = new ArrayList<>(tokens);
    boolean temporary = false;
    boolean byName = false;
    // Trailing semicolons.
    while (!t.isEmpty() && (t.get(t.size() - 1).trivia() || t.get(t.size() - 1).isSymbol(";"))) {
      t.remove(t.size() - 1);
    }
    List<Integer> sig = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      if (!t.get(i).trivia()) {
        sig.add(i);
      }
    }
    if (dialect == Dialect.TSQL) {
      sig = withoutParameterDeclarations(t, sig);
    }
    String first = sig.isEmpty() ? "" : t.get(sig.get(0)).upper();
    int braces = 0; // depth of {...} struct literals being rewritten
    int depth = 0; // parentheses
    for (int k = 0; k < sig.size(); k++) {
      int i = sig.get(k);
      Token tok = t.get(i);
      Token next = k + 1 < sig.size() ? t.get(sig.get(k + 1)) : null;
      Token next2 = k + 2 < sig.size() ? t.get(sig.get(k + 2)) : null;
      Token prev = k > 0 ? t.get(sig.get(k - 1)) : null;
      if (tok.isSymbol("(")) {
        depth++;
      } else if (tok.isSymbol(")")) {
        depth--;
      }
      // A trailing comma closing a select list (Snowflake, BigQuery, Databricks, DuckDB).
      if (tok.isSymbol(",") && next != null && next.is("FROM")) {
        blank(t, i);
        continue;
      }
      // A bind variable as an alias: SELECT a AS :name.
      if (tok.isSymbol(":") && prev != null && prev.is("AS") && next != null
          && next.kind() == Kind.WORD && next.start() == tok.start() + 1) {
        blank(t, i);
        continue;
      }
      // Struct and object literals {'k': v, ...} (DuckDB, Snowflake): a function of the values.
      if (dialect.braceLiterals() && tok.isSymbol("{")) {
        replace(t, i, STRUCT_FUNCTION + "(");
        braces++;
        continue;
      }
      if (braces > 0 && tok.isSymbol("}")) {
        replace(t, i, ")");
        braces--;
        continue;
      }
      if (braces > 0 && next != null && next.isSymbol(":") && prev != null
          && (prev.isSymbol(",") || prev.text().endsWith(STRUCT_FUNCTION + "("))
          && (tok.kind() == Kind.STRING || tok.kind() == Kind.WORD
              || tok.kind() == Kind.QUOTED)) {
        blank(t, i); // the key and its colon
        blank(t, sig.get(k + 1));
        k++;
        continue;
      }
      // T-SQL [name] as "name": JSqlParser reads neither ]] inside brackets nor every place a
      // bracketed name may stand, and QUOTED_IDENTIFIER makes both spellings the same name.
      if (dialect.squareBracketNames() && tok.kind() == Kind.QUOTED && tok.text().startsWith("[")) {
        String inner = Names.unquote(tok.text());
        t.set(i, new Token(Kind.QUOTED, "\"" + inner.replace("\"", "\"\"") + "\"", tok.start()));
        continue;
      }
      // AS "x": in dialects where "x" is a string, the alias is still the identifier x.
      if (tok.kind() == Kind.QUOTED && tok.text().startsWith("\"") && dialect.doubleQuotedStrings()
          && prev != null && prev.is("AS")) {
        String inner = Names.unquote(tok.text());
        t.set(i, new Token(Kind.QUOTED, "`" + inner.replace("`", "``") + "`", tok.start()));
        continue;
      }
      // "..." is a string literal in these dialects: make it '...'.
      if (tok.kind() == Kind.QUOTED && tok.text().startsWith("\"") && dialect.doubleQuotedStrings()) {
        String inner = Names.unquote(tok.text());
        if (dialect.backslashEscapes()) {
          inner = inner.replace("\\\"", "\"");
        }
        t.set(i, new Token(Kind.STRING, "'" + inner.replace("'", "''") + "'", tok.start()));
        continue;
      }
      // BigQuery: unquoted project ids with dashes (my-project.dataset.table) after FROM etc.
      if (dialect == Dialect.BIGQUERY && tok.kind() == Kind.WORD && prev != null
          && TABLE_CONTEXT.contains(prev.upper()) && next != null && next.isSymbol("-")) {
        StringBuilder b = new StringBuilder(tok.text());
        int j = k + 1;
        while (j + 1 < sig.size() && t.get(sig.get(j)).isSymbol("-")
            && (t.get(sig.get(j + 1)).kind() == Kind.WORD
                || t.get(sig.get(j + 1)).kind() == Kind.NUMBER)
            && sig.get(j + 1) == sig.get(j) + 1 && sig.get(j) == sig.get(j - 1) + 1) {
          b.append('-').append(t.get(sig.get(j + 1)).text());
          j += 2;
        }
        if (j > k + 1) {
          t.set(i, new Token(Kind.QUOTED, "`" + b + "`", tok.start()));
          for (int r = k + 1; r < j; r++) {
            t.set(sig.get(r), new Token(Kind.SPACE, "", 0));
          }
          k = j - 1;
        }
        continue;
      }
      // BigQuery wildcard tables written without backticks: dataset.events_*
      if (dialect == Dialect.BIGQUERY && tok.kind() == Kind.WORD && next != null
          && next.isSymbol("*") && next.start() == tok.start() + tok.text().length()
          && prev != null && (prev.isSymbol(".") || TABLE_CONTEXT.contains(prev.upper()))) {
        t.set(i, new Token(Kind.QUOTED, "`" + tok.text() + "*`", tok.start()));
        blank(t, sig.get(k + 1));
        k++;
        continue;
      }
      if (tok.kind() != Kind.WORD) {
        continue;
      }
      String u = tok.upper();
      // T-SQL CREATE OR ALTER VIEW (SQL Server 2016 SP1): the same lineage as OR REPLACE.
      if (dialect == Dialect.TSQL && u.equals("ALTER") && k == 2 && first.equals("CREATE")
          && prev.is("OR")) {
        replace(t, i, "REPLACE");
        continue;
      }
      // T-SQL view attributes (WITH SCHEMABINDING, ENCRYPTION, VIEW_METADATA) before AS.
      if (dialect == Dialect.TSQL && u.equals("WITH") && first.equals("CREATE") && next != null
          && VIEW_ATTRIBUTES.contains(next.upper())) {
        int j = k;
        while (j < sig.size() && !t.get(sig.get(j)).is("AS")) {
          blank(t, sig.get(j));
          j++;
        }
        k = j - 1;
        continue;
      }
      if (u.equals("INSERT") && next != null && next.is("OVERWRITE") && next2 != null
          && next2.is("INTO")) {
        // Snowflake INSERT OVERWRITE INTO t -> INSERT OVERWRITE TABLE t
        replace(t, sig.get(k + 2), "TABLE");
      } else if (u.equals("INSERT") && next != null && next.is("OVERWRITE") && next2 != null
          && !next2.is("TABLE") && !next2.is("INTO")) {
        // Spark INSERT OVERWRITE db.t (JSqlParser wants TABLE before a qualified name)
        replace(t, sig.get(k + 1), "OVERWRITE TABLE");
      } else if (u.equals("BY") && next != null && next.is("NAME") && first.equals("INSERT")) {
        // DuckDB INSERT INTO t BY NAME SELECT ...
        blank(t, i);
        blank(t, sig.get(k + 1));
        byName = true;
      } else if (u.equals("MERGE") && k == 0 && next != null && !next.is("INTO")) {
        replace(t, i, "MERGE INTO"); // BigQuery allows MERGE t USING ...
      } else if (u.equals("MATCHED") && next != null && next.is("BY") && next2 != null
          && prev != null && prev.is("NOT")) {
        if (next2.is("SOURCE")) {
          blank(t, sig.get(k - 1)); // NOT MATCHED BY SOURCE: rows of the target only
        }
        blank(t, sig.get(k + 1));
        blank(t, sig.get(k + 2));
      } else if (u.equals("SET") && next != null && next.isSymbol("*") && prev != null
          && prev.is("UPDATE") && first.equals("MERGE")) {
        replace(t, sig.get(k + 1), Analyzer.STAR_MARKER + " = " + Analyzer.STAR_MARKER);
      } else if (u.equals("INSERT") && first.equals("MERGE") && next != null
          && (next.isSymbol("*") || next.is("ROW"))) {
        replace(t, sig.get(k + 1),
            "(" + Analyzer.STAR_MARKER + ") VALUES (" + Analyzer.STAR_MARKER + ")");
      } else if (u.equals("TABLESAMPLE") && next != null) {
        int j = k + 1;
        while (j < sig.size() && t.get(sig.get(j)).kind() == Kind.WORD) {
          j++; // SYSTEM, BERNOULLI
        }
        if (j < sig.size() && t.get(sig.get(j)).isSymbol("(")) {
          int end = closing(t, sig, j);
          for (int r = k; r <= end && r < sig.size(); r++) {
            blank(t, sig.get(r));
          }
          k = end;
        }
      } else if (u.equals("WITH") && next != null && next.is("NO") && next2 != null
          && next2.is("SCHEMA") && k + 3 < sig.size() && t.get(sig.get(k + 3)).is("BINDING")) {
        for (int r = k; r <= k + 3; r++) {
          blank(t, sig.get(r)); // Redshift late-binding views
        }
        k += 3;
      } else if (u.equals("SEMANTIC_VIEW") && dialect == Dialect.SNOWFLAKE && next != null
          && next.isSymbol("(") && prev != null && prev.is("FROM")) {
        // Snowflake FROM SEMANTIC_VIEW(sv METRICS ... DIMENSIONS ...): reads the semantic view.
        int end = closing(t, sig, k + 1);
        blank(t, i);
        blank(t, sig.get(k + 1));
        int r = k + 2; // keep the view's (dotted) name, drop the rest
        while (r < end && (t.get(sig.get(r)).kind() == Kind.WORD
            || t.get(sig.get(r)).kind() == Kind.QUOTED)) {
          r++;
          if (r < end && t.get(sig.get(r)).isSymbol(".")) {
            r++;
          } else {
            break;
          }
        }
        for (int q = r; q <= end; q++) {
          blank(t, sig.get(q));
        }
        k = end;
      } else if (u.equals("WITH") && first.equals("CREATE") && depth == 0 && next != null
          && (next.is("DATA") && (next2 == null || !next2.is("AS") && !next2.isSymbol("("))
              || next.is("NO") && next2 != null && next2.is("DATA"))) {
        // (not WITH data AS (...): a common table expression named data)
        // Teradata / PostgreSQL CREATE TABLE ... AS (query) WITH [NO] DATA [PRIMARY INDEX ...]
        for (int r = k; r < sig.size(); r++) {
          blank(t, sig.get(r));
        }
        break;
      } else if (u.equals("OVERRIDING") && first.equals("INSERT") && next != null
          && (next.is("SYSTEM") || next.is("USER")) && next2 != null && next2.is("VALUE")) {
        for (int r = k; r <= k + 2; r++) {
          blank(t, sig.get(r)); // PostgreSQL identity columns: no bearing on lineage
        }
        k += 2;
      } else if (u.equals("OUTER") && prev != null && prev.is("VIEW")) {
        blank(t, i); // Hive LATERAL VIEW OUTER
      } else if (u.equals("INTO") && (first.equals("SELECT") || first.equals("WITH"))
          && next != null
          && (next.is("TEMP") || next.is("TEMPORARY") || next.is("UNLOGGED"))) {
        // PostgreSQL / Redshift SELECT ... INTO TEMP [TABLE] name
        temporary |= !next.is("UNLOGGED");
        blank(t, sig.get(k + 1));
        if (next2 != null && next2.is("TABLE")) {
          blank(t, sig.get(k + 2));
        }
      }
    }
    return new Result(SqlLexer.join(t), new Hints(temporary, byName));
  }

  /**
   * Dialect syntax that decides what kind of statement it is, rewritten before anything else
   * looks at the statement; null when the statement cannot carry lineage at all. Only ClickHouse
   * and Teradata have such syntax: the tokens of other dialects are returned as they are.
   *
   * <ul>
   *   <li>Teradata: {@code LOCKING}/{@code LOCK} request modifiers before a request are dropped
   *       (a request of modifiers only locks, no lineage); the abbreviations {@code SEL}, {@code
   *       INS}, {@code UPD}, {@code DEL} (reserved words, so never names) and, as the first word,
   *       {@code CT} and {@code CV} are spelled out; {@code REPLACE VIEW} is {@code CREATE OR
   *       REPLACE VIEW}, any other {@code REPLACE} (macros, procedures, functions) defines code,
   *       no lineage; data attributes ({@code (FORMAT '...')}, {@code (TITLE '...')}, {@code
   *       (NAMED x)}, {@code x (DATE)}) and {@code FORMAT} in a {@code CAST} are dropped;
   *       {@code UPDATE t FROM s SET ...} becomes {@code UPDATE t SET ... FROM s}; {@code DELETE
   *       ... ALL} loses its {@code ALL}; the {@code ELSE INSERT ... VALUES} of an atomic upsert
   *       {@code UPDATE ... ELSE INSERT} is dropped; {@code SAMPLE n[, m]} is dropped; {@code a
   *       MOD b} is {@code a % b}.
   *   <li>ClickHouse: {@code #} comments and {@code ON CLUSTER c} of DDL are dropped; an {@code
   *       INSERT} whose rows follow the statement ({@code VALUES}, {@code FORMAT}, {@code FROM
   *       INFILE}) or that
   *       writes a table function ({@code INSERT INTO FUNCTION}) has no lineage; {@code INSERT
   *       INTO TABLE t} is {@code INSERT INTO t}; {@code FINAL}, {@code SAMPLE k [OFFSET m]},
   *       {@code SETTINGS k = v, ...} and a closing {@code FORMAT f} are dropped; {@code
   *       PREWHERE} is a {@code WHERE} (a later {@code WHERE} joins it with {@code AND}); {@code
   *       [LEFT] ARRAY JOIN a [AS x], ...} is a {@code CROSS JOIN UNNEST(a) AS x}, whose alias
   *       stands for the array's elements; {@code GLOBAL} before {@code IN}/{@code JOIN} and the
   *       join strictness {@code ANY}/{@code ALL}/{@code ASOF}/{@code SEMI}/{@code ANTI} are
   *       dropped; a lambda's parameter {@code x -> ...} names no column; {@code WITH expr AS
   *       name} items are dropped.
   * </ul>
   */
  static List<Token> normalize(List<Token> tokens, Dialect dialect) {
    if (dialect == Dialect.TERADATA) {
      return teradata(new ArrayList<>(tokens));
    }
    if (dialect == Dialect.CLICKHOUSE) {
      return clickHouse(new ArrayList<>(tokens));
    }
    return tokens;
  }

  /** Teradata lock severities and the words around them ("LOCKING Request Modifier"). */
  private static final Set<String> LOCK_WORDS =
      Set.of("FOR", "IN", "ACCESS", "EXCLUSIVE", "EXCL", "READ", "OVERRIDE", "SHARE", "WRITE",
          "CHECKSUM", "LOAD", "COMMITTED", "MODE", "NOWAIT");

  /** Teradata data types that may stand alone in a data attribute phrase: {@code x (DATE)}. */
  private static final Set<String> TERADATA_TYPES =
      Set.of("DATE", "TIME", "TIMESTAMP", "INTEGER", "INT", "SMALLINT", "BIGINT", "BYTEINT",
          "DECIMAL", "DEC", "NUMERIC", "NUMBER", "FLOAT", "REAL", "CHAR", "CHARACTER", "VARCHAR",
          "INTERVAL", "CASESPECIFIC", "CS", "UPPERCASE", "UC", "NOT");

  private static List<Token> teradata(List<Token> t) {
    List<Integer> sig = significantIndexes(t);
    int k = skipLocking(t, sig, 0);
    if (k >= sig.size()) {
      return null; // only locks
    }
    Token first = t.get(sig.get(k));
    if (first.is("CT")) {
      replace(t, sig.get(k), "CREATE TABLE");
    } else if (first.is("CV")) {
      replace(t, sig.get(k), "CREATE VIEW");
    } else if (first.is("REPLACE")) {
      int v = k + 1;
      if (v < sig.size() && t.get(sig.get(v)).is("RECURSIVE")) {
        blank(t, sig.get(v++));
      }
      if (v >= sig.size() || !t.get(sig.get(v)).is("VIEW")) {
        return null; // REPLACE MACRO, PROCEDURE, FUNCTION ...: code, not data
      }
      replace(t, sig.get(k), "CREATE OR REPLACE");
    }
    String statement = null;
    int depth = 0;
    for (int j = k; j < sig.size(); j++) {
      int i = sig.get(j);
      Token tok = t.get(i);
      if (tok.kind() == Kind.WORD) {
        switch (tok.upper()) {
          case "SEL" -> replace(t, i, "SELECT");
          case "INS" -> replace(t, i, "INSERT");
          case "UPD" -> replace(t, i, "UPDATE");
          case "DEL" -> replace(t, i, "DELETE");
          default -> { }
        }
        tok = t.get(i);
        if (statement == null) {
          statement = tok.upper();
        }
      }
      // A view's own locking clause: CREATE VIEW v AS LOCKING ROW FOR ACCESS SELECT ...
      if ((tok.is("LOCKING") || tok.is("LOCK")) && j > k && t.get(sig.get(j - 1)).is("AS")) {
        j = skipLocking(t, sig, j) - 1;
        continue;
      }
      if (tok.isSymbol("(")) {
        depth++;
        // A data attribute phrase after an expression: (FORMAT '...'), (TITLE '...'),
        // (NAMED x), (DATE), (DECIMAL(18,2)), (CHAR(10), FORMAT 'X(10)') ...
        Token prev = j > k ? t.get(sig.get(j - 1)) : null;
        Token in = j + 1 < sig.size() ? t.get(sig.get(j + 1)) : null;
        Token after = j + 2 < sig.size() ? t.get(sig.get(j + 2)) : null;
        boolean afterExpression = prev != null
            && (prev.isSymbol(")") || prev.kind() == Kind.QUOTED || prev.kind() == Kind.NUMBER
                || prev.kind() == Kind.STRING
                || prev.kind() == Kind.WORD && !isKeywordBeforeParenthesis(prev));
        boolean attribute = in != null && in.kind() == Kind.WORD
            && (isAny(in, "FORMAT", "TITLE", "NAMED")
                || TERADATA_TYPES.contains(in.upper()) && after != null
                    && (after.isSymbol(")") || after.isSymbol(",") || after.isSymbol("(")
                        || after.kind() == Kind.WORD));
        if (afterExpression && attribute
            && (!in.is("NOT") || after != null && isAny(after, "CASESPECIFIC", "CS"))) {
          int end = closing(t, sig, j);
          for (int r = j; r <= end; r++) {
            blank(t, sig.get(r));
          }
          j = end;
          depth--;
        }
        continue;
      }
      if (tok.isSymbol(")")) {
        depth--;
        continue;
      }
      // CAST(x AS [type] FORMAT 'mask'): the mask only formats; without a type it is text.
      if (tok.is("FORMAT") && j + 1 < sig.size() && t.get(sig.get(j + 1)).kind() == Kind.STRING
          && j > k && depth > 0) {
        Token prev = t.get(sig.get(j - 1));
        if (prev.is("AS")) {
          replace(t, i, "VARCHAR(64000)");
        } else {
          blank(t, i);
        }
        blank(t, sig.get(j + 1));
        j++;
        continue;
      }
      // SAMPLE n [, m ...] | SAMPLE WITH REPLACEMENT ... | SAMPLE RANDOMIZED ALLOCATION ...
      if (tok.is("SAMPLE") && j + 1 < sig.size()
          && (t.get(sig.get(j + 1)).kind() == Kind.NUMBER
              || isAny(t.get(sig.get(j + 1)), "WITH", "RANDOMIZED"))) {
        int r = j;
        while (r < sig.size() && (r == j || t.get(sig.get(r)).kind() == Kind.NUMBER
            || t.get(sig.get(r)).isSymbol(",")
            || isAny(t.get(sig.get(r)), "WITH", "REPLACEMENT", "RANDOMIZED", "ALLOCATION"))) {
          blank(t, sig.get(r++));
        }
        j = r - 1;
        continue;
      }
      // a MOD b: the remainder operator.
      if (tok.is("MOD") && j > k && j + 1 < sig.size() && !t.get(sig.get(j + 1)).isSymbol("(")) {
        Token prev = t.get(sig.get(j - 1));
        if (prev.isSymbol(")") || prev.kind() == Kind.NUMBER || prev.kind() == Kind.QUOTED
            || prev.kind() == Kind.WORD && !isKeywordBeforeParenthesis(prev)) {
          t.set(i, new Token(Kind.SYMBOL, "%", tok.start()));
          continue;
        }
      }
      // The atomic upsert UPDATE ... ELSE INSERT ... VALUES (...): the insert adds the row the
      // update did not find, from values only.
      if (tok.is("ELSE") && depth == 0 && "UPDATE".equals(statement) && j + 1 < sig.size()
          && t.get(sig.get(j + 1)).is("INSERT")) {
        for (int r = j; r < sig.size(); r++) {
          blank(t, sig.get(r));
        }
        break;
      }
      // DELETE FROM t ALL: the whole table.
      if (tok.is("ALL") && j == sig.size() - 1 && "DELETE".equals(statement)) {
        blank(t, i);
      }
    }
    if ("UPDATE".equals(statement)) {
      moveUpdateFrom(t);
    }
    return t;
  }

  /**
   * Blanks the LOCKING request modifiers starting at sig index k, {@code LOCKING|LOCK
   * [DATABASE|TABLE|VIEW|ROW] [name] [FOR|IN] severity [MODE] [NOWAIT]}, repeated; returns the
   * index after them.
   */
  private static int skipLocking(List<Token> t, List<Integer> sig, int k) {
    while (k < sig.size() && (t.get(sig.get(k)).is("LOCKING") || t.get(sig.get(k)).is("LOCK"))) {
      blank(t, sig.get(k++));
      if (k < sig.size() && isAny(t.get(sig.get(k)), "DATABASE", "TABLE", "VIEW", "ROW")) {
        blank(t, sig.get(k++));
      }
      if (k < sig.size() && !LOCK_WORDS.contains(t.get(sig.get(k)).upper())) {
        while (k < sig.size() && (t.get(sig.get(k)).kind() == Kind.WORD
            || t.get(sig.get(k)).kind() == Kind.QUOTED || t.get(sig.get(k)).isSymbol("."))) {
          blank(t, sig.get(k++)); // the locked object's (dotted) name
          if (k < sig.size() && LOCK_WORDS.contains(t.get(sig.get(k)).upper())) {
            break;
          }
        }
      }
      while (k < sig.size() && t.get(sig.get(k)).kind() == Kind.WORD
          && LOCK_WORDS.contains(t.get(sig.get(k)).upper())) {
        blank(t, sig.get(k++));
      }
    }
    return k;
  }

  /** Words after which a parenthesis cannot open a data attribute phrase. */
  private static boolean isKeywordBeforeParenthesis(Token t) {
    return isAny(t, "AS", "IN", "FROM", "JOIN", "ON", "AND", "OR", "NOT", "WHERE", "SELECT",
        "EXISTS", "VALUES", "USING", "INTO", "TABLE", "VIEW", "WHEN", "THEN", "ELSE", "BY",
        "HAVING", "QUALIFY", "SET", "UNION", "ALL", "DISTINCT", "CASE", "ANY", "SOME", "OVER",
        "TOP", "RETURNS", "INDEX", "WITH", "LIKE");
  }

  /** Teradata {@code UPDATE t [a] FROM s1, s2 SET ... [WHERE ...]} as {@code UPDATE t SET ... FROM ...}. */
  private static void moveUpdateFrom(List<Token> t) {
    List<Integer> sig = significantIndexes(t);
    int from = -1;
    int set = -1;
    int depth = 0;
    for (int j = 1; j < sig.size(); j++) {
      Token tok = t.get(sig.get(j));
      if (tok.isSymbol("(")) {
        depth++;
      } else if (tok.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && tok.is("FROM") && from < 0 && set < 0 && j <= 4) {
        from = j;
      } else if (depth == 0 && tok.is("SET") && set < 0) {
        set = j;
      }
    }
    if (from < 0 || set < 0) {
      return;
    }
    int where = sig.size();
    depth = 0;
    for (int j = set + 1; j < sig.size(); j++) {
      Token tok = t.get(sig.get(j));
      if (tok.isSymbol("(")) {
        depth++;
      } else if (tok.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && tok.is("WHERE")) {
        where = j;
        break;
      }
    }
    // The FROM list's items; the one the target names (by alias or table name) is the target.
    Token target = from == 2 ? t.get(sig.get(1)) : null;
    List<String> items = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    String targetItem = null;
    depth = 0;
    for (int j = from + 1; j <= set; j++) {
      Token tok = t.get(sig.get(j));
      if (j == set || depth == 0 && tok.isSymbol(",")) {
        String text = item.toString().strip();
        String[] words = text.split("\\s+");
        if (target != null && targetItem == null && target.kind() != Kind.QUOTED
            && (words[words.length - 1].equalsIgnoreCase(target.text())
                || words.length == 1 && text.toUpperCase(Locale.ROOT)
                    .endsWith("." + target.upper()))) {
          targetItem = text;
        } else {
          items.add(text);
        }
        item.setLength(0);
      } else {
        depth += tok.isSymbol("(") ? 1 : tok.isSymbol(")") ? -1 : 0;
        boolean joined = tok.isSymbol(".") || j > from + 1 && t.get(sig.get(j - 1)).isSymbol(".");
        item.append(joined || item.isEmpty() ? "" : " ").append(tok.text());
      }
    }
    for (int j = from; j < set; j++) {
      blank(t, sig.get(j));
    }
    if (targetItem != null) {
      replace(t, sig.get(1), targetItem);
    }
    if (!items.isEmpty()) {
      int at = where < sig.size() ? sig.get(where) : t.size();
      t.add(at, new Token(Kind.WORD, " FROM " + String.join(", ", items) + " ", 0));
    }
  }

  /** ClickHouse join strictness and distribution words before a join ("JOIN Clause"). */
  private static final Set<String> JOIN_MODIFIERS = Set.of("ANY", "ALL", "ASOF", "SEMI", "ANTI");

  /** Words that end a ClickHouse clause item (an ARRAY JOIN expression, a FINAL's table). */
  private static final Set<String> CLAUSE_WORDS =
      Set.of("WHERE", "PREWHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "SETTINGS", "FORMAT",
          "UNION", "JOIN", "LEFT", "RIGHT", "INNER", "FULL", "CROSS", "ARRAY", "SAMPLE", "WINDOW",
          "QUALIFY", "EXCEPT", "INTERSECT", "GLOBAL", "ANY", "ALL", "ASOF", "SEMI", "ANTI", "ON",
          "USING", "AS", "INTO");

  private static List<Token> clickHouse(List<Token> t) {
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).kind() == Kind.COMMENT && t.get(i).text().startsWith("#")) {
        blank(t, i); // # comments, which JSqlParser does not know
      }
    }
    List<Integer> sig = significantIndexes(t);
    if (sig.isEmpty()) {
      return t;
    }
    String first = t.get(sig.get(0)).upper();
    if (first.equals("INSERT") && !insertWithQuery(t, sig)) {
      return null;
    }
    boolean ddl = Set.of("CREATE", "ALTER", "DROP", "RENAME", "EXCHANGE", "TRUNCATE", "ATTACH",
        "DETACH").contains(first);
    int depth = 0;
    int prewhereDepth = -1;
    for (int j = 0; j < sig.size(); j++) {
      int i = sig.get(j);
      Token tok = t.get(i);
      Token prev = j > 0 ? t.get(sig.get(j - 1)) : null;
      Token next = j + 1 < sig.size() ? t.get(sig.get(j + 1)) : null;
      if (tok.isSymbol("(")) {
        depth++;
        continue;
      }
      if (tok.isSymbol(")")) {
        if (depth == prewhereDepth) {
          prewhereDepth = -1;
        }
        depth--;
        continue;
      }
      if (tok.kind() != Kind.WORD) {
        continue;
      }
      if (next != null && next.isSymbol("-") && j + 2 < sig.size()
          && t.get(sig.get(j + 2)).isSymbol(">") && sig.get(j + 2) == sig.get(j + 1) + 1) {
        j = lambda(t, sig, j);
        continue;
      }
      if (tok.is("WITH") && next != null) {
        withExpressions(t, sig, j);
        continue;
      }
      if (ddl && tok.is("ON") && next != null && next.is("CLUSTER") && j + 2 < sig.size()) {
        blank(t, i); // ON CLUSTER name | 'name' | '{macro}'
        blank(t, sig.get(j + 1));
        blank(t, sig.get(j + 2));
        ddl = false;
        j += 2;
      } else if (tok.is("INTO") && prev != null && prev.is("INSERT") && next != null
          && next.is("TABLE")) {
        blank(t, sig.get(j + 1));
        j++;
      } else if (tok.is("FINAL") && prev != null
          && (prev.kind() == Kind.WORD && !isAny(prev, "SELECT", "DISTINCT", "AS", "BY", "TABLE")
              || prev.kind() == Kind.QUOTED)
          && (next == null || next.isSymbol(")") || next.isSymbol(",")
              || next.kind() == Kind.WORD && CLAUSE_WORDS.contains(next.upper()))) {
        blank(t, i); // FROM t FINAL: merged rows of the same table
      } else if (tok.is("SAMPLE") && next != null && next.kind() == Kind.NUMBER) {
        int r = j;
        while (r < sig.size() && (r == j || t.get(sig.get(r)).kind() == Kind.NUMBER
            || t.get(sig.get(r)).isSymbol("/") || t.get(sig.get(r)).is("OFFSET"))) {
          blank(t, sig.get(r++));
        }
        j = r - 1;
      } else if (tok.is("SETTINGS") && next != null && next.kind() == Kind.WORD && j + 2 < sig.size()
          && t.get(sig.get(j + 2)).isSymbol("=")) {
        // SETTINGS name = value [, name = value ...]
        int r = j + 1;
        blank(t, i);
        while (r + 2 < sig.size() && t.get(sig.get(r + 1)).isSymbol("=")) {
          blank(t, sig.get(r));
          blank(t, sig.get(r + 1));
          int v = r + 2;
          if (t.get(sig.get(v)).isSymbol("-")) {
            blank(t, sig.get(v++));
          }
          if (v < sig.size()) {
            blank(t, sig.get(v++));
          }
          if (v < sig.size() && t.get(sig.get(v)).isSymbol(",")) {
            blank(t, sig.get(v++));
            r = v;
          } else {
            r = v;
            break;
          }
        }
        j = r - 1;
      } else if (tok.is("FORMAT") && depth == 0 && next != null && next.kind() == Kind.WORD
          && (j + 2 == sig.size() || t.get(sig.get(j + 2)).is("SETTINGS"))) {
        blank(t, i); // ... FORMAT JSONEachRow: the output format
        blank(t, sig.get(j + 1));
        j++;
      } else if (tok.is("PREWHERE")) {
        replace(t, i, "WHERE");
        prewhereDepth = depth;
      } else if (tok.is("WHERE") && depth == prewhereDepth) {
        replace(t, i, "AND");
        prewhereDepth = -1;
      } else if (tok.is("GLOBAL") && next != null && (next.is("IN") || next.is("NOT")
          || next.is("JOIN") || next.is("LEFT") || next.is("RIGHT") || next.is("INNER")
          || next.is("FULL") || next.is("CROSS") || JOIN_MODIFIERS.contains(next.upper()))) {
        blank(t, i);
      } else if (JOIN_MODIFIERS.contains(tok.upper()) && next != null
          && (next.is("JOIN") || next.is("LEFT") || next.is("RIGHT") || next.is("INNER")
              || next.is("FULL"))
          || JOIN_MODIFIERS.contains(tok.upper()) && prev != null
              && (prev.is("LEFT") || prev.is("RIGHT") || prev.is("INNER") || prev.is("FULL"))
              && next != null && (next.is("JOIN") || next.is("OUTER"))) {
        blank(t, i); // ANY LEFT JOIN, LEFT ANY JOIN, ASOF JOIN, LEFT SEMI JOIN ...
      } else if (tok.is("ARRAY") && next != null && next.is("JOIN")
          || tok.is("LEFT") && next != null && next.is("ARRAY") && j + 2 < sig.size()
              && t.get(sig.get(j + 2)).is("JOIN")) {
        j = arrayJoin(t, sig, tok.is("LEFT") ? j + 1 : j, j);
      }
    }
    return t;
  }

  /**
   * ClickHouse's {@code WITH expr AS name} (a constant or expression the query refers to by
   * name), beside common table expressions {@code WITH name AS (query)}: each such item of the
   * WITH list at sig index {@code with} is dropped, unless it holds a query (whose tables the
   * statement reads); the WITH itself goes when nothing is left of it.
   */
  private static void withExpressions(List<Token> t, List<Integer> sig, int with) {
    int j = with + 1;
    boolean kept = false;
    while (j < sig.size()) {
      Token a = t.get(sig.get(j));
      if ((a.kind() == Kind.WORD || a.kind() == Kind.QUOTED) && j + 2 < sig.size()
          && t.get(sig.get(j + 1)).is("AS") && t.get(sig.get(j + 2)).isSymbol("(")) {
        j = closing(t, sig, j + 2) + 1; // a common table expression
        kept = true;
      } else {
        int as = -1;
        boolean query = false;
        int depth = 0;
        for (int r = j; r < sig.size(); r++) {
          Token x = t.get(sig.get(r));
          if (x.isSymbol("(")) {
            depth++;
          } else if (x.isSymbol(")")) {
            depth--;
          } else if (x.is("SELECT")) {
            query = true;
          } else if (depth == 0 && x.is("AS")) {
            as = r;
            break;
          }
        }
        if (as < 0 || as + 1 >= sig.size()) {
          return;
        }
        int end = as + 2; // after the name
        if (query || end < sig.size() && t.get(sig.get(end)).isSymbol("(")) {
          return;
        }
        if (kept) {
          blank(t, sig.get(j - 1)); // the comma after the item before it
        }
        for (int r = j; r < end; r++) {
          blank(t, sig.get(r));
        }
        j = end;
        if (!kept && j < sig.size() && t.get(sig.get(j)).isSymbol(",")) {
          blank(t, sig.get(j)); // no item before it: its comma goes too
          j++;
          continue;
        }
      }
      if (j < sig.size() && t.get(sig.get(j)).isSymbol(",")) {
        j++;
        continue;
      }
      break;
    }
    if (!kept) {
      blank(t, sig.get(with));
    }
  }

  /**
   * A lambda {@code x -> body} at sig index {@code param} (a function's argument, as in {@code
   * arrayMap(x -> x * 2, arr)}): the parameter names no column, so the arrow is dropped and the
   * parameter, where the body uses it, becomes {@code NULL}; returns the last index consumed.
   */
  private static int lambda(List<Token> t, List<Integer> sig, int param) {
    String name = t.get(sig.get(param)).text();
    blank(t, sig.get(param));
    blank(t, sig.get(param + 1));
    blank(t, sig.get(param + 2));
    int depth = 0;
    int j = param + 3;
    for (; j < sig.size(); j++) {
      Token x = t.get(sig.get(j));
      if (x.isSymbol("(")) {
        depth++;
      } else if (x.isSymbol(")")) {
        if (depth-- == 0) {
          break;
        }
      } else if (depth == 0 && x.isSymbol(",")) {
        break;
      } else if (x.kind() == Kind.WORD && x.text().equals(name)
          && !(j > 0 && t.get(sig.get(j - 1)).isSymbol("."))) {
        replace(t, sig.get(j), "NULL");
      }
    }
    return j - 1;
  }

  /**
   * Whether a ClickHouse INSERT takes its rows from a query: not when they follow the statement
   * ({@code VALUES}, {@code FORMAT}, {@code FROM INFILE}) or when it writes a table function.
   */
  private static boolean insertWithQuery(List<Token> t, List<Integer> sig) {
    int j = 1;
    if (j < sig.size() && t.get(sig.get(j)).is("INTO")) {
      j++;
    }
    if (j < sig.size() && t.get(sig.get(j)).is("FUNCTION")) {
      return false;
    }
    if (j < sig.size() && t.get(sig.get(j)).is("TABLE")) {
      j++;
    }
    while (j < sig.size() && (t.get(sig.get(j)).kind() == Kind.WORD
        || t.get(sig.get(j)).kind() == Kind.QUOTED || t.get(sig.get(j)).isSymbol("."))) {
      if (isAny(t.get(sig.get(j)), "VALUES", "FORMAT", "SELECT", "WITH", "FROM")) {
        break;
      }
      j++;
    }
    if (j < sig.size() && t.get(sig.get(j)).isSymbol("(")) {
      j = closing(t, sig, j) + 1;
    }
    return j < sig.size() && !isAny(t.get(sig.get(j)), "VALUES", "FORMAT", "FROM");
  }

  /**
   * {@code [LEFT] ARRAY JOIN e1 [AS a1], e2 [AS a2] ...} from sig index {@code array} (the word
   * ARRAY; {@code start} is LEFT or ARRAY) as {@code CROSS JOIN UNNEST(e1) AS a1 ...}; returns
   * the last sig index consumed.
   */
  private static int arrayJoin(List<Token> t, List<Integer> sig, int array, int start) {
    for (int r = start; r <= array + 1; r++) {
      blank(t, sig.get(r));
    }
    int j = array + 2;
    StringBuilder out = new StringBuilder();
    while (j < sig.size()) {
      int from = j;
      int depth = 0;
      while (j < sig.size()) {
        Token x = t.get(sig.get(j));
        if (x.isSymbol("(") || x.isSymbol("[")) {
          depth++;
        } else if (x.isSymbol(")") || x.isSymbol("]")) {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (depth == 0 && (x.isSymbol(",") || x.kind() == Kind.WORD
            && CLAUSE_WORDS.contains(x.upper()))) {
          break;
        }
        j++;
      }
      if (j == from) {
        break;
      }
      String alias = null;
      if (j == from + 1 && t.get(sig.get(from)).kind() != Kind.SYMBOL) {
        alias = t.get(sig.get(from)).text(); // ARRAY JOIN arr: arr now names the elements
      } else if (j == from + 3 && t.get(sig.get(from + 1)).isSymbol(".")) {
        alias = t.get(sig.get(from + 2)).text(); // ARRAY JOIN t.arr
      }
      StringBuilder expr = new StringBuilder();
      for (int r = from; r < j; r++) {
        expr.append(t.get(sig.get(r)).text());
        blank(t, sig.get(r));
      }
      if (j + 1 < sig.size() && t.get(sig.get(j)).is("AS")) {
        alias = t.get(sig.get(j + 1)).text();
        blank(t, sig.get(j));
        blank(t, sig.get(j + 1));
        j += 2;
      }
      out.append(" CROSS JOIN UNNEST(").append(expr).append(')');
      if (alias != null) {
        out.append(" AS ").append(alias);
      }
      if (j < sig.size() && t.get(sig.get(j)).isSymbol(",")) {
        blank(t, sig.get(j));
        j++;
      } else {
        break;
      }
    }
    t.set(sig.get(array), new Token(Kind.WORD, out.toString(), t.get(sig.get(array)).start()));
    return j - 1;
  }

  private static List<Integer> significantIndexes(List<Token> t) {
    List<Integer> sig = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      if (!t.get(i).trivia()) {
        sig.add(i);
      }
    }
    return sig;
  }

  private static boolean isAny(Token t, String... words) {
    for (String w : words) {
      if (t.is(w)) {
        return true;
      }
    }
    return false;
  }

  private static int closing(List<Token> t, List<Integer> sig, int open) {
    int depth = 0;
    for (int j = open; j < sig.size(); j++) {
      Token x = t.get(sig.get(j));
      if (x.isSymbol("(")) {
        depth++;
      } else if (x.isSymbol(")")) {
        depth--;
        if (depth == 0) {
          return j;
        }
      }
    }
    return sig.size() - 1;
  }

  private static void replace(List<Token> t, int i, String text) {
    t.set(i, new Token(Kind.WORD, text, t.get(i).start()));
  }

  /**
   * A parameterised T-SQL text as Query Store keeps it (a driver's prepared statement, {@code
   * sp_executesql}) starts with its parameters' declarations: {@code (@P0 int,@P1
   * nvarchar(4000))INSERT ...}. They are blanked; the statement after them is what is parsed.
   *
   * @return the significant tokens left
   */
  private static List<Integer> withoutParameterDeclarations(List<Token> t, List<Integer> sig) {
    if (sig.size() < 2 || !t.get(sig.get(0)).isSymbol("(")
        || t.get(sig.get(1)).kind() != Kind.WORD || !t.get(sig.get(1)).text().startsWith("@")) {
      return sig;
    }
    int depth = 0;
    int k = 0;
    do {
      Token tok = t.get(sig.get(k));
      if (tok.isSymbol("(")) {
        depth++;
      } else if (tok.isSymbol(")")) {
        depth--;
      }
      blank(t, sig.get(k));
      k++;
    } while (depth > 0 && k < sig.size());
    return new ArrayList<>(sig.subList(k, sig.size()));
  }

  private static void blank(List<Token> t, int i) {
    t.set(i, new Token(Kind.SPACE, " ", t.get(i).start()));
  }
}
