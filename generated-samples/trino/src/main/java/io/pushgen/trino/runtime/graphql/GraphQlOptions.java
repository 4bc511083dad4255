// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.trino.runtime.graphql;

import io.pushgen.trino.runtime.cli.Console;
import io.pushgen.trino.runtime.cli.UsageException;
import io.pushgen.trino.runtime.http.Credentials;
import io.pushgen.trino.runtime.http.HttpOptions;
import io.pushgen.trino.runtime.http.HttpSettings;
import io.pushgen.trino.runtime.http.KeyOptions;
import io.pushgen.trino.runtime.wire.Contract;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The options of every program that calls Monte Carlo's GraphQL API, as a picocli mixin: the
 * GraphQL API key ({@code MCD_ID}/{@code MCD_TOKEN}; the ingestion key is refused by the API), the
 * endpoint ({@code --graphql-endpoint}, {@code MCD_GRAPHQL_ENDPOINT}), the resource uuid and the
 * retry and timeout settings ({@link HttpOptions}).
 */
public class GraphQlOptions {
  private static final KeyOptions KEY =
      new KeyOptions(
          "GraphQL API key",
          "--api-key-id",
          GraphQlClient.ENV_ID,
          "--api-key-token",
          GraphQlClient.ENV_TOKEN);

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--api-key-id",
      paramLabel = "ID",
      defaultValue = "${env:" + GraphQlClient.ENV_ID + "}",
      description =
          "Monte Carlo GraphQL API key id (default: $"
              + GraphQlClient.ENV_ID
              + "); not the ingestion key.")
  private String keyId;

  @Option(
      names = "--api-key-token",
      paramLabel = "TOKEN",
      showDefaultValue = CommandLine.Help.Visibility.NEVER,
      defaultValue = "${env:" + GraphQlClient.ENV_TOKEN + "}",
      description =
          "GraphQL API key secret (default: $"
              + GraphQlClient.ENV_TOKEN
              + "). Prefer the environment variable: command-line arguments are visible to"
              + " other processes.")
  private String keyToken;

  @Option(
      names = "--resource-uuid",
      paramLabel = "UUID",
      defaultValue = "${env:" + Contract.ENV_RESOURCE_UUID + "}",
      description =
          "The warehouse's resource uuid in Monte Carlo (default: $"
              + Contract.ENV_RESOURCE_UUID
              + ").")
  private String resourceUuid;

  @Option(
      names = "--graphql-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:" + GraphQlClient.ENV_ENDPOINT + "}",
      description =
          "GraphQL endpoint (default: $"
              + GraphQlClient.ENV_ENDPOINT
              + ", else "
              + GraphQlClient.DEFAULT_ENDPOINT
              + "); a URL without a path gets /graphql appended.")
  private String endpoint;

  @Mixin private Http http = new Http();

  /**
   * The client, with the token registered on the console so that it is masked everywhere, and a
   * warning when the token came from the command line. Retries are reported as warnings.
   *
   * @throws UsageException for a missing key or a bad setting
   */
  public MonteCarloApi api(Console console) throws UsageException {
    Credentials credentials = KEY.credentials(keyId, keyToken, mixee, console);
    HttpSettings settings = http.settings();
    try {
      GraphQlClient client =
          GraphQlClient.builder(credentials)
              .endpoint(endpoint)
              .settings(settings)
              .onRetry(
                  (attempt, reason, delay) ->
                      console.warn(
                          "attempt "
                              + attempt
                              + " failed ("
                              + reason
                              + "); retrying in "
                              + delay.toMillis()
                              + " ms"))
              .build();
      return new MonteCarloApi(client);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * The resource uuid.
   *
   * @throws UsageException when it is missing or not a uuid
   */
  public String resourceUuid() throws UsageException {
    if (isBlank(resourceUuid)) {
      throw new UsageException(
          "no resource uuid: set " + Contract.ENV_RESOURCE_UUID + " or pass --resource-uuid");
    }
    if (!MonteCarloApi.isUuid(resourceUuid)) {
      throw new UsageException("--resource-uuid '" + resourceUuid.strip() + "' is not a uuid");
    }
    return resourceUuid.strip();
  }

  /** The resource uuid, or null when none is set. */
  public String resourceUuidOrNull() {
    return isBlank(resourceUuid) ? null : resourceUuid.strip();
  }

  @Override
  public String toString() {
    return "GraphQlOptions[keyId="
        + keyId
        + ", keyToken="
        + (isBlank(keyToken) ? "(none)" : "****")
        + ", resourceUuid="
        + resourceUuid
        + ", endpoint="
        + endpoint
        + "]";
  }

  /** {@link HttpOptions} whose {@code --max-attempts} counts attempts per GraphQL call. */
  public static class Http extends HttpOptions {
    @Option(
        names = "--max-attempts",
        paramLabel = "N",
        defaultValue = "5",
        description =
            "Attempts per call when throttled (429), on 5xx, timeouts, connection errors and"
                + " GraphQL REQUEST_TIMEOUT answers (default: ${DEFAULT-VALUE}).")
    private int maxAttempts;

    @Override
    public int maxAttempts() {
      return maxAttempts;
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
