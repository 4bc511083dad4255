package io.pushgen.runtime.cli;

/**
 * The command line or an input file cannot be used; the message says what to change. Programs
 * report it as one {@code error: ...} line and exit with {@link ExitCode#USAGE}.
 */
public class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
