package io.pushgen.runtime.collect;

import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** A forward-only result set over maps, enough for the row mappers under test. */
final class FakeRows {
  private FakeRows() {}

  static ResultSet of(List<Map<String, Object>> rows) {
    int[] at = {-1};
    return (ResultSet)
        Proxy.newProxyInstance(
            FakeRows.class.getClassLoader(),
            new Class<?>[] {ResultSet.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "next" -> ++at[0] < rows.size();
                  case "getString" -> {
                    Object value = rows.get(at[0]).get((String) args[0]);
                    yield value == null ? null : value.toString();
                  }
                  case "getObject" -> rows.get(at[0]).get((String) args[0]);
                  case "close" -> null;
                  default -> throw new SQLException("not supported: " + method.getName());
                });
  }
}
