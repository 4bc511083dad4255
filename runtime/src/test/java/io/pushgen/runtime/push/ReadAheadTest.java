package io.pushgen.runtime.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

  @Test
  void deliversEveryElementInOrder() throws Exception {
    List<Integer> source = IntStream.range(0, 1_000).boxed().toList();
    List<Integer> read = new ArrayList<>();
    try (ReadAhead<Integer> ahead = new ReadAhead<>(source.iterator(), 7, "test-read")) {
      ahead.forEachRemaining(read::add);
      assertFalse(ahead.hasNext());
      assertThrows(NoSuchElementException.class, ahead::next);
    }
    assertEquals(source, read);
  }

  @Test
  void aFailureOfTheSourceArrivesAfterTheElementsBeforeIt() throws Exception {
    IllegalStateException broken = new IllegalStateException("events[3]: damaged");
    Iterator<Integer> source =
        new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Integer next() {
            if (i == 3) {
              throw broken;
            }
            return i++;
          }
        };
    try (ReadAhead<Integer> ahead = new ReadAhead<>(source, 2, "test-read")) {
      assertEquals(List.of(0, 1, 2), List.of(ahead.next(), ahead.next(), ahead.next()));
      assertSame(broken, assertThrows(IllegalStateException.class, ahead::hasNext));
    }
  }

  @Test
  void closingEarlyStopsReadingAFullQueue() throws Exception {
    AtomicInteger pulled = new AtomicInteger();
    Iterator<Integer> endless =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Integer next() {
            return pulled.incrementAndGet();
          }
        };
    ReadAhead<Integer> ahead = new ReadAhead<>(endless, 4, "test-read");
    assertEquals(1, ahead.next());
    ahead.close(); // returns only once the reading thread has stopped
    int after = pulled.get();
    assertTrue(after <= 1 + 4 + 1, "read at most a queue ahead, read " + after);
    assertEquals(after, pulled.get(), "nothing read after close");
  }
}
