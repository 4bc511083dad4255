// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.collect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A catalog query with named placeholders, as written in the warehouse descriptor.
 *
 * <ul>
 *   <li>{@code {{name}}} is an identifier: it is replaced by the value quoted and escaped with the
 *       warehouse's {@link Quoting}, e.g. {@code FROM {{database}}.INFORMATION_SCHEMA.TABLES}.
 *   <li>{@code :name} is a value: it becomes a JDBC bind parameter ({@code ?}). A {@code ::} cast
 *       is not a parameter, and nothing inside quotes or comments is.
 * </ul>
 *
 * <p>Placeholders are found once, when the query is created; {@link #prepare} then only
 * substitutes and binds.
 */
public final class Sql {
  private final String text;
  private final List<Part> parts;

  private sealed interface Part permits Literal, Identifier, Parameter {}

  private record Literal(String text) implements Part {}

  private record Identifier(String name) implements Part {}

  private record Parameter(String name) implements Part {}

  private Sql(String text, List<Part> parts) {
    this.text = text;
    this.parts = parts;
  }

  /** Parses the query's placeholders. */
  public static Sql of(String text) {
    return new Sql(text, parse(text));
  }

  /** The query as written, with its placeholders. */
  public String text() {
    return text;
  }

  /** Names used as {@code {{identifier}}} placeholders, in order of first use. */
  public Set<String> identifierNames() {
    Set<String> names = new LinkedHashSet<>();
    for (Part part : parts) {
      if (part instanceof Identifier identifier) {
        names.add(identifier.name());
      }
    }
    return names;
  }

  /** Names used as {@code :parameter} placeholders, in order of first use. */
  public Set<String> parameterNames() {
    Set<String> names = new LinkedHashSet<>();
    for (Part part : parts) {
      if (part instanceof Parameter parameter) {
        names.add(parameter.name());
      }
    }
    return names;
  }

  /**
   * The JDBC text: identifiers substituted, parameters replaced by {@code ?}.
   *
   * @throws IllegalArgumentException when an identifier has no value
   */
  public String render(Quoting quoting, Map<String, String> identifiers) {
    StringBuilder sql = new StringBuilder(text.length() + 32);
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        sql.append(literal.text());
      } else if (part instanceof Identifier identifier) {
        String value = identifiers.get(identifier.name());
        if (value == null) {
          throw new IllegalArgumentException("no value for {{" + identifier.name() + "}}");
        }
        sql.append(quoting.quote(value));
      } else {
        sql.append('?');
      }
    }
    return sql.toString();
  }

  /**
   * The text for an API with named parameters (BigQuery): identifiers substituted, each {@code
   * :name} written as {@code @name}, to be bound by name.
   *
   * @throws IllegalArgumentException when an identifier has no value
   */
  public String renderNamed(Quoting quoting, Map<String, String> identifiers) {
    StringBuilder sql = new StringBuilder(text.length() + 32);
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        sql.append(literal.text());
      } else if (part instanceof Identifier identifier) {
        String value = identifiers.get(identifier.name());
        if (value == null) {
          throw new IllegalArgumentException("no value for {{" + identifier.name() + "}}");
        }
        sql.append(quoting.quote(value));
      } else {
        sql.append('@').append(((Parameter) part).name());
      }
    }
    return sql.toString();
  }

  /**
   * Prepares the statement and binds its parameters by name. {@link Instant} values are bound as
   * UTC timestamps; everything else with {@code setObject}.
   *
   * @throws IllegalArgumentException when an identifier or a parameter has no value
   */
  public PreparedStatement prepare(
      Connection connection, Quoting quoting, Map<String, String> identifiers, Map<String, ?> values)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(render(quoting, identifiers));
    try {
      int index = 0;
      for (Part part : parts) {
        if (part instanceof Parameter parameter) {
          index++;
          if (!values.containsKey(parameter.name())) {
            throw new IllegalArgumentException("no value for :" + parameter.name());
          }
          Object value = values.get(parameter.name());
          if (value instanceof Instant instant) {
            statement.setTimestamp(index, Timestamp.from(instant), Rows.utcCalendar());
          } else {
            statement.setObject(index, value);
          }
        }
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return text;
  }

  private static List<Part> parse(String text) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = skipQuoted(text, i, c);
        literal.append(text, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        literal.append(text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        literal.append(text, i, end);
        i = end;
      } else if (c == '{' && text.startsWith("{{", i)) {
        int close = text.indexOf("}}", i + 2);
        String name = close < 0 ? "" : text.substring(i + 2, close).strip();
        if (!isName(name)) {
          throw new IllegalArgumentException(
              "malformed identifier placeholder at offset " + i + ": expected {{name}}");
        }
        flush(literal, parts);
        parts.add(new Identifier(name));
        i = close + 2;
      } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
        // A cast such as ::regclass, never a parameter.
        int end = i + 2;
        while (end < n && isNamePart(text.charAt(end))) {
          end++;
        }
        literal.append(text, i, end);
        i = end;
      } else if (c == ':'
          && i + 1 < n
          && isNameStart(text.charAt(i + 1))
          && (i == 0 || !isNamePart(text.charAt(i - 1)))) {
        int end = i + 1;
        while (end < n && isNamePart(text.charAt(end))) {
          end++;
        }
        flush(literal, parts);
        parts.add(new Parameter(text.substring(i + 1, end)));
        i = end;
      } else {
        literal.append(c);
        i++;
      }
    }
    flush(literal, parts);
    return List.copyOf(parts);
  }

  /** The index just past a quoted string or identifier that starts at {@code start}. */
  private static int skipQuoted(String text, int start, char quote) {
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2; // a doubled quote inside the string
          continue;
        }
        return i + 1;
      }
      if (c == '\\' && quote != '"') {
        i += 2; // backslash escapes in '...' (MySQL, Hive, BigQuery) and `...`
        continue;
      }
      i++;
    }
    return text.length();
  }

  private static void flush(StringBuilder literal, List<Part> parts) {
    if (!literal.isEmpty()) {
      parts.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  private static boolean isName(String name) {
    if (name.isEmpty() || !isNameStart(name.charAt(0))) {
      return false;
    }
    return name.chars().allMatch(ch -> isNamePart((char) ch));
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
