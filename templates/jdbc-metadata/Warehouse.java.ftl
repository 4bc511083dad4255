<#-- What the programs of a generic JDBC source (connection kind jdbc-metadata) share. -->
<#include "/common/connection-settings.ftl">
<#assign names = d.connection.settings?map(s -> s.name)>
package ${pkg};

import ${runtimePkg}.auth.Authentication;
<#if usesFileCheck()>
import ${runtimePkg}.auth.FileChecks.FileCheck;
</#if>
import ${runtimePkg}.auth.Authentication.Method;
import ${runtimePkg}.auth.Authentication.Setting;
import ${runtimePkg}.auth.SettingValues;
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.Jdbc;
import ${runtimePkg}.collect.NamePatterns;
import ${runtimePkg}.collect.TypeMap;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What is specific to ${comment(d.name)}: connection settings, names to skip and type normalisation.
 * Generated from {@code ${comment(source)}}. The metadata is read through {@link
 * java.sql.DatabaseMetaData}, so any JDBC driver works: add it to the pom.
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

  /**
   * The JDBC driver class when none is configured: {@code java.sql.Driver} lets {@link
   * java.sql.DriverManager} pick whichever driver on the class path accepts the URL.
   */
  static final String DEFAULT_DRIVER_CLASS = ${javaString((d.connection.driver.class)!"java.sql.Driver")};

  /** The JDBC URL; {@code {name}} placeholders are filled from the connection settings. */
  static final String URL_TEMPLATE = ${javaString(d.connection.url)};

<@authConstant/>

  /** Databases (JDBC catalogs) never collected. */
  public static final NamePatterns SKIP_DATABASES =
      NamePatterns.of(List.of(<#list (d.skip.databases)![] as p>${javaString(p)}<#sep>, </#list>));

  /** Schemas never collected. */
  public static final NamePatterns SKIP_SCHEMAS =
      NamePatterns.of(List.of(<#list (d.skip.schemas)![] as p>${javaString(p)}<#sep>, </#list>));

  /**
   * Native table types mapped to Monte Carlo's TABLE or VIEW. Only the types listed here are asked
   * for (unless {@code --table-types} says otherwise), so system tables stay out.
   */
  public static final TypeMap TABLE_TYPES =
      TypeMap.forTables(
          Map.ofEntries(
<#list d.table_types.map as native, type>
              Map.entry(${javaString(native)}, ${javaString(type)})<#if native?has_next>,<#else>),</#if>
</#list>
          ${javaString(d.table_types.default)});

  /** The table types collected by default, comma-separated. */
  static final String DEFAULT_TABLE_TYPES = ${javaString(d.table_types.map?keys?join(","))};

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
          TypeMap.Unknown.${((d.column_types.unknown)!"upper")?upper_case});
<#list ["metadata", "lineage", "query_logs"] as f>
<#if flows?seq_contains(f)>

  /** Events per ${f?replace("_", " ")} request (requests are also split to stay under 1 MB). */
  public static final int ${constant(f)}_BATCH_SIZE = ${d.batch_size[f]?c};
</#if>
</#list>

  /**
   * Connection settings. Each option falls back to its environment variable, so secrets can stay
   * out of the command line.
   */
  public static final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;
<@settingOptions/>

    /** The settings' values, resolved once by {@link #validate}. */
    private SettingValues values;

    /** The settings that apply, selected by {@link #validate}. */
    private Method method;

    /**
     * Checks that required settings are present and resolves them (secrets also from their
     * files); secrets are masked in everything the console prints from now on, and a secret given
     * on the command line, which other users of the machine can see in the process list, draws a
     * warning.
     *
     * @throws UsageException naming the missing option and its environment variable, or a file and
     *     its problem
     */
    public void validate(Console console) throws UsageException {
<@resolveSettings/>
    }

    /**
     * The database name for assets when the driver has no catalogs (SQLite, for example)<#if names?seq_contains("database_name")>: {@code
     * --database-name}</#if>.
     */
    public String databaseName() {
<#if names?seq_contains("database_name")>
      return databaseName == null || databaseName.isBlank() ? "default" : databaseName;
<#else>
      return "default";
</#if>
    }

    /**
     * Opens a connection. It is read-only and not auto-committing where the driver allows, so
     * drivers stream large results.
     */
    public Connection connect() throws SQLException {
      if (values == null) {
        throw new IllegalStateException("validate(console) first");
      }
      Authentication.JdbcTarget target = AUTH.jdbc(method, URL_TEMPLATE, null, values.values(), null);
<#if names?seq_contains("driver_class")>
      String driver = driverClass == null || driverClass.isBlank() ? DEFAULT_DRIVER_CLASS : driverClass;
<#else>
      String driver = DEFAULT_DRIVER_CLASS;
</#if>
      Connection connection = Jdbc.connect(driver, target.url(), target.properties(), values.scrubber());
      try {
        connection.setAutoCommit(false);
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      try {
        connection.setReadOnly(true);
      } catch (SQLException e) {
        // Some drivers cannot switch to read-only; the collector only reads metadata anyway.
      }
      return connection;
    }
  }
}
