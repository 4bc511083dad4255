// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a verification found: one row per checked item, printed as a readable table or as JSON,
 * and the program's exit code: {@value #OK} when everything checked is present, {@value
 * #NOT_YET_VISIBLE} when something is missing but may still be processed (query logs inside the
 * documented delay), {@value #MISSING} when something is missing or differs.
 */
public final class VerifyReport {
  /** Everything checked is present. */
  public static final int OK = 0;

  /** Something checked is missing or differs. */
  public static final int MISSING = 1;

  /** Something is not visible yet, but still inside Monte Carlo's documented processing delay. */
  public static final int NOT_YET_VISIBLE = 3;

  /** The outcome of one item. */
  public enum Status {
    OK("ok"),
    MISSING("missing"),
    DIFFERS("differs"),
    NOT_YET_VISIBLE("not yet visible"),
    SKIPPED("skipped");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The JSON name: {@code ok}, {@code missing}, {@code differs}, ... */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One checked item.
   *
   * @param cells the table's cells, in the order of the report's columns
   * @param status the outcome
   * @param notes what is missing or differs, in words
   * @param details machine-readable findings for {@code --json}
   */
  public record Row(
      List<String> cells, Status status, List<String> notes, Map<String, Object> details) {}

  private final String kind;
  private final List<String> columns;
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Object> facts = new LinkedHashMap<>();
  private final List<String> remarks = new ArrayList<>();

  /**
   * @param kind {@code metadata}, {@code lineage} or {@code query_logs}
   * @param columns the table's column headers (the status column is added)
   */
  public VerifyReport(String kind, List<String> columns) {
    this.kind = kind;
    this.columns = List.copyOf(columns);
  }

  public void add(List<String> cells, Status status, List<String> notes, Map<String, Object> details) {
    if (cells.size() != columns.size()) {
      throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.size());
    }
    rows.add(new Row(List.copyOf(cells), status, List.copyOf(notes), details));
  }

  /** A fact about the run (manifest, window, sample), shown in the JSON and above the table. */
  public void fact(String name, Object value) {
    facts.put(name, value);
  }

  /** A line printed below the table (and listed in the JSON). */
  public void remark(String line) {
    remarks.add(line);
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  public long count(Status status) {
    return rows.stream().filter(r -> r.status() == status).count();
  }

  /** 0 when every row is ok or skipped; 1 when any is missing or differs; else 3. */
  public int exitCode() {
    if (count(Status.MISSING) > 0 || count(Status.DIFFERS) > 0) {
      return MISSING;
    }
    return count(Status.NOT_YET_VISIBLE) > 0 ? NOT_YET_VISIBLE : OK;
  }

  /** {@code ok}, {@code failed} or {@code not_yet_visible}. */
  public String outcome() {
    return switch (exitCode()) {
      case OK -> "ok";
      case NOT_YET_VISIBLE -> "not_yet_visible";
      default -> "failed";
    };
  }

  /** One line: {@code 5 checked: 3 ok, 1 missing, 1 differs}. */
  public String summary() {
    StringBuilder line = new StringBuilder();
    line.append(rows.size()).append(" checked: ").append(count(Status.OK)).append(" ok");
    for (Status status : List.of(Status.MISSING, Status.DIFFERS, Status.NOT_YET_VISIBLE, Status.SKIPPED)) {
      long n = count(status);
      if (n > 0) {
        line.append(", ").append(n).append(' ').append(status.label());
      }
    }
    return line.toString();
  }

  /** Prints the table (or, with {@code json}, the JSON document) to {@code out}. */
  public void print(PrintStream out, boolean json) {
    if (json) {
      out.println(toJson());
    } else {
      out.print(toTable());
    }
    out.flush();
  }

  /** The readable form: facts, an aligned table, notes under their row, the summary. */
  public String toTable() {
    StringBuilder text = new StringBuilder();
    facts.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
    if (!facts.isEmpty()) {
      text.append('\n');
    }
    List<String> header = new ArrayList<>(columns);
    header.add("status");
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = header.get(i).length();
    }
    for (Row row : rows) {
      for (int i = 0; i < row.cells().size(); i++) {
        widths[i] = Math.max(widths[i], cell(row.cells().get(i)).length());
      }
      widths[header.size() - 1] = Math.max(widths[header.size() - 1], row.status().label().length());
    }
    appendLine(text, header, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    appendLine(text, rule, widths);
    for (Row row : rows) {
      List<String> cells = new ArrayList<>();
      row.cells().forEach(c -> cells.add(cell(c)));
      cells.add(row.status().label());
      appendLine(text, cells, widths);
      for (String note : row.notes()) {
        text.append("    ").append(note).append('\n');
      }
    }
    text.append('\n').append(kind.replace('_', ' ')).append(": ").append(summary()).append('\n');
    for (String remark : remarks) {
      text.append(remark).append('\n');
    }
    return text.toString();
  }

  private static void appendLine(StringBuilder text, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      line.append(cells.get(i));
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cells.get(i).length()));
      }
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  private static String cell(String value) {
    return value == null || value.isEmpty() ? "-" : value.replace('\n', ' ');
  }

  /** The JSON form: kind, outcome, exit code, counts, facts, items, remarks. */
  public String toJson() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("kind", kind);
    document.put("outcome", outcome());
    document.put("exit_code", exitCode());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("checked", rows.size());
    for (Status status : Status.values()) {
      counts.put(status.id(), count(status));
    }
    document.put("counts", counts);
    document.putAll(facts);
    List<Map<String, Object>> items = new ArrayList<>();
    for (Row row : rows) {
      Map<String, Object> item = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        item.put(columns.get(i).replace(' ', '_'), row.cells().get(i));
      }
      item.put("status", row.status().id());
      if (!row.notes().isEmpty()) {
        item.put("notes", row.notes());
      }
      if (row.details() != null && !row.details().isEmpty()) {
        item.put("details", row.details());
      }
      items.add(item);
    }
    document.put("items", items);
    document.put("remarks", remarks);
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
}
