package io.pushgen.runtime.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.manifest.ManifestHeader;
import io.pushgen.runtime.manifest.ManifestWriter;
import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.RelationalAsset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog a lineage run uses: given, the last metadata run's, or none. */
class MetadataCatalogTest {
  @TempDir Path dir;

  private static final TableName ORDERS = new TableName("SHOP", "RAW", "ORDERS");

  @Test
  void theLastMetadataRunIsTheCatalogWhenNoneIsGiven() throws IOException {
    Path last = dir.resolve("metadata_manifest.json");
    try (ManifestWriter w = ManifestWriter.open(last,
        ManifestHeader.of(Flow.METADATA, "snowflake", "snowflake", Instant.EPOCH))) {
      w.write(new RelationalAsset("TABLE", new AssetMetadata("ORDERS", "SHOP", "RAW"),
          List.of(new AssetField("ID", "NUMBER"), new AssetField("AMOUNT", "NUMBER"))));
      w.commit();
    }
    List<String> notes = new ArrayList<>();
    Catalog catalog = MetadataCatalog.forLineage(null, last, Dialect.SNOWFLAKE, notes::add);
    assertEquals(List.of("ID", "AMOUNT"), catalog.columns(ORDERS));
    // An unqualified ORDERS in database SHOP is the one known table of that name.
    assertEquals(ORDERS, catalog.complete(new TableName("SHOP", null, "ORDERS")));
    assertEquals(1, notes.size());
    assertTrue(notes.get(0).contains("the last metadata run"), notes.get(0));
  }

  @Test
  void anUnreadableLastRunIsLeftOutWithANoteButAGivenOneMustBeRead() throws IOException {
    Path last = Files.writeString(dir.resolve("metadata_manifest.json"), "{not json");
    List<String> notes = new ArrayList<>();
    Catalog catalog = MetadataCatalog.forLineage(null, last, Dialect.SNOWFLAKE, notes::add);
    assertEquals(List.of(), catalog.columns(ORDERS));
    assertTrue(notes.get(0).contains("left out as a catalog"), notes.toString());
    assertThrows(NoSuchFileException.class, () -> MetadataCatalog.forLineage(
        dir.resolve("missing.json"), last, Dialect.SNOWFLAKE, notes::add));
    assertEquals(Catalog.empty().columns(ORDERS), MetadataCatalog.forLineage(
        null, dir.resolve("absent.json"), Dialect.SNOWFLAKE, notes::add).columns(ORDERS));
  }
}
