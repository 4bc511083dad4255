// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.sqlserver.runtime.http;

import io.pushgen.sqlserver.runtime.cli.UsageException;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The connection and retry options of every program that calls Monte Carlo ({@code
 * --connect-timeout}, {@code --timeout}, {@code --max-attempts}), as a picocli mixin, and the
 * {@link HttpSettings} they describe.
 *
 * <p>A subclass declares {@code --max-attempts}, whose description says what is retried (a push
 * request, a GraphQL call): {@link PushOptions.Http}, {@code GraphQlOptions.Http}.
 */
public abstract class HttpOptions {
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

  /** {@code --max-attempts}: attempts per request, the first included. */
  public abstract int maxAttempts();

  /** {@code --connect-timeout}: how long to wait for a connection. */
  public Duration connectTimeout() {
    return Duration.ofSeconds(connectTimeoutSeconds);
  }

  /** {@code --timeout}: how long to wait for each response. */
  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  /**
   * Checks the values.
   *
   * @throws UsageException describing the first problem
   */
  public void validate() throws UsageException {
    if (connectTimeoutSeconds < 1 || timeoutSeconds < 1) {
      throw new UsageException("--connect-timeout and --timeout must be at least 1 second");
    }
    if (maxAttempts() < 1) {
      throw new UsageException("--max-attempts must be at least 1, not " + maxAttempts());
    }
  }

  /**
   * The settings these options describe; the backoff and the {@code Retry-After} cap keep their
   * defaults.
   *
   * @throws UsageException when a value is out of range
   */
  public HttpSettings settings() throws UsageException {
    validate();
    return HttpSettings.builder()
        .connectTimeout(connectTimeout())
        .requestTimeout(timeout())
        .maxAttempts(maxAttempts())
        .build();
  }
}
