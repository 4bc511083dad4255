package io.pushgen.runtime.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pushgen.runtime.collect.Quoting;
import io.pushgen.runtime.collect.Sql;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlProbeTest {
  @Test
  void aSelectIsWrappedSoThatItReturnsNoRows() {
    Sql probe = SqlProbe.noRows(Sql.of("SELECT a FROM {{database}}.t WHERE b = :database ORDER BY a\n"));
    assertEquals(
        "SELECT * FROM (\nSELECT a FROM {{database}}.t WHERE b = :database ORDER BY a\n)"
            + " pushgen_probe WHERE 1 = 0",
        probe.text());
    assertEquals(List.of("database"), List.copyOf(probe.parameterNames()));
  }

  @Test
  void leadingCommentsAndWithAreRecognisedAndATrailingCommentCannotSwallowTheWrapper() {
    Sql probe = SqlProbe.noRows(Sql.of("-- lineage\n/* x */ with q AS (SELECT 1) SELECT * FROM q -- end"));
    assertEquals(
        "SELECT * FROM (\n-- lineage\n/* x */ with q AS (SELECT 1) SELECT * FROM q -- end\n)"
            + " pushgen_probe WHERE 1 = 0",
        probe.text());
  }

  @Test
  void statementsThatCannotBeSubqueriesRunAsTheyAre() {
    Sql show = Sql.of("SHOW DATABASES");
    assertSame(show, SqlProbe.noRows(show));
    Sql describe = Sql.of("DESCRIBE DETAIL {{database}}.{{schema}}.{{table}}");
    assertSame(describe, SqlProbe.noRows(describe));
  }

  @Test
  void aFailedProbeRollsBackSoTheNextStatementRuns() {
    List<String> calls = new ArrayList<>();
    Connection connection =
        (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  calls.add(method.getName());
                  if (method.getName().equals("prepareStatement")) {
                    throw new SQLException("permission denied for table t", "42501");
                  }
                  return null;
                });
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                SqlProbe.probe(
                    connection, Sql.of("SELECT 1 FROM t"), new Quoting("\"", "\"\""), Map.of(), Map.of()));
    assertEquals("permission denied for table t", e.getMessage());
    assertEquals(List.of("prepareStatement", "rollback"), calls);
  }

  @Test
  void theLastDayEndsNow() {
    Map<String, Object> window = SqlProbe.lastDay(Instant.parse("2026-12-04T10:00:00.500Z"));
    assertEquals(Instant.parse("2026-12-04T10:00:00Z"), window.get("end_time"));
    assertEquals(Instant.parse("2026-12-03T10:00:00Z"), window.get("start_time"));
  }
}
