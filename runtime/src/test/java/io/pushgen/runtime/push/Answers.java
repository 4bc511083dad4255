package io.pushgen.runtime.push;

import io.pushgen.gateway.Fault;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.gateway.RecordedRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the local gateway answers the push tests' requests ({@link LocalGateway#respondWith}): a
 * script of answers for the next requests, then a rule for the rest (default: accept), and every
 * request that reached it, answered or refused, in arrival order.
 */
final class Answers implements Function<RecordedRequest, Fault> {
  /** An answer that accepts the request. */
  static final Optional<Fault> ACCEPT = Optional.empty();

  private final Deque<Optional<Fault>> script = new ArrayDeque<>();
  private final List<RecordedRequest> seen = new ArrayList<>();
  private volatile Function<RecordedRequest, Fault> otherwise = request -> null;

  /** Answers for the next requests, in order: {@link #ACCEPT} or {@code Optional.of(fault)}. */
  @SafeVarargs
  final synchronized Answers next(Optional<Fault>... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** The answer, once the script is used up: a fault, or null to accept. */
  Answers otherwise(Function<RecordedRequest, Fault> rule) {
    this.otherwise = rule;
    return this;
  }

  /** Every request that reached the gateway's rule, in arrival order. */
  synchronized List<RecordedRequest> seen() {
    return List.copyOf(seen);
  }

  @Override
  public Fault apply(RecordedRequest request) {
    Optional<Fault> scripted;
    synchronized (this) {
      seen.add(request);
      scripted = script.poll();
    }
    return scripted != null ? scripted.orElse(null) : otherwise.apply(request);
  }

  static Optional<Fault> fail(int status, String body) {
    return Optional.of(Fault.fail(status, body, null));
  }
}
