// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.trino.runtime.push;

import io.pushgen.trino.runtime.cli.Console;
import io.pushgen.trino.runtime.cli.ExitCode;
import io.pushgen.trino.runtime.cli.RunSummary;
import io.pushgen.trino.runtime.cli.UsageException;
import io.pushgen.trino.runtime.http.Credentials;
import io.pushgen.trino.runtime.manifest.ManifestHeader;
import io.pushgen.trino.runtime.manifest.ManifestReader.ManifestException;
import io.pushgen.trino.runtime.manifest.ManifestReader;
import io.pushgen.trino.runtime.model.Flow;
import io.pushgen.trino.runtime.push.PushResult.BatchRecord;
import io.pushgen.trino.runtime.push.PushResult.Status;
import io.pushgen.trino.runtime.wire.Batcher;
import io.pushgen.trino.runtime.wire.EventValidator.InvalidEventException;
import io.pushgen.trino.runtime.wire.EventValidator;
import io.pushgen.trino.runtime.wire.IngestionService.IngestRequest;
import io.pushgen.trino.runtime.wire.PushException;
import io.pushgen.trino.runtime.wire.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushes a manifest: reads its header, streams its events through the {@link Batcher} and sends the
 * batches, at most {@code --parallelism} at a time, printing one line per batch and every
 * invocation id at the end.
 *
 * <p>Requests are filled up to about {@link Batcher.Limits#DEFAULT_TARGET_BYTES} compressed, with
 * {@code --batch-size} events and {@link Batcher.Limits#MAX_FILLED_BODY_BYTES} of JSON at most,
 * and under {@code --max-request-bytes} (see {@link Batcher.Limits#filling}).
 *
 * <p>The result file is rewritten (atomically, synced to disk) after every batch, before the batch
 * is reported and before its request slot goes to the next batch, so whatever happens to the
 * process, each batch the gateway accepted is recorded with its invocation id. Batches that
 * complete while the file is being written are written together by the next write (group commit),
 * so fast batches do not queue for one disk sync each. {@code --resume}
 * then sends exactly the batches not recorded as sent. The one inherent exception: a batch that was
 * in flight when the process died may have reached the gateway without its answer reaching us; it
 * is not recorded, so a resume sends it again and those events may arrive twice. No client of an
 * HTTP API can rule that out.
 *
 * <p>Batches are numbered from 1 in the order the batcher yields them; an event that cannot be sent
 * (too large for a request on its own, or invalid) takes a number of its own and is recorded as
 * {@code rejected}. Event indices are the zero-based positions in the manifest's {@code events}.
 */
public final class PushRunner {
  /** The resource uuid written into request bodies by a dry run without one. */
  public static final String DRY_RUN_RESOURCE_UUID = "00000000-0000-0000-0000-000000000000";

  /** How many parsed events may wait for the batcher. */
  private static final int READ_AHEAD_EVENTS = 256;

  private final PushOptions options;
  private final Transport transport;
  private final String sessionId;
  private final Console console;

  /**
   * @param options the push options
   * @param transport where batches go; unused (may be null) in a dry run
   * @param sessionId the run's session id, recorded in the result file
   * @param console where progress and errors go
   */
  public PushRunner(PushOptions options, Transport transport, String sessionId, Console console) {
    this.options = options;
    this.transport = transport;
    this.sessionId = sessionId;
    this.console = console;
  }

  /**
   * Pushes {@code manifest} as the options say and reports every problem on the console: the entry
   * point of generated push programs.
   *
   * @return {@link ExitCode#OK} when every batch was sent (or built, in a dry run), {@link
   *     ExitCode#USAGE} for unusable options or manifest, else {@link ExitCode#FAILURE}
   */
  public static int run(PushOptions options, Path manifest, Console console) {
    return run(options, manifest, console, null);
  }

  /**
   * As {@link #run(PushOptions, Path, Console)}, and adds the push's counts, invocation ids and
   * unsent batches to {@code summary} (when not null).
   */
  public static int run(PushOptions options, Path manifest, Console console, RunSummary summary) {
    try {
      options.validate();
      String sessionId = UUID.randomUUID().toString();
      Outcome outcome;
      try (Transport transport = options.dryRun() ? null : transport(options, sessionId, console)) {
        outcome = new PushRunner(options, transport, sessionId, console).push(manifest);
      }
      if (summary != null) {
        summary.resultFile(outcome.resultFile());
        outcome.result().summarize(summary);
      }
      return outcome.exitCode();
    } catch (UsageException | ManifestException | InvalidEventException e) {
      console.error(e);
      return ExitCode.USAGE;
    } catch (NoSuchFileException e) {
      console.error("no such file: " + e.getFile());
      return ExitCode.USAGE;
    } catch (IOException e) {
      console.error(e);
      return ExitCode.FAILURE;
    } catch (UncheckedIOException e) {
      console.error(e.getCause());
      return ExitCode.FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      console.error("interrupted; the result file records every batch sent so far");
      return ExitCode.FAILURE;
    } catch (RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }

  /** The HTTP transport the options describe, reporting retries on the console. */
  private static HttpTransport transport(PushOptions options, String sessionId, Console console)
      throws UsageException {
    Credentials credentials = options.credentials(console);
    options.resourceUuid();
    try {
      return HttpTransport.builder(credentials)
          .baseUrl(options.endpoint())
          .settings(options.httpSettings())
          .sessionId(sessionId)
          .onRetry(
              (request, attempt, reason, delay) ->
                  console.warn(
                      String.format(
                          Locale.ROOT,
                          "%s (request of %d events, attempt %d of %d); retrying in %.1f s",
                          reason,
                          request.eventCount(),
                          attempt,
                          options.maxAttempts(),
                          delay.toMillis() / 1000.0)))
          .build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * The outcome of a push.
   *
   * @param result what the result file holds (in a dry run: only the rejected events)
   * @param resultFile where it was written, or null in a dry run
   * @param complete whether every event of the manifest was handled (sent or not)
   */
  public record Outcome(PushResult result, Path resultFile, boolean complete) {
    /** {@link ExitCode#OK} when every event was handled and every batch sent. */
    public int exitCode() {
      PushResult.Totals totals = result.totals();
      return complete && totals.failed() == 0 && totals.rejected() == 0
          ? ExitCode.OK
          : ExitCode.FAILURE;
    }
  }

  /**
   * Pushes one manifest.
   *
   * @throws UsageException when the options do not fit the manifest, or a resume does not fit its
   *     result file
   * @throws ManifestException when the manifest is unusable
   * @throws IOException when the manifest, a dump or the result file cannot be read or written
   */
  public Outcome push(Path manifest) throws UsageException, IOException, InterruptedException {
    Instant started = now();
    ManifestReader reader = ManifestReader.open(manifest);
    ManifestHeader header = reader.header();
    Flow flow = header.flow();
    String resourceValue = resourceValue(header);
    String resourceUuid = options.resourceUuid();
    if (resourceUuid == null) {
      resourceUuid = DRY_RUN_RESOURCE_UUID;
    }
    try {
      EventValidator.validateResource(flow, resourceUuid, resourceValue);
    } catch (InvalidEventException e) {
      throw new UsageException(e.getMessage());
    }
    boolean queryLogs = flow == Flow.QUERY_LOGS;
    PushResult start =
        new PushResult(
            PushResult.FORMAT_VERSION,
            sessionId,
            flow.id(),
            header.warehouse(),
            resourceUuid,
            queryLogs ? null : resourceValue,
            queryLogs ? resourceValue : null,
            manifest.toString(),
            reader.sha256(),
            options.batchSize(flow),
            options.maxRequestBytes(),
            started.toString(),
            null,
            null,
            null,
            null);
    Map<Integer, BatchRecord> previous = new TreeMap<>();
    if (options.resume() != null) {
      PushResult earlier;
      try {
        earlier = PushResult.read(options.resume());
      } catch (NoSuchFileException e) {
        throw e;
      } catch (IOException e) {
        throw new UsageException("cannot resume from " + options.resume() + ": " + e.getMessage());
      }
      checkResumable(earlier, start);
      earlier.batches().stream()
          .filter(batch -> batch.status() == Status.SENT)
          .forEach(batch -> previous.put(batch.index(), batch));
      console.info(
          "resuming "
              + options.resume()
              + ": "
              + count(previous.size(), "batch")
              + " already sent");
    }
    Path resultFile = options.dryRun() ? null : resultFile(manifest);
    if (resultFile != null && options.resume() == null) {
      refuseToForgetAnUnfinishedPush(resultFile, start);
    }
    Batcher.Limits limits =
        Batcher.Limits.filling(options.batchSize(flow), options.maxRequestBytes());
    Run run = new Run(start, resultFile, previous);
    // The manifest is parsed on a thread of its own while this one validates, serialises and
    // compresses: the two halves of the work take about as long.
    try (ManifestReader.Events events = reader.eventsWithJson();
        ReadAhead<Object> ahead = new ReadAhead<>(events, READ_AHEAD_EVENTS, "pushgen-read")) {
      run.execute(new Batcher(flow, resourceUuid, resourceValue, null, limits, ahead));
    }
    return run.finish();
  }

  private String resourceValue(ManifestHeader header) throws UsageException {
    boolean queryLogs = header.flow() == Flow.QUERY_LOGS;
    if (queryLogs && options.resourceType() != null) {
      throw new UsageException("a query_logs manifest takes --log-type, not --resource-type");
    }
    if (!queryLogs && options.logType() != null) {
      throw new UsageException(
          "a " + header.flow().id() + " manifest takes --resource-type, not --log-type");
    }
    String override = queryLogs ? options.logType() : options.resourceType();
    return override != null ? override : header.resourceValue();
  }

  private void checkResumable(PushResult earlier, PushResult now) throws UsageException {
    String cannot = "cannot resume from " + options.resume() + ": ";
    if (!earlier.manifestSha256().equals(now.manifestSha256())) {
      throw new UsageException(
          cannot
              + "the manifest differs from the one it records ("
              + earlier.manifestPath()
              + ", sha256 "
              + earlier.manifestSha256()
              + "; "
              + now.manifestPath()
              + " has sha256 "
              + now.manifestSha256()
              + ")");
    }
    if (!earlier.flow().equals(now.flow())) {
      throw new UsageException(
          cannot + "it records a " + earlier.flow() + " push, this is " + now.flow());
    }
    if (earlier.batchSize() != now.batchSize()
        || earlier.maxRequestBytes() != now.maxRequestBytes()) {
      throw new UsageException(
          cannot
              + "its batches were cut with --batch-size "
              + earlier.batchSize()
              + " --max-request-bytes "
              + earlier.maxRequestBytes()
              + "; pass the same values");
    }
    if (!earlier.resourceUuid().equals(now.resourceUuid())) {
      throw new UsageException(
          cannot
              + "it pushed to resource "
              + earlier.resourceUuid()
              + ", not "
              + now.resourceUuid());
    }
    if (!Objects.equals(earlier.resourceType(), now.resourceType())
        || !Objects.equals(earlier.logType(), now.logType())) {
      throw new UsageException(cannot + "it pushed with another resource_type or log_type");
    }
  }

  /**
   * Starting afresh over the result of an unfinished push of the same manifest would send its sent
   * batches again and lose their invocation ids: that takes {@code --resume}, or deleting the file.
   */
  private static void refuseToForgetAnUnfinishedPush(Path resultFile, PushResult start)
      throws UsageException {
    if (!Files.exists(resultFile)) {
      return;
    }
    PushResult earlier;
    try {
      earlier = PushResult.read(resultFile);
    } catch (IOException | RuntimeException unreadable) {
      return;
    }
    boolean unfinished =
        earlier.finishedAt() == null
            || earlier.batches().stream().anyMatch(batch -> batch.status() != Status.SENT);
    if (unfinished && earlier.manifestSha256().equals(start.manifestSha256())) {
      throw new UsageException(
          resultFile
              + " records an unfinished push of this manifest: pass --resume "
              + resultFile
              + " to send the rest, or delete the file to push everything again");
    }
  }

  private Path resultFile(Path manifest) {
    if (options.resultFile() != null) {
      return options.resultFile();
    }
    if (options.resume() != null) {
      return options.resume();
    }
    String name = manifest.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return manifest.resolveSibling(stem + ".result.json");
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The state of one push: records, the result file, and whether to go on. */
  private final class Run {
    private final Map<Integer, BatchRecord> records = new TreeMap<>();
    private final Map<Integer, BatchRecord> previous;
    /** Held while the result file is written; guards {@link #committed}. */
    private final Object commitLock = new Object();
    /** How many outcomes were recorded; guarded by {@code this}. */
    private long recorded;
    /** How many of them the result file holds. */
    private long committed;
    private final Path resultFile;
    private final Flow flow;
    private PushResult result;
    private String stopReason;
    private IOException writeFailure;
    private RuntimeException readFailure;
    private boolean complete;
    private int dryRunBatches;
    private long dryRunEvents;

    Run(PushResult start, Path resultFile, Map<Integer, BatchRecord> previous) throws IOException {
      this.result = start.withBatches(new ArrayList<>(previous.values()), null);
      this.resultFile = resultFile;
      this.previous = previous;
      this.flow = Flow.fromId(start.flow());
      records.putAll(previous);
      if (resultFile != null) {
        result.write(resultFile);
      }
    }

    void execute(Batcher batcher) throws IOException, InterruptedException {
      int parallelism = options.parallelism();
      Semaphore permits = new Semaphore(parallelism);
      AtomicInteger threads = new AtomicInteger();
      ExecutorService pool =
          Executors.newFixedThreadPool(
              parallelism,
              task -> {
                Thread thread = new Thread(task, "pushgen-push-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      int index = 0;
      try {
        while (true) {
          // Taken before the batcher builds the next batch and given back once it is sent, so
          // at most `parallelism` batches are in memory at once.
          permits.acquire();
          Batcher.Item item = stopped() ? null : next(batcher);
          if (item == null) {
            permits.release();
            break;
          }
          index++;
          if (item instanceof Batcher.Rejection rejection) {
            permits.release();
            reject(index, rejection);
          } else if (item instanceof Batcher.Batch batch) {
            if (!start(index, batch)) {
              permits.release();
              continue;
            }
            int number = index;
            pool.execute(
                () -> {
                  try {
                    send(number, batch);
                  } finally {
                    permits.release();
                  }
                });
          }
        }
      } finally {
        pool.shutdown();
        while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
          console.info("waiting for the batches in flight...");
        }
      }
      if (index == 0 && complete) {
        console.info("the manifest holds no events: nothing to send");
      }
    }

    /** The next item, or null at the end or when the manifest cannot be read further. */
    private Batcher.Item next(Batcher batcher) {
      try {
        if (batcher.hasNext()) {
          return batcher.next();
        }
        complete = true;
      } catch (RuntimeException e) {
        readFailure = e;
        stop("the manifest could not be read to the end");
      }
      return null;
    }

    /** Handles what needs no request; returns whether the batch is to be sent. */
    private boolean start(int index, Batcher.Batch batch) throws IOException {
      BatchRecord earlier = previous.get(index);
      if (earlier != null) {
        if (earlier.firstEvent() != batch.firstEvent()
            || earlier.lastEvent() != batch.lastEvent()
            || earlier.eventCount() != batch.eventCount()) {
          stop(
              "batch "
                  + index
                  + " now holds "
                  + range(batch.firstEvent(), batch.lastEvent())
                  + " but the result file records "
                  + range(earlier.firstEvent(), earlier.lastEvent())
                  + " for it; the batches cannot be matched, push without --resume");
        } else {
          console.info(
              "batch "
                  + index
                  + ": "
                  + count(batch.eventCount(), "event")
                  + " ("
                  + range(batch.firstEvent(), batch.lastEvent())
                  + "), already sent, "
                  + invocation(earlier.invocationId()));
        }
        return false;
      }
      IngestRequest request = batch.request();
      Path dump = dump(index, request);
      if (options.dryRun()) {
        dryRunBatches++;
        dryRunEvents += batch.eventCount();
        console.info(
            String.format(
                Locale.ROOT,
                "batch %d: %s (%s), %d bytes, %d compressed%s (dry run: not sent)",
                index,
                count(batch.eventCount(), "event"),
                range(batch.firstEvent(), batch.lastEvent()),
                request.body().length,
                batch.compressedBytes(),
                dump == null ? "" : ", written to " + dump));
        return false;
      }
      return true;
    }

    private void send(int index, Batcher.Batch batch) {
      String events =
          count(batch.eventCount(), "event")
              + " ("
              + range(batch.firstEvent(), batch.lastEvent())
              + ")";
      try {
        Transport.SendResult sent = transport.send(batch.request());
        if (sent.invocationId() == null) {
          // Accepted all the same, as the SDK sees it: sending it again would duplicate its data.
          String warning =
              "HTTP "
                  + sent.status()
                  + " accepted the batch without an invocation_id: it cannot be traced downstream";
          record(
              new BatchRecord(
                  index,
                  batch.firstEvent(),
                  batch.lastEvent(),
                  batch.eventCount(),
                  sent.attempts(),
                  Status.SENT,
                  null,
                  null,
                  sessionId,
                  warning),
              null);
          console.warn("batch " + index + ": " + events + ": " + warning);
          return;
        }
        record(
            new BatchRecord(
                index,
                batch.firstEvent(),
                batch.lastEvent(),
                batch.eventCount(),
                sent.attempts(),
                Status.SENT,
                sent.invocationId(),
                null,
                sessionId),
            "batch "
                + index
                + ": "
                + events
                + ", sent in "
                + count(sent.attempts(), "attempt")
                + ", invocation_id "
                + sent.invocationId());
      } catch (PushException e) {
        failed(index, batch, e.attempts(), e.getMessage());
        if (stopsRun(e.status())) {
          stop("batch " + index + " failed in a way the other batches would too");
        }
      } catch (RuntimeException e) {
        failed(index, batch, 0, String.valueOf(e));
        stop("batch " + index + " failed unexpectedly");
      }
    }

    private void failed(int index, Batcher.Batch batch, int attempts, String error) {
      record(
          new BatchRecord(
              index,
              batch.firstEvent(),
              batch.lastEvent(),
              batch.eventCount(),
              attempts,
              Status.FAILED,
              null,
              error,
              sessionId),
          null);
      console.error(
          "batch "
              + index
              + ": "
              + count(batch.eventCount(), "event")
              + " ("
              + range(batch.firstEvent(), batch.lastEvent())
              + ") failed after "
              + count(attempts, "attempt")
              + ": "
              + error);
    }

    private void reject(int index, Batcher.Rejection rejection) {
      record(
          new BatchRecord(
              index,
              rejection.eventIndex(),
              rejection.eventIndex(),
              1,
              0,
              Status.REJECTED,
              null,
              rejection.reason(),
              sessionId),
          null);
      console.error("batch " + index + ": not sent: " + rejection.reason());
    }

    /**
     * Records a batch's outcome and returns once the result file holds it, then prints the line,
     * if any: nothing is reported done before it is on disk.
     */
    private void record(BatchRecord batch, String line) {
      long number;
      synchronized (this) {
        records.put(batch.index(), batch);
        number = ++recorded;
      }
      commit(number);
      if (line != null) {
        console.info(line);
      }
    }

    /**
     * Makes the result file hold the first {@code upTo} records (group commit). Writing it takes a
     * disk sync; the batches that complete while one write is under way are all covered by the
     * next, so a fast gateway costs one sync per group of batches, not one per batch.
     */
    private void commit(long upTo) {
      synchronized (commitLock) {
        if (committed >= upTo) {
          return;
        }
        PushResult snapshot;
        long covered;
        synchronized (this) {
          result = result.withBatches(new ArrayList<>(records.values()), null);
          snapshot = result;
          covered = recorded;
          if (resultFile == null || writeFailure != null) {
            committed = covered;
            return;
          }
        }
        try {
          snapshot.write(resultFile);
        } catch (IOException e) {
          synchronized (this) {
            writeFailure = e;
          }
          stop("cannot write the result file " + resultFile + ": " + e.getMessage());
        }
        committed = covered;
      }
    }

    private synchronized void stop(String reason) {
      if (stopReason == null) {
        stopReason = reason;
      }
    }

    private synchronized boolean stopped() {
      return stopReason != null;
    }

    /**
     * Writes the final result and prints the summary.
     *
     * @throws IOException when the result file could not be written
     * @throws RuntimeException the manifest's failure, when it could not be read to the end
     */
    Outcome finish() throws IOException {
      synchronized (this) {
        complete = complete && stopReason == null;
        result = result.withBatches(new ArrayList<>(records.values()), now().toString());
        if (resultFile != null && writeFailure == null) {
          result.write(resultFile);
        }
      }
      summarise();
      if (writeFailure != null) {
        throw writeFailure;
      }
      if (readFailure != null) {
        throw readFailure;
      }
      return new Outcome(result, resultFile, complete);
    }

    private void summarise() {
      PushResult.Totals totals = result.totals();
      if (options.dryRun()) {
        console.info(
            "dry run: "
                + flow.id()
                + ", "
                + count(dryRunBatches, "batch")
                + ", "
                + count(dryRunEvents, "event")
                + "; nothing was sent"
                + (totals.rejected() > 0
                    ? "; " + count(totals.rejected(), "event") + " would be rejected"
                    : ""));
        return;
      }
      long events = totals.eventsSent() + totals.eventsFailed() + totals.eventsRejected();
      console.info(
          flow.id()
              + ": "
              + totals.sent()
              + " of "
              + totals.batches()
              + " batches sent ("
              + totals.eventsSent()
              + " of "
              + events
              + " events) to resource "
              + result.resourceUuid()
              + ", session "
              + sessionId);
      if (!result.invocationIds().isEmpty()) {
        console.info("invocation ids, in batch order:");
        for (BatchRecord batch : result.batches()) {
          if (batch.status() == Status.SENT) {
            console.info(
                "  batch "
                    + batch.index()
                    + ": "
                    + (batch.invocationId() != null
                        ? batch.invocationId()
                        : "(accepted without an invocation_id)"));
          }
        }
      }
      if (totals.failed() > 0 || totals.rejected() > 0) {
        console.error(
            count(totals.failed(), "batch")
                + " failed ("
                + count(totals.eventsFailed(), "event")
                + "), "
                + count(totals.rejected(), "event")
                + " rejected");
      }
      if (stopReason != null) {
        console.error("stopped: " + stopReason + "; the rest of the manifest was not sent");
      }
      console.info("result: " + resultFile);
      if (totals.failed() > 0 || stopReason != null) {
        console.info(
            "to send what is missing, run again with --resume "
                + resultFile
                + " (and the same --batch-size and --max-request-bytes)");
      }
    }

    private Path dump(int index, IngestRequest request) throws IOException {
      if (options.dumpDir() == null) {
        return null;
      }
      Files.createDirectories(options.dumpDir());
      Path file =
          options
              .dumpDir()
              .resolve(String.format(Locale.ROOT, "batch-%05d-%s.json", index, flow.id()));
      Files.write(file, request.body());
      return file;
    }
  }

  /**
   * Whether a failure says nothing about this batch in particular, so that the other batches would
   * fail too: a refused key (401, 403), retries exhausted (throttling, server errors, timeouts,
   * connection failures).
   */
  private static boolean stopsRun(int status) {
    boolean batchSpecific =
        status >= 400 && status < 500 && status != 401 && status != 403 && status != 429;
    return !batchSpecific;
  }

  /** {@code invocation_id <id>}, or that there is none. */
  private static String invocation(String id) {
    return id == null ? "without an invocation_id" : "invocation_id " + id;
  }

  /** {@code 1 event}, {@code 2 events}, {@code 2 batches}. */
  private static String count(long n, String noun) {
    if (n == 1) {
      return "1 " + noun;
    }
    return n + " " + noun + (noun.endsWith("ch") ? "es" : "s");
  }

  private static String range(long first, long last) {
    return first == last ? "event " + first : "events " + first + "-" + last;
  }
}
