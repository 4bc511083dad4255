// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.oracle.runtime.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normalises a warehouse's native type names: table types to Monte Carlo's {@code TABLE} or
 * {@code VIEW}, column types to canonical upper-case SQL names.
 *
 * <p>Lookup ignores case. A column type is first looked up whole ({@code timestamp with time
 * zone}); failing that, its base name before the first {@code (} or {@code <} is looked up and the
 * rest is kept ({@code character varying(20)} becomes {@code VARCHAR(20)}).
 *
 * <p>A column map made {@linkplain #forColumns(Map, Unknown, boolean) nested} also normalises the
 * type arguments between {@code <} and {@code >}, recursively, in Hive's and Spark's syntax: {@code
 * array<int>} becomes {@code ARRAY<INTEGER>} when {@code array} and {@code int} map to those, and
 * {@code struct<id:bigint,tags:map<string,string>>} becomes {@code
 * STRUCT<id:BIGINT,tags:MAP<VARCHAR,VARCHAR>>}: struct field names ({@code name:type}) are kept as
 * written, only their types are normalised.
 */
public final class TypeMap {
  /** What to do with a column type the map does not know. */
  public enum Unknown {
    /** Write it upper-cased. */
    UPPER,
    /** Write it as the warehouse reports it. */
    KEEP
  }

  private final Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final String defaultType;
  private final Unknown unknown;
  private final boolean nested;

  private TypeMap(Map<String, String> map, String defaultType, Unknown unknown, boolean nested) {
    this.map.putAll(map);
    this.defaultType = defaultType;
    this.unknown = unknown;
    this.nested = nested;
  }

  /** Table types: anything not in the map, and null, becomes {@code defaultType}. */
  public static TypeMap forTables(Map<String, String> map, String defaultType) {
    return new TypeMap(map, defaultType, null, false);
  }

  /** Column types: anything not in the map is handled as {@code unknown} says. */
  public static TypeMap forColumns(Map<String, String> map, Unknown unknown) {
    return new TypeMap(map, null, unknown, false);
  }

  /**
   * Column types whose type arguments inside {@code <...>} are normalised too when {@code nested}
   * (see the class comment).
   */
  public static TypeMap forColumns(Map<String, String> map, Unknown unknown, boolean nested) {
    return new TypeMap(map, null, unknown, nested);
  }

  /** The normalised name of a native type. */
  public String normalize(String nativeType) {
    if (nativeType == null || nativeType.isBlank()) {
      return defaultType;
    }
    String type = nativeType.strip();
    String whole = map.get(type);
    if (whole != null) {
      return whole;
    }
    if (defaultType != null) {
      return defaultType;
    }
    if (nested) {
      String normalised = nestedType(type);
      if (normalised != null) {
        return normalised;
      }
    }
    int cut = indexOfAny(type, '(', '<');
    if (cut > 0) {
      String base = map.get(type.substring(0, cut).strip());
      if (base != null) {
        return base + type.substring(cut);
      }
    }
    return unknown == Unknown.UPPER ? type.toUpperCase(Locale.ROOT) : type;
  }

  /**
   * {@code base<arg,...>} with the base and every argument normalised, or null when the type has
   * no well-formed {@code <...>} (it is then normalised as a whole).
   */
  private String nestedType(String type) {
    int open = type.indexOf('<');
    if (open <= 0 || !type.endsWith(">")) {
      return null;
    }
    List<String> arguments = splitTopLevel(type.substring(open + 1, type.length() - 1));
    if (arguments == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(normalize(type.substring(0, open)));
    out.append('<');
    for (int i = 0; i < arguments.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String argument = arguments.get(i).strip();
      int colon = topLevelColon(argument);
      if (colon > 0) {
        // struct<name:type>: the field name as written, its type normalised
        out.append(argument, 0, colon).append(':').append(normalize(argument.substring(colon + 1)));
      } else {
        out.append(normalize(argument));
      }
    }
    return out.append('>').toString();
  }

  /** The comma-separated parts outside brackets, or null when the brackets do not balance. */
  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '<' || c == '(') {
        depth++;
      } else if (c == '>' || c == ')') {
        if (--depth < 0) {
          return null;
        }
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    if (depth != 0) {
      return null;
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** The index of a {@code :} outside brackets, or -1. */
  private static int topLevelColon(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '<' || c == '(') {
        depth++;
      } else if (c == '>' || c == ')') {
        depth--;
      } else if (c == ':' && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfAny(String text, char first, char second) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == first || c == second) {
        return i;
      }
    }
    return -1;
  }
}
