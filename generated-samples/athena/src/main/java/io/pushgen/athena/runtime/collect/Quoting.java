// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.collect;

/**
 * How a warehouse quotes identifiers: the quote character and how a quote inside a name is
 * written (doubled for ANSI, Snowflake and PostgreSQL; backslash or doubled backtick elsewhere).
 *
 * @param quote the opening and closing quote, e.g. {@code "} or {@code `}
 * @param escapedQuote what replaces a quote inside the name, e.g. {@code ""}
 */
public record Quoting(String quote, String escapedQuote) {

  public Quoting {
    if (quote == null || quote.isEmpty()) {
      throw new IllegalArgumentException("the identifier quote must not be empty");
    }
    if (escapedQuote == null || escapedQuote.isEmpty()) {
      throw new IllegalArgumentException("the escaped identifier quote must not be empty");
    }
  }

  /**
   * Quotes one identifier, escaping every quote inside it: {@code a"b} becomes {@code "a""b"}.
   * Where a backslash escapes the quote (BigQuery: {@code `a\`b`}), a backslash in the name is an
   * escape character too, so it is written doubled.
   */
  public String quote(String identifier) {
    String name = identifier;
    if (escapedQuote.equals("\\" + quote)) {
      name = name.replace("\\", "\\\\");
    }
    return quote + name.replace(quote, escapedQuote) + quote;
  }
}
