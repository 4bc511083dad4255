// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.lineage;

import io.pushgen.teradata.runtime.lineage.SqlLexer.Kind;
import io.pushgen.teradata.runtime.lineage.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
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

  private static void blank(List<Token> t, int i) {
    t.set(i, new Token(Kind.SPACE, " ", t.get(i).start()));
  }
}
