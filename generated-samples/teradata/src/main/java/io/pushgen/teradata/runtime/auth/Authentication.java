// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.auth;

import io.pushgen.teradata.runtime.auth.FileChecks.FileCheck;
import io.pushgen.teradata.runtime.cli.UsageException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

  /**
   * Another URL template, used instead of the connection's when a setting has a value, e.g.
   * HiveServer2 found through ZooKeeper when a quorum is given.
   *
   * @param when the setting whose value selects this template
   * @param url the template, with {@code {name}} placeholders ({@code {+name}}: not encoded)
   */
  public record UrlVariant(String when, String url) {}

  /** The method of a warehouse that declares none: every setting is common. */
  public static final Method NO_METHOD =
      new Method(
          "settings", "the connection settings", List.of(), List.of(), Map.of(), null, Map.of());

  private final String authOption;
  private final String authEnv;
  private final Map<String, Setting> settings = new LinkedHashMap<>();
  private final List<Method> methods;
  private final List<UrlVariant> urlVariants;

  /**
   * @param authEnv the environment variable {@code --auth} falls back to (null without methods)
   * @param settings every connection setting, in declaration order
   * @param methods the authentication methods, the preferred first
   */
  public Authentication(String authEnv, List<Setting> settings, List<Method> methods) {
    this(authEnv, settings, methods, List.of());
  }

  /**
   * @param urlVariants URL templates used instead of the connection's when their setting has a
   *     value, the first that applies wins
   */
  public Authentication(
      String authEnv, List<Setting> settings, List<Method> methods, List<UrlVariant> urlVariants) {
    this.authOption = "--auth";
    this.authEnv = authEnv;
    for (Setting setting : settings) {
      this.settings.put(setting.name(), setting);
    }
    this.methods = List.copyOf(methods);
    this.urlVariants = List.copyOf(urlVariants);
    for (UrlVariant variant : urlVariants) {
      if (!this.settings.containsKey(variant.when())) {
        throw new IllegalArgumentException("URL variant for an undeclared setting " + variant.when());
      }
    }
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
   * else the first method that needs none, unless settings of another method were given (a later
   * method that needs none is used only when requested).
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
        fallback = fallback == null ? method : fallback;
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
   * The URL and properties for the driver: the method's URL template (else the first URL variant
   * whose setting has a value, else the connection's) with its {@code {name}} placeholders
   * filled, the method's fixed URL parameters and those of the applied settings appended, the
   * method's fixed properties and the applied settings' properties.
   *
   * <p>A whole URL given by the user ({@code urlOverride}) gets the same parameters appended,
   * except those it already has ({@link #checkUrl} refuses one it has with another value).
   *
   * @param parameterStyle how parameters are appended (null when none has any)
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
    Map<String, String> parameters = urlParameters(method, appliedValues);
    String url;
    if (urlOverride != null && !urlOverride.isBlank()) {
      url = io.pushgen.teradata.runtime.collect.Jdbc.url(urlOverride, appliedValues);
      Set<String> written = parameters(url, parameterStyle).keySet();
      parameters.keySet().removeIf(name -> written.contains(name.toLowerCase(Locale.ROOT)));
    } else {
      url = io.pushgen.teradata.runtime.collect.Jdbc.url(template(method, urlTemplate, values), appliedValues);
    }
    url = withParameters(url, parameters, parameterStyle);
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

  /**
   * Checks, before connecting, a whole URL given by the user against the parameters the method
   * and the settings add: one the URL already has with another value is an error, as which of the
   * two was meant cannot be guessed (the same value is fine, and kept once).
   *
   * @param urlOption how the URL was given, for the message, e.g. {@code --jdbc-url}
   * @throws UsageException naming the parameter and both places; never a secret's value
   */
  public void checkUrl(
      Method method,
      String urlOverride,
      String urlOption,
      Map<String, String> values,
      ParameterStyle parameterStyle)
      throws UsageException {
    if (urlOverride == null || urlOverride.isBlank()) {
      return;
    }
    Map<String, String> appliedValues = new LinkedHashMap<>();
    applied(method).forEach(name -> appliedValues.put(name, values.get(name)));
    Map<String, String> written = parameters(urlOverride, parameterStyle);
    for (Map.Entry<String, String> parameter : urlParameters(method, appliedValues).entrySet()) {
      String inUrl = written.get(parameter.getKey().toLowerCase(Locale.ROOT));
      if (inUrl == null || inUrl.equals(parameter.getValue())) {
        continue;
      }
      Setting from = null;
      for (Setting setting : settings.values()) {
        if (parameter.getKey().equals(setting.urlParameter()) && appliedValues.get(setting.name()) != null) {
          from = setting;
        }
      }
      throw new UsageException(
          urlOption
              + " has "
              + parameter.getKey()
              + "="
              + (from != null && from.secret() ? "****" : inUrl)
              + " but "
              + (from == null ? authOption + " " + method.name() : from.option())
              + " gives "
              + (from != null && from.secret() ? "another value" : "'" + parameter.getValue() + "'")
              + ": give it in one place only");
    }
  }

  /** The method's fixed URL parameters, then those of the settings that have a value. */
  private Map<String, String> urlParameters(Method method, Map<String, String> appliedValues) {
    Map<String, String> parameters = new LinkedHashMap<>(method.urlParameters());
    appliedValues.forEach(
        (name, value) -> {
          Setting setting = settings.get(name);
          if (setting.urlParameter() != null && value != null) {
            parameters.put(setting.urlParameter(), value);
          }
        });
    return parameters;
  }

  private String template(Method method, String urlTemplate, Map<String, String> values) {
    if (method.url() != null) {
      return method.url();
    }
    for (UrlVariant variant : urlVariants) {
      if (values.get(variant.when()) != null) {
        return variant.url();
      }
    }
    return urlTemplate;
  }

  /**
   * The parameters a URL already has, by lower-case name: {@code ;name=value} up to a {@code ?}
   * or {@code #} (HiveServer2's session variables, Databricks), or the query's {@code
   * name=value} pairs, decoded.
   */
  static Map<String, String> parameters(String url, ParameterStyle style) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (style == null) {
      return parameters;
    }
    String part;
    String separator;
    if (style == ParameterStyle.SEMICOLON) {
      int start = url.indexOf(';');
      if (start < 0) {
        return parameters;
      }
      part = url.substring(start + 1, semicolonEnd(url));
      separator = ";";
    } else {
      int start = url.indexOf('?');
      if (start < 0) {
        return parameters;
      }
      part = url.substring(start + 1);
      separator = "&";
    }
    for (String pair : part.split(separator)) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        String value = pair.substring(equals + 1);
        parameters.putIfAbsent(
            pair.substring(0, equals).strip().toLowerCase(Locale.ROOT),
            style == ParameterStyle.QUERY ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value);
      }
    }
    return parameters;
  }

  /** Where {@code ;name=value} parameters end: before HiveServer2's {@code ?conf} or {@code #vars}. */
  private static int semicolonEnd(String url) {
    int end = url.length();
    int start = Math.max(url.indexOf(';'), 0);
    for (char c : new char[] {'?', '#'}) {
      int at = url.indexOf(c, start);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return end;
  }

  private static String withParameters(
      String url, Map<String, String> parameters, ParameterStyle style) {
    if (parameters.isEmpty()) {
      return url;
    }
    if (style == ParameterStyle.SEMICOLON) {
      int end = semicolonEnd(url);
      StringBuilder appended = new StringBuilder();
      parameters.forEach((name, value) -> appended.append(';').append(name).append('=').append(value));
      return url.substring(0, end) + appended + url.substring(end);
    }
    StringBuilder result = new StringBuilder(url);
    parameters.forEach(
        (name, value) ->
            result
                .append(result.indexOf("?") < 0 ? '?' : '&')
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return result.toString();
  }

  /**
   * One authentication method of a warehouse, as its descriptor declares it.
   *
   * @param name the value of {@code --auth}, e.g. {@code key-pair}
   * @param description one line for {@code --help} and messages
   * @param requires the settings that must all have a value
   * @param optional further settings the method uses when they have a value
   * @param properties fixed JDBC connection properties, e.g. {@code authenticator=SNOWFLAKE_JWT}
   * @param url the URL template of this method, or null for the connection's
   * @param systemProperties JVM system properties the driver reads for this method, set before it
   *     connects unless already set (e.g. with {@code -D})
   * @param urlParameters fixed URL parameters, appended before the settings', e.g. {@code
   *     kerberosAuthType=fromSubject}
   * @param login a login the program makes itself before connecting, or null: {@code
   *     kerberos-keytab} (see {@code KerberosLogin})
   * @param subjectFromContext whether the driver reads the caller's JAAS Subject with {@code
   *     Subject.getSubject(AccessController.getContext())}, which newer Java versions refuse
   */
  public record Method(
      String name,
      String description,
      List<String> requires,
      List<String> optional,
      Map<String, String> properties,
      String url,
      Map<String, String> systemProperties,
      Map<String, String> urlParameters,
      String login,
      boolean subjectFromContext) {

    public Method {
      requires = List.copyOf(requires);
      optional = List.copyOf(optional);
      properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
      systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(systemProperties));
      urlParameters = Collections.unmodifiableMap(new LinkedHashMap<>(urlParameters));
    }

    /** A method without fixed URL parameters, login or Subject. */
    public Method(
        String name,
        String description,
        List<String> requires,
        List<String> optional,
        Map<String, String> properties,
        String url,
        Map<String, String> systemProperties) {
      this(name, description, requires, optional, properties, url, systemProperties, Map.of(), null, false);
    }

    /** Every setting this method uses: required ones first. */
    public Set<String> uses() {
      Set<String> uses = new LinkedHashSet<>(requires);
      uses.addAll(optional);
      return uses;
    }

    /** Sets the {@link #systemProperties()} that are not set yet. */
    public void applySystemProperties() {
      systemProperties.forEach(
          (name, value) -> {
            if (System.getProperty(name) == null) {
              System.setProperty(name, value);
            }
          });
    }

    /**
     * Whether the method needs no setting at all: the first such method is the default when
     * nothing else fits, the others are used only when requested.
     */
    public boolean isFallback() {
      return requires.isEmpty();
    }
  }

  /**
   * One connection setting as the warehouse's descriptor declares it: the option {@code --<name>}
   * with an environment-variable fallback, and where its value goes (a JDBC connection property,
   * a URL parameter, or only a placeholder of the URL template).
   *
   * <p>A secret also accepts {@code --<name>-file PATH} and {@code <ENV>_FILE}: the value is read
   * from that file (containers mount secrets as files).
   *
   * @param name the setting name, e.g. {@code private_key_file}
   * @param env the environment variable the option falls back to
   * @param secret whether the value must never be printed, logged or written
   * @param check what the value names and is checked before connecting ({@link FileCheck#NONE}:
   *     a plain value)
   * @param passphrase for {@link FileCheck#PKCS8_PRIVATE_KEY}: the setting holding the key's
   *     passphrase, or null
   * @param property the JDBC connection property the value is passed as, or null
   * @param urlParameter the URL parameter the value is appended as, or null
   */
  public record Setting(
      String name,
      String env,
      boolean secret,
      FileCheck check,
      String passphrase,
      String property,
      String urlParameter) {

    /** A plain value used only in the URL template; the withers below add the rest. */
    public static Setting of(String name, String env) {
      return new Setting(name, env, false, FileCheck.NONE, null, null, null);
    }

    /** This setting as a secret. */
    public Setting asSecret() {
      return new Setting(name, env, true, check, passphrase, property, urlParameter);
    }

    /** This setting naming a file checked as {@code check} before connecting. */
    public Setting file(FileCheck check) {
      return new Setting(name, env, secret, check, passphrase, property, urlParameter);
    }

    /** This setting naming a PKCS#8 key whose passphrase is the setting {@code passphrase}. */
    public Setting privateKey(String passphrase) {
      return new Setting(
          name, env, secret, FileCheck.PKCS8_PRIVATE_KEY, passphrase, property, urlParameter);
    }

    /** This setting passed as the JDBC connection property {@code property}. */
    public Setting property(String property) {
      return new Setting(name, env, secret, check, passphrase, property, urlParameter);
    }

    /** This setting appended to the URL as the parameter {@code parameter}. */
    public Setting urlParameter(String parameter) {
      return new Setting(name, env, secret, check, passphrase, property, parameter);
    }

    /** The option, e.g. {@code --private-key-file}. */
    public String option() {
      return "--" + name.replace('_', '-').toLowerCase(Locale.ROOT);
    }

    /** The option naming a file that holds a secret's value, e.g. {@code --password-file}. */
    public String fileOption() {
      return option() + "-file";
    }

    /** The environment variable naming a file that holds a secret's value, e.g. {@code PGPASSWORD_FILE}. */
    public String fileEnv() {
      return env + "_FILE";
    }

    /** How a user gives the setting, for messages: {@code --password (or PGPASSWORD)}. */
    public String how() {
      return option() + " (or " + env + ")";
    }
  }
}
