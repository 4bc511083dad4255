// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.collect;

import io.pushgen.athena.runtime.auth.SettingValues.Scrubber;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens JDBC connections from a URL template, keeping secrets out of URLs and messages. */
public final class Jdbc {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\+?)([A-Za-z_][A-Za-z0-9_]*)}");

  private Jdbc() {}

  /**
   * Fills a URL template such as {@code jdbc:postgresql://{host}:{port}/{database}}. Values are
   * URL-encoded, so a database name with spaces or slashes stays one path segment; a placeholder
   * written {@code {+name}} is inserted as it is (a file path, or a whole URL).
   *
   * @throws IllegalArgumentException naming the first placeholder that has no value
   */
  public static String url(String template, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder url = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(2));
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(
            "the connection URL needs a value for {" + matcher.group(2) + "}");
      }
      boolean raw = !matcher.group(1).isEmpty();
      matcher.appendReplacement(
          url,
          Matcher.quoteReplacement(
              raw ? value : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    matcher.appendTail(url);
    return url.toString();
  }

  /**
   * Connects with the named driver. Properties with a null or empty value are left out. The
   * error message names the URL and user, never the password.
   */
  public static Connection connect(String driverClass, String url, Map<String, String> properties)
      throws SQLException {
    return connect(driverClass, url, properties, new Scrubber(java.util.List.of()));
  }

  /**
   * Connects with the named driver, as {@link #connect(String, String, Map)}, and removes every
   * secret known to {@code scrubber} from the error message (drivers echo URLs and properties).
   */
  public static Connection connect(
      String driverClass, String url, Map<String, String> properties, Scrubber scrubber)
      throws SQLException {
    try {
      Class<?> type = Class.forName(driverClass);
      if (!Driver.class.isAssignableFrom(type)) {
        throw new SQLException(driverClass + " is not a JDBC driver");
      }
    } catch (ClassNotFoundException e) {
      throw new SQLException(
          "the JDBC driver " + driverClass + " is not on the class path (is it in the pom?)");
    }
    Properties info = new Properties();
    properties.forEach(
        (key, value) -> {
          if (value != null && !value.isEmpty()) {
            info.setProperty(key, value);
          }
        });
    try {
      return DriverManager.getConnection(url, info);
    } catch (SQLException e) {
      String user = info.getProperty("user");
      throw new SQLException(
          scrubber.scrub(
              "cannot connect to "
                  + url
                  + (user == null ? "" : " as " + user)
                  + ": "
                  + Secrets.redact(e.getMessage(), properties)),
          e.getSQLState(),
          e.getErrorCode());
    }
  }
}
