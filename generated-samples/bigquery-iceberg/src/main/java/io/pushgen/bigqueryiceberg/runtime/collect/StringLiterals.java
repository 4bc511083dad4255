// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.bigqueryiceberg.runtime.collect;

/**
 * Reads string literals that a catalog returns in SQL syntax rather than as plain text, such as
 * BigQuery's {@code INFORMATION_SCHEMA.TABLE_OPTIONS.option_value}, which holds a table
 * description as {@code "test data"}.
 */
public final class StringLiterals {
  private StringLiterals() {}

  /**
   * The value of a GoogleSQL quoted string literal ({@code "..."} or {@code '...'}, with
   * backslash escapes: {@code \n \t \r \b \f \v \a \\ \' \" \` \?}, {@code \xHH}, octal {@code
   * \ooo}, a backslash and u with 4 hex digits, or U with 8); a raw literal ({@code r"..."}) is
   * taken as it is. Anything that is not one well-formed literal is returned unchanged, and null
   * stays null.
   */
  public static String unquote(String literal) {
    if (literal == null || literal.length() < 2) {
      return literal;
    }
    boolean raw = literal.charAt(0) == 'r' || literal.charAt(0) == 'R';
    String body = raw ? literal.substring(1) : literal;
    if (body.length() < 2) {
      return literal;
    }
    char quote = body.charAt(0);
    if ((quote != '"' && quote != '\'') || body.charAt(body.length() - 1) != quote) {
      return literal;
    }
    String inner = body.substring(1, body.length() - 1);
    if (raw) {
      return inner;
    }
    StringBuilder out = new StringBuilder(inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == quote) {
        return literal; // an unescaped quote: not one literal
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= inner.length()) {
        return literal;
      }
      char e = inner.charAt(i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append((char) 11);
        case 'a' -> out.append((char) 7);
        case '\\', '\'', '"', '`', '?' -> out.append(e);
        case 'x', 'X' -> {
          int code = hex(inner, i + 1, 2);
          if (code < 0) {
            return literal;
          }
          out.append((char) code);
          i += 2;
        }
        case 'u' -> {
          int code = hex(inner, i + 1, 4);
          if (code < 0) {
            return literal;
          }
          out.append((char) code);
          i += 4;
        }
        case 'U' -> {
          int code = hex(inner, i + 1, 8);
          if (code < 0 || !Character.isValidCodePoint(code)) {
            return literal;
          }
          out.appendCodePoint(code);
          i += 8;
        }
        default -> {
          if (e >= '0' && e <= '7' && i + 2 < inner.length()) {
            int code = 0;
            for (int k = 0; k < 3; k++) {
              char d = inner.charAt(i + k);
              if (d < '0' || d > '7') {
                return literal;
              }
              code = code * 8 + (d - '0');
            }
            out.append((char) code);
            i += 2;
          } else {
            return literal;
          }
        }
      }
    }
    return out.toString();
  }

  private static int hex(String s, int from, int digits) {
    if (from + digits > s.length()) {
      return -1;
    }
    try {
      return (int) Long.parseLong(s.substring(from, from + digits), 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
