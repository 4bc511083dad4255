package io.pushgen.generator.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a document against {@code descriptor.schema.json}: a small implementation of exactly
 * the JSON Schema (draft 2020-12) keywords that schema uses. A schema with any other keyword is
 * rejected when it is loaded, so the schema cannot silently promise more than is checked.
 *
 * <p>One problem is reported per wrong node: a value of the wrong type is not looked into.
 */
public final class SchemaValidator {
  /** Keywords with a validation meaning that this validator implements. */
  private static final Set<String> SUPPORTED =
      Set.of(
          "type", "properties", "required", "additionalProperties", "enum", "const", "pattern",
          "items", "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum",
          "minProperties", "$ref", "$defs");
  /** Annotations: allowed anywhere, no effect on validation. */
  private static final Set<String> ANNOTATIONS =
      Set.of("$schema", "$id", "$comment", "title", "description", "default", "examples");

  private final JsonNode schema;

  public SchemaValidator(JsonNode schema) {
    this.schema = schema;
    checkSchema(schema, "#");
  }

  private void checkSchema(JsonNode s, String where) {
    if (s.isBoolean()) {
      return;
    }
    if (!s.isObject()) {
      throw new IllegalStateException("schema at " + where + " is not an object");
    }
    Iterator<String> names = s.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!SUPPORTED.contains(k) && !ANNOTATIONS.contains(k)) {
        throw new IllegalStateException(
            "descriptor schema uses keyword '" + k + "' at " + where
                + ", which pushgen's validator does not support");
      }
    }
    if (s.has("$ref")) {
      resolve(s.get("$ref").asText());
    }
    for (String container : List.of("properties", "$defs")) {
      if (s.has(container)) {
        s.get(container).fields().forEachRemaining(
            e -> checkSchema(e.getValue(), where + "/" + container + "/" + e.getKey()));
      }
    }
    for (String sub : List.of("items", "additionalProperties")) {
      if (s.has(sub)) {
        checkSchema(s.get(sub), where + "/" + sub);
      }
    }
    if (s.has("pattern")) {
      Pattern.compile(s.get("pattern").asText());
    }
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalStateException("only local $ref values are supported: " + ref);
    }
    JsonNode target = schema.at(ref.substring(1));
    if (target.isMissingNode()) {
      throw new IllegalStateException("$ref target not found: " + ref);
    }
    return target;
  }

  /** A schema violation at a JSON pointer; {@code atKey} when the key, not the value, is wrong. */
  public record Violation(String pointer, boolean atKey, String message, String fieldPointer) {
    Violation(String pointer, boolean atKey, String message) {
      this(pointer, atKey, message, pointer);
    }
  }

  public List<Violation> validate(JsonNode document) {
    List<Violation> out = new ArrayList<>();
    validate(schema, document, "", out);
    return out;
  }

  private void validate(JsonNode s, JsonNode node, String pointer, List<Violation> out) {
    if (s.isBoolean()) {
      if (!s.asBoolean()) {
        out.add(new Violation(pointer, true, "not allowed here"));
      }
      return;
    }
    if (s.has("$ref")) {
      int before = out.size();
      validate(resolve(s.get("$ref").asText()), node, pointer, out);
      if (out.size() > before) {
        return;
      }
    }
    if (s.has("type") && !typeMatches(s.get("type"), node)) {
      out.add(new Violation(pointer, false,
          "expected " + typeNames(s.get("type")) + ", got " + describe(node)));
      return;
    }
    if (s.has("const") && !s.get("const").equals(node)) {
      out.add(new Violation(pointer, false, "must be " + s.get("const")));
      return;
    }
    if (s.has("enum")) {
      boolean found = false;
      for (JsonNode allowed : s.get("enum")) {
        if (allowed.equals(node)) {
          found = true;
        }
      }
      if (!found) {
        List<String> allowed = new ArrayList<>();
        s.get("enum").forEach(v -> allowed.add(v.isTextual() ? v.asText() : v.toString()));
        out.add(new Violation(pointer, false,
            show(node) + " is not allowed (allowed: " + String.join(", ", allowed) + ")"));
        return;
      }
    }
    if (node.isTextual()) {
      String text = node.asText();
      int length = text.codePointCount(0, text.length());
      if (s.has("minLength") && length < s.get("minLength").asInt()) {
        out.add(new Violation(pointer, false, s.get("minLength").asInt() == 1
            ? "must not be empty" : "must have at least " + s.get("minLength").asInt() + " characters"));
        return;
      }
      if (s.has("maxLength") && length > s.get("maxLength").asInt()) {
        out.add(new Violation(pointer, false,
            "must have at most " + s.get("maxLength").asInt() + " characters"));
        return;
      }
      if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(text).find()) {
        out.add(new Violation(pointer, false,
            show(node) + " does not match the pattern " + s.get("pattern").asText()));
        return;
      }
    }
    if (node.isNumber()) {
      if (s.has("minimum") && node.decimalValue().compareTo(s.get("minimum").decimalValue()) < 0) {
        out.add(new Violation(pointer, false,
            node + " is too small (minimum: " + s.get("minimum") + ")"));
        return;
      }
      if (s.has("maximum") && node.decimalValue().compareTo(s.get("maximum").decimalValue()) > 0) {
        out.add(new Violation(pointer, false,
            node + " is too large (maximum: " + s.get("maximum") + ")"));
        return;
      }
    }
    if (node.isArray()) {
      if (s.has("minItems") && node.size() < s.get("minItems").asInt()) {
        out.add(new Violation(pointer, false,
            "needs at least " + s.get("minItems").asInt() + " item(s)"));
      }
      if (s.has("maxItems") && node.size() > s.get("maxItems").asInt()) {
        out.add(new Violation(pointer, false,
            "allows at most " + s.get("maxItems").asInt() + " item(s)"));
      }
      if (s.has("items")) {
        for (int i = 0; i < node.size(); i++) {
          validate(s.get("items"), node.get(i), pointer + "/" + i, out);
        }
      }
    }
    if (node.isObject()) {
      JsonNode properties = s.get("properties");
      JsonNode additional = s.get("additionalProperties");
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String child = pointer + "/" + YamlTree.escape(field.getKey());
        if (properties != null && properties.has(field.getKey())) {
          validate(properties.get(field.getKey()), field.getValue(), child, out);
        } else if (additional != null) {
          if (additional.isBoolean() && !additional.asBoolean()) {
            List<String> allowed = new ArrayList<>();
            if (properties != null) {
              properties.fieldNames().forEachRemaining(allowed::add);
            }
            out.add(new Violation(child, true,
                "unknown key '" + field.getKey() + "' (allowed: "
                    + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")",
                pointer));
          } else {
            validate(additional, field.getValue(), child, out);
          }
        }
      }
      if (s.has("required")) {
        List<String> missing = new ArrayList<>();
        for (JsonNode name : s.get("required")) {
          if (!node.has(name.asText())) {
            missing.add(name.asText());
          }
        }
        if (!missing.isEmpty()) {
          out.add(new Violation(pointer, true,
              (missing.size() == 1 ? "missing required key " : "missing required keys ")
                  + missing.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "))));
        }
      }
      if (s.has("minProperties") && node.size() < s.get("minProperties").asInt()) {
        out.add(new Violation(pointer, false,
            "needs at least " + s.get("minProperties").asInt() + " key(s)"));
      }
    }
  }

  private static boolean typeMatches(JsonNode type, JsonNode node) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (typeMatches(t, node)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "string" -> node.isTextual();
      case "integer" -> node.isIntegralNumber()
          || (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0);
      case "number" -> node.isNumber();
      case "boolean" -> node.isBoolean();
      case "null" -> node.isNull();
      case "object" -> node.isObject();
      case "array" -> node.isArray();
      default -> throw new IllegalStateException("unknown type in schema: " + type);
    };
  }

  private static String typeNames(JsonNode type) {
    if (type.isArray()) {
      List<String> names = new ArrayList<>();
      type.forEach(t -> names.add(typeName(t.asText())));
      return String.join(" or ", names);
    }
    return typeName(type.asText());
  }

  private static String typeName(String type) {
    return switch (type) {
      case "string" -> "a string";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "null" -> "null";
      case "object" -> "a mapping (key: value)";
      case "array" -> "a list";
      default -> type;
    };
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "the string " + show(node);
    }
    if (node.isIntegralNumber()) {
      return "the integer " + node;
    }
    if (node.isNumber()) {
      return "the number " + node;
    }
    if (node.isBoolean()) {
      return node.asText();
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.getNodeType().toString().toLowerCase();
  }

  private static String show(JsonNode node) {
    if (!node.isTextual()) {
      return node.toString();
    }
    String text = node.asText();
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    return "'" + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
  }
}
