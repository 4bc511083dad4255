<#-- Everything descriptor-specific that the programs of a JDBC warehouse share. -->
<#include "/common/connection-settings.ftl">
<#include "/common/variants.ftl">
<#assign optIns = optionsOf(queriesOf(flows))>
package ${pkg};

import ${runtimePkg}.auth.Authentication;
<#if usesFileCheck()>
import ${runtimePkg}.auth.FileChecks.FileCheck;
</#if>
import ${runtimePkg}.auth.Authentication.Method;
import ${runtimePkg}.auth.Authentication.Setting;
<#if usesSubject() || usesLogin()>
import ${runtimePkg}.auth.KerberosLogin;
</#if>
import ${runtimePkg}.auth.SettingValues;
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.Jdbc;
import ${runtimePkg}.collect.NamePatterns;
import ${runtimePkg}.collect.Quoting;
<#if (d.metadata.databases)??>
import ${runtimePkg}.collect.Sql;
</#if>
import ${runtimePkg}.collect.TypeMap;
<#if usesLogin()>
import java.nio.file.Path;
</#if>
import java.sql.Connection;
<#if (d.metadata.databases)??>
import java.sql.PreparedStatement;
import java.sql.ResultSet;
</#if>
import java.sql.SQLException;
<#if (d.connection.session_statements)?has_content>
import java.sql.Statement;
</#if>
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
<#if optIns?filter(o -> o.values??)?has_content>
import java.util.Locale;
</#if>
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What is specific to ${comment(d.name)}: connection settings, identifier quoting, names to skip and type
 * normalisation. Generated from {@code ${comment(source)}}; the catalog queries live in the programs that
 * run them.
 */
public final class Warehouse {
  private Warehouse() {}

  /** The warehouse id, written into manifests. */
  public static final String ID = ${javaString(d.id)};

  /** Human-readable name of the warehouse. */
  public static final String NAME = ${javaString(d.name)};

  /** Monte Carlo's resource type for this warehouse; {@code --resource-type} overrides it. */
  public static final String RESOURCE_TYPE = ${javaString(d.resource_type)};
<#if d.log_type??>

  /** Monte Carlo's query-log type for this warehouse; {@code --log-type} overrides it. */
  public static final String LOG_TYPE = ${javaString(d.log_type)};
</#if>

  /** The JDBC driver class, from {@code ${comment(d.connection.driver.maven)}}. */
  static final String DRIVER_CLASS = ${javaString(d.connection.driver.class)};

  /** The JDBC URL; {@code {name}} placeholders are filled from the connection settings. */
  static final String URL_TEMPLATE = ${javaString(d.connection.url)};
<#if d.connection.url_parameters??>

  /** How settings that are URL parameters are appended to the URL. */
  static final Authentication.ParameterStyle URL_PARAMETERS =
      Authentication.ParameterStyle.${d.connection.url_parameters?upper_case};
</#if>

<@authConstant/>

<#if (d.metadata.databases)??>
  /** Lists the databases; column {@code ${comment(d.metadata.databases.column)}} holds the name. */
  static final Sql DATABASES =
      Sql.of(
          ${textBlock(d.metadata.databases.sql, 10)});

</#if>
  /** How identifiers are quoted in catalog queries. */
  public static final Quoting QUOTING = new Quoting(${javaString(d.quoting.quote)}, ${javaString(d.quoting.escape)});

  /** Databases never collected. */
  public static final NamePatterns SKIP_DATABASES =
      NamePatterns.of(List.of(<#list (d.skip.databases)![] as p>${javaString(p)}<#sep>, </#list>));

<#if (d.metadata.unsupported_databases)?has_content>
  /** Databases that cannot be collected (glob patterns), with the reason. */
  public static final Map<String, String> UNSUPPORTED_DATABASES =
      Map.ofEntries(
<#list d.metadata.unsupported_databases as glob, reason>
          Map.entry(${javaString(glob)}, ${javaString(reason)})<#if glob?has_next>,<#else>);</#if>
</#list>

  /** The reason a database cannot be collected, or null when it can. */
  static String unsupported(String database) {
    for (Map.Entry<String, String> entry : UNSUPPORTED_DATABASES.entrySet()) {
      if (NamePatterns.of(List.of(entry.getKey())).matches(database)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /**
   * Refuses, with the reason, a database the user named that cannot be collected: left out
   * silently, the run would look successful and send nothing for it.
   */
  public static void refuseUnsupported(List<String> named) throws UsageException {
    for (String database : named) {
      String reason = unsupported(database);
      if (reason != null) {
        throw new UsageException("cannot collect database " + database + ": " + reason);
      }
    }
  }

</#if>
  /** Schemas never collected. */
  public static final NamePatterns SKIP_SCHEMAS =
      NamePatterns.of(List.of(<#list (d.skip.schemas)![] as p>${javaString(p)}<#sep>, </#list>));

  /** Native table types mapped to Monte Carlo's TABLE or VIEW. */
  public static final TypeMap TABLE_TYPES =
      TypeMap.forTables(
          Map.ofEntries(
<#list d.table_types.map as native, type>
              Map.entry(${javaString(native)}, ${javaString(type)})<#if native?has_next>,<#else>),</#if>
</#list>
          ${javaString(d.table_types.default)});

  /** Native column types mapped to canonical names. */
  public static final TypeMap COLUMN_TYPES =
      TypeMap.forColumns(
<#if (d.column_types.map)?has_content>
          Map.ofEntries(
<#list d.column_types.map as native, type>
              Map.entry(${javaString(native)}, ${javaString(type)})<#if native?has_next>,<#else>),</#if>
</#list>
<#else>
          Map.of(),
</#if>
          TypeMap.Unknown.${((d.column_types.unknown)!"upper")?upper_case}<#if (d.column_types.nested)!false>,
          true</#if>);
<#list ["metadata", "lineage", "query_logs"] as f>
<#if flows?seq_contains(f)>

  /** Events per ${f?replace("_", " ")} request (requests are also split to stay under 1 MB). */
  public static final int ${constant(f)}_BATCH_SIZE = ${d.batch_size[f]?c};
</#if>
</#list>
<@optionTypes optIns/>

  /**
   * The databases to collect: all the warehouse lists<#if !(d.metadata.databases)??> (here: the connected one)</#if>, less
   * {@link #SKIP_DATABASES}, that {@code include} accepts.
   */
  public static List<String> databases(ConnectionOptions connection, Predicate<String> include)
      throws SQLException {
    List<String> names = new ArrayList<>();
<#if (d.metadata.databases)??>
    try (Connection c = connection.connect(<#if d.connection.database_in_url>null</#if>);
        PreparedStatement statement = DATABASES.prepare(c, QUOTING, Map.of(), Map.of());
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        String name = rows.getString(${javaString(d.metadata.databases.column)});
        if (!SKIP_DATABASES.matches(name)<#if (d.metadata.unsupported_databases)?has_content> && unsupported(name) == null</#if> && include.test(name)) {
          names.add(name);
        }
      }
    }
<#else>
    try (Connection c = connection.connect(<#if d.connection.database_in_url>null</#if>)) {
      String name = c.getCatalog();
      if (!SKIP_DATABASES.matches(name) && include.test(name)) {
        names.add(name);
      }
    }
</#if>
    return names;
  }

  /**
   * Connection settings. Each option falls back to its environment variable, so secrets can stay
   * out of the command line.
   */
  public static final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
        names = "--jdbc-url",
        defaultValue = ${javaString(r"${env:" + constant(d.id) + "_JDBC_URL}")},
        description =
            "Full JDBC URL instead of the one built from the settings below<#if d.connection.database_in_url>; "
                + "{database} in it is replaced by each database collected</#if><#if d.connection.url_parameters??>; "
                + "the URL parameters of the settings given are appended unless it has them</#if> "
                + "(env ${constant(d.id)}_JDBC_URL).")
    private String jdbcUrl;
<@settingOptions/>

    /** The settings' values, resolved once by {@link #validate}. */
    private SettingValues values;

    /** The authentication method of this run, selected by {@link #validate}. */
    private Method method;
<#if usesLogin()>

    /** The Kerberos login from a keytab, when the method makes one; null otherwise. */
    private KerberosLogin login;
</#if>

    /**
     * Resolves the settings (secrets also from their files) and selects the authentication
     * method, checking the files it names; secrets are masked in everything the console prints
     * from now on.
     *
     * @throws UsageException naming the missing or conflicting options and their environment
     *     variables, or a file and its problem
     */
    public void validate(Console console) throws UsageException {
<@resolveSettings/>
      AUTH.checkUrl(method, jdbcUrl, "--jdbc-url", values.values(), <#if d.connection.url_parameters??>URL_PARAMETERS<#else>null</#if>);
    }

    /**
     * Opens a connection<#if d.connection.database_in_url> to one database; null means the configured one</#if>.
     * The connection is read-only and not auto-committing, so drivers stream large results.
     */
    public Connection connect(<#if d.connection.database_in_url>String database</#if>) throws SQLException {
      if (values == null) {
        throw new IllegalStateException("validate(console) first");
      }
      Map<String, String> given = new LinkedHashMap<>(values.values());
<#if d.connection.database_in_url>
      if (database != null) {
        given.put("database", database);
      }
</#if>
      Authentication.JdbcTarget target =
          AUTH.jdbc(method, URL_TEMPLATE, jdbcUrl, given, <#if d.connection.url_parameters??>URL_PARAMETERS<#else>null</#if>);
      Map<String, String> properties = new LinkedHashMap<>();
<#list (d.connection.session_properties)!{} as name, value>
      properties.put(${javaString(name)}, ${javaString(value)});
</#list>
      properties.putAll(target.properties());
      method.applySystemProperties();
<#if usesLogin()>
      // With a keytab login, the driver connects as the logged-in Subject (kerberosAuthType=fromSubject).
      Connection connection =
          login == null
              ? Jdbc.connect(DRIVER_CLASS, target.url(), properties, values.scrubber())
              : login.run(() -> Jdbc.connect(DRIVER_CLASS, target.url(), properties, values.scrubber()));
<#else>
      Connection connection =
          Jdbc.connect(DRIVER_CLASS, target.url(), properties, values.scrubber());
</#if>
      try {
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
<#list (d.connection.session_statements)![] as st>
<#if st.unless_error_contains??>
        try (Statement session = connection.createStatement()) {
          session.execute(${javaString(st.sql)});
        } catch (SQLException e) {
          // Not every server has this setting; one without it is read as it is.
          if (e.getMessage() == null || !e.getMessage().contains(${javaString(st.unless_error_contains)})) {
            throw e;
          }
        }
<#else>
        try (Statement session = connection.createStatement()) {
          session.execute(${javaString(st.sql)});
        }
</#if>
</#list>
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return connection;
    }
  }
}
