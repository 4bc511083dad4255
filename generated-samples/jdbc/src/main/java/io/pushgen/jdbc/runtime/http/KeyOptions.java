// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.jdbc.runtime.http;

import io.pushgen.jdbc.runtime.auth.SettingValues.SecretFiles;
import io.pushgen.jdbc.runtime.cli.Console;
import io.pushgen.jdbc.runtime.cli.UsageException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a program is given a Monte Carlo key: the options for its id and token and the environment
 * variables they default to. {@link PushOptions} takes the ingestion key this way, {@code
 * GraphQlOptions} the GraphQL API key. Either part may also come from a file named by the variable
 * with {@code _FILE} appended ({@code MCD_INGEST_TOKEN_FILE}), the way containers hand secrets over
 * (a mounted Kubernetes Secret); the option or the variable itself wins over the file.
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
    require(keyId, keyToken, System::getenv);
  }

  /** {@link #require(String, String)} with the environment given (for tests). */
  Credentials require(String keyId, String keyToken, UnaryOperator<String> environment)
      throws UsageException {
    String id = valueOrFile(keyId, idEnv, environment);
    if (id == null) {
      throw new UsageException(
          "no " + kind + " id: set " + idEnv + " (or " + idEnv + "_FILE) or pass " + idOption);
    }
    String token = valueOrFile(keyToken, tokenEnv, environment);
    if (token == null) {
      throw new UsageException(
          "no " + kind + " token: set " + tokenEnv + " (or " + tokenEnv + "_FILE) or pass "
              + tokenOption);
    }
    return new Credentials(id, token);
  }

  /**
   * A part of the key: {@code value} (the option, else the variable, as picocli gives it), else
   * the content of the file named by {@code <env>_FILE}, trailing line breaks removed.
   *
   * @return the value, or null when neither is set
   * @throws UsageException naming the variable and the file when the file cannot be read or is
   *     empty; never its content
   */
  public static String valueOrFile(String value, String env, UnaryOperator<String> environment)
      throws UsageException {
    if (value != null && !value.isBlank()) {
      return value;
    }
    String file = environment.apply(env + "_FILE");
    if (file == null || file.isBlank()) {
      return null;
    }
    return SecretFiles.read(Path.of(file), env + "_FILE");
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
    Credentials credentials = require(keyId, keyToken, System::getenv);
    console.addSecret(credentials.token());
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
    return credentials;
  }
}
