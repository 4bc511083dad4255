// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.bigqueryiceberg.runtime.http;

import io.pushgen.bigqueryiceberg.runtime.cli.Console;
import io.pushgen.bigqueryiceberg.runtime.cli.UsageException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a program is given a Monte Carlo key: the options for its id and token and the environment
 * variables they default to. {@link PushOptions} takes the ingestion key this way, {@code
 * GraphQlOptions} the GraphQL API key.
 *
 * @param kind names the key in messages, e.g. {@code ingestion key}
 * @param idOption the option of the key id, e.g. {@code --key-id}
 * @param idEnv the environment variable of the key id, e.g. {@code MCD_INGEST_ID}
 * @param tokenOption the option of the secret, e.g. {@code --key-token}
 * @param tokenEnv the environment variable of the secret, e.g. {@code MCD_INGEST_TOKEN}
 */
public record KeyOptions(
    String kind, String idOption, String idEnv, String tokenOption, String tokenEnv) {

  /**
   * Checks that both parts of the key are given.
   *
   * @throws UsageException naming the environment variable and option of a missing value
   */
  public void require(String keyId, String keyToken) throws UsageException {
    if (keyId == null || keyId.isBlank()) {
      throw new UsageException("no " + kind + " id: set " + idEnv + " or pass " + idOption);
    }
    if (keyToken == null || keyToken.isBlank()) {
      throw new UsageException(
          "no " + kind + " token: set " + tokenEnv + " or pass " + tokenOption);
    }
  }

  /**
   * The key, checked. The token is registered with {@code console} so that it is masked in
   * anything printed, and a warning is printed when it came from the command line.
   *
   * @param mixee the command whose parse result tells where the token came from (may be null)
   * @throws UsageException naming the environment variable and option of a missing value
   */
  public Credentials credentials(
      String keyId, String keyToken, CommandSpec mixee, Console console) throws UsageException {
    require(keyId, keyToken);
    console.addSecret(keyToken.strip());
    if (mixee != null
        && mixee.commandLine() != null
        && mixee.commandLine().getParseResult() != null
        && mixee.commandLine().getParseResult().hasMatchedOption(tokenOption)) {
      console.warn(
          tokenOption
              + " is visible to other processes on this machine; prefer the "
              + tokenEnv
              + " environment variable");
    }
    return new Credentials(keyId, keyToken);
  }
}
