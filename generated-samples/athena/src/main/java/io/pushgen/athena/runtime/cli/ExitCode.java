// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.cli;

/** Exit codes shared by every emitted program. */
public final class ExitCode {
  private ExitCode() {}

  /** Everything asked for was done. */
  public static final int OK = 0;

  /** The run failed (connection, query, push); the message says what and where. */
  public static final int FAILURE = 1;

  /** The command line or an input file was unusable. */
  public static final int USAGE = 2;
}
