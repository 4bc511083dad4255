// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One executed query.
 *
 * <p>Times are written in UTC like Python's {@code isoformat()} (see {@code wire.Timestamps}).
 * {@code extra} keeps its insertion order and its null values, which are written as given.
 *
 * @param startTime when the query started (required)
 * @param endTime when it ended (required)
 * @param queryText the SQL text (required)
 * @param queryId the warehouse's query id, or null
 * @param user who ran it, or null
 * @param errorCode the error code (string or integer), or null when the query succeeded
 * @param errorText the error message, or null
 * @param returnedRows how many rows it returned, or null
 * @param extra warehouse-specific fields ({@code warehouse_name}, {@code bytes_scanned}, ...), or
 *     null
 */
public record QueryLogEntry(
    @JsonProperty("start_time") Instant startTime,
    @JsonProperty("end_time") Instant endTime,
    @JsonProperty("query_text") String queryText,
    @JsonProperty("query_id") String queryId,
    String user,
    @JsonProperty("error_code") ErrorCode errorCode,
    @JsonProperty("error_text") String errorText,
    @JsonProperty("returned_rows") Long returnedRows,
    @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.ALWAYS)
        Map<String, Object> extra) {

  /** Copies {@code extra}, keeping its order and null values. */
  public QueryLogEntry {
    extra = extra == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** A query with only the required fields. */
  public QueryLogEntry(Instant startTime, Instant endTime, String queryText) {
    this(startTime, endTime, queryText, null, null, null, null, null, null);
  }
}
