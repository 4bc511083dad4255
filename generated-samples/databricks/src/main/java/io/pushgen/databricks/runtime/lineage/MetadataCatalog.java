// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.databricks.runtime.lineage;

import io.pushgen.databricks.runtime.manifest.ManifestReader;
import io.pushgen.databricks.runtime.model.RelationalAsset.AssetField;
import io.pushgen.databricks.runtime.model.RelationalAsset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A {@link Catalog} read from a metadata manifest (the collected tables and their columns). */
public final class MetadataCatalog {
  private MetadataCatalog() {}

  /**
   * Reads every asset of a metadata manifest. Lookups are exact (the manifest holds names as the
   * warehouse stores them, which is what the engine resolves to), with a case-insensitive
   * fallback only where {@code ignoreCase} is set (MySQL, DuckDB).
   *
   * @throws IOException when the manifest cannot be read
   * @throws io.pushgen.databricks.runtime.manifest.ManifestReader.ManifestException when it is malformed
   * @throws IllegalArgumentException when it is not a metadata manifest
   */
  public static Catalog read(Path manifest, boolean ignoreCase) throws IOException {
    ManifestReader reader = ManifestReader.open(manifest);
    Map<TableName, List<String>> tables = new LinkedHashMap<>();
    try (ManifestReader.Events events = reader.events()) {
      while (events.hasNext()) {
        Object e = events.next();
        if (!(e instanceof RelationalAsset asset)) {
          throw new IllegalArgumentException(manifest + " is not a metadata manifest");
        }
        List<String> cols = new ArrayList<>();
        for (AssetField f : asset.fields()) {
          cols.add(f.name());
        }
        tables.put(new TableName(asset.metadata().database(), asset.metadata().schema(),
            asset.metadata().name()), cols);
      }
    }
    return ignoreCase ? Catalog.ofIgnoringCase(tables) : Catalog.of(tables);
  }

  /** Where {@code CollectMetadata} writes its manifest unless told otherwise. */
  public static final Path LAST_METADATA_RUN = Path.of("metadata_manifest.json");

  /**
   * The catalog of a lineage run: the metadata manifest given (which must be readable), else the
   * manifest of the last metadata run in the working directory when there is one (a note says
   * so; an unreadable one is skipped with a note), else none.
   *
   * @param given the manifest named on the command line, or null
   * @param notes receives what was used or skipped, one line each
   * @throws IOException when the given manifest cannot be read
   */
  public static Catalog forLineage(Path given, Dialect dialect, Consumer<String> notes)
      throws IOException {
    return forLineage(given, LAST_METADATA_RUN, dialect, notes);
  }

  /** {@link #forLineage(Path, Dialect, Consumer)} with the last run's manifest at {@code last}. */
  static Catalog forLineage(Path given, Path last, Dialect dialect, Consumer<String> notes)
      throws IOException {
    if (given != null) {
      return read(given, ignoresCase(dialect));
    }
    if (!Files.isRegularFile(last)) {
      return Catalog.empty();
    }
    try {
      Catalog catalog = read(last, ignoresCase(dialect));
      notes.accept("columns of known tables read from " + last.toAbsolutePath()
          + " (the last metadata run; --catalog names another)");
      return catalog;
    } catch (IOException | RuntimeException e) {
      notes.accept(last.toAbsolutePath() + " left out as a catalog: " + e.getMessage());
      return Catalog.empty();
    }
  }

  /** Whether the dialect's table names ignore case but keep the spelling of the query text. */
  public static boolean ignoresCase(Dialect dialect) {
    return dialect == Dialect.MYSQL || dialect == Dialect.DUCKDB || dialect == Dialect.TSQL
        || dialect == Dialect.TERADATA;
  }
}
