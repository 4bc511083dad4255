// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.collect;

import io.pushgen.clickhouse.runtime.manifest.ManifestPart;
import io.pushgen.clickhouse.runtime.manifest.ManifestSink;
import io.pushgen.clickhouse.runtime.manifest.ManifestWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Collects several databases at once, with at most {@code parallelism} running (each typically
 * holding one connection), while the manifest stays the same as a one-at-a-time run: each
 * database writes into its own {@link ManifestPart} (on disk, not in memory), and the parts are
 * appended in the order of the list as soon as every earlier one is done. Events, report entries
 * and console lines therefore come out in list order whatever the timing.
 *
 * <p>A {@link SQLException} fails only its database: {@code done} receives it, after the events
 * the database wrote before failing, which are kept (as in a sequential run). Any other exception
 * stops the run: the databases not started are skipped, the rest are awaited, and the exception
 * is rethrown.
 */
public final class OrderedParallel {
  private OrderedParallel() {}

  /** Collects one database into its sink; returns what {@code done} receives. */
  @FunctionalInterface
  public interface Work<K, R> {
    R run(K key, ManifestSink sink) throws SQLException, IOException;
  }

  /** Called on the calling thread, in list order, after the key's events were appended. */
  @FunctionalInterface
  public interface Done<K, R> {
    /**
     * @param result what the work returned, or null when it failed
     * @param failure the database's failure, or null
     */
    void accept(K key, R result, SQLException failure) throws IOException;
  }

  /**
   * Runs {@code work} for every key with at most {@code parallelism} at once. With a parallelism
   * of 1 (or a single key) everything runs on the calling thread and writes straight into the
   * manifest.
   *
   * @throws IllegalArgumentException when parallelism is below 1
   */
  public static <K, R> void forEach(
      ManifestWriter manifest, List<K> keys, int parallelism, Work<K, R> work, Done<K, R> done)
      throws IOException {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    if (parallelism == 1 || keys.size() <= 1) {
      for (K key : keys) {
        R result;
        try {
          result = work.run(key, manifest);
        } catch (SQLException e) {
          done.accept(key, null, e);
          continue;
        }
        done.accept(key, result, null);
      }
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(parallelism, keys.size()), threads());
    // A part is opened when its database starts and closed for writing when it ends, so at most
    // `parallelism` files are open; finished parts wait on disk for their turn.
    AtomicReferenceArray<ManifestPart> parts = new AtomicReferenceArray<>(keys.size());
    List<Future<R>> futures = new ArrayList<>(keys.size());
    try {
      for (int i = 0; i < keys.size(); i++) {
        int index = i;
        K key = keys.get(i);
        futures.add(
            pool.submit(
                () -> {
                  ManifestPart part = manifest.newPart();
                  parts.set(index, part);
                  try {
                    return work.run(key, part);
                  } finally {
                    part.finish();
                  }
                }));
      }
      for (int i = 0; i < keys.size(); i++) {
        R result = null;
        SQLException failure = null;
        try {
          result = futures.get(i).get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof SQLException sql) {
            failure = sql;
          } else {
            throw rethrow(cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while collecting");
        }
        manifest.append(parts.get(i));
        done.accept(keys.get(i), result, failure);
      }
    } finally {
      futures.forEach(f -> f.cancel(true));
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (int i = 0; i < parts.length(); i++) {
        ManifestPart part = parts.get(i);
        if (part != null) {
          part.close();
        }
      }
    }
  }

  private static IOException rethrow(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    throw new UncheckedIOException(new IOException(cause));
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "collect-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
