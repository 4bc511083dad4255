package io.pushgen.generator.e2e;

import com.google.api.gax.paging.Page;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.TableResult;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A stand-in for Google's {@link BigQuery} client at its Java boundary: a {@link Proxy} that
 * answers {@code query(QueryJobConfiguration)} for exact SQL texts with {@link TableResult}s built
 * from a {@link Schema} and {@link FieldValueList}s encoded as the REST API delivers them to the
 * client (TIMESTAMP as floating-point seconds, INT64 as decimal text, REPEATED and RECORD values
 * nested), paged by the job's {@code maxResults}. Every query and every page fetched is recorded.
 *
 * <p>Why at the client boundary rather than an HTTP stand-in for the REST API: the programs' code
 * under test is everything above {@code BigQuery.query}; the client's own REST and auth plumbing is
 * Google's, and an HTTP double would have to emulate jobs.insert/getQueryResults polling and
 * credentials without testing any more of our code.
 */
final class FakeBigQuery {
  /** One query as the program issued it. */
  record Executed(String sql, Map<String, QueryParameterValue> parameters, Long pageSize) {}

  /** A result: its schema (as Google documents the view's columns) and rows. */
  record Result(Schema schema, List<FieldValueList> rows) {}

  private final Map<String, Function<Map<String, QueryParameterValue>, Result>> answers =
      new LinkedHashMap<>();
  private final List<Executed> executed = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, BigQueryException> refusals = new LinkedHashMap<>();
  private final List<String> dryRuns = Collections.synchronizedList(new ArrayList<>());
  private int pagesFetched;

  /** Answers the exact SQL text (after placeholders are filled in). */
  FakeBigQuery answer(String sql, Function<Map<String, QueryParameterValue>, Result> result) {
    answers.put(sql, result);
    return this;
  }

  List<Executed> executed() {
    return List.copyOf(executed);
  }

  int pagesFetched() {
    return pagesFetched;
  }

  /** The client, for the emitted {@code Warehouse.clients}. */
  BigQuery client() {
    return (BigQuery)
        Proxy.newProxyInstance(
            BigQuery.class.getClassLoader(),
            new Class<?>[] {BigQuery.class},
            (proxy, method, args) -> {
              if (method.getName().equals("query")
                  && args != null
                  && args[0] instanceof QueryJobConfiguration config) {
                return query(config);
              }
              if (method.getName().equals("create")
                  && args != null
                  && args[0] instanceof JobInfo job
                  && job.getConfiguration() instanceof QueryJobConfiguration config
                  && Boolean.TRUE.equals(config.dryRun())) {
                return dryRun(config);
              }
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> "FakeBigQuery";
                };
              }
              throw new UnsupportedOperationException("BigQuery." + method.getName());
            });
  }

  /** Installs this client as the emitted programs' {@code Warehouse.clients}. */
  void install(Class<?> warehouse) throws ReflectiveOperationException {
    Function<BigQueryOptions, BigQuery> factory = options -> client();
    warehouse.getField("clients").set(null, factory);
  }

  /**
   * Fails every dry run (and run) of the exact SQL text with {@code error}, as BigQuery refuses a
   * job the credentials lack a permission for.
   */
  FakeBigQuery refuse(String sql, BigQueryException error) {
    refusals.put(sql, error);
    return this;
  }

  /** The dry-run jobs created, by SQL text. */
  List<String> dryRuns() {
    return List.copyOf(dryRuns);
  }

  /**
   * A dry run: BigQuery checks the query and its permissions and returns a job that never runs.
   * The programs read nothing from that job, so none is built (null).
   */
  private Object dryRun(QueryJobConfiguration config) {
    dryRuns.add(config.getQuery());
    BigQueryException refusal = refusals.get(config.getQuery());
    if (refusal != null) {
      throw refusal;
    }
    if (!answers.containsKey(config.getQuery())) {
      throw new BigQueryException(
          400,
          "unexpected query",
          new BigQueryError("invalidQuery", "query", "no scripted answer for:\n" + config.getQuery()));
    }
    return null;
  }

  private TableResult query(QueryJobConfiguration config) {
    executed.add(
        new Executed(
            config.getQuery(), new LinkedHashMap<>(config.getNamedParameters()), config.getMaxResults()));
    BigQueryException refusal = refusals.get(config.getQuery());
    if (refusal != null) {
      throw refusal;
    }
    Function<Map<String, QueryParameterValue>, Result> answer = answers.get(config.getQuery());
    if (answer == null) {
      throw new BigQueryException(
          400,
          "unexpected query",
          new BigQueryError("invalidQuery", "query", "no scripted answer for:\n" + config.getQuery()));
    }
    Result result = answer.apply(config.getNamedParameters());
    long pageSize = config.getMaxResults() == null ? 10_000 : config.getMaxResults();
    return TableResult.newBuilder()
        .setSchema(result.schema())
        .setTotalRows((long) result.rows().size())
        .setPageNoSchema(page(result.rows(), 0, (int) pageSize))
        .build();
  }

  private Page<FieldValueList> page(List<FieldValueList> rows, int from, int size) {
    pagesFetched++;
    int to = Math.min(rows.size(), from + size);
    List<FieldValueList> values = rows.subList(from, to);
    boolean more = to < rows.size();
    return new Page<>() {
      @Override
      public boolean hasNextPage() {
        return more;
      }

      @Override
      public String getNextPageToken() {
        return more ? String.valueOf(to) : null;
      }

      @Override
      public Page<FieldValueList> getNextPage() {
        return more ? page(rows, to, size) : null;
      }

      @Override
      public Iterable<FieldValueList> iterateAll() {
        List<FieldValueList> all = new ArrayList<>(values);
        Page<FieldValueList> next = getNextPage();
        while (next != null) {
          next.getValues().forEach(all::add);
          next = next.getNextPage();
        }
        return all;
      }

      @Override
      public Iterable<FieldValueList> getValues() {
        return values;
      }
    };
  }

  // Values as the REST API encodes them (what the client's FieldValue holds).

  static FieldValue str(String value) {
    return FieldValue.of(FieldValue.Attribute.PRIMITIVE, value);
  }

  static FieldValue int64(Long value) {
    return FieldValue.of(FieldValue.Attribute.PRIMITIVE, value == null ? null : value.toString());
  }

  static FieldValue bool(Boolean value) {
    return FieldValue.of(FieldValue.Attribute.PRIMITIVE, value == null ? null : value.toString());
  }

  /** TIMESTAMP: seconds since the epoch as a floating-point number, as in the REST response. */
  static FieldValue ts(String instant) {
    if (instant == null) {
      return FieldValue.of(FieldValue.Attribute.PRIMITIVE, null);
    }
    Instant i = Instant.parse(instant);
    BigDecimal seconds =
        BigDecimal.valueOf(i.getEpochSecond()).add(BigDecimal.valueOf(i.getNano(), 9));
    return FieldValue.of(FieldValue.Attribute.PRIMITIVE, seconds.stripTrailingZeros().toString());
  }

  static FieldValue nul() {
    return FieldValue.of(FieldValue.Attribute.PRIMITIVE, null);
  }

  /** A RECORD value with its sub-fields' schema, so that it can be read by name. */
  static FieldValue record(FieldList fields, FieldValue... values) {
    return FieldValue.of(FieldValue.Attribute.RECORD, FieldValueList.of(List.of(values), fields));
  }

  /** A REPEATED value. */
  static FieldValue repeated(FieldValue... values) {
    return FieldValue.of(FieldValue.Attribute.REPEATED, List.of(values));
  }

  /** One row of a result with that schema. */
  static FieldValueList row(Schema schema, FieldValue... values) {
    if (values.length != schema.getFields().size()) {
      throw new IllegalArgumentException(
          values.length + " values for " + schema.getFields().size() + " columns");
    }
    return FieldValueList.of(List.of(values), schema.getFields());
  }

  /** The schema's field of that name (for nested records). */
  static Field field(Schema schema, String name) {
    return schema.getFields().get(name);
  }
}
