// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hive.runtime.graphql;

import java.io.Console;

/**
 * Asks the person at the terminal to confirm an irreversible action. Without a terminal (CI, a
 * pipe, a cron job) nobody can answer, so the answer is no: such runs pass {@code --yes}.
 */
@FunctionalInterface
public interface Confirmation {
  /**
   * @param question the question, e.g. {@code Delete 3 tables?}
   * @return whether the user typed {@code yes} (or {@code y})
   */
  boolean confirm(String question);

  /** The terminal, if there is one; no otherwise. */
  static Confirmation terminal() {
    return question -> {
      Console console = System.console();
      if (console == null) {
        return false;
      }
      String answer = console.readLine("%s Type 'yes' to confirm: ", question);
      return answer != null
          && (answer.strip().equalsIgnoreCase("yes") || answer.strip().equalsIgnoreCase("y"));
    };
  }

  /** Whether {@link #terminal()} can ask anyone. */
  static boolean hasTerminal() {
    return System.console() != null;
  }
}
