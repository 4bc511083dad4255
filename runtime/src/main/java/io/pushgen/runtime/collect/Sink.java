package io.pushgen.runtime.collect;

import java.io.IOException;

/** Receives collected values one at a time, typically a manifest's {@code write}. */
@FunctionalInterface
public interface Sink<T> {
  void accept(T value) throws IOException;
}
