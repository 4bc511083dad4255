// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hivemetastore.runtime.lineage;

import io.pushgen.hivemetastore.runtime.manifest.ManifestReader;
import io.pushgen.hivemetastore.runtime.model.RelationalAsset.AssetField;
import io.pushgen.hivemetastore.runtime.model.RelationalAsset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link Catalog} read from a metadata manifest (the collected tables and their columns). */
public final class MetadataCatalog {
  private MetadataCatalog() {}

  /**
   * Reads every asset of a metadata manifest. Lookups are exact (the manifest holds names as the
   * warehouse stores them, which is what the engine resolves to), with a case-insensitive
   * fallback only where {@code ignoreCase} is set (MySQL, DuckDB).
   *
   * @throws IOException when the manifest cannot be read
   * @throws io.pushgen.hivemetastore.runtime.manifest.ManifestException when it is malformed
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

  /** Whether the dialect's table names ignore case but keep the spelling of the query text. */
  public static boolean ignoresCase(Dialect dialect) {
    return dialect == Dialect.MYSQL || dialect == Dialect.DUCKDB;
  }
}
