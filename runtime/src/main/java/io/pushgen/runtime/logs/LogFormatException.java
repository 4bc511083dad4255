package io.pushgen.runtime.logs;

/** A log that cannot be read as its format, for a reason the user must fix (e.g. its zone). */
public final class LogFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LogFormatException(String message) {
    super(message);
  }
}
