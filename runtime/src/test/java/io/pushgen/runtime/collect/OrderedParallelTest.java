package io.pushgen.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.manifest.ManifestHeader;
import io.pushgen.runtime.manifest.ManifestReader;
import io.pushgen.runtime.manifest.ManifestWriter;
import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderedParallelTest {
  private static final ManifestHeader HEADER =
      ManifestHeader.of(Flow.METADATA, "w", "w", Instant.parse("2026-11-24T10:00:00Z"));
  private static final List<String> DATABASES =
      List.of("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9");

  @TempDir Path dir;

  /** Writes {@code 3 + index} assets with random pauses; d4 fails after two of them. */
  private static final class Collector {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final Random random = new Random(7);

    int collect(String database, io.pushgen.runtime.manifest.ManifestSink sink)
        throws SQLException, IOException {
      int now = running.incrementAndGet();
      maxRunning.accumulateAndGet(now, Math::max);
      try {
        int n = 3 + Integer.parseInt(database.substring(1));
        for (int i = 0; i < n; i++) {
          if (database.equals("d4") && i == 2) {
            sink.report("failed_tables", database + ".t2", "denied");
            throw new SQLException("permission denied for " + database);
          }
          sink.write(new RelationalAsset("TABLE", new AssetMetadata("t" + i, database, "s"), List.of()));
          pause();
        }
        return n;
      } finally {
        running.decrementAndGet();
      }
    }

    private void pause() {
      int millis;
      synchronized (random) {
        millis = random.nextInt(4);
      }
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private List<String> run(Path file, int parallelism, Collector collector) throws IOException {
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    try (ManifestWriter manifest = ManifestWriter.open(file, HEADER)) {
      OrderedParallel.forEach(
          manifest,
          DATABASES,
          parallelism,
          collector::collect,
          (database, count, failure) -> {
            if (failure != null) {
              manifest.report("failed_databases", database, failure.getMessage());
              done.add(database + " failed");
            } else {
              done.add(database + " " + count);
            }
          });
      manifest.commit();
    }
    return done;
  }

  @Test
  void theManifestIsTheSameWhateverTheParallelismAndAtMostNRunAtOnce() throws Exception {
    Path sequential = dir.resolve("one.json");
    List<String> sequentialDone = run(sequential, 1, new Collector());
    for (int parallelism : List.of(2, 3, 16)) {
      Collector collector = new Collector();
      Path parallel = dir.resolve("p" + parallelism + ".json");
      List<String> done = run(parallel, parallelism, collector);
      assertEquals(Files.readString(sequential), Files.readString(parallel), "parallelism " + parallelism);
      assertEquals(sequentialDone, done, "done is called in list order");
      assertTrue(collector.maxRunning.get() <= parallelism, "at most " + parallelism + " at once");
      if (parallelism > 1) {
        assertTrue(collector.maxRunning.get() > 1, "ran in parallel");
      }
    }
    assertEquals(
        List.of("d0 3", "d1 4", "d2 5", "d3 6", "d4 failed", "d5 8", "d6 9", "d7 10", "d8 11", "d9 12"),
        sequentialDone);
    ManifestReader reader = ManifestReader.open(sequential);
    // d4's first two assets are kept, as in a sequential run.
    assertEquals(3 + 4 + 5 + 6 + 2 + 8 + 9 + 10 + 11 + 12, reader.counts().events());
    assertEquals(
        List.of("failed_databases d4", "failed_tables d4.t2"),
        reader.report().stream().map(e -> e.kind() + " " + e.subject()).toList());
    assertNoTemporaryFiles();
  }

  @Test
  void anyOtherExceptionStopsTheRunAndLeavesNoFiles() throws Exception {
    Path file = dir.resolve("m.json");
    AtomicInteger started = new AtomicInteger();
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> {
              try (ManifestWriter manifest = ManifestWriter.open(file, HEADER)) {
                OrderedParallel.forEach(
                    manifest,
                    DATABASES,
                    2,
                    (database, sink) -> {
                      started.incrementAndGet();
                      sink.write(new RelationalAsset("TABLE", new AssetMetadata("t", database, "s"), List.of()));
                      if (database.equals("d1")) {
                        throw new IllegalStateException("out of order");
                      }
                      try {
                        Thread.sleep(20);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return 1;
                    },
                    (database, count, failure) -> {});
                manifest.commit();
              }
            });
    assertEquals("out of order", thrown.getMessage());
    assertFalse(Files.exists(file));
    assertTrue(started.get() < DATABASES.size(), "databases not started are skipped");
    assertNoTemporaryFiles();
  }

  @Test
  void parallelismBelowOneIsRefused() throws Exception {
    try (ManifestWriter manifest = ManifestWriter.open(dir.resolve("m.json"), HEADER)) {
      assertThrows(
          IllegalArgumentException.class,
          () -> OrderedParallel.forEach(manifest, DATABASES, 0, (d, s) -> 1, (d, r, f) -> {}));
    }
  }

  private void assertNoTemporaryFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
      assertEquals(List.of(), left);
    }
  }
}
