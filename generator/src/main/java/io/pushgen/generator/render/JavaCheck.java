package io.pushgen.generator.render;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses emitted Java with JavaParser (Java 17) and explains failures in template terms. */
public final class JavaCheck {
  private JavaCheck() {}

  /**
   * Null when {@code source} parses; otherwise one line naming the template, the template line
   * when it can be found, the emitted file's line and the offending line.
   */
  public static String check(String path, String source, String templateName, String templateText) {
    ParserConfiguration config =
        new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
            // javac replaces unicode escapes before anything else, even in comments.
            .setPreprocessUnicodeEscapes(true)
            .setAttributeComments(false);
    ParseResult<CompilationUnit> result = new JavaParser(config).parse(source);
    if (result.isSuccessful() && result.getResult().isPresent()) {
      return null;
    }
    Problem problem = result.getProblems().isEmpty() ? null : result.getProblems().get(0);
    int line = 0;
    if (problem != null) {
      line = problem.getLocation()
          .flatMap(l -> l.toRange().or(() -> l.getBegin().getRange()))
          .map(r -> r.begin.line)
          .orElse(0);
      if (line == 0) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("line (\\d+)").matcher(problem.getVerboseMessage());
        if (m.find()) {
          line = Integer.parseInt(m.group(1));
        }
      }
    }
    String[] lines = source.split("\n", -1);
    String offending = line > 0 && line <= lines.length ? lines[line - 1].strip() : "";
    String message = problem == null ? "does not parse" : firstLine(problem.getMessage());
    int expected = message.indexOf(", expected one of");
    if (expected > 0) {
      message = message.substring(0, expected);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("template ").append(templateName == null ? "(none)" : templateName);
    Optional<Integer> templateLine = templateLine(templateText, offending);
    templateLine.ifPresent(t -> sb.append(" (near template line ").append(t).append(')'));
    sb.append(" produced Java that does not parse: ").append(path);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ").append(message);
    if (!offending.isEmpty()) {
      sb.append(" in: ").append(offending.length() > 120 ? offending.substring(0, 117) + "..." : offending);
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }

  /**
   * The first template line whose literal text (without interpolations and directives) appears,
   * piece by piece and in order, in the offending emitted line.
   */
  static Optional<Integer> templateLine(String template, String emitted) {
    if (template == null || emitted.isBlank()) {
      return Optional.empty();
    }
    String[] lines = template.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      List<String> pieces = literalPieces(lines[i]);
      if (pieces.isEmpty()) {
        continue;
      }
      int at = 0;
      boolean all = true;
      int total = 0;
      for (String piece : pieces) {
        int found = emitted.indexOf(piece, at);
        if (found < 0) {
          all = false;
          break;
        }
        at = found + piece.length();
        total += piece.length();
      }
      if (all && total >= Math.min(4, emitted.length())) {
        return Optional.of(i + 1);
      }
    }
    return Optional.empty();
  }

  private static List<String> literalPieces(String line) {
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < line.length()) {
      if (line.startsWith("${", i)) {
        i = skipTo(line, i, '}');
        flush(current, pieces);
      } else if (line.startsWith("<#", i) || line.startsWith("</#", i) || line.startsWith("<@", i)) {
        i = skipTo(line, i, '>');
        flush(current, pieces);
      } else {
        current.append(line.charAt(i++));
      }
    }
    flush(current, pieces);
    return pieces;
  }

  private static int skipTo(String line, int i, char close) {
    int end = line.indexOf(close, i);
    return end < 0 ? line.length() : end + 1;
  }

  private static void flush(StringBuilder current, List<String> pieces) {
    String piece = current.toString().strip();
    if (!piece.isEmpty()) {
      pieces.add(piece);
    }
    current.setLength(0);
  }
}
