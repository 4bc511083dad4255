// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.postgres.runtime.manifest;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/** JSON paths ({@code $.events[17].metadata.name}) for error messages. */
final class JsonPaths {
  private JsonPaths() {}

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The path of the parser's current position. */
  static String of(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        if (c.getEntryCount() > 0) {
          parts.addFirst("[" + c.getCurrentIndex() + "]");
        }
      } else if (c.getCurrentName() != null) {
        parts.addFirst(key(c.getCurrentName()));
      }
    }
    return "$" + String.join("", parts);
  }

  /** {@code base} followed by the path of a mapping exception inside the value at base. */
  static String of(String base, JsonMappingException e) {
    StringBuilder path = new StringBuilder(base);
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(key(reference.getFieldName()));
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** {@code .name}, or {@code ['odd name']} for keys that are not plain identifiers. */
  static String key(String name) {
    if (PLAIN_KEY.matcher(name).matches()) {
      return "." + name;
    }
    return "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }
}
