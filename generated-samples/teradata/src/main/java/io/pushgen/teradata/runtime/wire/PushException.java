// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.wire;

/** A request that failed for good: a non-retryable status, or retries exhausted. */
public class PushException extends Exception {
  private final int status;
  private final int attempts;

  /**
   * @param message what happened, with the status and up to 500 characters of the body
   * @param status the last HTTP status, or 0 when no response was received
   * @param attempts how many attempts were made
   */
  public PushException(String message, int status, int attempts) {
    super(message);
    this.status = status;
    this.attempts = attempts;
  }

  public int status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }
}
