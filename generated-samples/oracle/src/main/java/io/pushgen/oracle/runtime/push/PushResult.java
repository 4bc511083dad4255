// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.oracle.runtime.push;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pushgen.oracle.runtime.cli.AtomicFiles;
import io.pushgen.oracle.runtime.cli.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The result file of a push: what was pushed, from which manifest, and each batch's outcome with
 * its invocation id. It is rewritten after every batch, so it is always current, and it is the
 * input of {@code --resume}.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param sessionId the {@code x-mcd-session-id} of the run that wrote the file
 * @param flow {@code metadata}, {@code lineage} or {@code query_logs}
 * @param warehouse the warehouse id from the manifest
 * @param resourceUuid the Monte Carlo resource uuid pushed to
 * @param resourceType the {@code resource_type} (metadata and lineage), else null
 * @param logType the {@code log_type} (query logs), else null
 * @param manifestPath the manifest, as given on the command line
 * @param manifestSha256 the SHA-256 of the manifest file, hex
 * @param batchSize the most events per batch; with {@code maxRequestBytes} it fixes the batches
 * @param maxRequestBytes the most compressed bytes per request
 * @param startedAt when the run started (ISO-8601 UTC)
 * @param finishedAt when it ended, or null while it runs (or when it was killed)
 * @param batches every batch handled so far, by index
 * @param totals counts over {@code batches}
 * @param invocationIds the invocation ids of the sent batches, in batch order (a batch accepted
 *     without one has none)
 */
@JsonPropertyOrder({
  "format_version",
  "session_id",
  "flow",
  "warehouse",
  "resource_uuid",
  "resource_type",
  "log_type",
  "manifest_path",
  "manifest_sha256",
  "batch_size",
  "max_request_bytes",
  "started_at",
  "finished_at",
  "batches",
  "totals",
  "invocation_ids"
})
public record PushResult(
    @JsonProperty("format_version") int formatVersion,
    @JsonProperty("session_id") String sessionId,
    @JsonProperty("flow") String flow,
    @JsonProperty("warehouse") String warehouse,
    @JsonProperty("resource_uuid") String resourceUuid,
    @JsonProperty("resource_type") @JsonInclude(JsonInclude.Include.NON_NULL) String resourceType,
    @JsonProperty("log_type") @JsonInclude(JsonInclude.Include.NON_NULL) String logType,
    @JsonProperty("manifest_path") String manifestPath,
    @JsonProperty("manifest_sha256") String manifestSha256,
    @JsonProperty("batch_size") int batchSize,
    @JsonProperty("max_request_bytes") int maxRequestBytes,
    @JsonProperty("started_at") String startedAt,
    @JsonProperty("finished_at") String finishedAt,
    @JsonProperty("batches") List<BatchRecord> batches,
    @JsonProperty("totals") Totals totals,
    @JsonProperty("invocation_ids") List<String> invocationIds) {

  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Outcome of one batch. */
  public enum Status {
    /**
     * Accepted by the gateway; the record holds its invocation id, or a warning when the gateway
     * answered 2xx without one.
     */
    @JsonProperty("sent")
    SENT,
    /** Not accepted (an error status, or retries exhausted); the record holds the error. */
    @JsonProperty("failed")
    FAILED,
    /** Never sent: a single event is larger than a request may be. */
    @JsonProperty("rejected")
    REJECTED
  }

  /**
   * One batch.
   *
   * @param index the batch number, from 1
   * @param firstEvent index of the batch's first event in the manifest
   * @param lastEvent index of its last event
   * @param eventCount how many events it holds
   * @param attempts how many requests were made for it (0 when rejected)
   * @param status the outcome
   * @param invocationId the gateway's invocation id when sent (null when it answered without one)
   * @param error what went wrong when failed or rejected
   * @param sessionId the session of the run that handled the batch
   * @param warning what is doubtful about a sent batch (it was accepted without an invocation id)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "index",
    "first_event",
    "last_event",
    "event_count",
    "attempts",
    "status",
    "invocation_id",
    "error",
    "warning",
    "session_id"
  })
  public record BatchRecord(
      @JsonProperty("index") int index,
      @JsonProperty("first_event") long firstEvent,
      @JsonProperty("last_event") long lastEvent,
      @JsonProperty("event_count") int eventCount,
      @JsonProperty("attempts") int attempts,
      @JsonProperty("status") Status status,
      @JsonProperty("invocation_id") String invocationId,
      @JsonProperty("error") String error,
      @JsonProperty("session_id") String sessionId,
      @JsonProperty("warning") String warning) {

    /** A batch record without a warning. */
    public BatchRecord(
        int index,
        long firstEvent,
        long lastEvent,
        int eventCount,
        int attempts,
        Status status,
        String invocationId,
        String error,
        String sessionId) {
      this(
          index,
          firstEvent,
          lastEvent,
          eventCount,
          attempts,
          status,
          invocationId,
          error,
          sessionId,
          null);
    }
  }

  /** Counts of batches and of their events by outcome. */
  public record Totals(
      @JsonProperty("batches") int batches,
      @JsonProperty("sent") int sent,
      @JsonProperty("failed") int failed,
      @JsonProperty("rejected") int rejected,
      @JsonProperty("events_sent") long eventsSent,
      @JsonProperty("events_failed") long eventsFailed,
      @JsonProperty("events_rejected") long eventsRejected) {

    static Totals of(List<BatchRecord> batches) {
      int sent = 0;
      int failed = 0;
      int rejected = 0;
      long eventsSent = 0;
      long eventsFailed = 0;
      long eventsRejected = 0;
      for (BatchRecord batch : batches) {
        switch (batch.status()) {
          case SENT -> {
            sent++;
            eventsSent += batch.eventCount();
          }
          case FAILED -> {
            failed++;
            eventsFailed += batch.eventCount();
          }
          case REJECTED -> {
            rejected++;
            eventsRejected += batch.eventCount();
          }
        }
      }
      return new Totals(
          batches.size(), sent, failed, rejected, eventsSent, eventsFailed, eventsRejected);
    }
  }

  /**
   * Returns a copy with these batches (sorted by index) and the totals and ids derived from them.
   */
  public PushResult withBatches(List<BatchRecord> records, String finished) {
    List<BatchRecord> sorted =
        records.stream().sorted(Comparator.comparingInt(BatchRecord::index)).toList();
    List<String> ids =
        sorted.stream()
            .filter(batch -> batch.status() == Status.SENT && batch.invocationId() != null)
            .map(BatchRecord::invocationId)
            .toList();
    return new PushResult(
        formatVersion,
        sessionId,
        flow,
        warehouse,
        resourceUuid,
        resourceType,
        logType,
        manifestPath,
        manifestSha256,
        batchSize,
        maxRequestBytes,
        startedAt,
        finished,
        sorted,
        Totals.of(sorted),
        ids);
  }

  /** Adds this push's totals, invocation ids and the batches not sent to a run summary. */
  public void summarize(RunSummary summary) {
    summary.count("batches", totals.batches());
    summary.count("batches_failed", totals.failed() + totals.rejected());
    summary.count("events_sent", totals.eventsSent());
    summary.count("events_failed", totals.eventsFailed());
    summary.count("events_rejected", totals.eventsRejected());
    invocationIds.forEach(summary::invocationId);
    for (BatchRecord batch : batches) {
      if (batch.status() != Status.SENT) {
        summary.failedBatch(
            batch.index(), batch.status().name().toLowerCase(Locale.ROOT), batch.error());
      }
    }
  }

  /** Reads a result file. */
  public static PushResult read(Path file) throws IOException {
    PushResult result;
    try (InputStream in = Files.newInputStream(file)) {
      result = JSON.readValue(in, PushResult.class);
    }
    if (result == null
        || result.formatVersion() != FORMAT_VERSION
        || result.flow() == null
        || result.resourceUuid() == null
        || result.manifestSha256() == null
        || result.batches() == null
        || result.batches().stream().anyMatch(batch -> batch == null || batch.status() == null)) {
      throw new IOException(
          file + " is not a pushgen result file (format_version " + FORMAT_VERSION + ")");
    }
    return result;
  }

  /**
   * Writes the file atomically: to a temporary file in the same folder, flushed to disk, then moved
   * over the target, so readers (and a later {@code --resume}) see the old or the new content,
   * never a part.
   */
  public void write(Path file) throws IOException {
    AtomicFiles.write(file, (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
