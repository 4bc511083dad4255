<#-- Everything descriptor-specific that the programs of an Athena warehouse share: settings,
     credentials and the AWS SDK clients; the Glue and Athena API glue is the runtime's athena part. -->
<#include "/common/connection-settings.ftl">
<#assign profileMethods = d.connection.auth.methods?filter(m -> m.credentials == "profile")>
package ${pkg};

import ${runtimePkg}.auth.Authentication;
import ${runtimePkg}.auth.Authentication.Method;
import ${runtimePkg}.auth.Authentication.Setting;
import ${runtimePkg}.auth.SettingValues;
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.Quoting;
import ${runtimePkg}.collect.TypeMap;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
<#if profileMethods?has_content>
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
</#if>
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * What is specific to ${comment(d.name)}: connection settings, identifier quoting, type normalisation, and
 * the AWS SDK clients the programs use (Glue for the catalog, Athena for query executions).
 * Generated from {@code ${comment(source)}}.
 *
 * <p>Credentials come from the AWS SDK as {@code --auth} selects: its default provider chain, or a
 * named profile of the shared AWS files. Requests are signed by the SDK; throttled requests
 * ({@code ThrottlingException}, {@code TooManyRequestsException}) are retried by the SDK's retry
 * policy, which {@code AWS_RETRY_MODE} and {@code AWS_MAX_ATTEMPTS} configure as for any AWS tool.
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

  /** How identifiers are quoted in Athena's SQL (to name views in their definitions). */
  public static final Quoting QUOTING = new Quoting(${javaString(d.quoting.quote)}, ${javaString(d.quoting.escape)});

  /** Glue table types mapped to Monte Carlo's TABLE or VIEW. */
  public static final TypeMap TABLE_TYPES =
      TypeMap.forTables(
          Map.ofEntries(
<#list d.table_types.map as native, type>
              Map.entry(${javaString(native)}, ${javaString(type)})<#if native?has_next>,<#else>),</#if>
</#list>
          ${javaString(d.table_types.default)});

  /** Column types (Hive's names) mapped to canonical names. */
  public static final TypeMap COLUMN_TYPES =
      TypeMap.forColumns(
          Map.ofEntries(
<#list d.column_types.map as native, type>
              Map.entry(${javaString(native)}, ${javaString(type)})<#if native?has_next>,<#else>),</#if>
</#list>
          TypeMap.Unknown.${((d.column_types.unknown)!"upper")?upper_case},
          ${((d.column_types.nested)!false)?c});
<#list ["metadata", "lineage", "query_logs"] as f>
<#if flows?seq_contains(f)>

  /** Events per ${f?replace("_", " ")} request (requests are also split to stay under 1 MB). */
  public static final int ${constant(f)}_BATCH_SIZE = ${d.batch_size[f]?c};
</#if>
</#list>

<@authConstant/>

  /** An AWS Region name such as {@code us-east-1} or {@code eu-central-1}. */
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  /** An Athena workgroup name, as the API constrains it. */
  private static final Pattern WORKGROUP = Pattern.compile("[a-zA-Z0-9._-]{1,128}");

  /**
   * Connection settings. Each option falls back to its environment variable; credentials come from
   * the AWS SDK (its default chain or a profile), never from an option.
   */
  public static final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;
<@settingOptions/>

    @Option(
        names = "--page-size",
        defaultValue = "100",
        description = "Glue databases or tables asked for per request, 1 to 100 (default: ${r"${DEFAULT-VALUE}"}).")
    private int pageSize;

    /** The settings' values, resolved once by {@link #validate}. */
    private SettingValues values;

    /** The authentication method of this run, selected by {@link #validate}. */
    private Method method;

    private GlueClient glue;
    private AthenaClient athena;

    /**
     * Checks that the settings are present and well formed.
     *
     * @throws UsageException naming the option and its environment variable
     */
    public void validate(Console console) throws UsageException {
<@resolveSettings/>
      if (region != null && !region.isBlank() && !REGION.matcher(region.strip()).matches()) {
        throw new UsageException(
            "--region '" + region + "' is not an AWS Region name such as us-east-1 (or AWS_REGION)");
      }
      endpoint("--glue-endpoint", glueEndpoint);
      endpoint("--athena-endpoint", athenaEndpoint);
      if (workgroup == null || !WORKGROUP.matcher(workgroup).matches()) {
        throw new UsageException(
            "--workgroup '" + workgroup + "' is not an Athena workgroup name (letters, digits, . _ -)");
      }
      if (pageSize < 1 || pageSize > 100) {
        throw new UsageException("--page-size must be between 1 and 100 (Glue's limit)");
      }
    }

    /** An endpoint URL, or null when none is given. */
    private static URI endpoint(String option, String value) throws UsageException {
      if (value == null || value.isBlank()) {
        return null;
      }
      try {
        URI uri = new URI(value.strip());
        if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
          return uri;
        }
      } catch (java.net.URISyntaxException e) {
        // reported below
      }
      throw new UsageException(option + " '" + value + "' is not an http(s) URL");
    }

    /** The Athena catalog name: the database of every asset and of names that give none. */
    public String catalogName() {
      return catalogName;
    }

    /** The Glue catalog id, or null for the caller's account. */
    public String catalogId() {
      return catalogId == null || catalogId.isBlank() ? null : catalogId.strip();
    }

    /** The Athena workgroup whose queries are read. */
    public String workgroup() {
      return workgroup;
    }

    /** Glue databases or tables per request. */
    public int pageSize() {
      return pageSize;
    }

    /** The Glue client, built once. */
    public synchronized GlueClient glue() throws UsageException {
      if (glue == null) {
        glue = configure(GlueClient.builder(), endpoint("--glue-endpoint", glueEndpoint)).build();
      }
      return glue;
    }

    /** The Athena client, built once. */
    public synchronized AthenaClient athena() throws UsageException {
      if (athena == null) {
        athena = configure(AthenaClient.builder(), endpoint("--athena-endpoint", athenaEndpoint)).build();
      }
      return athena;
    }

    /**
     * Region, credentials, endpoint and the one HTTP client the project carries (the JDK's
     * HttpURLConnection). Without --region the SDK's region chain decides, reading the selected
     * profile's region too.
     */
    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
        B builder, URI endpoint) {
      String profile = profile();
      Region resolved =
          region != null && !region.isBlank()
              ? Region.of(region.strip())
              : DefaultAwsRegionProviderChain.builder().profileName(profile).build().getRegion();
      builder.region(resolved).credentialsProvider(credentials(profile));
      builder.httpClientBuilder(UrlConnectionHttpClient.builder());
      if (endpoint != null) {
        builder.endpointOverride(endpoint);
      }
      return builder;
    }

    /** The profile of the selected method, or null for the default chain. */
    private String profile() {
      return switch (method.name()) {
<#list profileMethods as m>
        case ${javaString(m.name)} -> values.get(${javaString(m.requires[0])});
</#list>
        default -> null;
      };
    }

    /** The credentials provider of the selected method. */
    private static AwsCredentialsProvider credentials(String profile) {
<#if profileMethods?has_content>
      return profile == null
          ? DefaultCredentialsProvider.builder().build()
          : ProfileCredentialsProvider.builder().profileName(profile).build();
<#else>
      return DefaultCredentialsProvider.builder().build();
</#if>
    }
  }
}
