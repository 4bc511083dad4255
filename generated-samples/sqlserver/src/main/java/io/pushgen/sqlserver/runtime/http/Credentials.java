// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.sqlserver.runtime.http;

import java.util.Objects;

/**
 * A Monte Carlo ingestion key: the key id ({@code x-mcd-id}) and its secret ({@code x-mcd-token}).
 *
 * <p>The secret is only handed to the HTTP layer. {@link #toString()} masks it, and {@link
 * #redact(String)} removes it from any text (such as an echoed response body) before that text is
 * printed or stored.
 */
public final class Credentials {
  private static final String MASK = "****";

  private final String keyId;
  private final String token;

  /**
   * @param keyId the ingestion key id
   * @param token the ingestion key secret
   * @throws IllegalArgumentException when either is null or blank
   */
  public Credentials(String keyId, String token) {
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("the ingestion key id is empty");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the ingestion key token is empty");
    }
    this.keyId = keyId.strip();
    this.token = token.strip();
  }

  /** The key id, sent as {@code x-mcd-id}; not a secret. */
  public String keyId() {
    return keyId;
  }

  /** The secret, sent as {@code x-mcd-token}. Never print or store it. */
  public String token() {
    return token;
  }

  /** Returns {@code text} with every occurrence of the secret replaced by {@code ****}. */
  public String redact(String text) {
    return text == null ? null : text.replace(token, MASK);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Credentials that
        && keyId.equals(that.keyId)
        && token.equals(that.token);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, token);
  }

  @Override
  public String toString() {
    return "Credentials[keyId=" + keyId + ", token=" + MASK + "]";
  }
}
