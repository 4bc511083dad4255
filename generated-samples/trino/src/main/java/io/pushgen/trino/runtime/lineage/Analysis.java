// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.trino.runtime.lineage;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of analysing one statement: either it was understood, with zero or more lineages
 * (zero for read-only statements and statements without sources) and the changes it makes to
 * table names, or it could not be parsed, with the reason.
 *
 * <p>A statement the parser refuses may still be understood in part by a fallback that reads the
 * tables from its tokens: then it counts as parsed, with table lineage only, and {@link
 * #recovery} says what was recovered and what was left out.
 *
 * @param parsed true when the statement was understood (fully, or in part by a fallback)
 * @param lineages the lineages (empty when not parsed)
 * @param changes tables dropped, renamed or swapped by the statement, in order (see {@link
 *     LineageAccumulator})
 * @param error why the statement was not understood (null when parsed)
 * @param recovery null when the parser understood the statement; otherwise what the fallback
 *     recovered and why the rest was skipped
 */
public record Analysis(
    boolean parsed,
    List<StatementLineage> lineages,
    List<TableChange> changes,
    String error,
    String recovery) {
  public Analysis {
    lineages = List.copyOf(lineages);
    changes = List.copyOf(changes);
    if (!parsed) {
      Objects.requireNonNull(error, "error");
    }
  }

  /** True when only a fallback understood the statement (table lineage only). */
  public boolean recovered() {
    return parsed && recovery != null;
  }

  static Analysis ok(List<StatementLineage> lineages) {
    return new Analysis(true, lineages, List.of(), null, null);
  }

  static Analysis changed(List<TableChange> changes) {
    return new Analysis(true, List.of(), changes, null, null);
  }

  static Analysis recovered(List<StatementLineage> lineages, String recovery) {
    return new Analysis(true, lineages, List.of(), null, recovery);
  }

  static Analysis failed(String message) {
    return new Analysis(false, List.of(), List.of(), message, null);
  }
}
