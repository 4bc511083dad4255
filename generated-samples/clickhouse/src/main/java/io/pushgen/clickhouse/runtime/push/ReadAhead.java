// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.push;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Iterates over {@code source} on a thread of its own, a bounded number of elements ahead of the
 * consumer, so that reading a manifest (parsing and binding its events) runs on one core while the
 * batcher serialises and compresses on another. Elements, and a {@link RuntimeException} thrown
 * by the source, reach the consumer in the source's order; the source is only ever used by the
 * reading thread.
 *
 * <p>Close it when stopping early: the reading thread stops (it never closes the source).
 *
 * @param <T> the elements
 */
final class ReadAhead<T> implements Iterator<T>, AutoCloseable {
  /** What the reading thread hands over: an element, the source's failure, or the end. */
  private record Item<T>(T element, RuntimeException failure, boolean end) {}

  private final BlockingQueue<Item<T>> queue;
  private final Thread reader;
  private volatile boolean closed;
  private Item<T> next;

  /**
   * @param source the elements, read on the new thread
   * @param capacity how many elements may wait for the consumer
   * @param name the reading thread's name
   */
  ReadAhead(Iterator<? extends T> source, int capacity, String name) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.reader = new Thread(() -> read(source), name);
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Iterator<? extends T> source) {
    try {
      while (source.hasNext()) {
        if (!put(new Item<>(source.next(), null, false))) {
          return;
        }
      }
      put(new Item<>(null, null, true));
    } catch (RuntimeException e) {
      put(new Item<>(null, e, true));
    }
  }

  /** Queues an item; false when the consumer closed this. */
  private boolean put(Item<T> item) {
    try {
      while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
        if (closed) {
          return false;
        }
      }
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading ahead", e);
      }
    }
    if (next.failure() != null) {
      throw next.failure();
    }
    return !next.end();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T element = next.element();
    next = null;
    return element;
  }

  /** Stops the reading thread and waits for it. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    queue.clear();
    reader.join();
  }
}
