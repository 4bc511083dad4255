package io.pushgen.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlTest {
  private static final Quoting DOUBLE = new Quoting("\"", "\"\"");
  private static final Quoting BACKTICK = new Quoting("`", "``");

  @Test
  void identifiersAreQuotedAndEscaped() {
    Sql sql = Sql.of("SELECT * FROM {{database}}.INFORMATION_SCHEMA.TABLES");
    assertEquals(
        "SELECT * FROM \"my \"\"odd\"\" db\".INFORMATION_SCHEMA.TABLES",
        sql.render(DOUBLE, Map.of("database", "my \"odd\" db")));
    assertEquals(
        "SELECT * FROM `a``b`.INFORMATION_SCHEMA.TABLES",
        sql.render(BACKTICK, Map.of("database", "a`b")));
  }

  @Test
  void parametersBecomeQuestionMarksButCastsQuotesAndCommentsDoNot() {
    Sql sql =
        Sql.of(
            "SELECT c::regclass, ':not' AS \":nor\" -- :comment\n"
                + "FROM t /* :block */ WHERE a >= :start_time AND b < :end_time AND x = :start_time");
    assertEquals(Set.of("start_time", "end_time"), sql.parameterNames());
    assertEquals(
        "SELECT c::regclass, ':not' AS \":nor\" -- :comment\n"
            + "FROM t /* :block */ WHERE a >= ? AND b < ? AND x = ?",
        sql.render(DOUBLE, Map.of()));
  }

  @Test
  void aMissingIdentifierValueIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Sql.of("FROM {{schema}}.t").render(DOUBLE, Map.of()));
    assertEquals("no value for {{schema}}", e.getMessage());
  }

  @Test
  void aMalformedPlaceholderIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Sql.of("FROM {{1x}}"));
    assertThrows(IllegalArgumentException.class, () -> Sql.of("FROM {{unclosed"));
  }
}
