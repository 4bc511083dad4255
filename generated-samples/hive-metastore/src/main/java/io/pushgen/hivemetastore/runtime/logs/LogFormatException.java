// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hivemetastore.runtime.logs;

/** A log that cannot be read as its format, for a reason the user must fix (e.g. its zone). */
public final class LogFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LogFormatException(String message) {
    super(message);
  }
}
