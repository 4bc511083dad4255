// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.http;

import java.util.Objects;
import java.util.UUID;

/**
 * What the builders of the runtime's HTTP clients ({@link HttpTransport.Builder} and the GraphQL
 * client's) share: the key, the {@link HttpSettings} and the session id.
 *
 * @param <B> the concrete builder, which every setter returns for chaining
 */
public abstract class HttpClientBuilder<B extends HttpClientBuilder<B>> {
  private final Credentials credentials;
  private HttpSettings settings = HttpSettings.defaults();
  private String sessionId = UUID.randomUUID().toString();

  protected HttpClientBuilder(Credentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  /** Timeouts, attempts and backoff (default {@link HttpSettings#defaults()}). */
  public B settings(HttpSettings value) {
    this.settings = Objects.requireNonNull(value, "settings");
    return self();
  }

  /** The {@code x-mcd-session-id}; a random UUID by default. */
  public B sessionId(String value) {
    this.sessionId = Objects.requireNonNull(value, "sessionId");
    return self();
  }

  /** The key the client sends. */
  public Credentials credentials() {
    return credentials;
  }

  /** The session id the client sends. */
  public String sessionId() {
    return sessionId;
  }

  /** The retry loop for the key and the settings. */
  public HttpRetry retry() {
    return new HttpRetry(credentials, settings);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
