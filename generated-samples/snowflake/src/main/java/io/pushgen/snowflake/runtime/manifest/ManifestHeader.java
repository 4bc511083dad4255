// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.snowflake.runtime.manifest;

import io.pushgen.snowflake.runtime.model.Flow;
import java.time.Instant;

/**
 * Everything in a manifest before its events.
 *
 * @param formatVersion the manifest format, always {@link #FORMAT_VERSION}
 * @param flow what the events are
 * @param warehouse the warehouse descriptor id, e.g. {@code postgres}
 * @param resourceType Monte Carlo's resource type (metadata and lineage); null for query logs
 * @param logType Monte Carlo's log type (query logs); null for the other flows
 * @param collectedAt when the collect run started
 * @param windowStart start of the collected time window, or null when the flow has no window
 * @param windowEnd end of the collected time window, or null when the flow has no window
 * @param shard the part of the account a sharded run collected ({@code --shard}), or null for all
 */
public record ManifestHeader(
    int formatVersion,
    Flow flow,
    String warehouse,
    String resourceType,
    String logType,
    Instant collectedAt,
    Instant windowStart,
    Instant windowEnd,
    Shard shard) {

  /** The only manifest format this runtime writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /**
   * @throws IllegalArgumentException when a required value is missing, the flow's resource key is
   *     not the one set, or only one end of the window is given
   */
  public ManifestHeader {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported manifest format_version " + formatVersion + " (expected 1)");
    }
    if (flow == null || warehouse == null || collectedAt == null) {
      throw new IllegalArgumentException("flow, warehouse and collected_at are required");
    }
    boolean queryLogs = flow == Flow.QUERY_LOGS;
    if (queryLogs
        ? logType == null || resourceType != null
        : resourceType == null || logType != null) {
      throw new IllegalArgumentException(
          "a " + flow.id() + " manifest has a " + flow.resourceKey() + " and nothing else");
    }
    if ((windowStart == null) != (windowEnd == null)) {
      throw new IllegalArgumentException("a window has both a start and an end, or neither");
    }
  }

  /**
   * Shard {@code index} of {@code count}: the manifest holds the databases (or schemas) whose
   * name hashes to it, and only shard 0 holds account-wide histories.
   */
  public record Shard(int index, int count) {
    /** @throws IllegalArgumentException unless {@code 0 <= index < count} */
    public Shard {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException("no shard " + index + " of " + count);
      }
    }
  }

  /**
   * A header without a window.
   *
   * @param resourceValue the resource type, or the log type for query logs
   */
  public static ManifestHeader of(
      Flow flow, String warehouse, String resourceValue, Instant collectedAt) {
    boolean queryLogs = flow == Flow.QUERY_LOGS;
    return new ManifestHeader(
        FORMAT_VERSION,
        flow,
        warehouse,
        queryLogs ? null : resourceValue,
        queryLogs ? resourceValue : null,
        collectedAt,
        null,
        null,
        null);
  }

  /** This header with a collected time window. */
  public ManifestHeader withWindow(Instant start, Instant end) {
    return new ManifestHeader(
        formatVersion, flow, warehouse, resourceType, logType, collectedAt, start, end, shard);
  }

  /** This header with the shard collected; a run of the whole account ({@code 0/1}) has none. */
  public ManifestHeader withShard(int index, int count) {
    return new ManifestHeader(
        formatVersion,
        flow,
        warehouse,
        resourceType,
        logType,
        collectedAt,
        windowStart,
        windowEnd,
        count == 1 ? null : new Shard(index, count));
  }

  /** The resource type, or the log type for query logs: what requests send as the resource. */
  public String resourceValue() {
    return flow == Flow.QUERY_LOGS ? logType : resourceType;
  }

  /** Whether the flow was collected over a time window. */
  public boolean hasWindow() {
    return windowStart != null;
  }
}
