// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.wire;

import io.pushgen.teradata.runtime.wire.IngestionService.IngestRequest;

/** Sends one request to the integration gateway and returns its invocation id. */
public interface Transport extends AutoCloseable {

  /**
   * Sends the request, retrying what may be retried.
   *
   * @return the outcome; never null
   * @throws PushException when the request failed for good (the message never holds a secret)
   */
  SendResult send(IngestRequest request) throws PushException;

  /**
   * @param invocationId the gateway's {@code invocation_id}, or null when it accepted the request
   *     (a 2xx answer) without one
   * @param attempts how many attempts it took (1 when the first one succeeded)
   * @param status the final HTTP status
   */
  record SendResult(String invocationId, int attempts, int status) {}

  /** Releases what the transport holds (threads, connections) once no request is in flight. */
  @Override
  default void close() {}
}
