package io.pushgen.gateway;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables a pushed query reads and writes, as the gateway's stand-in for the query parsing
 * Monte Carlo does on its side: names after the usual write clauses ({@code INSERT INTO}, {@code
 * MERGE INTO}, {@code UPDATE}, {@code CREATE TABLE}, ...) are written, names after {@code FROM}
 * and {@code JOIN} are read. A deliberately small reading of SQL, written independently of the
 * runtime's scan so that the verify programs are checked against a second opinion.
 */
final class TableReferences {
  private TableReferences() {}

  /** A table name as written, in one to three parts. */
  record Reference(List<String> parts, boolean write) {}

  private static final String PART = "(?:\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|[A-Za-z_][\\w$]*)";
  private static final String NAME = "(" + PART + "(?:\\s*\\.\\s*" + PART + "){0,2})";
  private static final Pattern WRITE =
      Pattern.compile(
          "\\b(?:INSERT\\s+(?:OVERWRITE\\s+)?(?:INTO\\s+)?(?:TABLE\\s+)?|MERGE\\s+INTO\\s+|COPY\\s+INTO\\s+"
              + "|UPDATE\\s+|DELETE\\s+FROM\\s+|TRUNCATE\\s+(?:TABLE\\s+)?"
              + "|CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:TEMP|TEMPORARY|TRANSIENT)\\s+)?TABLE\\s+"
              + "(?:IF\\s+NOT\\s+EXISTS\\s+)?)"
              + NAME,
          Pattern.CASE_INSENSITIVE);
  private static final Pattern READ =
      Pattern.compile("\\b(?:FROM|JOIN)\\s+" + NAME, Pattern.CASE_INSENSITIVE);
  private static final Pattern CTE =
      Pattern.compile("(?:\\bWITH|,)\\s+([A-Za-z_]\\w*)\\s+AS\\s*\\(", Pattern.CASE_INSENSITIVE);
  private static final Pattern NOISE =
      Pattern.compile("--[^\\n]*|/\\*.*?\\*/|'(?:[^']|'')*'", Pattern.DOTALL);
  private static final Set<String> NOT_TABLES = Set.of("SELECT", "LATERAL", "UNNEST", "TABLE");

  /** The distinct references of {@code sql}, writes first, each in order of appearance. */
  static List<Reference> of(String sql) {
    String text = NOISE.matcher(sql == null ? "" : sql).replaceAll(" ");
    Set<String> ctes = new HashSet<>();
    for (Matcher m = CTE.matcher(text); m.find(); ) {
      ctes.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    Set<Reference> found = new LinkedHashSet<>();
    StringBuilder reads = new StringBuilder(text);
    for (Matcher m = WRITE.matcher(text); m.find(); ) {
      add(found, m.group(1), true, ctes);
      // A written name is not read too (DELETE FROM t).
      for (int i = m.start(1); i < m.end(1); i++) {
        reads.setCharAt(i, ' ');
      }
    }
    for (Matcher m = READ.matcher(reads); m.find(); ) {
      add(found, m.group(1), false, ctes);
    }
    return List.copyOf(found);
  }

  private static void add(Set<Reference> found, String name, boolean write, Set<String> ctes) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("\\s*\\.\\s*")) {
      parts.add(part.replaceAll("^[\"`\\[]|[\"`\\]]$", ""));
    }
    boolean bare = parts.size() == 1;
    if (bare
        && (NOT_TABLES.contains(parts.get(0).toUpperCase(Locale.ROOT))
            || ctes.contains(parts.get(0).toLowerCase(Locale.ROOT)))) {
      return;
    }
    found.add(new Reference(List.copyOf(parts), write));
  }
}
