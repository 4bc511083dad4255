package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.InProcessPrograms;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AccessController;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import javax.security.auth.Subject;

/**
 * Stands where a vendor's JDBC driver stands in {@link DriverManager}, for warehouses that cannot
 * run here: the real driver is deregistered, and every {@code getConnection} the emitted program
 * makes for the vendor's URLs arrives here instead, with exactly the URL and properties the real
 * driver would have received. The connection then fails with a message that, like many drivers'
 * messages, echoes the URL and every property value, so that tests see what the program lets
 * through to the console.
 */
final class DriverBoundary implements Driver, AutoCloseable {
  /**
   * One connection attempt: the URL and the properties as handed to the driver, and the JAAS
   * Subject the caller connected as (what a driver in {@code kerberosAuthType=fromSubject} mode
   * reads with {@code Subject.getSubject(AccessController.getContext())}), or null.
   */
  record Call(String url, Properties properties, Subject subject) {}

  /** What a program printed while running in this JVM. */
  record Output(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  private final String prefix;
  private final List<Driver> removed = new ArrayList<>();
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

  private DriverBoundary(String prefix) {
    this.prefix = prefix;
  }

  /**
   * Loads the real driver class (which registers it), takes it and every driver that accepts one
   * of the sample URLs out of {@link DriverManager}, and answers the URLs starting with {@code
   * prefix} until {@link #close()} puts them back.
   */
  static DriverBoundary replace(String driverClass, String prefix, String... sampleUrls) throws Exception {
    Class<?> real = Class.forName(driverClass);
    DriverBoundary boundary = new DriverBoundary(prefix);
    for (Driver driver : Collections.list(DriverManager.getDrivers())) {
      // The class itself, and any other driver of the vendor (Redshift registers a base class).
      if (real.isInstance(driver) || accepts(driver, sampleUrls)) {
        DriverManager.deregisterDriver(driver);
        boundary.removed.add(driver);
      }
    }
    DriverManager.registerDriver(boundary);
    // A real driver left in place would try the network: fail at once instead.
    for (String url : sampleUrls) {
      Driver first = DriverManager.getDriver(url);
      if (first != boundary) {
        boundary.close();
        throw new AssertionError("the real driver still answers " + url + ": " + first);
      }
    }
    return boundary;
  }

  private static boolean accepts(Driver driver, String... urls) throws SQLException {
    for (String url : urls) {
      if (driver.acceptsURL(url)) {
        return true;
      }
    }
    return false;
  }

  /** Every connection attempt so far. */
  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The only connection attempt (fails when there were none or several). */
  Call only() {
    if (calls.size() != 1) {
      throw new AssertionError("expected one connection attempt, got " + calls);
    }
    return calls.get(0);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties copy = new Properties();
    copy.putAll(info);
    calls.add(new Call(url, copy, callersSubject()));
    throw new SQLException("login failed for " + url + " with " + info, "28000");
  }

  /** Read as Hive's driver 3.1.3 reads it (TSubjectAssumingTransport, HiveConnection). */
  @SuppressWarnings("removal")
  private static Subject callersSubject() {
    return Subject.getSubject(AccessController.getContext());
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(prefix);
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
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public void close() throws SQLException {
    DriverManager.deregisterDriver(this);
    for (Driver driver : removed) {
      DriverManager.registerDriver(driver);
    }
  }

  /**
   * Runs {@code programs}' {@code CollectMetadata} in this JVM with {@code arguments} and its
   * manifest under {@code out}, against this boundary, which refuses the connection: the program
   * exits 1 with {@code connectError} on standard error, none of {@code secrets} is in what it
   * printed or wrote, and it tried to connect exactly once. That attempt.
   */
  Call refusedCollect(
      InProcessPrograms programs, Path out, List<String> arguments, String connectError, String... secrets)
      throws Exception {
    int before = calls().size();
    List<String> all = new ArrayList<>(arguments);
    all.addAll(List.of("--output-file", out.resolve("manifest.json").toString()));
    Output output = capture(() -> programs.run("CollectMetadata", all.toArray(String[]::new)));
    assertEquals(1, output.exitCode(), output.all());
    assertTrue(output.stderr().contains(connectError), output.all());
    String written = output.all() + TestCertificates.everythingWritten(out);
    for (String secret : secrets) {
      assertFalse(written.contains(secret), "secret " + secret + " leaked:\n" + output.all());
    }
    assertEquals(before + 1, calls().size());
    return calls().get(before);
  }

  /** Runs a program in this JVM with stdout and stderr captured. */
  static Output capture(Callable<Integer> program) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = program.call();
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
