package io.pushgen.runtime.auth;

import io.pushgen.runtime.cli.UsageException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A warehouse's connection settings and authentication methods, as its descriptor declares them:
 * which method a run uses ({@code --auth}, or the one the settings given imply), the checks of
 * the files it names before anything connects, and the URL and connection properties the
 * driver gets.
 *
 * <p>A setting that no method lists is common: it applies whatever the method. A setting a method
 * lists applies only when that method is selected, so a password left in the environment is not
 * sent along with a key pair.
 */
public final class Authentication {
  /** How URL parameters are appended to a JDBC URL. */
  public enum ParameterStyle {
    /** {@code ;name=value} (HiveServer2, Databricks). */
    SEMICOLON,
    /** {@code ?name=value&name=value}, values URL-encoded (PostgreSQL, MariaDB, Redshift). */
    QUERY
  }

  /** The URL and properties handed to the driver. */
  public record JdbcTarget(String url, Map<String, String> properties) {}

  /** The method of a warehouse that declares none: every setting is common. */
  public static final Method NO_METHOD =
      new Method(
          "settings", "the connection settings", List.of(), List.of(), Map.of(), null, Map.of());

  private final String authOption;
  private final String authEnv;
  private final Map<String, Setting> settings = new LinkedHashMap<>();
  private final List<Method> methods;

  /**
   * @param authEnv the environment variable {@code --auth} falls back to (null without methods)
   * @param settings every connection setting, in declaration order
   * @param methods the authentication methods, the preferred first
   */
  public Authentication(String authEnv, List<Setting> settings, List<Method> methods) {
    this.authOption = "--auth";
    this.authEnv = authEnv;
    for (Setting setting : settings) {
      this.settings.put(setting.name(), setting);
    }
    this.methods = List.copyOf(methods);
    for (Method method : methods) {
      for (String name : method.uses()) {
        if (!this.settings.containsKey(name)) {
          throw new IllegalArgumentException(
              "method " + method.name() + " uses an undeclared setting " + name);
        }
      }
    }
  }

  /** The methods, the preferred first. */
  public List<Method> methods() {
    return methods;
  }

  /** The setting named {@code name}. */
  public Setting setting(String name) {
    Setting setting = settings.get(name);
    if (setting == null) {
      throw new IllegalArgumentException("no setting " + name);
    }
    return setting;
  }

  /**
   * The method of this run: {@code requested} when given; else the one method whose required
   * settings all have a value (of two such methods, the one whose settings include the other's);
   * else the method that needs none, unless settings of another method were given.
   *
   * @param values setting values by name (null: not set)
   * @throws UsageException for an unknown method, a method missing settings, or settings that fit
   *     several methods or none; the message lists the alternatives and what each needs
   */
  public Method select(String requested, Map<String, String> values) throws UsageException {
    if (methods.isEmpty()) {
      return NO_METHOD;
    }
    if (requested != null && !requested.isBlank()) {
      Method method = byName(requested.strip());
      List<String> missing = missing(method, values);
      if (!missing.isEmpty()) {
        throw new UsageException(
            authOption + " " + method.name() + " needs " + String.join(" and ", missing));
      }
      return method;
    }
    List<Method> complete = new ArrayList<>();
    Method fallback = null;
    for (Method method : methods) {
      if (method.isFallback()) {
        fallback = method;
      } else if (missing(method, values).isEmpty()) {
        complete.add(method);
      }
    }
    // A method whose settings are all part of a more specific complete method gives way to it
    // (a key file alone is key-file; with a service account to impersonate, impersonation).
    complete.removeIf(
        method ->
            complete.stream()
                .anyMatch(
                    other ->
                        other != method
                            && other.uses().containsAll(method.requires())
                            && !method.uses().containsAll(other.requires())));
    if (complete.size() == 1) {
      return complete.get(0);
    }
    if (complete.size() > 1) {
      throw new UsageException(
          "the settings given fit several authentication methods ("
              + complete.stream().map(Method::name).collect(Collectors.joining(", "))
              + "); choose one with "
              + choose());
    }
    Set<String> ownOfFallback = fallback == null ? Set.of() : fallback.uses();
    List<String> partial = new ArrayList<>();
    for (Method method : methods) {
      if (method.isFallback()) {
        continue;
      }
      boolean started =
          method.uses().stream()
              .anyMatch(name -> !ownOfFallback.contains(name) && values.get(name) != null);
      if (started || fallback == null) {
        partial.add(method.name() + " needs " + String.join(" and ", missing(method, values)));
      }
    }
    if (fallback != null && partial.isEmpty()) {
      return fallback;
    }
    throw new UsageException(
        "incomplete authentication settings: "
            + String.join("; ", partial)
            + " (methods: "
            + methods.stream().map(Method::name).collect(Collectors.joining(", "))
            + "; choose one with "
            + choose()
            + ")");
  }

  private String choose() {
    return authOption + " or " + authEnv;
  }

  private Method byName(String name) throws UsageException {
    for (Method method : methods) {
      if (method.name().equalsIgnoreCase(name)) {
        return method;
      }
    }
    throw new UsageException(
        "unknown "
            + authOption
            + " '"
            + name
            + "' (one of: "
            + methods.stream().map(Method::name).collect(Collectors.joining(", "))
            + ")");
  }

  private List<String> missing(Method method, Map<String, String> values) {
    List<String> missing = new ArrayList<>();
    for (String name : method.requires()) {
      if (values.get(name) == null) {
        missing.add(setting(name).how());
      }
    }
    return missing;
  }

  /** The settings that apply with {@code method}: the common ones and the method's own. */
  public Set<String> applied(Method method) {
    Set<String> listed = new LinkedHashSet<>();
    methods.forEach(m -> listed.addAll(m.uses()));
    Set<String> applied = new LinkedHashSet<>();
    for (String name : settings.keySet()) {
      if (!listed.contains(name) || method.uses().contains(name)) {
        applied.add(name);
      }
    }
    return applied;
  }

  /**
   * Checks, before anything connects, every file the applied settings name.
   *
   * @throws UsageException naming the option, the file and the problem
   */
  public void checkFiles(Method method, Map<String, String> values) throws UsageException {
    for (String name : applied(method)) {
      Setting setting = settings.get(name);
      String value = values.get(name);
      if (value == null || setting.check() == FileCheck.NONE) {
        continue;
      }
      Path file = Path.of(value);
      switch (setting.check()) {
        case READABLE -> FileChecks.readable(file, setting.option());
        case PKCS8_PRIVATE_KEY -> FileChecks.pkcs8PrivateKey(
            file,
            setting.option(),
            setting.passphrase() == null ? null : values.get(setting.passphrase()),
            setting.passphrase() == null ? null : settings.get(setting.passphrase()).how());
        case KEYTAB -> FileChecks.keytab(file, setting.option());
        case GOOGLE_CREDENTIALS -> FileChecks.googleCredentials(file, setting.option());
        default -> throw new IllegalStateException(setting.check().name());
      }
    }
  }

  /**
   * The URL and properties for the driver: the method's URL template (or the connection's) with
   * its {@code {name}} placeholders filled, the URL parameters of the applied settings appended,
   * the method's fixed properties and the applied settings' properties. A whole URL given by the
   * user ({@code urlOverride}) is taken as it is, without parameters appended.
   *
   * @param parameterStyle how parameters are appended (null when no setting has one)
   */
  public JdbcTarget jdbc(
      Method method,
      String urlTemplate,
      String urlOverride,
      Map<String, String> values,
      ParameterStyle parameterStyle) {
    Set<String> applied = applied(method);
    Map<String, String> appliedValues = new LinkedHashMap<>();
    applied.forEach(name -> appliedValues.put(name, values.get(name)));
    String url;
    if (urlOverride != null && !urlOverride.isBlank()) {
      url = io.pushgen.runtime.collect.Jdbc.url(urlOverride, appliedValues);
    } else {
      url =
          io.pushgen.runtime.collect.Jdbc.url(
              method.url() != null ? method.url() : urlTemplate, appliedValues);
      url = withParameters(url, applied, appliedValues, parameterStyle);
    }
    Map<String, String> properties = new LinkedHashMap<>(method.properties());
    for (String name : applied) {
      Setting setting = settings.get(name);
      String value = appliedValues.get(name);
      if (setting.property() != null && value != null) {
        properties.put(setting.property(), value);
      }
    }
    return new JdbcTarget(url, properties);
  }

  private String withParameters(
      String url, Set<String> applied, Map<String, String> values, ParameterStyle style) {
    StringBuilder result = new StringBuilder(url);
    for (String name : applied) {
      Setting setting = settings.get(name);
      String value = values.get(name);
      if (setting.urlParameter() == null || value == null) {
        continue;
      }
      if (style == ParameterStyle.SEMICOLON) {
        result.append(';').append(setting.urlParameter()).append('=').append(value);
      } else {
        result
            .append(result.indexOf("?") < 0 ? '?' : '&')
            .append(setting.urlParameter())
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return result.toString();
  }
}
