package io.pushgen.runtime.manifest;

import java.util.Map;

/**
 * A manifest's {@code counts}.
 *
 * @param events how many events it holds
 * @param reported how many report entries of each kind were recorded (all of them, even when the
 *     report lists only the first ones), sorted by kind
 */
public record ManifestCounts(long events, Map<String, Long> reported) {
  public ManifestCounts {
    reported = Map.copyOf(reported);
  }
}
