package io.pushgen.runtime.collect;

/**
 * Query texts that a warehouse keeps with its special characters escaped: Redshift's query-text
 * views store a newline as the two characters {@code \n} and a backslash as {@code \\}. Sent or
 * parsed as stored, a statement becomes one long line, and a {@code --} comment swallows
 * everything after it.
 */
public final class EscapedText {
  private EscapedText() {}

  /**
   * The text with {@code \n} turned back into a newline and {@code \\} into one backslash; any
   * other backslash is kept as it is. Null stays null.
   */
  public static String decode(String text) {
    if (text == null || text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder decoded = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (c == '\\' && next == 'n') {
        decoded.append('\n');
        i++;
      } else if (c == '\\' && next == '\\') {
        decoded.append('\\');
        i++;
      } else {
        decoded.append(c);
      }
    }
    return decoded.toString();
  }
}
