// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.postgres.runtime.lineage;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of analysing one statement: either it was understood, with zero or more lineages
 * (zero for read-only statements and statements without sources), or it could not be parsed,
 * with the parser's message.
 *
 * @param parsed true when the statement was understood
 * @param lineages the lineages (empty when not parsed)
 * @param error the parser's message (null when parsed)
 */
public record Analysis(boolean parsed, List<StatementLineage> lineages, String error) {
  public Analysis {
    lineages = List.copyOf(lineages);
    if (!parsed) {
      Objects.requireNonNull(error, "error");
    }
  }

  static Analysis ok(List<StatementLineage> lineages) {
    return new Analysis(true, lineages, null);
  }

  static Analysis failed(String message) {
    return new Analysis(false, List.of(), message);
  }
}
