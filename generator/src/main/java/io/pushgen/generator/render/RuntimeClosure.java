package io.pushgen.generator.render;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which runtime classes an emitted project needs: those its programs name, and those these name in
 * turn, so that a project carries no runtime file none of its programs can reach. A class is named
 * by an import or a qualified name ({@code io.pushgen.runtime.<part>.<Class>}), or, inside the
 * runtime, by its simple name in another class of its package. Comments and string literals do not
 * count.
 */
final class RuntimeClosure {
  private static final String RUNTIME = "io.pushgen.runtime.";
  private static final Pattern QUALIFIED =
      Pattern.compile("\\bio\\.pushgen\\.runtime\\.([a-z][a-z0-9]*)\\.([A-Z]\\w*)");
  private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Z]\\w*\\b");

  /** A runtime source: {@code <part>/<Class>.java} and its code without comments and strings. */
  private record Source(String part, String name, String code) {}

  private final Map<String, Source> sources = new HashMap<>();

  /**
   * @param runtimeSources runtime source texts by path relative to the runtime's package folder,
   *     e.g. {@code push/PushRunner.java}
   */
  RuntimeClosure(Map<String, String> runtimeSources) {
    runtimeSources.forEach(
        (path, text) -> {
          int slash = path.indexOf('/');
          sources.put(
              key(path.substring(0, slash), path.substring(slash + 1, path.length() - ".java".length())),
              new Source(path.substring(0, slash), path.substring(slash + 1), code(text)));
        });
  }

  /**
   * The runtime paths (as given to the constructor) that {@code programs} need, sorted.
   *
   * @param programs the emitted programs' sources, with the runtime under {@code runtimePackage}
   * @param runtimePackage the emitted project's runtime package, e.g. {@code io.pushgen.snowflake.runtime}
   */
  Set<String> of(Collection<String> programs, String runtimePackage) {
    Set<String> needed = new TreeSet<>();
    Deque<String> work = new ArrayDeque<>();
    for (String program : programs) {
      named(code(program).replace(runtimePackage + ".", RUNTIME), null, work);
    }
    while (!work.isEmpty()) {
      Source source = sources.get(work.pop());
      if (source != null && needed.add(source.part() + "/" + source.name())) {
        named(source.code(), source.part(), work);
      }
    }
    return needed;
  }

  /** Queues the runtime classes {@code code} names; {@code part} is its own part, if a runtime class. */
  private void named(String code, String part, Deque<String> work) {
    Matcher qualified = QUALIFIED.matcher(code);
    while (qualified.find()) {
      work.push(key(qualified.group(1), qualified.group(2)));
    }
    if (part != null) {
      Matcher simple = IDENTIFIER.matcher(code);
      while (simple.find()) {
        String key = key(part, simple.group());
        if (sources.containsKey(key)) {
          work.push(key);
        }
      }
    }
  }

  private static String key(String part, String simpleName) {
    return part + "." + simpleName;
  }

  /** {@code text} with comments, string, text-block and character literals blanked out. */
  static String code(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        out.append(' ');
      } else if (text.startsWith("\"\"\"", i)) {
        int end = text.indexOf("\"\"\"", i + 3);
        while (end > 0 && text.charAt(end - 1) == '\\') {
          end = text.indexOf("\"\"\"", end + 1);
        }
        i = end < 0 ? n : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
