// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.trino.runtime.verify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A cheap token scan of SQL text for the tables a query reads and writes: names after {@code FROM}
 * and {@code JOIN} (and the comma-separated lists after {@code FROM}) are read, names after {@code
 * INSERT INTO}, {@code MERGE INTO}, {@code COPY INTO}, {@code UPDATE}, {@code DELETE FROM}, {@code
 * CREATE [OR REPLACE] [TEMPORARY] TABLE} and {@code TRUNCATE [TABLE]} are written. Comments and
 * string literals are skipped, quoted identifiers are unquoted, names of common table expressions
 * are left out. It is not a parser: it is good enough to know which tables to look at, and
 * deliberately knows nothing of any dialect beyond that.
 */
public final class QueryTables {
  private QueryTables() {}

  /**
   * A table name as written: one to three parts ({@code table}, {@code schema.table}, {@code
   * database.schema.table}).
   */
  public record Reference(List<String> parts, boolean write) {
    /** The parts joined with dots. */
    public String name() {
      return String.join(".", parts);
    }
  }

  private record Token(String text, boolean identifier, boolean quoted) {
    String upper() {
      return quoted ? "" : text.toUpperCase(Locale.ROOT);
    }
  }

  private static final Set<String> KEYWORDS =
      Set.of(
          "SELECT", "FROM", "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS",
          "ON", "USING", "GROUP", "ORDER", "BY", "HAVING", "LIMIT", "UNION", "ALL", "EXCEPT",
          "INTERSECT", "AS", "SET", "VALUES", "INTO", "WITH", "NATURAL", "LATERAL", "WHEN", "THEN",
          "QUALIFY", "WINDOW", "OFFSET", "FETCH", "RETURNING", "AND", "OR", "NOT", "MATCHED");

  /** The distinct references of a query, in order of appearance. */
  public static List<Reference> scan(String sql) {
    List<Token> tokens = tokens(sql == null ? "" : sql);
    Set<String> ctes = cteNames(tokens);
    Set<Reference> found = new LinkedHashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      String word = tokens.get(i).upper();
      String previous = i > 0 ? tokens.get(i - 1).upper() : "";
      switch (word) {
        case "FROM" -> {
          boolean write = previous.equals("DELETE");
          i = readList(tokens, i + 1, write, !write, ctes, found);
        }
        case "JOIN" -> i = readList(tokens, i + 1, false, false, ctes, found);
        case "INTO" -> {
          if (previous.equals("INSERT") || previous.equals("MERGE") || previous.equals("COPY")
              || previous.equals("OVERWRITE")) {
            i = readList(tokens, i + 1, true, false, ctes, found);
          }
        }
        case "UPDATE" -> {
          if (!previous.equals("FOR") && !previous.equals("ON") && !previous.equals("THEN")) {
            i = readList(tokens, i + 1, true, false, ctes, found);
          }
        }
        case "TABLE" -> {
          int back = i - 1;
          while (back >= 0 && Set.of("TEMPORARY", "TEMP", "TRANSIENT", "GLOBAL", "LOCAL", "VOLATILE",
              "EXTERNAL", "REPLACE", "OR").contains(tokens.get(back).upper())) {
            back--;
          }
          String verb = back >= 0 ? tokens.get(back).upper() : "";
          if (verb.equals("CREATE") || verb.equals("TRUNCATE") || verb.equals("OVERWRITE")) {
            int next = i + 1;
            if (next + 2 < tokens.size() && tokens.get(next).upper().equals("IF")) {
              next += tokens.get(next + 1).upper().equals("NOT") ? 3 : 2;
            }
            i = readList(tokens, next, true, false, ctes, found);
          }
        }
        case "TRUNCATE" -> {
          if (i + 1 < tokens.size() && !tokens.get(i + 1).upper().equals("TABLE")) {
            i = readList(tokens, i + 1, true, false, ctes, found);
          }
        }
        default -> {
          // not a table position
        }
      }
    }
    return new ArrayList<>(found);
  }

  /** Reads a name at {@code start} (and, if {@code list}, more after commas); returns the last index read. */
  private static int readList(
      List<Token> tokens, int start, boolean write, boolean list, Set<String> ctes, Set<Reference> found) {
    int i = start;
    while (true) {
      List<String> parts = new ArrayList<>();
      while (i < tokens.size() && tokens.get(i).identifier()) {
        Token token = tokens.get(i);
        if (!token.quoted() && KEYWORDS.contains(token.upper()) && parts.isEmpty()) {
          break;
        }
        parts.add(token.text());
        if (i + 1 < tokens.size() && tokens.get(i + 1).text().equals(".") && parts.size() < 3) {
          i += 2;
        } else {
          i++;
          break;
        }
      }
      if (parts.isEmpty()) {
        return i - 1;
      }
      boolean isCte = parts.size() == 1 && ctes.contains(parts.get(0).toLowerCase(Locale.ROOT));
      boolean function = !write && i < tokens.size() && tokens.get(i).text().equals("(");
      if (!isCte && !function) {
        found.add(new Reference(List.copyOf(parts), write));
      }
      if (!list) {
        return i - 1;
      }
      // skip an alias: [AS] name
      if (i < tokens.size() && tokens.get(i).upper().equals("AS")) {
        i++;
      }
      if (i < tokens.size()
          && tokens.get(i).identifier()
          && (tokens.get(i).quoted() || !KEYWORDS.contains(tokens.get(i).upper()))) {
        i++;
      }
      if (i < tokens.size() && tokens.get(i).text().equals(",")) {
        i++;
        continue;
      }
      return i - 1;
    }
  }

  private static Set<String> cteNames(List<Token> tokens) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i + 2 < tokens.size(); i++) {
      Token token = tokens.get(i);
      String before = i > 0 ? tokens.get(i - 1).upper() : "";
      if (token.identifier()
          && (before.equals("WITH") || before.equals("RECURSIVE") || before.equals(","))
          && tokens.get(i + 1).upper().equals("AS")
          && tokens.get(i + 2).text().equals("(")) {
        names.add(token.text().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private static List<Token> tokens(String sql) {
    List<Token> tokens = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'') {
        i++;
        while (i < n) {
          if (sql.charAt(i) == '\'' && i + 1 < n && sql.charAt(i + 1) == '\'') {
            i += 2;
          } else if (sql.charAt(i) == '\'') {
            i++;
            break;
          } else {
            i++;
          }
        }
        tokens.add(new Token("'", false, false));
      } else if (c == '"' || c == '`' || c == '[') {
        char close = c == '[' ? ']' : c;
        StringBuilder name = new StringBuilder();
        i++;
        while (i < n) {
          char d = sql.charAt(i);
          if (d == close && i + 1 < n && sql.charAt(i + 1) == close && close != ']') {
            name.append(d);
            i += 2;
          } else if (d == close) {
            i++;
            break;
          } else {
            name.append(d);
            i++;
          }
        }
        tokens.add(new Token(name.toString(), true, true));
      } else if (Character.isLetter(c) || c == '_' || c == '$' || c == '@' || c == '#') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(sql.charAt(i))
                || sql.charAt(i) == '_'
                || sql.charAt(i) == '$'
                || sql.charAt(i) == '@'
                || sql.charAt(i) == '#')) {
          i++;
        }
        tokens.add(new Token(sql.substring(start, i), true, false));
      } else if (Character.isDigit(c)) {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        tokens.add(new Token("0", false, false));
      } else {
        tokens.add(new Token(String.valueOf(c), false, false));
        i++;
      }
    }
    return tokens;
  }
}
