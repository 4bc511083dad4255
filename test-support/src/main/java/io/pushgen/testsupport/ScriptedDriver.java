package io.pushgen.testsupport;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The tests' JDBC driver, in two modes.
 *
 * <ul>
 *   <li><b>Scripted</b>, for warehouses that cannot run here: it answers the exact statements a
 *       program issues with rows laid out as the vendor documents them (column labels and JDBC
 *       types), and records every statement and its bound values. URLs are {@code
 *       jdbc:scripted:<name>} ({@link #script}); a statement no rule answers fails the test loudly.
 *   <li><b>Recording</b>, for real engines: it wraps the real driver and records every round trip
 *       a program makes: each statement executed and each {@link DatabaseMetaData} call that
 *       returns rows. URLs are {@code jdbc:scripted:recording:<counter>:<real URL>} ({@link
 *       #recording}), so an emitted program is pointed at it with its URL option and runs
 *       unchanged. In a child JVM, load it with {@code -Djdbc.drivers=}this class and give {@code
 *       -Dscripted.report=FILE}: counters are created on first use and every recorded round trip
 *       is written to the file (one a line, {@code counter<TAB>statement}) when the JVM exits.
 * </ul>
 */
public final class ScriptedDriver implements Driver {
  private static final String PREFIX = "jdbc:scripted:";
  private static final String RECORDING = PREFIX + "recording:";
  private static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();
  private static final Map<String, List<String>> COUNTERS = new ConcurrentHashMap<>();

  static {
    try {
      DriverManager.registerDriver(new ScriptedDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
    String report = System.getProperty("scripted.report");
    if (report != null) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> writeReport(Path.of(report))));
    }
  }

  /** A column of a scripted result: its label and {@link java.sql.Types} code. */
  public record Column(String label, int jdbcType) {}

  /** A scripted result set. */
  public record Table(List<Column> columns, List<List<Object>> rows) {}

  /** One statement as executed: its SQL and bound values. */
  public record Executed(String sql, List<Object> parameters) {}

  /** The answers for one URL, and what was asked. */
  public static final class Script {
    private final String url;
    private final List<Map.Entry<String, Function<List<Object>, Table>>> rules =
        Collections.synchronizedList(new ArrayList<>());
    private final List<Executed> executed = Collections.synchronizedList(new ArrayList<>());
    private final List<Properties> connections = Collections.synchronizedList(new ArrayList<>());

    private Script(String url) {
      this.url = url;
    }

    /** The URL that connects to this script. */
    public String url() {
      return url;
    }

    /** Answers statements whose whitespace-normalised text equals {@code sql} (normalised too). */
    public Script answer(String sql, Function<List<Object>, Table> answer) {
      rules.add(Map.entry(normalise(sql), answer));
      return this;
    }

    /** Every statement executed, in order. */
    public List<Executed> executed() {
      return List.copyOf(executed);
    }

    /** The properties of every connection opened. */
    public List<Properties> connections() {
      return List.copyOf(connections);
    }

    private Table run(String sql, List<Object> parameters) throws SQLException {
      executed.add(new Executed(sql, List.copyOf(parameters)));
      String key = normalise(sql);
      synchronized (rules) {
        for (Map.Entry<String, Function<List<Object>, Table>> rule : rules) {
          if (rule.getKey().equals(key)) {
            try {
              return rule.getValue().apply(parameters);
            } catch (RuntimeException e) {
              // An answer fails the statement by throwing an unchecked wrapper of an SQLException.
              if (e.getCause() instanceof SQLException failure) {
                throw failure;
              }
              throw e;
            }
          }
        }
      }
      throw new SQLException("ScriptedDriver: no answer scripted for statement:\n" + sql);
    }
  }

  /** A new script reachable at {@code jdbc:scripted:<name>}. */
  public static Script script(String name) {
    if (name.startsWith("recording:")) {
      throw new IllegalArgumentException("script names may not start with recording:");
    }
    Script script = new Script(PREFIX + name);
    SCRIPTS.put(name, script);
    return script;
  }

  /** {@code sql} with its white space folded, as scripted statements are matched. */
  public static String normalise(String sql) {
    return sql.strip().replaceAll("\\s+", " ");
  }

  /** The URL that reaches {@code realUrl} through a new, empty counter named {@code counter}. */
  public static String recording(String counter, String realUrl) {
    if (!counter.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("counter names are alphanumeric: " + counter);
    }
    COUNTERS.put(counter, Collections.synchronizedList(new ArrayList<>()));
    return RECORDING + counter + ":" + realUrl;
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

  private static void writeReport(Path file) {
    StringBuilder text = new StringBuilder();
    COUNTERS.forEach(
        (counter, calls) -> {
          synchronized (calls) {
            for (String call : calls) {
              text.append(counter).append('\t').append(normalise(call)).append('\n');
            }
          }
        });
    try {
      Files.writeString(file, text.toString());
    } catch (IOException e) {
      System.err.println("ScriptedDriver: cannot write " + file + ": " + e.getMessage());
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    if (url.startsWith(RECORDING)) {
      return recordingConnection(url, info);
    }
    Script script = SCRIPTS.get(url.substring(PREFIX.length()));
    if (script == null) {
      throw new SQLException("ScriptedDriver: no script named in " + url);
    }
    script.connections.add(info);
    return connection(script);
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

  private static Connection recordingConnection(String url, Properties info) throws SQLException {
    String rest = url.substring(RECORDING.length());
    int colon = rest.indexOf(':');
    String counter = rest.substring(0, colon);
    List<String> calls =
        System.getProperty("scripted.report") != null
            ? COUNTERS.computeIfAbsent(counter, c -> Collections.synchronizedList(new ArrayList<>()))
            : COUNTERS.get(counter);
    if (calls == null) {
      throw new SQLException("ScriptedDriver: no counter in " + url);
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
    return (T) Proxy.newProxyInstance(ScriptedDriver.class.getClassLoader(), new Class<?>[] {type}, handler);
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
              ScriptedDriver.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, handler);
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

  private static Connection connection(Script script) {
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "prepareStatement" -> statement(script, (String) args[0]);
              case "createStatement" -> statement(script, null);
              case "close", "setReadOnly", "setAutoCommit", "commit", "rollback" -> null;
              case "isClosed" -> false;
              case "getCatalog" -> null;
              case "unwrap" -> null;
              case "isWrapperFor" -> false;
              case "toString" -> "ScriptedConnection(" + script.url + ")";
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> throw new SQLFeatureNotSupportedException("Connection." + method.getName());
            };
    return (Connection) Proxy.newProxyInstance(
        ScriptedDriver.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private static Statement statement(Script script, String preparedSql) {
    List<Object> parameters = new ArrayList<>();
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "setObject", "setString", "setLong", "setInt", "setTimestamp" -> {
                int index = (Integer) args[0];
                while (parameters.size() < index) {
                  parameters.add(null);
                }
                parameters.set(index - 1, args[1]);
                yield null;
              }
              case "executeQuery" ->
                  resultSet(script.run(preparedSql != null ? preparedSql : (String) args[0], parameters));
              case "setFetchSize", "close", "setQueryTimeout", "setMaxRows" -> null;
              case "unwrap" -> null;
              case "isWrapperFor" -> false;
              case "toString" -> "ScriptedStatement(" + preparedSql + ")";
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> throw new SQLFeatureNotSupportedException("Statement." + method.getName());
            };
    return (Statement) Proxy.newProxyInstance(
        ScriptedDriver.class.getClassLoader(),
        new Class<?>[] {preparedSql != null ? PreparedStatement.class : Statement.class},
        handler);
  }

  private static ResultSet resultSet(Table table) {
    int[] row = {-1};
    boolean[] wasNull = {false};
    InvocationHandler handler =
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "next":
              row[0]++;
              return row[0] < table.rows().size();
            case "close":
            case "setFetchSize":
              return null;
            case "wasNull":
              return wasNull[0];
            case "getMetaData":
              return metaData(table);
            case "toString":
              return "ScriptedResultSet";
            case "hashCode":
              return System.identityHashCode(proxy);
            case "equals":
              return proxy == args[0];
            default:
              break;
          }
          if (!method.getName().startsWith("get") || args == null || args.length == 0) {
            throw new SQLFeatureNotSupportedException("ResultSet." + method.getName());
          }
          int column = columnIndex(table, args[0]);
          Object value = table.rows().get(row[0]).get(column);
          wasNull[0] = value == null;
          return convert(method.getName(), value, args);
        };
    return (ResultSet) Proxy.newProxyInstance(
        ScriptedDriver.class.getClassLoader(), new Class<?>[] {ResultSet.class}, handler);
  }

  private static int columnIndex(Table table, Object key) throws SQLException {
    if (key instanceof Integer index) {
      return index - 1;
    }
    String label = (String) key;
    for (int i = 0; i < table.columns().size(); i++) {
      // JDBC matches labels without regard to case.
      if (table.columns().get(i).label().equalsIgnoreCase(label)) {
        return i;
      }
    }
    throw new SQLException("ScriptedDriver: the result has no column labelled " + label);
  }

  private static Object convert(String getter, Object value, Object[] args) throws SQLException {
    return switch (getter) {
      case "getObject" -> value;
      case "getString" -> value == null ? null : value.toString();
      case "getLong" -> value == null ? 0L : ((Number) value).longValue();
      case "getInt" -> value == null ? 0 : ((Number) value).intValue();
      case "getBigDecimal" -> value == null ? null : new BigDecimal(value.toString());
      case "getBoolean" -> value != null && (Boolean) value;
      case "getTimestamp" -> {
        if (value == null) {
          yield null;
        }
        if (!(value instanceof Timestamp timestamp)) {
          throw new SQLException("ScriptedDriver: not a timestamp: " + value);
        }
        // A zoned value (TIMESTAMP_LTZ/TZ) is the same instant whatever calendar is passed.
        if (args.length > 1 && !(args[1] instanceof Calendar)) {
          throw new SQLException("ScriptedDriver: unexpected getTimestamp argument");
        }
        yield timestamp;
      }
      default -> throw new SQLFeatureNotSupportedException("ResultSet." + getter);
    };
  }

  private static ResultSetMetaData metaData(Table table) {
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "getColumnCount" -> table.columns().size();
              case "getColumnLabel", "getColumnName" -> table.columns().get((Integer) args[0] - 1).label();
              case "getColumnType" -> table.columns().get((Integer) args[0] - 1).jdbcType();
              default -> throw new SQLFeatureNotSupportedException("ResultSetMetaData." + method.getName());
            };
    return (ResultSetMetaData) Proxy.newProxyInstance(
        ScriptedDriver.class.getClassLoader(), new Class<?>[] {ResultSetMetaData.class}, handler);
  }
}
