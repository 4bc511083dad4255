// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.collect;

import java.io.IOException;

/** Receives collected values one at a time, typically a manifest's {@code write}. */
@FunctionalInterface
public interface Sink<T> {
  void accept(T value) throws IOException;
}
