package io.pushgen.runtime.lineage;

import java.util.ArrayList;
import java.util.List;

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
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(script, dialect);
    int start = 0;
    boolean content = false;
    for (SqlLexer.Token t : tokens) {
      if (t.isSymbol(";")) {
        if (content) {
          out.add(script.substring(start, t.start()).strip());
        }
        start = t.start() + 1;
        content = false;
      } else if (!t.trivia()) {
        content = true;
      }
    }
    if (content) {
      out.add(script.substring(start).strip());
    }
    return out;
  }
}
