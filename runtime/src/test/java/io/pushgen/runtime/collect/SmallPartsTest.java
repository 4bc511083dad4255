package io.pushgen.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallPartsTest {
  @Test
  void typeMapNormalisesColumnTypesKeepingSuffixes() {
    TypeMap columns =
        TypeMap.forColumns(
            Map.of("character varying", "VARCHAR", "array", "ARRAY", "timestamp with time zone", "TIMESTAMPTZ"),
            TypeMap.Unknown.UPPER);
    assertEquals("VARCHAR(20)", columns.normalize("character varying(20)"));
    assertEquals("VARCHAR", columns.normalize("CHARACTER VARYING"));
    assertEquals("TIMESTAMPTZ", columns.normalize("timestamp with time zone"));
    assertEquals("ARRAY<int>", columns.normalize("array<int>"));
    assertEquals("NUMERIC(10,2)", columns.normalize("numeric(10,2)"));
    assertEquals("numeric", TypeMap.forColumns(Map.of(), TypeMap.Unknown.KEEP).normalize("numeric"));
  }

  @Test
  void typeMapGivesTablesTheirDefault() {
    TypeMap tables = TypeMap.forTables(Map.of("v", "VIEW", "BASE TABLE", "TABLE"), "TABLE");
    assertEquals("VIEW", tables.normalize("V"));
    assertEquals("TABLE", tables.normalize("base table"));
    assertEquals("TABLE", tables.normalize("SOMETHING NEW"));
    assertEquals("TABLE", tables.normalize(null));
  }

  @Test
  void namePatternsAreGlobsIgnoringCase() {
    NamePatterns patterns = NamePatterns.of(List.of("pg_toast*", "tmp_?", "exact.name"));
    assertTrue(patterns.matches("pg_toast_temp_1"));
    assertTrue(patterns.matches("PG_TOAST"));
    assertTrue(patterns.matches("tmp_1"));
    assertFalse(patterns.matches("tmp_12"));
    assertTrue(patterns.matches("exact.name"));
    assertFalse(patterns.matches("exactXname"), "a dot is not a wildcard");
    assertTrue(NamePatterns.parse(" a , ,b ").matches("B"));
    assertTrue(NamePatterns.parse(null).isEmpty());
  }

  @Test
  void jdbcUrlsAreFilledAndEncoded() {
    assertEquals(
        "jdbc:postgresql://db.local:5432/my%20db%2Fx",
        Jdbc.url(
            "jdbc:postgresql://{host}:{port}/{database}",
            Map.of("host", "db.local", "port", "5432", "database", "my db/x")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Jdbc.url("jdbc:x://{host}", Map.of()));
    assertEquals("the connection URL needs a value for {host}", e.getMessage());
  }

  @Test
  void quotingDoublesTheQuote() {
    assertEquals("\"a\"\"b\"", new Quoting("\"", "\"\"").quote("a\"b"));
    assertEquals("`a\\`b`", new Quoting("`", "\\`").quote("a`b"));
  }

  @Test
  void secretsAreRedactedFromDriverMessages() {
    assertEquals(
        "login failed for bob with ****",
        Secrets.redact("login failed for bob with hunter22", Map.of("password", "hunter22", "user", "bob")));
  }
}
