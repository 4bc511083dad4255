// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.push;

import io.pushgen.teradata.runtime.cli.Console;
import io.pushgen.teradata.runtime.cli.UsageException;
import io.pushgen.teradata.runtime.http.Credentials;
import io.pushgen.teradata.runtime.http.HttpOptions;
import io.pushgen.teradata.runtime.http.HttpSettings;
import io.pushgen.teradata.runtime.http.KeyOptions;
import io.pushgen.teradata.runtime.model.Flow;
import io.pushgen.teradata.runtime.wire.Batcher;
import io.pushgen.teradata.runtime.wire.Contract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The options of every push command, as a picocli mixin: {@code @Mixin PushOptions push;}.
 *
 * <p>The key, the resource uuid and the endpoint fall back to Monte Carlo's environment variables
 * ({@code MCD_INGEST_ID}, {@code MCD_INGEST_TOKEN}, {@code MCD_RESOURCE_UUID}, {@code
 * MCD_API_ENDPOINT}); prefer those for the token, since command-line arguments are visible to other
 * processes.
 */
public class PushOptions {
  /**
   * The most events per request when neither the program nor the user sets one. Requests are filled
   * by compressed size ({@link Batcher.Limits#filling}); these counts only keep a request of tiny
   * events from growing without bound (2,000 assets of 20 columns are about 3.5 MB of JSON, 300 KB
   * compressed).
   */
  private static final Map<Flow, Integer> DEFAULT_BATCH_SIZES =
      Map.of(Flow.METADATA, 2_000, Flow.LINEAGE, 1_000, Flow.QUERY_LOGS, 5_000);

  private static final int MAX_BATCH_SIZE = 100_000;
  private static final int MIN_REQUEST_BYTES = 1_024;
  private static final int MAX_PARALLELISM = 64;

  private static final KeyOptions KEY =
      new KeyOptions(
          "ingestion key",
          "--key-id",
          Contract.ENV_INGEST_ID,
          "--key-token",
          Contract.ENV_INGEST_TOKEN);

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  private final Map<Flow, Integer> defaultBatchSizes = new EnumMap<>(DEFAULT_BATCH_SIZES);

  @Option(
      names = "--key-id",
      paramLabel = "ID",
      defaultValue = "${env:" + Contract.ENV_INGEST_ID + "}",
      description = "Monte Carlo ingestion key id (default: $" + Contract.ENV_INGEST_ID + ").")
  private String keyId;

  @Option(
      names = "--key-token",
      paramLabel = "TOKEN",
      showDefaultValue = CommandLine.Help.Visibility.NEVER,
      defaultValue = "${env:" + Contract.ENV_INGEST_TOKEN + "}",
      description =
          "Ingestion key secret (default: $"
              + Contract.ENV_INGEST_TOKEN
              + "). Prefer the"
              + " environment variable: command-line arguments are visible to other processes.")
  private String keyToken;

  @Option(
      names = "--resource-uuid",
      paramLabel = "UUID",
      defaultValue = "${env:" + Contract.ENV_RESOURCE_UUID + "}",
      description =
          "The warehouse's resource uuid in Monte Carlo (default: $"
              + Contract.ENV_RESOURCE_UUID
              + "); not needed with --dry-run.")
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

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description =
          "Most events per request; requests are otherwise filled up to about 512 KB compressed"
              + " (default: the warehouse's setting for the flow).")
  private Integer batchSize;

  @Option(
      names = "--max-request-bytes",
      paramLabel = "BYTES",
      defaultValue = "" + Contract.MAX_COMPRESSED_BODY_BYTES,
      description =
          "Most gzip-compressed bytes per request; batches are split to stay below. Under"
              + " 640 KB, requests are packed up to it rather than to 512 KB"
              + " (default and maximum: ${DEFAULT-VALUE}).")
  private int maxRequestBytes;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "4",
      description = "Most requests in flight at once (default: ${DEFAULT-VALUE}).")
  private int parallelism;

  @Mixin private Http http = new Http();

  @Option(
      names = "--result-file",
      paramLabel = "FILE",
      description =
          "Where to write the result (invocation ids, per-batch outcome), updated after every"
              + " batch (default: next to the manifest, <manifest>.result.json).")
  private Path resultFile;

  @Option(
      names = "--resume",
      paramLabel = "RESULT_FILE",
      description =
          "Send only the batches the given result file does not record as sent, and update it.")
  private Path resume;

  @Option(
      names = "--dry-run",
      description = "Build every request but send nothing; no key or resource uuid needed.")
  private boolean dryRun;

  @Option(
      names = "--dump-dir",
      paramLabel = "DIR",
      description = "Write each request body to DIR/batch-NNNNN-<flow>.json.")
  private Path dumpDir;

  @Option(
      names = "--resource-type",
      paramLabel = "TYPE",
      description = "Override the manifest's resource_type (metadata and lineage).")
  private String resourceType;

  @Option(
      names = "--log-type",
      paramLabel = "TYPE",
      description = "Override the manifest's log_type (query logs).")
  private String logType;

  /**
   * Sets the batch size used for {@code flow} when {@code --batch-size} is not given; generated
   * programs pass their warehouse's setting.
   */
  public PushOptions defaultBatchSize(Flow flow, int size) {
    defaultBatchSizes.put(flow, size);
    return this;
  }

  /**
   * The ingestion key, and a warning on {@code console} when the token came from the command line.
   * The token is registered with the console so that it is masked in anything printed.
   *
   * @throws UsageException naming the environment variable and option of a missing value
   */
  public Credentials credentials(Console console) throws UsageException {
    return KEY.credentials(keyId, keyToken, mixee, console);
  }

  /**
   * Checks everything a push needs before any work starts, so that a collect-and-push run fails
   * at once rather than after a long collection: the numeric options and, unless this is a dry
   * run, the key and the resource uuid.
   *
   * @throws UsageException describing the first problem
   */
  public void validateForPush() throws UsageException {
    validate();
    if (!dryRun) {
      KEY.require(keyId, keyToken);
      resourceUuid();
    }
  }

  /**
   * The resource uuid; required unless this is a dry run.
   *
   * @return the uuid, or null in a dry run without one
   * @throws UsageException when it is required and missing
   */
  public String resourceUuid() throws UsageException {
    if (isBlank(resourceUuid)) {
      if (dryRun) {
        return null;
      }
      throw new UsageException(
          "no resource uuid: set " + Contract.ENV_RESOURCE_UUID + " or pass --resource-uuid");
    }
    return resourceUuid.strip();
  }

  /**
   * Checks the numeric options and their combinations.
   *
   * @throws UsageException describing the first problem
   */
  public void validate() throws UsageException {
    if (batchSize != null && (batchSize < 1 || batchSize > MAX_BATCH_SIZE)) {
      throw new UsageException(
          "--batch-size must be between 1 and " + MAX_BATCH_SIZE + ", not " + batchSize);
    }
    if (maxRequestBytes < MIN_REQUEST_BYTES
        || maxRequestBytes > Contract.MAX_COMPRESSED_BODY_BYTES) {
      throw new UsageException(
          "--max-request-bytes must be between "
              + MIN_REQUEST_BYTES
              + " and "
              + Contract.MAX_COMPRESSED_BODY_BYTES
              + ", not "
              + maxRequestBytes);
    }
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new UsageException(
          "--parallelism must be between 1 and " + MAX_PARALLELISM + ", not " + parallelism);
    }
    http.validate();
    if (dryRun && resume != null) {
      throw new UsageException("--dry-run and --resume cannot be combined");
    }
    if (resourceType != null && logType != null) {
      throw new UsageException("pass --resource-type or --log-type, not both");
    }
  }

  /** {@code --batch-size}, else the default for the flow. */
  public int batchSize(Flow flow) {
    return batchSize != null ? batchSize : defaultBatchSizes.get(flow);
  }

  /** {@code --max-request-bytes}: the most gzip-compressed bytes per request. */
  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  /** {@code --parallelism}: the most requests in flight. */
  public int parallelism() {
    return parallelism;
  }

  /** {@code --endpoint}, else {@code MCD_API_ENDPOINT}, else Monte Carlo's gateway. */
  public String endpoint() {
    return HttpTransport.resolveBaseUrl(endpoint);
  }

  /** {@code --connect-timeout}: how long to wait for a connection. */
  public Duration connectTimeout() {
    return http.connectTimeout();
  }

  /** {@code --timeout}: how long to wait for each response. */
  public Duration timeout() {
    return http.timeout();
  }

  /** {@code --max-attempts}: attempts per request, the first included. */
  public int maxAttempts() {
    return http.maxAttempts();
  }

  /**
   * The timeouts and attempts of {@code --connect-timeout}, {@code --timeout} and {@code
   * --max-attempts}.
   *
   * @throws UsageException when a value is out of range
   */
  public HttpSettings httpSettings() throws UsageException {
    return http.settings();
  }

  /** {@code --result-file}, or null for the default next to the manifest. */
  public Path resultFile() {
    return resultFile;
  }

  /** {@code --resume}: the result file of an earlier run, or null. */
  public Path resume() {
    return resume;
  }

  public boolean dryRun() {
    return dryRun;
  }

  /** {@code --dump-dir}, or null. */
  public Path dumpDir() {
    return dumpDir;
  }

  /** {@code --resource-type}, or null to use the manifest's. */
  public String resourceType() {
    return resourceType;
  }

  /** {@code --log-type}, or null to use the manifest's. */
  public String logType() {
    return logType;
  }

  @Override
  public String toString() {
    return "PushOptions[keyId="
        + keyId
        + ", keyToken="
        + (isBlank(keyToken) ? "(none)" : "****")
        + ", resourceUuid="
        + resourceUuid
        + ", endpoint="
        + endpoint
        + ", dryRun="
        + dryRun
        + "]";
  }

  /** {@link HttpOptions} whose {@code --max-attempts} counts attempts per push request. */
  public static class Http extends HttpOptions {
    @Option(
        names = "--max-attempts",
        paramLabel = "N",
        defaultValue = "5",
        description =
            "Attempts per request when throttled (429), on 5xx, timeouts and connection errors"
                + " (default: ${DEFAULT-VALUE}).")
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
