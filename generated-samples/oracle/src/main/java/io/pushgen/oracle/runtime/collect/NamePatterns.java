// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.oracle.runtime.collect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of glob patterns for database, schema or table names: {@code *} matches any run of
 * characters, {@code ?} one character, everything else itself. Matching ignores case, since
 * engines differ in how they fold unquoted names.
 */
public final class NamePatterns {
  private final List<String> globs;
  private final List<Pattern> patterns;

  private NamePatterns(Collection<String> globs) {
    this.globs = List.copyOf(globs);
    List<Pattern> compiled = new ArrayList<>();
    for (String glob : globs) {
      compiled.add(compile(glob));
    }
    this.patterns = List.copyOf(compiled);
  }

  /** Patterns from a list of globs; an empty list matches nothing. */
  public static NamePatterns of(Collection<String> globs) {
    return new NamePatterns(globs);
  }

  /** Patterns from a comma-separated option value such as {@code "sales_*,ops"}; blank is none. */
  public static NamePatterns parse(String commaSeparated) {
    List<String> globs = new ArrayList<>();
    if (commaSeparated != null) {
      for (String glob : commaSeparated.split(",")) {
        if (!glob.isBlank()) {
          globs.add(glob.strip());
        }
      }
    }
    return new NamePatterns(globs);
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** The patterns without wildcards, i.e. names given literally. */
  public List<String> literals() {
    List<String> names = new ArrayList<>();
    for (String glob : globs) {
      if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0) {
        names.add(glob);
      }
    }
    return names;
  }

  /** Whether any pattern matches the whole name. */
  public boolean matches(String name) {
    if (name == null) {
      return false;
    }
    for (Pattern pattern : patterns) {
      if (pattern.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return String.join(",", globs);
  }

  private static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(
        regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }
}
