// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.snowflake.runtime.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgen.snowflake.runtime.http.Credentials;
import io.pushgen.snowflake.runtime.http.HttpClientBuilder;
import io.pushgen.snowflake.runtime.http.HttpRetry;
import io.pushgen.snowflake.runtime.wire.PushException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Calls Monte Carlo's GraphQL API ({@code POST {"query": ..., "variables": ...}}) with a GraphQL
 * API key ({@code MCD_ID}/{@code MCD_TOKEN}, never the ingestion key), the same retries, timeouts
 * and secret hygiene as the push transport ({@link HttpRetry}), and every {@code errors} entry of
 * an answer surfaced as a {@link GraphQlException} with its messages (a 200 answer can carry
 * them). A 200 answer whose error carries the code {@link #REQUEST_TIMEOUT} is retried like a
 * server error, as the SDK does.
 *
 * <p>Instances are thread-safe.
 */
public final class GraphQlClient implements AutoCloseable {
  /** Monte Carlo's GraphQL endpoint. */
  public static final String DEFAULT_ENDPOINT = "https://api.getmontecarlo.com/graphql";

  /** Overrides {@link #DEFAULT_ENDPOINT}; a URL without a path gets {@code /graphql} appended. */
  public static final String ENV_ENDPOINT = "MCD_GRAPHQL_ENDPOINT";

  /** The GraphQL API key id and secret, exactly as Monte Carlo names them. */
  public static final String ENV_ID = "MCD_ID";

  public static final String ENV_TOKEN = "MCD_TOKEN";

  /** The error code of a GraphQL answer that timed out on the server; such answers are retried. */
  public static final String REQUEST_TIMEOUT = "REQUEST_TIMEOUT";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Credentials credentials;
  private final URI endpoint;
  private final String sessionId;
  private final HttpRetry retry;
  private final HttpRetry.Listener listener;

  private GraphQlClient(
      Credentials credentials,
      URI endpoint,
      String sessionId,
      HttpRetry retry,
      HttpRetry.Listener listener) {
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.sessionId = sessionId;
    this.retry = retry;
    this.listener = listener;
  }

  /** Starts a client for the given GraphQL API key; everything else has a sensible default. */
  public static Builder builder(Credentials credentials) {
    return new Builder(credentials);
  }

  /**
   * The endpoint to use: {@code explicit} when given, else {@code MCD_GRAPHQL_ENDPOINT}, else
   * {@link #DEFAULT_ENDPOINT}. A URL with no path (such as the local gateway's {@code
   * http://127.0.0.1:8765}) gets {@code /graphql} appended.
   */
  public static String resolveEndpoint(String explicit) {
    String value = explicit;
    if (value == null || value.isBlank()) {
      value = System.getenv(ENV_ENDPOINT);
    }
    if (value == null || value.isBlank()) {
      return DEFAULT_ENDPOINT;
    }
    value = value.strip();
    try {
      URI uri = URI.create(value);
      String path = uri.getPath();
      if (path == null || path.isEmpty() || path.equals("/")) {
        return (value.endsWith("/") ? value.substring(0, value.length() - 1) : value) + "/graphql";
      }
    } catch (IllegalArgumentException e) {
      // reported by build()
    }
    return value;
  }

  /** The URL requests go to. */
  public URI endpoint() {
    return endpoint;
  }

  /** Ends the HTTP client's threads, so that the program exits at once. */
  @Override
  public void close() {
    retry.close();
  }

  /**
   * Runs one operation.
   *
   * @param query the GraphQL document
   * @param variables its variables (values Jackson can write; nulls are sent as null)
   * @return the answer's {@code data} object
   * @throws GraphQlException when the request failed or the answer has {@code errors}
   */
  public JsonNode execute(String query, Map<String, ?> variables) throws GraphQlException {
    ObjectNode request = JSON.createObjectNode();
    request.put("query", query);
    request.set("variables", JSON.valueToTree(variables == null ? Map.of() : variables));
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("variables cannot be written as JSON", e);
    }
    String target = "POST " + endpoint + " (" + operationName(query) + ")";
    HttpRetry.Answer answer;
    try {
      answer =
          retry.send(
              () -> retry.post(endpoint, sessionId, body),
              target,
              GraphQlClient::hint,
              response -> timedOut(response.body(), target),
              listener);
    } catch (PushException e) {
      throw new GraphQlException(e.getMessage(), e.status(), errorMessages(null));
    }
    JsonNode json;
    try {
      json = JSON.readTree(answer.body());
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw new GraphQlException(
          credentials.redact(
              "HTTP "
                  + answer.status()
                  + " from "
                  + target
                  + " is not a GraphQL answer: "
                  + HttpRetry.excerpt(answer.body())),
          answer.status(),
          List.of());
    }
    JsonNode errors = json.get("errors");
    if (errors != null && !errors.isNull() && (!errors.isArray() || errors.size() > 0)) {
      List<String> messages = new ArrayList<>();
      for (String message : errorMessages(errors)) {
        messages.add(credentials.redact(message));
      }
      throw new GraphQlException(
          "GraphQL errors from " + target + ": " + String.join("; ", messages),
          answer.status(),
          messages);
    }
    JsonNode data = json.get("data");
    if (data == null || !data.isObject()) {
      throw new GraphQlException(
          credentials.redact(
              "the answer of " + target + " has no data: " + HttpRetry.excerpt(answer.body())),
          answer.status(),
          List.of());
    }
    return data;
  }

  /**
   * Why an answer is to be retried: the SDK retries a 200 answer whose first error carries the code
   * {@code REQUEST_TIMEOUT} (in {@code extensions.code}, or {@code code}); we do the same, within
   * the retry policy's attempts.
   *
   * @return the reason, or null when the answer is not a request timeout
   */
  private String timedOut(String body, String target) {
    JsonNode answer;
    try {
      answer = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      return null; // not a GraphQL answer: execute() reports it
    }
    if (answer == null) {
      return null;
    }
    JsonNode first = answer.path("errors").path(0);
    JsonNode code = first.path("extensions").path("code");
    if (code.isMissingNode()) {
      code = first.path("code");
    }
    if (!code.asText().equals(REQUEST_TIMEOUT)) {
      return null;
    }
    return credentials.redact(
        "GraphQL " + REQUEST_TIMEOUT + " from " + target + ": " + first.path("message").asText());
  }

  /** The name of the first operation of a document ({@code query Name(...)}), or the first field. */
  static String operationName(String query) {
    String text = query.strip();
    for (String keyword : List.of("query", "mutation")) {
      if (text.startsWith(keyword)) {
        String rest = text.substring(keyword.length()).strip();
        int end = 0;
        while (end < rest.length() && Character.isJavaIdentifierPart(rest.charAt(end))) {
          end++;
        }
        if (end > 0) {
          return rest.substring(0, end);
        }
      }
    }
    return "anonymous";
  }

  private static List<String> errorMessages(JsonNode errors) {
    List<String> messages = new ArrayList<>();
    if (errors == null) {
      return messages;
    }
    if (!errors.isArray()) {
      messages.add(errors.toString());
      return messages;
    }
    for (JsonNode error : errors) {
      JsonNode message = error.get("message");
      String text = message != null && message.isTextual() ? message.textValue() : error.toString();
      JsonNode path = error.get("path");
      if (path != null && path.isArray() && path.size() > 0) {
        List<String> parts = new ArrayList<>();
        path.forEach(p -> parts.add(p.asText()));
        text += " (at " + String.join(".", parts) + ")";
      }
      messages.add(text);
    }
    return messages;
  }

  private static String hint(int status) {
    return switch (status) {
      case 401, 403 ->
          " (check "
              + ENV_ID
              + "/"
              + ENV_TOKEN
              + ": a GraphQL API key is required, not the ingestion key)";
      default -> "";
    };
  }

  /** Configures a {@link GraphQlClient}. */
  public static final class Builder extends HttpClientBuilder<Builder> {
    private String endpoint = resolveEndpoint(null);
    private HttpRetry.Listener listener = (attempt, reason, delay) -> {};

    private Builder(Credentials credentials) {
      super(credentials);
    }

    /** The endpoint; null or blank falls back to {@code MCD_GRAPHQL_ENDPOINT}, then the default. */
    public Builder endpoint(String value) {
      this.endpoint = resolveEndpoint(value);
      return this;
    }

    /** Told about each failed attempt that will be retried. */
    public Builder onRetry(HttpRetry.Listener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * @throws IllegalArgumentException when the endpoint is not an absolute http(s) URL
     */
    public GraphQlClient build() {
      URI uri =
          HttpRetry.httpUrl(
              endpoint, "the GraphQL endpoint", "--graphql-endpoint or " + ENV_ENDPOINT);
      return new GraphQlClient(credentials(), uri, sessionId(), retry(), listener);
    }
  }

  /**
   * A GraphQL call that failed: the HTTP request failed for good (a status that is not retried, or
   * retries exhausted), the answer was not GraphQL, or it carried {@code errors} (whose messages are
   * in {@link #errors()} and in the message). Messages never hold the API secret.
   */
  public static class GraphQlException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<String> errors;

    public GraphQlException(String message, int status, List<String> errors) {
      super(message);
      this.status = status;
      this.errors = List.copyOf(errors);
    }

    /** The HTTP status, or 0 when no response was received. */
    public int status() {
      return status;
    }

    /** The messages of the answer's {@code errors} entries; empty for a transport failure. */
    public List<String> errors() {
      return errors;
    }
  }
}
