// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hive.runtime.verify;

import io.pushgen.hive.runtime.cli.Console;
import io.pushgen.hive.runtime.cli.ExitCode;
import io.pushgen.hive.runtime.cli.UsageException;
import io.pushgen.hive.runtime.graphql.GraphQlClient.GraphQlException;
import io.pushgen.hive.runtime.graphql.GraphQlOptions;
import io.pushgen.hive.runtime.graphql.MonteCarloApi;
import io.pushgen.hive.runtime.manifest.ManifestReader.ManifestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * Runs a verification and turns its outcome into an exit code: the report's ({@link
 * VerifyReport#exitCode()}), or 2 for bad usage and 1 when Monte Carlo could not be asked (the
 * GraphQL messages are printed).
 */
public final class Verification {
  private Verification() {}

  /** The checks of one program. */
  @FunctionalInterface
  public interface Check {
    VerifyReport run(MonteCarloApi api, String resourceUuid, Clock clock)
        throws IOException, UsageException, GraphQlException;
  }

  /** Validates the options, builds the client, runs the check and prints its report. */
  public static int run(
      GraphQlOptions graphql, VerifyOptions options, Console console, Clock clock, Check check) {
    try {
      options.validate();
      try (MonteCarloApi api = graphql.api(console)) {
        String resource = graphql.resourceUuid();
        VerifyReport report = check.run(api, resource, clock);
        String text = options.json() ? report.toJson() : report.toTable();
        console.info(text.stripTrailing());
        return report.exitCode();
      }
    } catch (UsageException | ManifestException e) {
      console.error(e);
      return ExitCode.USAGE;
    } catch (GraphQlException e) {
      console.error(e);
      return ExitCode.FAILURE;
    } catch (IOException e) {
      console.error(e);
      return ExitCode.FAILURE;
    } catch (UncheckedIOException e) {
      console.error(e.getCause());
      return ExitCode.FAILURE;
    } catch (RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }
}
