// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.athena;

import io.pushgen.athena.runtime.model.ErrorCode;
import io.pushgen.athena.runtime.model.QueryLogEntry;
import io.pushgen.athena.runtime.wire.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.BatchGetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.ListQueryExecutionsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.UnprocessedQueryExecutionId;

/**
 * The finished query executions of one Athena workgroup in a window, read with {@code
 * ListQueryExecutions} (the ids, {@value #PAGE} per page, following {@code NextToken}) and {@code
 * BatchGetQueryExecution} (the executions of one page, at most {@value #PAGE} ids per request as
 * the API allows): two requests per page of ids, never one per query.
 *
 * <p>An execution belongs to the window its {@code CompletionDateTime} falls in ({@code [start,
 * end)}); queued and running ones are not finished and wait for a later run. Athena keeps 45 days
 * of history and does not document the order of the list; it lists the newest first in practice,
 * so the scan stops after a page whose executions were all submitted more than {@code scanMargin}
 * before the window's start (none of them, nor any older one, can have finished inside it unless
 * it ran longer than that). Without that order the scan reads the whole history, which is slower
 * but still complete.
 */
public final class QueryExecutions {
  private QueryExecutions() {}

  /** Ids per {@code ListQueryExecutions} page and per {@code BatchGetQueryExecution} request. */
  public static final int PAGE = 50;

  /** The states of an execution that has ended (Athena's {@code QueryExecutionState}). */
  private static final List<String> FINISHED = List.of("SUCCEEDED", "FAILED", "CANCELLED");

  /**
   * What one scan found.
   *
   * @param executions the finished executions of the window, by completion time, then id
   * @param pages pages of ids listed (each also one batch request when it held ids)
   * @param listed executions read, in the window or not
   */
  public record Found(List<QueryExecution> executions, long pages, long listed) {}

  /**
   * The finished executions of {@code workgroup} that completed in {@code [start, end)}.
   *
   * @param scanMargin how long before {@code start} the oldest execution still read was submitted
   * @param unprocessed receives each id {@code BatchGetQueryExecution} could not return, with
   *     Athena's reason
   */
  public static Found finishedIn(
      AthenaClient athena,
      String workgroup,
      Instant start,
      Instant end,
      Duration scanMargin,
      BiConsumer<String, String> unprocessed) {
    List<QueryExecution> found = new ArrayList<>();
    Instant oldestSubmission = start.minus(scanMargin);
    long pages = 0;
    long listed = 0;
    String token = null;
    do {
      String next = token;
      ListQueryExecutionsResponse page =
          athena.listQueryExecutions(b -> b.workGroup(workgroup).maxResults(PAGE).nextToken(next));
      pages++;
      List<String> ids = page.queryExecutionIds();
      if (ids.isEmpty()) {
        break;
      }
      BatchGetQueryExecutionResponse batch =
          athena.batchGetQueryExecution(b -> b.queryExecutionIds(ids));
      boolean recent = false;
      for (QueryExecution execution : batch.queryExecutions()) {
        listed++;
        QueryExecutionStatus status = execution.status();
        Instant submitted = status == null ? null : status.submissionDateTime();
        if (submitted == null || !submitted.isBefore(oldestSubmission)) {
          recent = true;
        }
        if (status != null && FINISHED.contains(status.stateAsString())) {
          Instant completed = status.completionDateTime();
          if (completed != null && !completed.isBefore(start) && completed.isBefore(end)) {
            found.add(execution);
          }
        }
      }
      for (UnprocessedQueryExecutionId id : batch.unprocessedQueryExecutionIds()) {
        recent = true;
        unprocessed.accept(id.queryExecutionId(), id.errorCode() + ": " + id.errorMessage());
      }
      if (!recent) {
        break;
      }
      token = page.nextToken();
    } while (token != null);
    found.sort(
        Comparator.comparing((QueryExecution e) -> e.status().completionDateTime())
            .thenComparing(QueryExecution::queryExecutionId));
    return new Found(found, pages, listed);
  }

  /**
   * One execution as a query-log entry: start at submission, end at completion, the text as
   * Athena kept it; Athena records no user. A failed query carries its {@code AthenaError} (the
   * numeric {@code ErrorType} as the code, else the state), a cancelled one the state {@code
   * CANCELLED}; the text is the error message, else the {@code StateChangeReason}.
   *
   * @param extra the entry's {@code extra}: key to {@link Fields} path, in order
   */
  public static QueryLogEntry entry(QueryExecution execution, Map<String, Fields> extra) {
    QueryExecutionStatus status = execution.status();
    String state = status.stateAsString();
    ErrorCode errorCode = null;
    String errorText = null;
    if (!"SUCCEEDED".equals(state)) {
      AthenaError error = status.athenaError();
      errorCode =
          error != null && error.errorType() != null
              ? ErrorCode.of(error.errorType().longValue())
              : ErrorCode.of(state);
      errorText =
          error != null && error.errorMessage() != null && !error.errorMessage().isBlank()
              ? error.errorMessage()
              : status.stateChangeReason();
    }
    Map<String, Object> values = null;
    if (!extra.isEmpty()) {
      values = new LinkedHashMap<>();
      for (Map.Entry<String, Fields> e : extra.entrySet()) {
        values.put(e.getKey(), e.getValue().value(execution));
      }
    }
    return new QueryLogEntry(
        status.submissionDateTime(),
        status.completionDateTime(),
        execution.query(),
        execution.queryExecutionId(),
        null,
        errorCode,
        errorText,
        null,
        values);
  }

  /**
   * A member of {@code QueryExecution} named by its path in Athena's API reference, e.g. {@code
   * Statistics.DataScannedInBytes} or {@code WorkGroup}: the descriptor's extras name the API's
   * fields, and the SDK's own field table reads them. Times are written like every other time.
   */
  public static final class Fields {
    private final String path;
    private final List<String> names;

    private Fields(String path, List<String> names) {
      this.path = path;
      this.names = names;
    }

    /**
     * The member at {@code path}, checked against the SDK's model of {@code QueryExecution}.
     *
     * @throws IllegalArgumentException naming the path and the members known where it failed
     */
    public static Fields of(String path) {
      List<String> names = List.of(path.split("\\.", -1));
      SdkPojo pojo = QueryExecution.builder();
      for (int i = 0; i < names.size(); i++) {
        SdkField<?> field = field(pojo, names.get(i));
        if (field == null) {
          List<String> known = pojo.sdkFields().stream().map(SdkField::memberName).sorted().toList();
          throw new IllegalArgumentException(
              "'" + path + "' is not a field of Athena's QueryExecution: no '" + names.get(i)
                  + "' (known there: " + String.join(", ", known) + ")");
        }
        if (i < names.size() - 1) {
          if (field.constructor() == null) {
            throw new IllegalArgumentException(
                "'" + path + "': '" + names.get(i) + "' has no fields of its own");
          }
          pojo = field.constructor().get();
        }
      }
      return new Fields(path, names);
    }

    /** The value in {@code execution}, or null when it or a member on its path is absent. */
    public Object value(QueryExecution execution) {
      Object current = execution;
      for (String name : names) {
        if (!(current instanceof SdkPojo pojo)) {
          return null;
        }
        SdkField<?> field = field(pojo, name);
        current = field == null ? null : field.getValueOrDefault(pojo);
      }
      if (current instanceof Instant instant) {
        return Timestamps.format(instant);
      }
      return current;
    }

    private static SdkField<?> field(SdkPojo pojo, String name) {
      for (SdkField<?> field : pojo.sdkFields()) {
        if (field.memberName().equals(name)) {
          return field;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return path;
    }
  }
}
