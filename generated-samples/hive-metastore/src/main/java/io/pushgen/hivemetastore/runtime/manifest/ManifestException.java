// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hivemetastore.runtime.manifest;

import java.nio.file.Path;

/**
 * A manifest that cannot be used: bad JSON, a wrong type, a missing required value, an unknown flow
 * or an event of the wrong shape. The message reads {@code FILE:LINE:COLUMN: JSON-PATH: problem},
 * e.g. {@code metadata.json:18:3: $.events[17].metadata.name: missing}.
 */
public class ManifestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String jsonPath;
  private final int line;
  private final int column;

  /**
   * @param file the manifest
   * @param jsonPath where the problem is, e.g. {@code $.events[17].metadata.name}
   * @param line the 1-based line (0 when unknown)
   * @param column the 1-based column (0 when unknown)
   * @param problem what is wrong
   */
  public ManifestException(
      Path file, String jsonPath, int line, int column, String problem, Throwable cause) {
    super(file.getFileName() + ":" + line + ":" + column + ": " + jsonPath + ": " + problem, cause);
    this.jsonPath = jsonPath;
    this.line = line;
    this.column = column;
  }

  /** Where the problem is, e.g. {@code $.events[17].metadata.name}. */
  public String jsonPath() {
    return jsonPath;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
