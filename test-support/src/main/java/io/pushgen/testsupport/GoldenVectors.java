package io.pushgen.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The wire vectors produced by Monte Carlo's Python SDK: the copies kept in the repository
 * ({@code runtime/src/test/resources/golden}), plus every {@code *.json} in the folder named by
 * the environment variable {@value #EXTRA_ENV} when it is set, so that new SDK vectors can be
 * checked without editing the repository.
 */
public final class GoldenVectors {
  /** Names a folder of further vectors to check. */
  public static final String EXTRA_ENV = "PUSHGEN_GOLDEN_EXTRA";

  private GoldenVectors() {}

  /** The repository's own vectors folder. */
  public static Path inRepository() {
    Path folder = RepositoryRoot.get().resolve("runtime/src/test/resources/golden");
    assertTrue(Files.isDirectory(folder), "golden vectors not found at " + folder);
    return folder;
  }

  /** The repository's vector of that name (without {@code .json}). */
  public static Path named(String name) {
    return inRepository().resolve(name + ".json");
  }

  /** Every vector to check, in-repository first, each list sorted by file name. */
  public static List<Path> all() {
    return all(System.getenv(EXTRA_ENV));
  }

  /** As {@link #all()}, with {@code extra} in place of the environment variable's value. */
  public static List<Path> all(String extra) {
    List<Path> files = new ArrayList<>(jsonFiles(inRepository()));
    assertFalse(files.isEmpty(), "no golden vectors in " + inRepository());
    if (extra != null && !extra.isBlank()) {
      Path folder = Path.of(extra);
      assertTrue(Files.isDirectory(folder), EXTRA_ENV + "=" + extra + " is not a folder");
      files.addAll(jsonFiles(folder));
    }
    return files;
  }

  private static List<Path> jsonFiles(Path folder) {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
