package io.pushgen.runtime.graphql;

import java.util.List;

/**
 * A GraphQL call that failed: the HTTP request failed for good (a status that is not retried, or
 * retries exhausted), the answer was not GraphQL, or it carried {@code errors} (whose messages are
 * in {@link #errors()} and in the message). Messages never hold the API secret.
 */
public class GraphQlException extends Exception {
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
