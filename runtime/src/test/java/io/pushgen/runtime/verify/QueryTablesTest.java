package io.pushgen.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTablesTest {
  private static List<String> scan(String sql) {
    return QueryTables.scan(sql).stream().map(r -> (r.write() ? "W " : "R ") + r.name()).toList();
  }

  @Test
  void readsAndWrites() {
    assertEquals(
        List.of("W DB.SALES.DAILY", "R DB.SALES.ORDERS", "R sales.customers"),
        scan(
            "INSERT INTO DB.SALES.DAILY (day, total) SELECT o.day, sum(o.amount) FROM DB.SALES.ORDERS o"
                + " JOIN sales.customers c ON c.id = o.customer GROUP BY 1"));
    assertEquals(List.of("W a.b", "R c.d"), scan("update a.b set x = 1 from c.d where a.b.id = c.d.id"));
    assertEquals(List.of("W x.y"), scan("DELETE FROM x.y WHERE 1=1"));
    assertEquals(List.of("W s.t", "R s.u"), scan("CREATE OR REPLACE TABLE IF NOT EXISTS s.t AS SELECT * FROM s.u"));
    assertEquals(List.of("R a.b", "R c.d"), scan("select * from a.b x, c.d as y"));
  }

  @Test
  void skipsCommentsStringsCtesSubqueriesAndFunctions() {
    assertEquals(
        List.of("R real.t", "R \"Mixed Case\".x"),
        scan(
            "-- FROM fake.one\n/* JOIN fake.two */ WITH recent AS (SELECT * FROM real.t)"
                + " SELECT 'FROM fake.three' FROM recent, (SELECT 1) s JOIN \"Mixed Case\".x ON true"
                + " CROSS JOIN generate_series(1, 3)")
            .stream()
            .map(s -> s.replace("Mixed Case", "\"Mixed Case\""))
            .toList());
  }
}
