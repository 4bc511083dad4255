package io.pushgen.generator.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns descriptor strings into safe Java, XML and Markdown text. Nothing a descriptor contains
 * can end a literal or comment early: quotes, backslashes (so {@code \}{@code u} unicode escapes,
 * which javac processes everywhere, can never appear unescaped), line breaks, control characters,
 * {@code *}{@code /} and {@code """} are all escaped.
 */
public final class Escapes {
  private Escapes() {}

  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class",
          "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
          "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
          "interface", "long", "native", "new", "package", "private", "protected", "public",
          "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
          "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
          "null", "var", "yield", "record", "sealed", "permits", "non-sealed", "_");

  /**
   * A Java string literal for a picocli annotation ({@code description}, {@code defaultValue}):
   * picocli would interpolate {@code ${...}} and format {@code %}, so those are escaped to show
   * {@code s} exactly.
   */
  public static String picocliString(String s) {
    return s == null ? "null" : javaString(s.replace("%", "%%").replace("${", "$${"));
  }

  /** Whether {@code s} is a Java keyword or literal (not usable as an identifier). */
  public static boolean isKeyword(String s) {
    return KEYWORDS.contains(s);
  }

  /** A Java string literal with quotes; {@code null} for null. */
  public static String javaString(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> appendChar(sb, c);
      }
    }
    return sb.append('"').toString();
  }

  /**
   * Control characters become octal escapes (plain Java escapes, not unicode escapes). Everything
   * else is written raw: no other character can end a literal (line separators such as U+2028
   * are not Java line terminators).
   */
  private static void appendChar(StringBuilder sb, char c) {
    if (c < 0x20 || c == 0x7f) {
      sb.append('\\').append(String.format(Locale.ROOT, "%03o", (int) c));
    } else {
      sb.append(c);
    }
  }

  /**
   * A complete Java text block: {@code """}, a line break, the content with every line indented
   * by {@code indent} spaces, and the closing {@code """} on its own line at that indent. The
   * literal's value is exactly {@code s}: backslashes, {@code """}, trailing spaces ({@code \s}),
   * carriage returns and control characters are escaped, and a missing final newline is kept
   * missing with a {@code \}-continuation.
   */
  public static String textBlock(String s, int indent) {
    if (s == null) {
      return "null";
    }
    String pad = " ".repeat(Math.max(indent, 0));
    StringBuilder sb = new StringBuilder(s.length() + 16).append("\"\"\"\n");
    boolean endsWithNewline = s.endsWith("\n");
    String body = endsWithNewline ? s.substring(0, s.length() - 1) : s;
    String[] lines = body.split("\n", -1);
    for (int l = 0; l < lines.length; l++) {
      String line = lines[l];
      StringBuilder out = new StringBuilder();
      int quotes = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          quotes++;
          if (quotes == 3) {
            out.append("\\\"");
            quotes = 0;
          } else {
            out.append('"');
          }
          continue;
        }
        quotes = 0;
        switch (c) {
          case '\\' -> out.append("\\\\");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> appendChar(out, c);
        }
      }
      // Trailing spaces would be stripped by javac: write the last one as \s.
      int end = out.length();
      if (end > 0 && out.charAt(end - 1) == ' ') {
        out.setCharAt(end - 1, '\\');
        out.append('s');
      }
      boolean last = l == lines.length - 1;
      if (out.length() > 0 && Character.isWhitespace(out.charAt(out.length() - 1))) {
        // Other trailing white space (e.g. U+3000) would be stripped too: end the line with an
        // escaped newline and a continuation instead, so it is not trailing.
        if (!last || endsWithNewline) {
          out.append("\\n\\");
        }
      }
      if (out.length() > 0) {
        sb.append(pad).append(out);
      }
      if (last && !endsWithNewline) {
        if (out.length() == 0) {
          sb.append(pad);
        }
        sb.append('\\');
      }
      sb.append('\n');
    }
    return sb.append(pad).append("\"\"\"").toString();
  }

  /** Text for inside a Java comment: no {@code *}{@code /}, no unicode escapes, one line. */
  public static String comment(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '*' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
        sb.append("*&#47;");
        i++;
      } else if (c == '@' && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
        sb.append("&#64;");
      } else if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
        sb.append(' ');
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(' ');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static List<String> words(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        if (current.length() > 0) {
          words.add(current.toString());
          current.setLength(0);
        }
        continue;
      }
      if (Character.isUpperCase(c) && current.length() > 0
          && Character.isLowerCase(current.charAt(current.length() - 1))) {
        words.add(current.toString());
        current.setLength(0);
      }
      current.append(c);
    }
    if (current.length() > 0) {
      words.add(current.toString());
    }
    return words;
  }

  private static String identifier(String s) {
    if (s.isEmpty()) {
      return "_x";
    }
    if (!Character.isJavaIdentifierStart(s.charAt(0))) {
      s = "_" + s;
    }
    return KEYWORDS.contains(s) ? s + "_" : s;
  }

  private static String capitalize(String w) {
    return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1).toLowerCase(Locale.ROOT);
  }

  /** {@code http_path} / {@code max-rows} as {@code httpPath} / {@code maxRows}. */
  public static String camel(String s) {
    List<String> words = words(s);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      sb.append(i == 0 ? words.get(i).toLowerCase(Locale.ROOT) : capitalize(words.get(i)));
    }
    return identifier(sb.toString());
  }

  /** {@code query_logs} as {@code QueryLogs}. */
  public static String pascal(String s) {
    StringBuilder sb = new StringBuilder();
    for (String w : words(s)) {
      sb.append(capitalize(w));
    }
    return identifier(sb.toString());
  }

  /** {@code http_path} as {@code HTTP_PATH}. */
  public static String constant(String s) {
    return identifier(String.join("_", words(s)).toUpperCase(Locale.ROOT));
  }

  /** XML text and attribute escape; characters XML 1.0 cannot hold become U+FFFD. */
  public static String xml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        case '\t', '\n', '\r' -> sb.append("&#").append((int) c).append(';');
        default -> sb.append(c < 0x20 || c == 0xfffe || c == 0xffff ? '\ufffd' : c);
      }
    }
    return sb.toString();
  }

  /** Markdown table cell: {@code |}, backticks, backslashes and HTML escaped, one line. */
  public static String md(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '|' -> sb.append("\\|");
        case '`' -> sb.append("\\`");
        case '\\' -> sb.append("\\\\");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\r' -> { }
        case '\n' -> sb.append(' ');
        default -> sb.append(c < 0x20 ? ' ' : c);
      }
    }
    return sb.toString();
  }
}
