// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.check;

import io.pushgen.teradata.runtime.check.CheckReport.Status;
import java.sql.SQLException;

/**
 * Runs the checks of a preflight run and records each outcome in a {@link CheckReport}: a check
 * that throws is recorded as failed with the vendor's message and the privilege the descriptor
 * names for it, so one failing query never hides the others.
 */
public final class Checks {
  private final CheckReport report;

  public Checks(CheckReport report) {
    this.report = report;
  }

  /** What a check found: its status and a short description. */
  public record Outcome(Status status, String detail) {
    /** The check passed; {@code detail} says what was seen. */
    public static Outcome ok(String detail) {
      return new Outcome(Status.OK, detail);
    }

    /** The check ran but found nothing where something was expected. */
    public static Outcome empty(String detail) {
      return new Outcome(Status.EMPTY, detail);
    }
  }

  /** One check. */
  @FunctionalInterface
  public interface Check {
    Outcome run() throws Exception;
  }

  /**
   * Runs a check and records its line.
   *
   * @param flow the flow the check belongs to
   * @param check what is checked
   * @param target what it is checked on, or null
   * @param needed what the user usually lacks when it fails or comes back empty
   * @return whether the check passed
   */
  public boolean run(String flow, String check, String target, String needed, Check body) {
    return record(flow, check, target, needed, Status.FAILED, body);
  }

  /**
   * Runs a check whose failure the programs survive (an optional source with a fallback): a
   * failure is recorded as a warning.
   *
   * @return whether the check passed
   */
  public boolean runOptional(
      String flow, String check, String target, String needed, Check body) {
    return record(flow, check, target, needed, Status.WARNING, body);
  }

  private boolean record(
      String flow, String check, String target, String needed, Status onFailure, Check body) {
    Outcome outcome;
    try {
      outcome = body.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = new Outcome(onFailure, "interrupted");
    } catch (Exception e) {
      outcome = new Outcome(onFailure, message(e));
    }
    report.add(
        new CheckReport.Line(
            flow,
            check,
            target,
            outcome.status(),
            outcome.detail(),
            outcome.status() == Status.OK ? null : needed));
    return outcome.status() == Status.OK;
  }

  /**
   * The vendor's message of a failure: an SQL error's message with its SQLSTATE and vendor code
   * when the message does not already carry them; any other error's own message (or its type).
   */
  public static String message(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      message = failure.getClass().getSimpleName();
    }
    if (failure instanceof SQLException sql) {
      StringBuilder codes = new StringBuilder();
      if (sql.getSQLState() != null && !message.contains(sql.getSQLState())) {
        codes.append("SQLSTATE ").append(sql.getSQLState());
      }
      if (sql.getErrorCode() != 0 && !message.contains(Integer.toString(sql.getErrorCode()))) {
        codes.append(codes.isEmpty() ? "" : ", ").append("code ").append(sql.getErrorCode());
      }
      if (!codes.isEmpty()) {
        message = message.strip() + " (" + codes + ")";
      }
    }
    return message.strip();
  }
}
