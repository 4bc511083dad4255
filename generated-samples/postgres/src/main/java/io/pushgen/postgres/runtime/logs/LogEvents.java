// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.postgres.runtime.logs;

import io.pushgen.postgres.runtime.model.QueryLogEntry;
import java.io.IOException;

/** What a {@link LogFormat.LogParser} finds, in log order. */
public interface LogEvents {

  /** A finished query, with start and end time and text. */
  void entry(QueryLogEntry entry) throws IOException;

  /**
   * A query that cannot be sent: without text (its start is in a file no longer kept) or without
   * an end (still running, or the server stopped before logging one). Never given an invented
   * time: the missing one is null.
   */
  void incomplete(QueryLogEntry entry, String reason) throws IOException;

  /**
   * A record that could not be read.
   *
   * @param where file and line
   * @param reason what is wrong with it
   */
  void unparsed(String where, String reason) throws IOException;
}
