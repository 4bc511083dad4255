// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.bigquery.runtime.wire;

import io.pushgen.bigquery.runtime.model.Flow;
import io.pushgen.bigquery.runtime.model.LineageEvent;
import io.pushgen.bigquery.runtime.wire.EventValidator.InvalidEventException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

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
 * <p>Sizes are tracked with a running gzip stream that is only sync-flushed when the batch nears
 * the limit; the final body of every batch is compressed once more to verify it exactly.
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
   * @param compressedBytes the gzip-compressed size of the body
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
   * @param maxEvents the most events per request
   * @param maxCompressedBytes the gzip-compressed body must stay below this
   */
  public record Limits(int maxEvents, int maxCompressedBytes) {
    public Limits {
      if (maxEvents < 1) {
        throw new IllegalArgumentException("maxEvents must be at least 1, not " + maxEvents);
      }
      if (maxCompressedBytes < 1) {
        throw new IllegalArgumentException(
            "maxCompressedBytes must be positive, not " + maxCompressedBytes);
      }
    }

    /**
     * The documented defaults: 50 assets, 100 lineage events or 250 query-log entries per request,
     * under {@link Contract#MAX_COMPRESSED_BODY_BYTES}.
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
      return new Limits(count, maxCompressedBytes);
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

  private final GzipSize estimate = new GzipSize();
  private final List<Candidate> batch = new ArrayList<>();
  private final Deque<Candidate> carried = new ArrayDeque<>();
  private final Deque<Item> ready = new ArrayDeque<>();
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
    this.envelopeBytes =
        Envelope.prefix(flow, resourceUuid, resourceValue, widest).length + Envelope.suffixLength();
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
  private void take(Object event) {
    long index = nextEventIndex++;
    List<EventValidator.Problem> problems = EventValidator.problems(flow, event);
    byte[] json;
    try {
      json = Envelope.eventBytes(event);
    } catch (UncheckedIOException e) {
      ready.add(new Rejection(index, 0, "events[" + index + "]: " + e.getCause().getMessage()));
      return;
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
   * Adds the event to the running estimate if the batch stays under the limit with it. The estimate
   * is only sync-flushed (made exact) when its upper bound comes near the limit.
   *
   * @return false when the event does not fit; the estimate then includes it
   */
  private boolean addToEstimate(Candidate candidate) {
    long limit = limits.maxCompressedBytes() - envelopeBytes;
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
   * Turns the pending events into a batch, compressing the body to verify its size; while it is too
   * large its last event is handed back for the next batch.
   */
  private void emit() {
    while (true) {
      byte[] body = body(batch);
      int compressed = GzipSize.of(body);
      if (compressed < limits.maxCompressedBytes()) {
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
}
