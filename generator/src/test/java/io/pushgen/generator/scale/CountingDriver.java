package io.pushgen.generator.scale;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * A JDBC driver that wraps a real one and records every round trip a program makes: each
 * statement executed ({@code execute*} of statements and prepared statements, with its SQL) and
 * each {@link DatabaseMetaData} call that returns rows ({@code getTables}, {@code getColumns},
 * ...). URLs are {@code jdbc:counting:<counter>:<real URL>}, so an emitted program is pointed at
 * it with its {@code --jdbc-url} (or {@code --url}) option and runs unchanged.
 *
 * <p>In a child JVM, load it with {@code -Djdbc.drivers=io.pushgen.generator.scale.CountingDriver}
 * and give {@code -Dcounting.report=FILE}: counters are created on first use and every recorded
 * round trip is written to the file (one a line, {@code counter<TAB>statement}) when the JVM
 * exits.
 */
public final class CountingDriver implements Driver {
  private static final String PREFIX = "jdbc:counting:";
  private static final Map<String, List<String>> COUNTERS = new ConcurrentHashMap<>();

  static {
    try {
      DriverManager.registerDriver(new CountingDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
    String report = System.getProperty("counting.report");
    if (report != null) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> writeReport(java.nio.file.Path.of(report))));
    }
  }

  private static void writeReport(java.nio.file.Path file) {
    StringBuilder text = new StringBuilder();
    COUNTERS.forEach(
        (counter, calls) -> {
          synchronized (calls) {
            for (String call : calls) {
              text.append(counter).append('\t').append(call.strip().replaceAll("\\s+", " ")).append('\n');
            }
          }
        });
    try {
      java.nio.file.Files.writeString(file, text.toString());
    } catch (java.io.IOException e) {
      System.err.println("CountingDriver: cannot write " + file + ": " + e.getMessage());
    }
  }

  /** The URL that reaches {@code realUrl} through a new, empty counter named {@code counter}. */
  public static String url(String counter, String realUrl) {
    if (!counter.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("counter names are alphanumeric: " + counter);
    }
    COUNTERS.put(counter, Collections.synchronizedList(new ArrayList<>()));
    return PREFIX + counter + ":" + realUrl;
  }

  /** Every round trip recorded for the counter so far, in order. */
  public static List<String> recorded(String counter) {
    List<String> calls = COUNTERS.get(counter);
    if (calls == null) {
      throw new IllegalArgumentException("no counter " + counter);
    }
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    String rest = url.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    String counter = rest.substring(0, colon);
    List<String> calls =
        System.getProperty("counting.report") != null
            ? COUNTERS.computeIfAbsent(counter, c -> Collections.synchronizedList(new ArrayList<>()))
            : COUNTERS.get(counter);
    if (calls == null) {
      throw new SQLException("CountingDriver: no counter in " + url);
    }
    Connection real = DriverManager.getConnection(rest.substring(colon + 1), info);
    return wrap(Connection.class, real, calls, null);
  }

  @SuppressWarnings("unchecked")
  private static <T> T wrap(Class<T> type, Object real, List<String> calls, Object owner) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("getConnection") && owner != null) {
            return owner;
          }
          if (name.equals("unwrap") && args[0] == type) {
            return proxy;
          }
          Object result = invoke(method, real, args);
          if (type == Connection.class) {
            if (result instanceof CallableStatement s) {
              return wrap(CallableStatement.class, s, calls, proxy);
            }
            if (result instanceof PreparedStatement s) {
              return new Prepared(calls, (String) args[0]).wrap(s, proxy);
            }
            if (result instanceof Statement s) {
              return wrap(Statement.class, s, calls, proxy);
            }
            if (result instanceof DatabaseMetaData m) {
              return wrap(DatabaseMetaData.class, m, calls, proxy);
            }
          } else if (type == DatabaseMetaData.class) {
            if (result instanceof ResultSet) {
              calls.add("DatabaseMetaData." + name + describe(args));
            }
          } else if (name.startsWith("execute") && args != null && args.length > 0 && args[0] instanceof String sql) {
            calls.add(sql);
          }
          return result;
        };
    return (T) Proxy.newProxyInstance(CountingDriver.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  /** A prepared statement: its executions are recorded with the SQL it was prepared with. */
  private record Prepared(List<String> calls, String sql) {
    PreparedStatement wrap(PreparedStatement real, Object connection) {
      InvocationHandler handler =
          (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("getConnection")) {
              return connection;
            }
            if (name.startsWith("execute")) {
              calls.add(args != null && args.length > 0 && args[0] instanceof String s ? s : sql);
            }
            return invoke(method, real, args);
          };
      return (PreparedStatement)
          Proxy.newProxyInstance(
              CountingDriver.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, handler);
    }
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static String describe(Object[] args) {
    List<String> parts = new ArrayList<>();
    if (args != null) {
      for (Object arg : args) {
        parts.add(arg instanceof String[] array ? String.join("|", array) : String.valueOf(arg));
      }
    }
    return "(" + String.join(", ", parts) + ")";
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }
}
