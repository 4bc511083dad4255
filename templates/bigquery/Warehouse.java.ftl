<#-- Everything descriptor-specific that the programs of a BigQuery warehouse share; the client
     glue (named parameters, paged results, typed rows) is the runtime's bigquery part. -->
<#include "/common/connection-settings.ftl">
package ${pkg};

import ${runtimePkg}.auth.Authentication;
<#if usesFileCheck()>
import ${runtimePkg}.auth.FileChecks.FileCheck;
</#if>
import ${runtimePkg}.auth.Authentication.Method;
import ${runtimePkg}.auth.Authentication.Setting;
import ${runtimePkg}.auth.SettingValues;
import ${runtimePkg}.bigquery.BigQueryQueries;
import ${runtimePkg}.bigquery.BigQueryRow;
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.NamePatterns;
import ${runtimePkg}.collect.Quoting;
import ${runtimePkg}.collect.Sql;
import ${runtimePkg}.collect.TypeMap;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ImpersonatedCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What is specific to ${comment(d.name)}: connection settings, identifier quoting, datasets to skip and
 * type normalisation, and how the programs run their queries with Google's BigQuery client.
 * Generated from {@code ${comment(source)}}; the queries live in the programs that run them.
 *
 * <p>Credentials come from Google's auth library as {@code --auth} selects: Application Default
 * Credentials, a credentials file, or an impersonated service account.
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

  /** How identifiers are quoted in queries: backticks, a backtick inside written {@code \`}. */
  public static final Quoting QUOTING = new Quoting(${javaString(d.quoting.quote)}, ${javaString(d.quoting.escape)});

  /** Datasets never collected. */
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
          TypeMap.Unknown.${((d.column_types.unknown)!"upper")?upper_case});
<#list ["metadata", "lineage", "query_logs"] as f>
<#if flows?seq_contains(f)>

  /** Events per ${f?replace("_", " ")} request (requests are also split to stay under 1 MB). */
  public static final int ${constant(f)}_BATCH_SIZE = ${d.batch_size[f]?c};
</#if>
</#list>

  /**
   * Opens a client from its options (project, region and credentials): a {@code region-<r>} view
   * is queried in its own location, and a job sent elsewhere fails rather than being moved.
   * Replaceable, so that a test or an embedding program can supply its own {@link BigQuery}.
   */
  public static volatile Function<BigQueryOptions, BigQuery> clients = BigQueryOptions::getService;

  /** OAuth scope of impersonated credentials. */
  static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

<@authConstant/>

  /**
   * Runs one of this warehouse's queries ({@link BigQueryQueries#query}): {@code {{name}}}
   * placeholders quoted with backticks, {@code :name} parameters bound by name.
   *
   * @param identifiers values of the {@code {{name}}} placeholders
   * @param pageSize rows per page fetched
   */
  public static Iterable<BigQueryRow> query(
      BigQuery client, Sql sql, Map<String, String> identifiers, Map<String, ?> values, long pageSize)
      throws InterruptedException {
    return BigQueryQueries.query(client, sql, QUOTING, identifiers, values, pageSize);
  }

  /** A dataset region name: letters, digits and hyphens, e.g. {@code us} or {@code europe-west1}. */
  private static final Pattern REGION = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

  /**
   * Connection settings. Each option falls back to its environment variable; credentials come from
   * Application Default Credentials, never from an option.
   */
  public static final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;
<@settingOptions/>

    /** The settings' values, resolved once by {@link #validate}. */
    private SettingValues values;

    /** The authentication method of this run, selected by {@link #validate}. */
    private Method method;

    /** The credentials, built once by {@link #connect}. */
    private GoogleCredentials credentials;

    @Option(
        names = "--page-size",
        defaultValue = "10000",
        description = "Rows fetched per page of a result (default: ${r"${DEFAULT-VALUE}"}).")
    private long pageSize;

    /**
     * Checks that required settings are present and well formed.
     *
     * @throws UsageException naming the missing option and its environment variable
     */
    public void validate(Console console) throws UsageException {
<@resolveSettings/>
      if (region == null || !REGION.matcher(region).matches()) {
        throw new UsageException(
            "--region '" + region + "' is not a BigQuery region name such as us, eu or us-central1");
      }
      if (pageSize < 1) {
        throw new UsageException("--page-size must be positive");
      }
    }

    /** The project collected (the {@code database} of every asset). */
    public String project() {
      return projectId;
    }

    /** The region collected, in lower case, e.g. {@code us} or {@code europe-west1}. */
    public String region() {
      return region.toLowerCase(java.util.Locale.ROOT);
    }

    /** The region qualifier of INFORMATION_SCHEMA views, e.g. {@code region-us}. */
    public String regionQualifier() {
      return "region-" + region();
    }

    /** Rows per page. */
    public long pageSize() {
      return pageSize;
    }

    /** The {@code {{database}}} (project) and {@code {{region}}} identifiers of the queries. */
    public Map<String, String> identifiers() {
      Map<String, String> identifiers = new LinkedHashMap<>();
      identifiers.put("database", projectId);
      identifiers.put("region", regionQualifier());
      return identifiers;
    }

    /**
     * A client for the project, with the credentials of the selected method (none set for
     * Application Default Credentials: BigQueryOptions looks them up itself).
     */
    public synchronized BigQuery connect() {
<#assign adc = d.connection.auth.methods?filter(m -> m.credentials == "application-default")>
      if (credentials == null<#list adc as m> && !${javaString(m.name)}.equals(method.name())</#list>) {
        try {
          credentials = credentials();
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot load the Google credentials of --auth " + method.name() + ": " + e.getMessage(), e);
        }
      }
      BigQueryOptions.Builder options =
          BigQueryOptions.newBuilder().setProjectId(projectId).setLocation(region);
      if (credentials != null) {
        options.setCredentials(credentials);
      }
      return clients.apply(options.build());
    }

    /** The credentials of the selected method, built by google-auth-library. */
    private GoogleCredentials credentials() throws IOException {
      return switch (method.name()) {
<#list d.connection.auth.methods as m>
<#assign fileSetting = "">
<#list (m.requires![]) + (m.optional![]) as name>
<#list d.connection.settings as s><#if s.name == name && (s.file!"") == "google-credentials"><#assign fileSetting = name></#if></#list>
</#list>
<#if m.credentials == "application-default">
<#-- Left to BigQueryOptions (see connect()). -->
<#elseif m.credentials == "key-file">
        case ${javaString(m.name)} -> fromFile(values.get(${javaString(fileSetting)}));
<#else>
<#assign target = (m.requires![])?filter(n -> n != fileSetting)?first>
        case ${javaString(m.name)} -> {
          String file = values.get(${javaString(fileSetting)});
          GoogleCredentials source = file == null ? GoogleCredentials.getApplicationDefault() : fromFile(file);
          yield ImpersonatedCredentials.create(
              source.createScoped(SCOPES), values.get(${javaString(target)}), null, SCOPES, 3600);
        }
</#if>
</#list>
        default -> throw new IllegalStateException("no credentials for --auth " + method.name());
      };
    }

    /** Credentials from a JSON file: a service-account key or an external-account configuration. */
    private static GoogleCredentials fromFile(String file) throws IOException {
      try (InputStream in = Files.newInputStream(Path.of(file))) {
        return GoogleCredentials.fromStream(in);
      }
    }
  }
}
