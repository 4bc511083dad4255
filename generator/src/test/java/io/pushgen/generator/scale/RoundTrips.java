package io.pushgen.generator.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgen.runtime.manifest.ManifestReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the round-trip tests share: a metadata collection's statements counted at a small and a
 * large number of tables, and the assertion that they are the same.
 */
final class RoundTrips {
  private RoundTrips() {}

  /** The numbers of tables every round-trip test compares. */
  static final int SMALL = 10;

  static final int LARGE = 1_000;

  /** One collection: the tables in the warehouse, the round trips made, the assets written. */
  record Collection(int tables, List<String> statements, long assets) {}

  /** Reads how many assets the manifest holds. */
  static long assets(Path manifest) throws Exception {
    return ManifestReader.open(manifest).counts().events();
  }

  /**
   * Asserts that the two collections issued the same number of statements, and that each saw
   * every table (so the count is not equal merely because nothing was read).
   *
   * @param expectedAssets assets expected for a collection over {@code tables} tables
   */
  static void assertConstant(
      String warehouse, Collection small, Collection large, java.util.function.IntToLongFunction expectedAssets) {
    assertEquals(expectedAssets.applyAsLong(small.tables()), small.assets(), warehouse + ": assets at " + small.tables() + " tables");
    assertEquals(expectedAssets.applyAsLong(large.tables()), large.assets(), warehouse + ": assets at " + large.tables() + " tables");
    assertEquals(
        small.statements().size(),
        large.statements().size(),
        warehouse
            + ": catalog round trips must not depend on the number of tables\n--- at "
            + small.tables()
            + " tables:\n"
            + String.join("\n", abbreviate(small.statements()))
            + "\n--- at "
            + large.tables()
            + " tables:\n"
            + String.join("\n", abbreviate(large.statements())));
    System.out.printf(
        Locale.ROOT,
        "[round trips] %s: %d statements at %,d tables, %d at %,d tables%n",
        warehouse,
        small.statements().size(),
        small.tables(),
        large.statements().size(),
        large.tables());
  }

  private static List<String> abbreviate(List<String> statements) {
    List<String> lines = new ArrayList<>();
    for (String s : statements.subList(0, Math.min(statements.size(), 40))) {
      String line = s.strip().replaceAll("\\s+", " ");
      lines.add("  " + (line.length() > 120 ? line.substring(0, 117) + "..." : line));
    }
    if (statements.size() > 40) {
      lines.add("  ... " + (statements.size() - 40) + " more");
    }
    return lines;
  }
}
