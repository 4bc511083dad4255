// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.redshift.runtime.check;

import io.pushgen.redshift.runtime.cli.Console;
import io.pushgen.redshift.runtime.cli.UsageException;
import io.pushgen.redshift.runtime.http.KeyOptions;
import io.pushgen.redshift.runtime.push.HttpTransport;
import io.pushgen.redshift.runtime.wire.Contract;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The Monte Carlo settings the push programs read, as a picocli mixin of the check program: the
 * same options and environment variables as theirs ({@code MCD_INGEST_ID}, {@code
 * MCD_INGEST_TOKEN}, {@code MCD_RESOURCE_UUID}, {@code MCD_API_ENDPOINT}; the key's parts also
 * from {@code MCD_INGEST_ID_FILE} and {@code MCD_INGEST_TOKEN_FILE}), checked for presence and
 * shape without sending anything. The token is never printed: only whether it is set.
 */
public class MonteCarloSettings {
  /** The flow name of these checks in the report. */
  public static final String FLOW = "monte_carlo";

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @Option(
      names = "--key-id",
      paramLabel = "ID",
      defaultValue = "${env:" + Contract.ENV_INGEST_ID + "}",
      description = "Monte Carlo ingestion key id to check (default: $" + Contract.ENV_INGEST_ID + ").")
  private String keyId;

  @Option(
      names = "--key-token",
      paramLabel = "TOKEN",
      showDefaultValue = CommandLine.Help.Visibility.NEVER,
      defaultValue = "${env:" + Contract.ENV_INGEST_TOKEN + "}",
      description =
          "Ingestion key secret to check (default: $"
              + Contract.ENV_INGEST_TOKEN
              + "); never printed.")
  private String keyToken;

  @Option(
      names = "--resource-uuid",
      paramLabel = "UUID",
      defaultValue = "${env:" + Contract.ENV_RESOURCE_UUID + "}",
      description =
          "The warehouse's resource uuid in Monte Carlo (default: $" + Contract.ENV_RESOURCE_UUID + ").")
  private String resourceUuid;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      defaultValue = "${env:" + Contract.ENV_API_ENDPOINT + "}",
      description =
          "Base URL of the integration gateway (default: $"
              + Contract.ENV_API_ENDPOINT
              + ", else "
              + Contract.DEFAULT_BASE_URL
              + ").")
  private String endpoint;

  /** Sets the values (for callers that do not parse a command line). */
  public MonteCarloSettings set(String keyId, String keyToken, String resourceUuid, String endpoint) {
    this.keyId = keyId;
    this.keyToken = keyToken;
    this.resourceUuid = resourceUuid;
    this.endpoint = endpoint;
    return this;
  }

  /**
   * Adds one line per setting to the report. The token is registered with {@code console} so
   * that nothing printed can show it.
   */
  public void check(CheckReport report, Console console) {
    String[] idProblem = {"not set"};
    String id = valueOrFile(keyId, Contract.ENV_INGEST_ID, idProblem);
    String[] tokenProblem = {"not set"};
    String token = valueOrFile(keyToken, Contract.ENV_INGEST_TOKEN, tokenProblem);
    if (token != null) {
      console.addSecret(token.strip());
    }
    line(
        report,
        "ingestion key id",
        id == null ? null : id.strip(),
        idProblem[0],
        Contract.ENV_INGEST_ID + " or --key-id: the id of an ingestion key (scope Ingestion)");
    line(
        report,
        "ingestion key token",
        token == null ? null : "set (not shown)",
        tokenProblem[0],
        Contract.ENV_INGEST_TOKEN + " or --key-token: the secret of that key");
    String uuidProblem = uuidProblem(resourceUuid);
    line(
        report,
        "resource uuid",
        uuidProblem == null ? resourceUuid.strip() : null,
        uuidProblem,
        Contract.ENV_RESOURCE_UUID
            + " or --resource-uuid: the uuid of the warehouse's resource in Monte Carlo");
    String url = HttpTransport.resolveBaseUrl(endpoint);
    String urlProblem = urlProblem(url);
    line(
        report,
        "endpoint",
        urlProblem == null ? url : null,
        urlProblem,
        Contract.ENV_API_ENDPOINT + " or --endpoint: the gateway's base URL, or neither for "
            + Contract.DEFAULT_BASE_URL);
  }

  /**
   * The value, else the content of the file {@code <env>_FILE} names, else null with {@code
   * problem[0]} saying why (not set, or why the file cannot be read).
   */
  private static String valueOrFile(String value, String env, String[] problem) {
    try {
      return KeyOptions.valueOrFile(value, env, System::getenv);
    } catch (UsageException e) {
      problem[0] = e.getMessage();
      return null;
    }
  }

  /** What is wrong with a resource uuid, or null when it has the uuid shape. */
  static String uuidProblem(String value) {
    if (isBlank(value)) {
      return "not set";
    }
    if (!UUID.matcher(value.strip().toLowerCase(Locale.ROOT)).matches()) {
      return "'" + value.strip() + "' is not a uuid (8-4-4-4-12 hexadecimal digits)";
    }
    return null;
  }

  /** What is wrong with the endpoint, or null when it is an http(s) URL with a host. */
  static String urlProblem(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
        return null;
      }
    } catch (URISyntaxException e) {
      // Not a URL at all: reported below.
    }
    return "'" + url + "' is not an http(s) URL";
  }

  /** An ok line showing {@code value}, or, when it is null, a failed one. */
  private static void line(
      CheckReport report, String check, String value, String problem, String needed) {
    if (value != null) {
      report.ok(FLOW, check, null, value);
    } else {
      report.add(
          new CheckReport.Line(FLOW, check, null, CheckReport.Status.FAILED, problem, needed));
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
