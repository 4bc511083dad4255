// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.manifest;

import java.io.IOException;

/**
 * Where a collector writes events and report entries: a {@link ManifestWriter} itself, or a
 * {@link ManifestPart} that is appended to one later (one per database collected in parallel).
 */
public interface ManifestSink {
  /** Appends an event, a model record of the manifest's flow. */
  void write(Object event) throws IOException;

  /**
   * Records something that was not collected.
   *
   * @param kind a category such as {@code failed_tables}
   * @param subject what it is about
   * @param reason why, or null
   */
  void report(String kind, String subject, String reason);

  /** Records something that was not collected, described in one text. */
  default void report(String kind, String subject) {
    report(kind, subject, null);
  }
}
