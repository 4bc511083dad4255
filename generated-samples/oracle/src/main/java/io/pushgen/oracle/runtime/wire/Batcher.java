// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.oracle.runtime.wire;

import io.pushgen.oracle.runtime.model.Flow;
import io.pushgen.oracle.runtime.model.LineageEvent;
import io.pushgen.oracle.runtime.wire.EventValidator.InvalidEventException;
import io.pushgen.oracle.runtime.wire.IngestionService.Envelope;
import io.pushgen.oracle.runtime.wire.IngestionService.IngestRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Splits a stream of events into requests that respect both a count limit and Monte Carlo's limit
 * on the gzip-compressed body size, holding at most one batch in memory.
 *
 * <p>It yields {@link Batch}es in event order and {@link Rejection}s for events that are not sent:
 * an event that fails {@link EventValidator}, or one that is too large to fit in a request on its
 * own. Event indices are zero-based positions in the input (the manifest's {@code events[i]});
 * batch indices are zero-based too. Given the same events and limits the batches are always the
 * same, so a resumed push can skip the batches it already sent.
 *
 * <pre>{@code
 * Batcher batcher =
 *     new Batcher(flow, uuid, resourceType, null, Batcher.Limits.defaults(flow), events);
 * while (batcher.hasNext()) {
 *   Batcher.Item item = batcher.next();
 *   if (item instanceof Batcher.Batch batch) {
 *     transport.send(batch.request());
 *   } else if (item instanceof Batcher.Rejection rejection) {
 *     record(rejection);
 *   }
 * }
 * }</pre>
 *
 * <p>How a request is filled depends on the {@link Limits}. Filled to a target well below the cap
 * (what push programs do), each body is compressed once, as it grows, at deflate's fastest level,
 * whose size is an upper estimate of the default level's (and {@link Batch#compressedBytes}).
 * Packed under the cap itself, sizes are tracked with a running gzip stream that is only
 * sync-flushed when the batch nears the limit, and the final body of every batch is compressed
 * once more to verify it exactly.
 */
public final class Batcher implements Iterator<Batcher.Item> {

  /** What the batcher yields: a {@link Batch} or a {@link Rejection}. */
  public sealed interface Item permits Batch, Rejection {}

  /**
   * One request's worth of events.
   *
   * @param index the batch's zero-based position
   * @param firstEvent index of its first event
   * @param lastEvent index of its last event; events in between that were rejected are not in it
   * @param eventCount how many events it carries
   * @param eventType the request's {@code event_type}
   * @param compressedBytes the gzip-compressed size of the body: at the default level, or when
   *     filled to a target below the cap (see {@link Limits}), at the fastest level, which is
   *     larger
   * @param request the request to send
   */
  public record Batch(
      int index,
      long firstEvent,
      long lastEvent,
      int eventCount,
      String eventType,
      int compressedBytes,
      IngestRequest request)
      implements Item {}

  /**
   * An event together with its JSON, as {@link IngestionService.Envelope#eventBytes(Object)} gives
   * it, already at hand (its bytes in a manifest were in that form): the batcher validates the
   * event and uses these bytes instead of serialising it. May be given in place of any event.
   *
   * @param event the event
   * @param json its JSON exactly as the serialiser would write it
   */
  public record Serialised(Object event, byte[] json) {}

  /**
   * An event that is not sent.
   *
   * @param eventIndex the event's index
   * @param bytes the size of the event's JSON in bytes
   * @param reason why, starting with the event's path, e.g. {@code events[17].type: ...}
   */
  public record Rejection(long eventIndex, int bytes, String reason) implements Item {}

  /**
   * Limits of one request.
   *
   * <p>With a target well below the cap, requests are filled until their compressed size, measured
   * in one pass at deflate's fastest level, reaches about the target (a soft goal); that size, an
   * upper estimate of the default level's, is then checked against the cap, which a body cut at
   * the target does not come near. With a target close to or equal to the cap, requests are
   * packed as close under the target as their events allow (a sync-flushed running estimate at
   * the default level, then verified exactly); a single event may then use the whole cap.
   *
   * @param maxEvents the most events per request
   * @param maxCompressedBytes the gzip-compressed body must stay below this
   * @param targetCompressedBytes the compressed size to fill a request up to, at most {@code
   *     maxCompressedBytes}
   */
  public record Limits(int maxEvents, int maxCompressedBytes, int targetCompressedBytes) {
    /**
     * The default fill target: about half the gateway's limit, far enough below it that a body
     * filled to it never needs to be split again, and large enough that a request carries
     * thousands of assets.
     */
    public static final int DEFAULT_TARGET_BYTES = 512 * 1024;

    /**
     * How far below the cap the target must stay for requests to be filled in one compression
     * pass: the running compressor's output lags its input by at most one deflate block (a few
     * tens of KB), so a body cut at the target ends well below the cap.
     */
    static final int ONE_PASS_MARGIN_BYTES = 128 * 1024;

    /**
     * The most JSON a request filled to the target carries (once an event takes it past this, the
     * request goes): events that compress very well would otherwise make bodies of hundreds of MB,
     * too much to hold in memory and for the gateway to read in time.
     */
    public static final int MAX_FILLED_BODY_BYTES = 8 * 1024 * 1024;

    public Limits {
      if (maxEvents < 1) {
        throw new IllegalArgumentException("maxEvents must be at least 1, not " + maxEvents);
      }
      if (maxCompressedBytes < 1) {
        throw new IllegalArgumentException(
            "maxCompressedBytes must be positive, not " + maxCompressedBytes);
      }
      if (targetCompressedBytes < 1 || targetCompressedBytes > maxCompressedBytes) {
        throw new IllegalArgumentException(
            "targetCompressedBytes must be between 1 and maxCompressedBytes ("
                + maxCompressedBytes
                + "), not "
                + targetCompressedBytes);
      }
    }

    /** Requests packed as close under {@code maxCompressedBytes} as their events allow. */
    public Limits(int maxEvents, int maxCompressedBytes) {
      this(maxEvents, maxCompressedBytes, maxCompressedBytes);
    }

    /**
     * Requests of at most {@code maxEvents} events filled up to {@link #DEFAULT_TARGET_BYTES}
     * compressed, or packed under {@code maxCompressedBytes} when that cap is too low to leave a
     * margin above the target. What push programs use.
     */
    public static Limits filling(int maxEvents, int maxCompressedBytes) {
      int target =
          maxCompressedBytes >= DEFAULT_TARGET_BYTES + ONE_PASS_MARGIN_BYTES
              ? DEFAULT_TARGET_BYTES
              : maxCompressedBytes;
      return new Limits(maxEvents, maxCompressedBytes, target);
    }

    /**
     * Monte Carlo's documented batch sizes: 50 assets, 100 lineage events or 250 query-log
     * entries per request, under {@link Contract#MAX_COMPRESSED_BODY_BYTES}.
     */
    public static Limits defaults(Flow flow) {
      int maxEvents =
          switch (flow) {
            case METADATA -> 50;
            case LINEAGE -> 100;
            case QUERY_LOGS -> 250;
          };
      return new Limits(maxEvents, Contract.MAX_COMPRESSED_BODY_BYTES);
    }

    /** These limits with another event count. */
    public Limits withMaxEvents(int count) {
      return new Limits(count, maxCompressedBytes, targetCompressedBytes);
    }

    /** Whether requests are filled to a target below the cap, in one compression pass. */
    boolean onePass() {
      return targetCompressedBytes + ONE_PASS_MARGIN_BYTES <= maxCompressedBytes;
    }
  }

  private record Candidate(long index, byte[] json, boolean columnLevel) {}

  private final Flow flow;
  private final String resourceUuid;
  private final String resourceValue;
  private final String eventType;
  private final Limits limits;
  private final Iterator<?> events;
  private final long envelopeBytes;
  /** In one-pass filling, the envelope the running compressor starts each body with. */
  private final byte[] widestPrefix;
  /** The event type {@link #widestPrefix} holds. */
  private final String widestType;

  private final GzipSize estimate = new GzipSize();
  private final Envelope.Serialiser serialiser = new Envelope.Serialiser();
  private final List<Candidate> batch = new ArrayList<>();
  private final Deque<Candidate> carried = new ArrayDeque<>();
  private final Deque<Item> ready = new ArrayDeque<>();
  /** In one-pass filling, the JSON bytes of the body so far. */
  private long bodyBytes;

  private long nextEventIndex;
  private int nextBatchIndex;

  /**
   * @param flow the flow of the events
   * @param resourceUuid the resource uuid
   * @param resourceValue the resource type, or the log type for query logs
   * @param eventType for lineage, {@code LINEAGE} or {@code COLUMN_LINEAGE} to force it, or null to
   *     decide per batch (column lineage when any event in the batch has fields); null for the
   *     other flows
   * @param limits the request limits
   * @param events the events, instances of {@link Flow#eventClass()}; read lazily
   * @throws InvalidEventException when the resource or event type is not acceptable
   */
  public Batcher(
      Flow flow,
      String resourceUuid,
      String resourceValue,
      String eventType,
      Limits limits,
      Iterator<?> events) {
    EventValidator.validateResource(flow, resourceUuid, resourceValue);
    String widest = eventType;
    if (flow == Flow.LINEAGE && eventType == null) {
      widest = Contract.COLUMN_LINEAGE;
    }
    this.widestType = Envelope.eventType(flow, widest);
    this.widestPrefix = Envelope.prefix(flow, resourceUuid, resourceValue, widestType);
    this.envelopeBytes = widestPrefix.length + Envelope.suffixLength();
    this.flow = flow;
    this.resourceUuid = resourceUuid;
    this.resourceValue = resourceValue;
    this.eventType = eventType;
    this.limits = limits;
    this.events = events;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty()) {
      if (!carried.isEmpty()) {
        offer(carried.poll());
      } else if (events.hasNext()) {
        take(events.next());
      } else if (!batch.isEmpty()) {
        emit();
      } else {
        estimate.close();
        return false;
      }
    }
    return true;
  }

  @Override
  public Item next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  /** Validates and serialises a new event, then places it or rejects it. */
  private void take(Object given) {
    long index = nextEventIndex++;
    Object event = given instanceof Serialised serialised ? serialised.event() : given;
    List<EventValidator.Problem> problems = EventValidator.problems(flow, event);
    byte[] json;
    if (given instanceof Serialised serialised) {
      json = serialised.json();
    } else {
      try {
        json = serialiser.bytes(event);
      } catch (UncheckedIOException e) {
        ready.add(new Rejection(index, 0, "events[" + index + "]: " + e.getCause().getMessage()));
        return;
      }
    }
    if (!problems.isEmpty()) {
      String reason = problems.get(0).toException("events[" + index + "]").getMessage();
      ready.add(new Rejection(index, json.length, reason));
      return;
    }
    boolean columnLevel = event instanceof LineageEvent lineage && lineage.hasColumnLineage();
    offer(new Candidate(index, json, columnLevel));
  }

  private void offer(Candidate candidate) {
    if (limits.onePass()) {
      offerFilling(candidate);
    } else {
      offerPacking(candidate);
    }
  }

  /**
   * One-pass filling: the body is compressed as it grows, at deflate's fastest level and without
   * flushing, and cut once the compressor's output reaches the target; finishing that same stream
   * gives the body's size, so each body is compressed once, cheaply. That size is an upper
   * estimate of the default level's, which the target leaves far below the cap.
   */
  private void offerFilling(Candidate candidate) {
    if (batch.isEmpty()) {
      int alone = sizeIfTooLargeAlone(candidate);
      if (alone > 0) {
        ready.add(tooLarge(candidate, alone));
        return;
      }
      estimate.resetFast();
      estimate.write(widestPrefix);
      bodyBytes = widestPrefix.length;
    } else {
      estimate.write(',');
    }
    estimate.write(candidate.json());
    batch.add(candidate);
    bodyBytes += 1 + candidate.json().length;
    if (batch.size() >= limits.maxEvents()
        || estimate.emitted() >= limits.targetCompressedBytes()
        || bodyBytes >= Limits.MAX_FILLED_BODY_BYTES) {
      emit();
    }
  }

  /**
   * Packing under the target: a sync-flushed running estimate decides whether each event still
   * fits; the body is compressed again when it is emitted, to verify it.
   */
  private void offerPacking(Candidate candidate) {
    if (!batch.isEmpty() && !addToEstimate(candidate)) {
      int alone = sizeIfTooLargeAlone(candidate);
      if (alone > 0) {
        ready.add(tooLarge(candidate, alone));
        restartEstimate();
      } else {
        carried.addFirst(candidate);
        emit();
      }
      return;
    }
    if (batch.isEmpty()) {
      int alone = sizeIfTooLargeAlone(candidate);
      if (alone > 0) {
        ready.add(tooLarge(candidate, alone));
        return;
      }
      estimate.reset();
      estimate.write(candidate.json());
    }
    batch.add(candidate);
    if (batch.size() >= limits.maxEvents()) {
      emit();
    }
  }

  /**
   * Adds the event to the running estimate if the batch stays under the target with it. The
   * estimate is only sync-flushed (made exact) when its upper bound comes near the target.
   *
   * @return false when the event does not fit; the estimate then includes it
   */
  private boolean addToEstimate(Candidate candidate) {
    long limit = limits.targetCompressedBytes() - envelopeBytes;
    if (estimate.upperBound(1 + candidate.json().length) >= limit && !estimate.flushed()) {
      estimate.flush();
    }
    estimate.write(',');
    estimate.write(candidate.json());
    if (estimate.upperBound(0) >= limit) {
      estimate.flush();
      return estimate.upperBound(0) < limit;
    }
    return true;
  }

  /** Measures the pending events again, after an event that did not fit was rejected. */
  private void restartEstimate() {
    estimate.reset();
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        estimate.write(',');
      }
      estimate.write(batch.get(i).json());
    }
  }

  /**
   * The compressed size of a request holding only this event, when that is not under the limit;
   * else 0. Compresses only when the event's worst case does not fit.
   */
  private int sizeIfTooLargeAlone(Candidate candidate) {
    if (GzipSize.worstCase(candidate.json().length + envelopeBytes) < limits.maxCompressedBytes()) {
      return 0;
    }
    int exact = GzipSize.of(body(List.of(candidate)));
    return exact >= limits.maxCompressedBytes() ? exact : 0;
  }

  /**
   * Turns the pending events into a batch. Its compressed size is the one-pass stream's when that
   * stream compressed exactly this body, else the body is compressed (at the default level) to
   * measure it; while it is not under the limit, its last event is handed back for the next batch.
   */
  private void emit() {
    int measured = -1;
    if (limits.onePass()) {
      estimate.write(Envelope.suffix());
      int streamed = estimate.finish();
      if (eventType(batch).equals(widestType)) {
        measured = streamed;
      }
    }
    while (true) {
      byte[] body = body(batch);
      int compressed = measured >= 0 ? measured : GzipSize.of(body);
      measured = -1;
      int limit =
          batch.size() == 1 || limits.onePass()
              ? limits.maxCompressedBytes()
              : limits.targetCompressedBytes();
      if (compressed < limit) {
        Candidate first = batch.get(0);
        Candidate last = batch.get(batch.size() - 1);
        IngestRequest request = new IngestRequest(flow, body, batch.size());
        ready.add(
            new Batch(
                nextBatchIndex++,
                first.index(),
                last.index(),
                batch.size(),
                eventType(batch),
                compressed,
                request));
        break;
      }
      if (batch.size() == 1) {
        ready.add(tooLarge(batch.get(0), compressed));
        break;
      }
      carried.addFirst(batch.remove(batch.size() - 1));
    }
    batch.clear();
  }

  private byte[] body(List<Candidate> candidates) {
    List<byte[]> jsons = new ArrayList<>(candidates.size());
    for (Candidate candidate : candidates) {
      jsons.add(candidate.json());
    }
    return Envelope.build(flow, resourceUuid, resourceValue, eventType(candidates), jsons);
  }

  private String eventType(List<Candidate> candidates) {
    if (flow != Flow.LINEAGE || eventType != null) {
      return Envelope.eventType(flow, eventType);
    }
    for (Candidate candidate : candidates) {
      if (candidate.columnLevel()) {
        return Contract.COLUMN_LINEAGE;
      }
    }
    return Contract.LINEAGE;
  }

  private Rejection tooLarge(Candidate candidate, int compressed) {
    return new Rejection(
        candidate.index(),
        candidate.json().length,
        "events["
            + candidate.index()
            + "]: too large to send: a request holding only this event is "
            + compressed
            + " bytes compressed ("
            + candidate.json().length
            + " bytes of JSON), the limit is "
            + limits.maxCompressedBytes());
  }

  /**
   * Measures gzip-compressed sizes: exactly for a whole body, and while a batch grows, either as a
   * running upper-bound estimate (sync-flushed when needed) or as a plain running compression whose
   * finished size is exact, without compressing the batch again for every event.
   */
  static final class GzipSize {
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
}
