package io.pushgen.runtime.graphql;

import io.pushgen.runtime.cli.Console;
import io.pushgen.runtime.cli.UsageException;
import io.pushgen.runtime.push.Credentials;
import io.pushgen.runtime.wire.Contract;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every program that calls Monte Carlo's GraphQL API, as a picocli mixin: the
 * GraphQL API key ({@code MCD_ID}/{@code MCD_TOKEN}; the ingestion key is refused by the API), the
 * endpoint ({@code --graphql-endpoint}, {@code MCD_GRAPHQL_ENDPOINT}), the resource uuid and the
 * retry and timeout settings.
 */
public class GraphQlOptions {
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

  @Option(
      names = "--connect-timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Seconds to wait for a connection (default: ${DEFAULT-VALUE}).")
  private int connectTimeoutSeconds;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "Seconds to wait for each response (default: ${DEFAULT-VALUE}).")
  private int timeoutSeconds;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Attempts per call when throttled (429), on 5xx, timeouts and connection errors"
              + " (default: ${DEFAULT-VALUE}).")
  private int maxAttempts;

  /**
   * The client, with the token registered on the console so that it is masked everywhere, and a
   * warning when the token came from the command line. Retries are reported as warnings.
   *
   * @throws UsageException for a missing key or a bad setting
   */
  public MonteCarloApi api(Console console) throws UsageException {
    if (isBlank(keyId)) {
      throw new UsageException(
          "no GraphQL API key id: set " + GraphQlClient.ENV_ID + " or pass --api-key-id");
    }
    if (isBlank(keyToken)) {
      throw new UsageException(
          "no GraphQL API key token: set " + GraphQlClient.ENV_TOKEN + " or pass --api-key-token");
    }
    console.addSecret(keyToken.strip());
    if (tokenOnCommandLine()) {
      console.warn(
          "--api-key-token is visible to other processes on this machine; prefer the "
              + GraphQlClient.ENV_TOKEN
              + " environment variable");
    }
    if (connectTimeoutSeconds < 1 || timeoutSeconds < 1) {
      throw new UsageException("--connect-timeout and --timeout must be at least 1 second");
    }
    if (maxAttempts < 1) {
      throw new UsageException("--max-attempts must be at least 1, not " + maxAttempts);
    }
    try {
      GraphQlClient client =
          GraphQlClient.builder(new Credentials(keyId, keyToken))
              .endpoint(endpoint)
              .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
              .requestTimeout(Duration.ofSeconds(timeoutSeconds))
              .maxAttempts(maxAttempts)
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

  private boolean tokenOnCommandLine() {
    return mixee != null
        && mixee.commandLine() != null
        && mixee.commandLine().getParseResult() != null
        && mixee.commandLine().getParseResult().hasMatchedOption("--api-key-token");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
