package io.pushgen.generator.descriptor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree, remembering where every node came from: for each
 * JSON pointer ({@code /metadata/tables/map}) the position of its key and of its value, and the
 * file it was read from (after {@link #merge}, a node may come from an override file).
 */
public final class YamlTree {
  /** A 1-based position in a file. */
  public record Pos(String file, int line, int column) {}

  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final JsonNode root;
  private final Map<String, Pos> keyPos;
  private final Map<String, Pos> valuePos;
  private final Map<String, String> text; // file -> source text
  private final String file;

  private YamlTree(
      JsonNode root,
      Map<String, Pos> keyPos,
      Map<String, Pos> valuePos,
      Map<String, String> text,
      String file) {
    this.root = root;
    this.keyPos = keyPos;
    this.valuePos = valuePos;
    this.text = text;
    this.file = file;
  }

  /** The document's root (an object for a well-formed descriptor). */
  public JsonNode root() {
    return root;
  }

  /** The file name used in messages (the main file, not an override). */
  public String file() {
    return file;
  }

  /** Where the key of the node at {@code pointer} is written (the value's position at the root). */
  public Pos keyPos(String pointer) {
    Pos pos = keyPos.get(pointer);
    if (pos != null) {
      return pos;
    }
    return valuePos(pointer);
  }

  /** Where the value of the node at {@code pointer} starts; falls back to the nearest parent. */
  public Pos valuePos(String pointer) {
    String p = pointer;
    while (true) {
      Pos pos = valuePos.get(p);
      if (pos != null) {
        return pos;
      }
      if (p.isEmpty()) {
        return new Pos(file, 1, 1);
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** The source text of the file a position refers to, or null. */
  public String sourceText(String fileName) {
    return text.get(fileName);
  }

  /** Parses one YAML document; syntax errors become a single {@link Problem} with the position. */
  public static YamlTree parse(String file, String source) throws DescriptorException {
    Map<String, Pos> keys = new HashMap<>();
    Map<String, Pos> values = new HashMap<>();
    try (JsonParser p = YAML.createParser(source)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new DescriptorException(new Problem(file, 1, 1, "", "the document is empty"));
      }
      Reader reader = new Reader(file, p, keys, values);
      JsonNode root = reader.read("");
      if (p.nextToken() != null) {
        JsonLocation loc = p.currentTokenLocation();
        throw new DescriptorException(
            new Problem(
                file, loc.getLineNr(), loc.getColumnNr(), "", "only one YAML document is allowed"));
      }
      return new YamlTree(root, keys, values, Map.of(file, source), file);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : loc.getLineNr();
      int column = loc == null ? 0 : loc.getColumnNr();
      throw new DescriptorException(
          new Problem(file, line, column, "", "YAML syntax error: " + firstLine(e.getOriginalMessage())));
    } catch (IOException e) {
      throw new DescriptorException(new Problem(file, 0, 0, "", "cannot read: " + e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable YAML";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }

  private static final class Reader {
    private final String file;
    private final JsonParser p;
    private final Map<String, Pos> keys;
    private final Map<String, Pos> values;

    Reader(String file, JsonParser p, Map<String, Pos> keys, Map<String, Pos> values) {
      this.file = file;
      this.p = p;
      this.keys = keys;
      this.values = values;
    }

    private Pos pos() {
      JsonLocation loc = p.currentTokenLocation();
      return new Pos(file, loc.getLineNr(), loc.getColumnNr());
    }

    JsonNode read(String pointer) throws IOException, DescriptorException {
      JsonToken t = p.currentToken();
      values.put(pointer, pos());
      switch (t) {
        case START_OBJECT -> {
          ObjectNode object = NODES.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String child = pointer + "/" + escape(name);
            Pos at = pos();
            if (object.has(name)) {
              throw new DescriptorException(
                  new Problem(file, at.line(), at.column(), display(pointer),
                      "duplicate key '" + name + "'"));
            }
            keys.put(child, at);
            p.nextToken();
            object.set(name, read(child));
          }
          return object;
        }
        case START_ARRAY -> {
          ArrayNode array = NODES.arrayNode();
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(pointer + "/" + i++));
          }
          return array;
        }
        case VALUE_STRING -> {
          return NODES.textNode(p.getText());
        }
        case VALUE_NUMBER_INT -> {
          return switch (p.getNumberType()) {
            case INT, LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
        }
        case VALUE_NUMBER_FLOAT -> {
          return NODES.numberNode(p.getDecimalValue());
        }
        case VALUE_TRUE -> {
          return NODES.booleanNode(true);
        }
        case VALUE_FALSE -> {
          return NODES.booleanNode(false);
        }
        case VALUE_NULL -> {
          return NODES.nullNode();
        }
        default -> {
          Pos at = pos();
          throw new DescriptorException(
              new Problem(file, at.line(), at.column(), display(pointer),
                  "unsupported YAML value (" + t + ")"));
        }
      }
    }
  }

  /**
   * Deep-merges {@code override} onto {@code base}: objects merge key by key (override keys are
   * added at the end of the base's order when new), everything else is replaced. Positions of
   * replaced or added nodes point into the override file.
   */
  public static YamlTree merge(YamlTree base, YamlTree override) {
    Map<String, Pos> keys = new HashMap<>(base.keyPos);
    Map<String, Pos> values = new HashMap<>(base.valuePos);
    JsonNode root = mergeNode(base.root, override.root, "", base, override, keys, values);
    Map<String, String> text = new HashMap<>(base.text);
    text.putAll(override.text);
    return new YamlTree(root, keys, values, text, base.file);
  }

  private static JsonNode mergeNode(
      JsonNode base,
      JsonNode over,
      String pointer,
      YamlTree baseTree,
      YamlTree overTree,
      Map<String, Pos> keys,
      Map<String, Pos> values) {
    if (base != null && base.isObject() && over.isObject()) {
      ObjectNode merged = ((ObjectNode) base).deepCopy();
      Iterator<Map.Entry<String, JsonNode>> it = over.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = pointer + "/" + escape(e.getKey());
        merged.set(
            e.getKey(),
            mergeNode(base.get(e.getKey()), e.getValue(), child, baseTree, overTree, keys, values));
      }
      return merged;
    }
    // Replaced wholesale: forget the base's positions below this pointer, take the override's.
    keys.keySet().removeIf(k -> k.startsWith(pointer + "/"));
    values.keySet().removeIf(k -> k.equals(pointer) || k.startsWith(pointer + "/"));
    for (Map.Entry<String, Pos> e : overTree.keyPos.entrySet()) {
      if (e.getKey().equals(pointer) || e.getKey().startsWith(pointer + "/")) {
        keys.put(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, Pos> e : overTree.valuePos.entrySet()) {
      if (e.getKey().equals(pointer) || e.getKey().startsWith(pointer + "/")) {
        values.put(e.getKey(), e.getValue());
      }
    }
    return over.deepCopy();
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  /** {@code /connection/settings/2/name} as {@code connection.settings[2].name}. */
  public static String display(String pointer) {
    if (pointer.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    List<String> tokens = List.of(pointer.substring(1).split("/", -1));
    for (String token : tokens) {
      if (!token.isEmpty() && token.chars().allMatch(Character::isDigit)) {
        sb.append('[').append(token).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(unescape(token));
      }
    }
    return sb.toString();
  }
}
