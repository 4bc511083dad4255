// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Splits SQL scripts into statements. */
public final class SqlScripts {
  private SqlScripts() {}

  /**
   * The statements of a script, split on {@code ;} outside quotes, comments and dollar-quoted
   * strings, each stripped of surrounding white space; statements that hold only white space and
   * comments are dropped.
   */
  public static List<String> split(String script, Dialect dialect) {
    List<String> out = new ArrayList<>();
    forEach(script, dialect, out::add);
    return out;
  }

  /**
   * The statements of {@link #split}, handed to {@code statements} one at a time: a long script
   * is never held as a list of statements or tokens.
   */
  public static void forEach(String script, Dialect dialect, Consumer<String> statements) {
    int[] start = {0};
    boolean[] content = {false};
    SqlLexer.scan(
        script,
        dialect,
        (kind, from, to) -> {
          if (kind == SqlLexer.Kind.SYMBOL && to == from + 1 && script.charAt(from) == ';') {
            if (content[0]) {
              statements.accept(script.substring(start[0], from).strip());
            }
            start[0] = from + 1;
            content[0] = false;
          } else if (kind != SqlLexer.Kind.SPACE && kind != SqlLexer.Kind.COMMENT) {
            content[0] = true;
          }
        });
    if (content[0]) {
      statements.accept(script.substring(start[0]).strip());
    }
  }
}
