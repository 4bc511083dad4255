package io.pushgen.runtime.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset.AssetVolume;
import io.pushgen.runtime.model.RelationalAsset.Tag;
import io.pushgen.runtime.model.RelationalAsset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestPartTest {
  private static final ManifestHeader HEADER =
      ManifestHeader.of(Flow.METADATA, "postgres", "postgres", Instant.parse("2026-11-24T10:00:00Z"));

  @TempDir Path dir;

  static RelationalAsset asset(String database, int i) {
    return new RelationalAsset(
        i % 3 == 0 ? "VIEW" : "TABLE",
        new AssetMetadata("t_" + i + " \"é\"", database, "s" + (i % 2), i % 2 == 0 ? "d" : null, null, null),
        i % 4 == 0 ? List.of(new Tag("k", "v")) : List.of(),
        List.of(new AssetField("id", "INTEGER", "key"), new AssetField("x,y", "TEXT")),
        new AssetVolume((long) i, null),
        null);
  }

  @Test
  void partsAppendedInOrderGiveTheSameBytesAsWritingDirectly() throws Exception {
    Path direct = dir.resolve("direct.json");
    try (ManifestWriter writer = ManifestWriter.open(direct, HEADER)) {
      for (String db : List.of("a", "b", "c")) {
        for (int i = 0; i < 5; i++) {
          writer.write(asset(db, i));
        }
        writer.report("failed_tables", db + ".x", "denied");
      }
      writer.report("failed_databases", "z");
      writer.commit();
    }

    Path parted = dir.resolve("parted.json");
    try (ManifestWriter writer = ManifestWriter.open(parted, HEADER)) {
      ManifestPart a = writer.newPart();
      ManifestPart b = writer.newPart();
      ManifestPart c = writer.newPart();
      // Written out of order, appended in order.
      for (int i = 0; i < 5; i++) {
        c.write(asset("c", i));
      }
      c.report("failed_tables", "c.x", "denied");
      for (int i = 0; i < 5; i++) {
        b.write(asset("b", i));
        a.write(asset("a", i));
      }
      b.report("failed_tables", "b.x", "denied");
      a.report("failed_tables", "a.x", "denied");
      assertEquals(5, a.eventCount());
      writer.append(a);
      writer.append(b);
      writer.append(c);
      writer.report("failed_databases", "z");
      assertEquals(15, writer.eventCount());
      writer.commit();
    }
    assertEquals(Files.readString(direct), Files.readString(parted));
    assertEquals(15, ManifestReader.open(parted).counts().events());
    assertOnlyManifests();
  }

  @Test
  void anEmptyPartAndAppendsBetweenDirectWritesKeepTheLayout() throws Exception {
    Path direct = dir.resolve("direct.json");
    try (ManifestWriter writer = ManifestWriter.open(direct, HEADER)) {
      writer.write(asset("a", 1));
      writer.write(asset("b", 2));
      writer.commit();
    }
    Path parted = dir.resolve("parted.json");
    try (ManifestWriter writer = ManifestWriter.open(parted, HEADER)) {
      ManifestPart empty = writer.newPart();
      ManifestPart b = writer.newPart();
      b.write(asset("b", 2));
      writer.append(empty);
      writer.write(asset("a", 1));
      writer.append(b);
      writer.commit();
    }
    assertEquals(Files.readString(direct), Files.readString(parted));
  }

  @Test
  void reportEntriesOfPartsAreCappedButAllCounted() throws Exception {
    Path file = dir.resolve("m.json");
    try (ManifestWriter writer = ManifestWriter.open(file, HEADER)) {
      ManifestPart a = writer.newPart();
      for (int i = 0; i < ManifestWriter.MAX_REPORT_ENTRIES + 10; i++) {
        a.report("skipped", "a" + i);
      }
      writer.report("skipped", "first");
      writer.append(a);
      writer.commit();
    }
    ManifestReader reader = ManifestReader.open(file);
    assertEquals(ManifestWriter.MAX_REPORT_ENTRIES, reader.report().size());
    assertEquals("first", reader.report().get(0).subject());
    assertEquals(ManifestWriter.MAX_REPORT_ENTRIES + 11L, reader.counts().reported().get("skipped"));
  }

  @Test
  void partsRefuseOtherEventsAndAbortingTheManifestDeletesThem() throws Exception {
    Path file = dir.resolve("m.json");
    try (ManifestWriter writer = ManifestWriter.open(file, HEADER)) {
      ManifestPart part = writer.newPart();
      part.write(asset("a", 1));
      assertThrows(IllegalArgumentException.class, () -> part.write("not an asset"));
      part.finish();
      assertThrows(IllegalStateException.class, () -> part.write(asset("a", 2)));
      writer.newPart();
      // not committed: close aborts
    }
    assertFalse(Files.exists(file));
    assertOnlyManifests();
  }

  @Test
  void committingDeletesPartsThatWereNeverAppended() throws Exception {
    Path file = dir.resolve("m.json");
    try (ManifestWriter writer = ManifestWriter.open(file, HEADER)) {
      writer.newPart().write(asset("a", 1));
      writer.commit();
    }
    assertEquals(0, ManifestReader.open(file).counts().events());
    assertOnlyManifests();
  }

  private void assertOnlyManifests() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      for (String name : names) {
        assertFalse(name.startsWith("."), "temporary file left behind: " + names);
      }
    }
  }
}
