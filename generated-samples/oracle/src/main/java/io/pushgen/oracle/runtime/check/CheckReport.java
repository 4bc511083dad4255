// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.oracle.runtime.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pushgen.oracle.runtime.cli.ExitCode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a preflight check found: one line per check (a query probed, a database's tables, a
 * history's last day, a Monte Carlo setting), printed as a table or as JSON, and the program's
 * exit code: {@link ExitCode#OK} when nothing failed, {@link ExitCode#FAILURE} otherwise.
 */
public final class CheckReport {
  /** The outcome of one check. */
  public enum Status {
    /** It works. */
    OK("ok"),
    /** It works but returned nothing where something was expected: usually a missing grant. */
    EMPTY("empty"),
    /** It does not work; the message is the vendor's. */
    FAILED("failed"),
    /** It does not work, but the programs do without it (a documented fallback). */
    WARNING("warning");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    /** The word shown in the table and the JSON. */
    public String label() {
      return label;
    }

    /** Whether the check makes the run fail. */
    public boolean fails() {
      return this == EMPTY || this == FAILED;
    }
  }

  /**
   * One check.
   *
   * @param flow {@code metadata}, {@code lineage}, {@code query_logs} or {@code monte_carlo}
   * @param check what was checked, e.g. {@code tables query}
   * @param target what it was checked on (a database, a log path), or null
   * @param status the outcome
   * @param detail what was found: a count, the vendor's error message
   * @param needed for a failed or empty check, what the user usually lacks; else null
   */
  public record Line(
      String flow, String check, String target, Status status, String detail, String needed) {}

  private final String warehouse;
  private final List<Line> lines = new ArrayList<>();

  /** @param warehouse the warehouse's name, shown above the table */
  public CheckReport(String warehouse) {
    this.warehouse = warehouse;
  }

  /** Adds a line. */
  public synchronized void add(Line line) {
    lines.add(line);
  }

  /** Adds a line for a check that passed. */
  public void ok(String flow, String check, String target, String detail) {
    add(new Line(flow, check, target, Status.OK, detail, null));
  }

  /** The lines, in the order they were added. */
  public synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  /** How many lines have {@code status}. */
  public long count(Status status) {
    return lines().stream().filter(line -> line.status() == status).count();
  }

  /** {@link ExitCode#FAILURE} when any check failed or came back empty, else {@link ExitCode#OK}. */
  public int exitCode() {
    return lines().stream().anyMatch(line -> line.status().fails()) ? ExitCode.FAILURE : ExitCode.OK;
  }

  /** One line: {@code 9 checks: 7 ok, 1 failed, 1 empty}. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append(lines().size()).append(" checks: ").append(count(Status.OK)).append(" ok");
    for (Status status : List.of(Status.FAILED, Status.EMPTY, Status.WARNING)) {
      long n = count(status);
      if (n > 0) {
        text.append(", ").append(n).append(' ').append(status.label());
      }
    }
    return text.toString();
  }

  /** Prints the table (or, with {@code json}, the JSON document) to {@code out}. */
  public void print(PrintStream out, boolean json) {
    out.print(json ? toJson() + "\n" : toTable());
    out.flush();
  }

  /**
   * The readable form: an aligned table of flow, check, target, status and detail; under a line
   * that did not pass, what is usually missing.
   */
  public String toTable() {
    List<Line> snapshot = lines();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("flow", "check", "target", "status", "detail"));
    for (Line line : snapshot) {
      rows.add(
          List.of(
              line.flow(),
              line.check(),
              cell(line.target()),
              line.status().label(),
              cell(line.detail())));
    }
    int[] widths = new int[4];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    text.append(warehouse).append(" preflight check\n\n");
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        out.append(row.get(i));
        if (i < widths.length) {
          out.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      text.append(out.toString().stripTrailing()).append('\n');
      if (r == 0) {
        continue;
      }
      Line line = snapshot.get(r - 1);
      if (line.needed() != null && line.status() != Status.OK) {
        text.append("    needs: ").append(oneLine(line.needed())).append('\n');
      }
    }
    text.append('\n').append(summary()).append('\n');
    return text.toString();
  }

  /** The JSON form: warehouse, outcome, exit code, counts and the checks. */
  public String toJson() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("warehouse", warehouse);
    document.put("outcome", exitCode() == ExitCode.OK ? "ok" : "failed");
    document.put("exit_code", exitCode());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("checks", lines().size());
    for (Status status : Status.values()) {
      counts.put(status.name().toLowerCase(Locale.ROOT), count(status));
    }
    document.put("counts", counts);
    List<Map<String, Object>> checks = new ArrayList<>();
    for (Line line : lines()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("flow", line.flow());
      item.put("check", line.check());
      item.put("target", line.target());
      item.put("status", line.status().label());
      item.put("detail", line.detail() == null ? null : oneLine(line.detail()));
      if (line.needed() != null && line.status() != Status.OK) {
        item.put("needed", oneLine(line.needed()));
      }
      checks.add(item);
    }
    document.put("checks", checks);
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cell(String value) {
    return value == null || value.isBlank() ? "-" : oneLine(value);
  }

  /** Vendor messages and descriptor texts span lines; a table cell does not. */
  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
}
