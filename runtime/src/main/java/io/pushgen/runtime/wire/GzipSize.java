package io.pushgen.runtime.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Measures gzip-compressed sizes: exactly for a whole body, and while a batch grows, either as a
 * running upper-bound estimate (sync-flushed when needed) or as a plain running compression whose
 * finished size is exact, without compressing the batch again for every event.
 */
final class GzipSize {
  /** gzip trailer (CRC and length) plus the final empty block. */
  private static final int FINISH_BYTES = 8 + 10;

  /** gzip header. */
  private static final int HEADER_BYTES = 10;

  private Counter counter;
  private GZIPOutputStream gzip;
  private long unflushed;

  /** The exact size of {@code data} compressed as one gzip stream at the default level. */
  static int of(byte[] data) {
    Counter counter = new Counter();
    try (GZIPOutputStream out = new GZIPOutputStream(counter, 8192)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) Math.min(Integer.MAX_VALUE, counter.count);
  }

  /** An upper bound of the compressed size of {@code raw} bytes: deflate's stored blocks. */
  static long worstCase(long raw) {
    return HEADER_BYTES + raw + 5 * (raw / 16_000 + 1) + FINISH_BYTES;
  }

  /** Starts a new running measure at the default level, the one {@link #of} measures. */
  void reset() {
    reset(Deflater.DEFAULT_COMPRESSION);
  }

  /**
   * Starts a new running measure at deflate's fastest level, several times cheaper than the
   * default. Its sizes are upper estimates of {@link #of}: the default level searches for longer
   * matches and in practice never compresses worse.
   */
  void resetFast() {
    reset(Deflater.BEST_SPEED);
  }

  private void reset(int level) {
    close();
    counter = new Counter();
    try {
      gzip =
          new GZIPOutputStream(counter, 8192, true) {
            {
              def.setLevel(level);
            }
          };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    unflushed = 0;
  }

  /** Adds bytes to the running measure. */
  void write(byte[] data) {
    try {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    unflushed += data.length;
  }

  /** Adds a single byte (a separator) to the running measure. */
  void write(int b) {
    try {
      gzip.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    unflushed++;
  }

  /** Sync-flushes, after which {@link #upperBound} is exact up to the finishing bytes. */
  void flush() {
    try {
      gzip.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    unflushed = 0;
  }

  /**
   * The compressed bytes the running measure has produced so far: a lower bound of its size, which
   * lags the input by the compressor's pending block.
   */
  long emitted() {
    return counter.count;
  }

  /**
   * Ends the running measure and returns its exact compressed size. Started by {@link #reset} and
   * without {@link #flush} calls in between, that is {@link #of} of everything written, however it
   * was split into writes.
   */
  int finish() {
    close();
    return (int) Math.min(Integer.MAX_VALUE, counter.count);
  }

  /** Whether everything written so far has been flushed. */
  boolean flushed() {
    return unflushed == 0;
  }

  /**
   * An upper bound of the compressed size of everything written so far plus {@code moreRaw} further
   * bytes: what has been emitted, plus the unflushed and further input stored uncompressed
   * (deflate's worst case), plus the finishing bytes.
   */
  long upperBound(long moreRaw) {
    return counter.count + worstCase(unflushed + moreRaw) - HEADER_BYTES;
  }

  /** Frees the native compressor. */
  void close() {
    if (gzip != null) {
      try {
        gzip.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      gzip = null;
    }
  }

  private static final class Counter extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
