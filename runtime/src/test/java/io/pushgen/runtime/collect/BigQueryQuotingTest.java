package io.pushgen.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BigQuery identifiers: backtick-quoted, with a backtick inside written {@code \`} and a backslash
 * {@code \\} (quoted identifiers take the escape sequences of string literals); the queries' values
 * become named {@code @parameters}. Also the string literals that TABLE_OPTIONS returns.
 */
class BigQueryQuotingTest {
  /** What warehouses/bigquery.yaml declares: quote '`', escape '\`'. */
  private static final Quoting BIGQUERY = new Quoting("`", "\\`");

  @Test
  void quotesBacktickSpaceReservedWordAndBackslash() {
    assertEquals("`my``ds`".replace("``", "\\`"), BIGQUERY.quote("my`ds"));
    assertEquals("`sales data`", BIGQUERY.quote("sales data"));
    assertEquals("`select`", BIGQUERY.quote("select"));
    assertEquals("`a\\\\b`", BIGQUERY.quote("a\\b"));
    assertEquals("`a\\\\\\`b`", BIGQUERY.quote("a\\`b"));
    // Doubling quotes elsewhere is untouched: a backslash is literal in ANSI quoted names.
    assertEquals("\"a\\b\"\"c\"", new Quoting("\"", "\"\"").quote("a\\b\"c"));
  }

  @Test
  void rendersQualifiedViewNamesAndNamedParameters() {
    Sql sql =
        Sql.of(
            "SELECT table_name FROM {{database}}.{{region}}.INFORMATION_SCHEMA.TABLES"
                + " WHERE table_schema IN UNNEST(:datasets) AND note = ':not_a_parameter'"
                + " AND `odd:name` = 1 AND creation_time < :end_time");
    assertEquals(
        "SELECT table_name FROM `my proj``x`.`region-us`.INFORMATION_SCHEMA.TABLES".replace("``", "\\`")
            + " WHERE table_schema IN UNNEST(@datasets) AND note = ':not_a_parameter'"
            + " AND `odd:name` = 1 AND creation_time < @end_time",
        sql.renderNamed(BIGQUERY, Map.of("database", "my proj`x", "region", "region-us")));
    assertEquals("`select`.`region-eu`.`from`",
        Sql.of("{{database}}.{{region}}.{{table}}")
            .renderNamed(BIGQUERY, Map.of("database", "select", "region", "region-eu", "table", "from")));
  }

  @Test
  void readsGoogleSqlStringLiterals() {
    assertEquals("test data", StringLiterals.unquote("\"test data\""));
    assertEquals("Orders, \"EU\" only", StringLiterals.unquote("\"Orders, \\\"EU\\\" only\""));
    assertEquals("it's\nnew", StringLiterals.unquote("'it\\'s\\nnew'"));
    assertEquals("é€", StringLiterals.unquote("\"\\u00e9\\U000020AC\""));
    assertEquals("A", StringLiterals.unquote("\"\\x41\""));
    assertEquals("a\\nb", StringLiterals.unquote("r\"a\\nb\""));
    assertEquals("", StringLiterals.unquote("\"\""));
    // Not one literal: as it is.
    assertEquals("plain", StringLiterals.unquote("plain"));
    assertEquals("\"a\" \"b\"", StringLiterals.unquote("\"a\" \"b\""));
    assertEquals(null, StringLiterals.unquote(null));
  }
}
