// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.cli;

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
