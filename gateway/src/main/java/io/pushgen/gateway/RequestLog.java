package io.pushgen.gateway;

/**
 * A one-line summary of every request the gateway answered (or dropped), for logging.
 *
 * @param method the HTTP method
 * @param path the request path
 * @param status the status answered, or 0 when the connection was dropped
 * @param events how many events the body carried, or -1 when it was not read or not parsed
 * @param invocationId the invocation id of an accepted request, else null
 * @param message the error message or the injected fault, else null
 */
public record RequestLog(
    String method, String path, int status, int events, String invocationId, String message) {

  /** {@code POST /ingest/v1/metadata events=3 -> 202 invocation_id=...}. */
  public String line() {
    StringBuilder line = new StringBuilder();
    line.append(method).append(' ').append(path);
    if (events >= 0) {
      line.append(" events=").append(events);
    }
    line.append(" -> ").append(status == 0 ? "dropped" : String.valueOf(status));
    if (invocationId != null) {
      line.append(" invocation_id=").append(invocationId);
    }
    if (message != null) {
      line.append(" (").append(message.replace('\n', ' ')).append(')');
    }
    return line.toString();
  }
}
