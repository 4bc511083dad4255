package io.pushgen.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nested column types (Hive, Spark) and epoch-second times (Hive's metastore). */
class HiveTypesTest {
  private static final TypeMap HIVE =
      TypeMap.forColumns(
          Map.ofEntries(
              Map.entry("int", "INTEGER"),
              Map.entry("bigint", "BIGINT"),
              Map.entry("string", "VARCHAR"),
              Map.entry("varchar", "VARCHAR"),
              Map.entry("decimal", "DECIMAL"),
              Map.entry("array", "ARRAY"),
              Map.entry("map", "MAP"),
              Map.entry("struct", "STRUCT"),
              Map.entry("uniontype", "UNION")),
          TypeMap.Unknown.UPPER,
          true);

  @Test
  void nestedTypesAreNormalisedAllTheWayDownKeepingStructFieldNames() {
    // warehouses.md 6.2: the reference split at '(' only, so array<int> came out ARRAY<INT>
    // while a top-level int was INTEGER.
    assertEquals("ARRAY<INTEGER>", HIVE.normalize("array<int>"));
    assertEquals("INTEGER", HIVE.normalize("int"));
    assertEquals("DECIMAL(10,2)", HIVE.normalize("decimal(10,2)"));
    assertEquals("VARCHAR(20)", HIVE.normalize("varchar(20)"));
    assertEquals("MAP<VARCHAR,ARRAY<INTEGER>>", HIVE.normalize("map<string,array<int>>"));
    assertEquals(
        "ARRAY<STRUCT<id:BIGINT,Amount:DECIMAL(10,2),tags:MAP<VARCHAR,VARCHAR>>>",
        HIVE.normalize("array<struct<id:bigint,Amount:decimal(10,2),tags:map<string,string>>>"));
    assertEquals("UNION<INTEGER,VARCHAR>", HIVE.normalize("uniontype<int,string>"));
    // Unknown element types follow the unknown rule; spaces after commas are dropped.
    assertEquals("STRUCT<g:GEOMETRY,n:INTEGER>", HIVE.normalize("struct<g:geometry, n:int>"));
    // Unbalanced brackets: normalised as a whole, never mangled.
    assertEquals("ARRAY<int", HIVE.normalize("array<int"));
  }

  @Test
  void withoutNestedTheArgumentsAreKeptAsBefore() {
    TypeMap flat = TypeMap.forColumns(Map.of("array", "ARRAY", "int", "INTEGER"), TypeMap.Unknown.UPPER);
    assertEquals("ARRAY<int>", flat.normalize("array<int>"));
  }

  @Test
  void numbersAreEpochSecondsAndZeroIsNoTime() throws Exception {
    assertEquals("2024-03-01T10:00:00Z", Rows.timestamp(row(1709287200L), "t"));
    assertEquals("2024-03-01T10:00:00Z", Rows.timestamp(row(1709287200), "t"));
    assertNull(Rows.timestamp(row(0L), "t"));
    assertNull(Rows.timestamp(row(null), "t"));
    assertEquals(
        "2024-03-01T10:00:00Z",
        Rows.timestamp(row(Timestamp.from(Instant.parse("2024-03-01T10:00:00Z"))), "t"));
  }

  private static ResultSet row(Object value) {
    return (ResultSet)
        java.lang.reflect.Proxy.newProxyInstance(
            HiveTypesTest.class.getClassLoader(),
            new Class<?>[] {ResultSet.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getObject" -> value;
                  case "getTimestamp" -> {
                    if (args.length < 2 || !(args[1] instanceof Calendar)) {
                      throw new AssertionError("read without a calendar");
                    }
                    yield value;
                  }
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
