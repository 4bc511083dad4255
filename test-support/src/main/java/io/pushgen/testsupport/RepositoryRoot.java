package io.pushgen.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, for tests that read its files. */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  /**
   * System property {@code pushgen.root} (the build sets it to the top-level project folder), else
   * the nearest folder upwards from the working directory that holds {@code templates/} and
   * {@code warehouses/}.
   */
  public static Path get() {
    String property = System.getProperty("pushgen.root");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("templates")) && Files.isDirectory(dir.resolve("warehouses"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root (set -Dpushgen.root)");
  }
}
