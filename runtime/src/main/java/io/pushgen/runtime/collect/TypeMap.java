package io.pushgen.runtime.collect;

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

  private TypeMap(Map<String, String> map, String defaultType, Unknown unknown) {
    this.map.putAll(map);
    this.defaultType = defaultType;
    this.unknown = unknown;
  }

  /** Table types: anything not in the map, and null, becomes {@code defaultType}. */
  public static TypeMap forTables(Map<String, String> map, String defaultType) {
    return new TypeMap(map, defaultType, null);
  }

  /** Column types: anything not in the map is handled as {@code unknown} says. */
  public static TypeMap forColumns(Map<String, String> map, Unknown unknown) {
    return new TypeMap(map, null, unknown);
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
    int cut = indexOfAny(type, '(', '<');
    if (cut > 0) {
      String base = map.get(type.substring(0, cut).strip());
      if (base != null) {
        return base + type.substring(cut);
      }
    }
    return unknown == Unknown.UPPER ? type.toUpperCase(Locale.ROOT) : type;
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
