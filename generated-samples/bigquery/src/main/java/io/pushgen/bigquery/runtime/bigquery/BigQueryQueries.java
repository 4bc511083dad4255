// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.bigquery.runtime.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.TableResult;
import io.pushgen.bigquery.runtime.collect.Quoting;
import io.pushgen.bigquery.runtime.collect.Sql;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** How the BigQuery programs run their queries with Google's client: named parameters, paged rows. */
public final class BigQueryQueries {
  private BigQueryQueries() {}

  /**
   * Runs one query with named parameters: each {@code :name} of the descriptor's SQL is bound as
   * {@code @name} ({@link #parameter}), and the result is read page by page as it is iterated.
   *
   * @param quoting how the {@code {{name}}} placeholders are quoted (backticks)
   * @param identifiers values of the {@code {{name}}} placeholders
   * @param values values of the {@code :name} parameters
   * @param pageSize rows per page fetched
   */
  public static Iterable<BigQueryRow> query(
      BigQuery client,
      Sql sql,
      Quoting quoting,
      Map<String, String> identifiers,
      Map<String, ?> values,
      long pageSize)
      throws InterruptedException {
    QueryJobConfiguration.Builder job =
        QueryJobConfiguration.newBuilder(sql.renderNamed(quoting, identifiers))
            .setUseLegacySql(false)
            .setMaxResults(pageSize);
    for (String name : sql.parameterNames()) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("no value for :" + name);
      }
      job.addNamedParameter(name, parameter(values.get(name)));
    }
    TableResult result = client.query(job.build());
    Schema schema = result.getSchema();
    return () -> {
      Iterator<FieldValueList> rows = result.iterateAll().iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public BigQueryRow next() {
          return new BigQueryRow(rows.next(), schema);
        }
      };
    };
  }

  /**
   * A bound value as a named query parameter: an {@link Instant} as TIMESTAMP, a list as
   * ARRAY&lt;STRING&gt;, anything else as STRING (null as a NULL STRING).
   */
  public static QueryParameterValue parameter(Object value) {
    if (value instanceof Instant instant) {
      return QueryParameterValue.timestamp(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    }
    if (value instanceof List<?> list) {
      return QueryParameterValue.array(
          list.stream().map(String::valueOf).toArray(String[]::new), String.class);
    }
    return QueryParameterValue.string(value == null ? null : value.toString());
  }

  /** The exact names of a comma-separated option, or an empty list (all) for null or blank. */
  public static List<String> names(String option) {
    List<String> names = new ArrayList<>();
    if (option != null) {
      for (String name : option.split(",")) {
        if (!name.isBlank()) {
          names.add(name.strip());
        }
      }
    }
    return names;
  }
}
