package io.pushgen.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for a vendor JDBC driver that is not on the test class path: a class of the same name
 * that accepts no URL, so that the emitted programs (which check that their driver loads) reach
 * another driver through {@code --jdbc-url}.
 */
public final class StubDrivers {
  private StubDrivers() {}

  public static void writeIfMissing(Path sources, String className) throws IOException {
    try {
      Class.forName(className, false, StubDrivers.class.getClassLoader());
      return;
    } catch (ClassNotFoundException e) {
      // write the stub
    }
    int dot = className.lastIndexOf('.');
    String pkg = className.substring(0, dot);
    String simple = className.substring(dot + 1);
    Path file = sources.resolve(pkg.replace('.', '/')).resolve(simple + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        package %s;

        /** Test stub: the vendor driver is not on the class path; accepts no URL. */
        public class %s implements java.sql.Driver {
          public java.sql.Connection connect(String url, java.util.Properties info) { return null; }
          public boolean acceptsURL(String url) { return false; }
          public java.sql.DriverPropertyInfo[] getPropertyInfo(String url, java.util.Properties info) {
            return new java.sql.DriverPropertyInfo[0];
          }
          public int getMajorVersion() { return 0; }
          public int getMinorVersion() { return 0; }
          public boolean jdbcCompliant() { return false; }
          public java.util.logging.Logger getParentLogger() {
            throw new UnsupportedOperationException();
          }
        }
        """
            .formatted(pkg, simple),
        StandardCharsets.UTF_8);
  }
}
