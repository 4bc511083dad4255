// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.teradata.runtime.cli.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Custom lineage edges read in bulk from a CSV, YAML or JSON file (by extension; {@code .csv},
 * {@code .yaml}/{@code .yml}, {@code .json}).
 *
 * <p>CSV: a header row naming the columns {@code source_type, source_id, destination_type,
 * destination_id} and optionally {@code source_resource, destination_resource, expire_at,
 * edge_type}; RFC 4180 quoting. YAML and JSON: a list of edges (or {@code edges:} holding one),
 * each with the same keys, or with {@code source:} and {@code destination:} maps holding {@code
 * type}, {@code id} and {@code resource}. A resource that is a uuid is sent as {@code
 * resourceId}, anything else as {@code resourceName}; an empty one means the default resource.
 * The YAML reader understands block maps and lists of plain or quoted scalars, which is all these
 * files need.
 */
public final class EdgeFile {
  private EdgeFile() {}

  /**
   * One edge as written in the file.
   *
   * @param line where it starts, for messages
   */
  public record Edge(
      int line,
      String sourceType,
      String sourceId,
      String sourceResource,
      String destinationType,
      String destinationId,
      String destinationResource,
      String expireAt,
      String edgeType) {}

  /** Reads a file; every problem names the file and line. */
  public static List<Edge> read(Path file) throws IOException, UsageException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageException("no such edge file: " + file);
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    List<Row> rows;
    if (name.endsWith(".csv")) {
      rows = csv(file, text);
    } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      rows = structured(file, new MiniYaml(file, text).parse());
    } else if (name.endsWith(".json")) {
      Object parsed;
      try {
        parsed = new ObjectMapper().readValue(text, Object.class);
      } catch (JsonProcessingException e) {
        throw new UsageException(file + ": not valid JSON: " + e.getOriginalMessage());
      }
      rows = structured(file, parsed);
    } else {
      throw new UsageException(file + ": expected a .csv, .yaml, .yml or .json edge file");
    }
    List<Edge> edges = new ArrayList<>();
    for (Row row : rows) {
      edges.add(edge(file, row));
    }
    if (edges.isEmpty()) {
      throw new UsageException(file + ": no edges");
    }
    return edges;
  }

  private record Row(int line, Map<String, String> values) {}

  private static Edge edge(Path file, Row row) throws UsageException {
    Map<String, String> v = row.values();
    for (String key : v.keySet()) {
      if (!List.of(
              "source_type",
              "source_id",
              "source_resource",
              "destination_type",
              "destination_id",
              "destination_resource",
              "expire_at",
              "edge_type")
          .contains(key)) {
        throw new UsageException(file + ":" + row.line() + ": unknown key '" + key + "'");
      }
    }
    for (String required : List.of("source_type", "source_id", "destination_type", "destination_id")) {
      if (blank(v.get(required))) {
        throw new UsageException(file + ":" + row.line() + ": " + required + " is required");
      }
    }
    return new Edge(
        row.line(),
        v.get("source_type").strip(),
        v.get("source_id").strip(),
        emptyToNull(v.get("source_resource")),
        v.get("destination_type").strip(),
        v.get("destination_id").strip(),
        emptyToNull(v.get("destination_resource")),
        emptyToNull(v.get("expire_at")),
        emptyToNull(v.get("edge_type")));
  }

  // ------------------------------------------------------------------ structured (YAML, JSON)

  private static List<Row> structured(Path file, Object document) throws UsageException {
    Object list = document;
    if (document instanceof Map<?, ?> map) {
      if (map.size() != 1 || !map.containsKey("edges")) {
        throw new UsageException(file + ": expected a list of edges, or 'edges:' holding one");
      }
      list = map.get("edges");
    }
    if (!(list instanceof List<?> items)) {
      throw new UsageException(file + ": expected a list of edges");
    }
    List<Row> rows = new ArrayList<>();
    int index = 0;
    for (Object item : items) {
      index++;
      int line = item instanceof LineMap lm ? lm.line : index;
      if (!(item instanceof Map<?, ?> map)) {
        throw new UsageException(file + ":" + line + ": an edge must be a map of keys to values");
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = snake(String.valueOf(entry.getKey()));
        Object value = entry.getValue();
        if ((key.equals("source") || key.equals("destination")) && value instanceof Map<?, ?> node) {
          for (Map.Entry<?, ?> part : node.entrySet()) {
            String partKey = snake(String.valueOf(part.getKey()));
            String normalized =
                switch (partKey) {
                  case "type", "object_type" -> "type";
                  case "id", "object_id" -> "id";
                  case "resource", "resource_id", "resource_name" -> "resource";
                  default ->
                      throw new UsageException(
                          file + ":" + line + ": unknown key '" + key + "." + partKey + "'");
                };
            values.put(key + "_" + normalized, scalar(file, line, key + "." + partKey, part.getValue()));
          }
        } else {
          values.put(key, scalar(file, line, key, value));
        }
      }
      rows.add(new Row(line, values));
    }
    return rows;
  }

  private static String scalar(Path file, int line, String key, Object value) throws UsageException {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw new UsageException(file + ":" + line + ": " + key + " must be a single value");
    }
    return String.valueOf(value);
  }

  /** {@code objectType} → {@code object_type}; other keys lower-cased. */
  private static String snake(String key) {
    StringBuilder out = new StringBuilder();
    for (char c : key.strip().toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c == '-' ? '_' : c);
      }
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ CSV

  private static List<Row> csv(Path file, String text) throws UsageException {
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int line = 1;
    int recordLine = 1;
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"' && !fieldStarted) {
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
        if (!(record.size() == 1 && record.get(0).isBlank())) {
          records.add(record);
          lines.add(recordLine);
        }
        record = new ArrayList<>();
        line++;
        recordLine = line;
      } else {
        field.append(c);
        fieldStarted = true;
      }
    }
    if (quoted) {
      throw new UsageException(file + ":" + recordLine + ": a quoted field is not closed");
    }
    if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
      record.add(field.toString());
      if (!(record.size() == 1 && record.get(0).isBlank())) {
        records.add(record);
        lines.add(recordLine);
      }
    }
    if (records.isEmpty()) {
      throw new UsageException(file + ": empty CSV file (expected a header row)");
    }
    List<String> header = new ArrayList<>();
    for (String name : records.get(0)) {
      header.add(snake(name));
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> values = records.get(r);
      if (values.size() != header.size()) {
        throw new UsageException(
            file + ":" + lines.get(r) + ": " + values.size() + " fields, the header has " + header.size());
      }
      Map<String, String> map = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        map.put(header.get(c), values.get(c));
      }
      rows.add(new Row(lines.get(r), map));
    }
    return rows;
  }

  // ------------------------------------------------------------------ YAML subset

  /** A map that remembers the line it started on. */
  private static final class LineMap extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    final int line;

    LineMap(int line) {
      this.line = line;
    }
  }

  /** Block maps and lists of scalars, by indentation. */
  private static final class MiniYaml {
    private record Line(int number, int indent, String content) {}

    private final Path file;
    private final List<Line> lines = new ArrayList<>();
    private int pos;

    MiniYaml(Path file, String text) throws UsageException {
      this.file = file;
      String[] raw = text.split("\r?\n", -1);
      for (int i = 0; i < raw.length; i++) {
        String content = stripComment(raw[i]);
        if (content.isBlank() || content.strip().equals("---")) {
          continue;
        }
        if (content.contains("\t") && content.indexOf('\t') < indentOf(content) + 1) {
          throw new UsageException(file + ":" + (i + 1) + ": tabs cannot indent YAML");
        }
        int indent = indentOf(content);
        lines.add(new Line(i + 1, indent, content.strip()));
      }
    }

    Object parse() throws UsageException {
      if (lines.isEmpty()) {
        return List.of();
      }
      Object value = node(lines.get(0).indent());
      if (pos < lines.size()) {
        throw error(lines.get(pos), "unexpected indentation");
      }
      return value;
    }

    private Object node(int indent) throws UsageException {
      Line line = lines.get(pos);
      if (isItem(line.content())) {
        return list(indent);
      }
      return map(indent);
    }

    private List<Object> list(int indent) throws UsageException {
      List<Object> list = new ArrayList<>();
      while (pos < lines.size()) {
        Line line = lines.get(pos);
        if (line.indent() != indent || !isItem(line.content())) {
          if (line.indent() > indent) {
            throw error(line, "unexpected indentation");
          }
          break;
        }
        String rest = line.content().substring(1).strip();
        if (rest.isEmpty()) {
          pos++;
          if (pos < lines.size() && lines.get(pos).indent() > indent) {
            list.add(node(lines.get(pos).indent()));
          } else {
            list.add(null);
          }
        } else if (keyOf(rest) != null) {
          // "- key: value" starts a map whose keys line up with "key".
          int childIndent = line.indent() + line.content().indexOf(rest);
          lines.set(pos, new Line(line.number(), childIndent, rest));
          list.add(map(childIndent));
        } else {
          list.add(scalar(line, rest));
          pos++;
        }
      }
      return list;
    }

    private LineMap map(int indent) throws UsageException {
      LineMap map = new LineMap(lines.get(pos).number());
      while (pos < lines.size()) {
        Line line = lines.get(pos);
        if (line.indent() != indent || isItem(line.content())) {
          if (line.indent() > indent) {
            throw error(line, "unexpected indentation");
          }
          break;
        }
        String key = keyOf(line.content());
        if (key == null) {
          throw error(line, "expected 'key: value'");
        }
        String rest = line.content().substring(line.content().indexOf(':') + 1).strip();
        if (key.startsWith("\"") || key.startsWith("'")) {
          key = unquote(line, key);
        }
        if (map.containsKey(key)) {
          throw error(line, "duplicate key '" + key + "'");
        }
        pos++;
        if (!rest.isEmpty()) {
          map.put(key, scalar(line, rest));
        } else if (pos < lines.size()
            && (lines.get(pos).indent() > indent
                || (lines.get(pos).indent() == indent && isItem(lines.get(pos).content())))) {
          map.put(key, node(lines.get(pos).indent()));
        } else {
          map.put(key, null);
        }
      }
      return map;
    }

    private static boolean isItem(String content) {
      return content.equals("-") || content.startsWith("- ");
    }

    /** The key of {@code key: value} (outside quotes), or null. */
    private static String keyOf(String content) {
      char quote = 0;
      for (int i = 0; i < content.length(); i++) {
        char c = content.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          }
        } else if ((c == '"' || c == '\'') && i == 0) {
          quote = c;
        } else if (c == ':' && (i + 1 == content.length() || content.charAt(i + 1) == ' ')) {
          return i == 0 ? null : content.substring(0, i).strip();
        }
      }
      return null;
    }

    private Object scalar(Line line, String text) throws UsageException {
      if (text.startsWith("\"") || text.startsWith("'")) {
        return unquote(line, text);
      }
      if (text.startsWith("{") || text.startsWith("[") || text.startsWith("|") || text.startsWith(">")
          || text.startsWith("&") || text.startsWith("*") || text.startsWith("!")) {
        throw error(line, "only plain and quoted scalars are supported, not '" + text + "'");
      }
      if (text.equals("~") || text.equals("null")) {
        return null;
      }
      return text;
    }

    private String unquote(Line line, String text) throws UsageException {
      char quote = text.charAt(0);
      StringBuilder out = new StringBuilder();
      int i = 1;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (quote == '\'' && c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          out.append('\'');
          i += 2;
        } else if (c == quote) {
          if (!text.substring(i + 1).isBlank()) {
            throw error(line, "text after a closing quote");
          }
          return out.toString();
        } else if (quote == '"' && c == '\\' && i + 1 < text.length()) {
          char e = text.charAt(i + 1);
          out.append(
              switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                default -> e;
              });
          i += 2;
        } else {
          out.append(c);
          i++;
        }
      }
      throw error(line, "a quoted value is not closed");
    }

    private UsageException error(Line line, String message) {
      return new UsageException(file + ":" + line.number() + ": " + message);
    }

    private static int indentOf(String text) {
      int i = 0;
      while (i < text.length() && text.charAt(i) == ' ') {
        i++;
      }
      return i;
    }

    private static String stripComment(String line) {
      char quote = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'') {
          if (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == ':' || line.charAt(i - 1) == '-') {
            quote = c;
          }
        } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
          return line.substring(0, i);
        }
      }
      return line;
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String emptyToNull(String value) {
    return blank(value) ? null : value.strip();
  }
}
