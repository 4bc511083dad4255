// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hivemetastore.runtime.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SQL tokenizer, enough to split scripts into statements, to normalise dialect syntax
 * JSqlParser does not accept and to recognise a few statement shapes without a full parse. It
 * never fails: unterminated quotes or comments run to the end of the text.
 */
final class SqlLexer {
  private SqlLexer() {}

  enum Kind {
    WORD, // unquoted identifier or keyword (may contain $ and, at the start, @ or #)
    QUOTED, // "...", `...` or T-SQL [...] identifier (or a double-quoted string where the dialect says so)
    STRING, // '...', $$...$$, $tag$...$tag$
    NUMBER,
    SYMBOL, // one character, or "::"
    SPACE, // white space
    COMMENT // -- ..., // ..., # ... (MySQL, ClickHouse), /* ... */
  }

  record Token(Kind kind, String text, int start) {
    boolean is(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String s) {
      return kind == Kind.SYMBOL && text.equals(s);
    }

    boolean trivia() {
      return kind == Kind.SPACE || kind == Kind.COMMENT;
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }
  }

  static List<Token> tokenize(String sql, Dialect dialect) {
    List<Token> out = new ArrayList<>();
    scan(sql, dialect, (kind, start, end) -> out.add(new Token(kind, sql.substring(start, end), start)));
    return out;
  }

  /** Receives each token as its kind and its range in the text, without copying it. */
  @FunctionalInterface
  interface TokenSink {
    void token(Kind kind, int start, int end);
  }

  /** The tokens of {@link #tokenize}, handed over one at a time (for long scripts). */
  static void scan(String sql, Dialect dialect, TokenSink sink) {
    Kind previous = null;
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      Kind kind;
      if (Character.isWhitespace(c)) {
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
          i++;
        }
        kind = Kind.SPACE;
      } else if (c == '-' && at(sql, i + 1, '-')
          || c == '/' && at(sql, i + 1, '/') && dialect == Dialect.SNOWFLAKE
          || c == '#' && (dialect == Dialect.MYSQL || dialect == Dialect.CLICKHOUSE)) {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
        kind = Kind.COMMENT;
      } else if (c == '/' && at(sql, i + 1, '*')) {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
        kind = Kind.COMMENT;
      } else if (c == '\'') {
        i = quoted(sql, i, '\'', dialect.backslashEscapes());
        kind = Kind.STRING;
      } else if (c == '"' || c == '`') {
        boolean triple = dialect == Dialect.BIGQUERY && sql.startsWith(String.valueOf(c).repeat(3), i);
        if (triple) {
          int close = sql.indexOf(String.valueOf(c).repeat(3), i + 3);
          i = close < 0 ? n : close + 3;
          kind = Kind.STRING;
        } else {
          i = quoted(sql, i, c, c == '"' && dialect.doubleQuotedStrings() && dialect.backslashEscapes());
          kind = Kind.QUOTED;
        }
      } else if (c == '[' && dialect.squareBracketNames()) {
        i = quoted(sql, i, ']', false);
        kind = Kind.QUOTED;
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        i = close < 0 ? n : close + tag.length();
        kind = Kind.STRING;
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
          && (previous == null || previous != Kind.WORD && previous != Kind.QUOTED)) {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.'
            || sql.charAt(i) == '_')) {
          i++;
        }
        kind = Kind.NUMBER;
      } else if (Character.isLetter(c) || c == '_' || c == '@' || c == '#' || c == '$') {
        i++;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
            || sql.charAt(i) == '$')) {
          i++;
        }
        kind = Kind.WORD;
      } else if (c == ':' && at(sql, i + 1, ':')) {
        i += 2;
        kind = Kind.SYMBOL;
      } else {
        i++;
        kind = Kind.SYMBOL;
      }
      sink.token(kind, start, i);
      previous = kind;
    }
  }

  private static boolean at(String s, int i, char c) {
    return i < s.length() && s.charAt(i) == c;
  }

  private static int quoted(String s, int i, char q, boolean backslash) {
    int n = s.length();
    i++;
    while (i < n) {
      char c = s.charAt(i);
      if (backslash && c == '\\') {
        i += 2;
      } else if (c == q) {
        if (at(s, i + 1, q)) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  /** {@code $$} or {@code $tag$} starting at i, or null ({@code $1} is not a tag). */
  private static String dollarTag(String s, int i) {
    int j = i + 1;
    if (j < s.length() && s.charAt(j) == '$') {
      return "$$";
    }
    if (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_')) {
      while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
        j++;
      }
      if (j < s.length() && s.charAt(j) == '$') {
        return s.substring(i, j + 1);
      }
    }
    return null;
  }

  /** The tokens without white space and comments. */
  static List<Token> significant(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size() / 2 + 1);
    for (Token t : tokens) {
      if (!t.trivia()) {
        out.add(t);
      }
    }
    return out;
  }

  static String join(List<Token> tokens) {
    StringBuilder b = new StringBuilder();
    for (Token t : tokens) {
      b.append(t.text());
    }
    return b.toString();
  }
}
