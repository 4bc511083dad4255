<#-- Everything descriptor-specific that the programs of a BigQuery warehouse share, and the
     BigQuery client glue: named parameters, paged results, typed reads of result rows. -->
package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.NamePatterns;
import ${runtimePkg}.collect.Quoting;
import ${runtimePkg}.collect.Sql;
import ${runtimePkg}.collect.TypeMap;
import ${runtimePkg}.wire.Timestamps;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.TableResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What is specific to ${comment(d.name)}: connection settings, identifier quoting, datasets to skip and
 * type normalisation, and how the programs run their queries with Google's BigQuery client.
 * Generated from {@code ${comment(source)}}; the queries live in the programs that run them.
 *
 * <p>Credentials are Google's Application Default Credentials: the service-account key file named by
 * {@code GOOGLE_APPLICATION_CREDENTIALS}, {@code gcloud auth application-default login}, or the
 * attached service account on Google Cloud.
 */
public final class Warehouse {
  private Warehouse() {}

  /** The warehouse id, written into manifests. */
  public static final String ID = ${javaString(d.id)};

  /** Human-readable name of the warehouse. */
  public static final String NAME = ${javaString(d.name)};

  /** Monte Carlo's resource type for this warehouse; {@code --resource-type} overrides it. */
  public static final String RESOURCE_TYPE = ${javaString(d.resource_type)};
<#if d.log_type??>

  /** Monte Carlo's query-log type for this warehouse; {@code --log-type} overrides it. */
  public static final String LOG_TYPE = ${javaString(d.log_type)};
</#if>

  /** How identifiers are quoted in queries: backticks, a backtick inside written {@code \`}. */
  public static final Quoting QUOTING = new Quoting(${javaString(d.quoting.quote)}, ${javaString(d.quoting.escape)});

  /** Datasets never collected. */
  public static final NamePatterns SKIP_SCHEMAS =
      NamePatterns.of(List.of(<#list (d.skip.schemas)![] as p>${javaString(p)}<#sep>, </#list>));

  /** Native table types mapped to Monte Carlo's TABLE or VIEW. */
  public static final TypeMap TABLE_TYPES =
      TypeMap.forTables(
          Map.ofEntries(
<#list d.table_types.map as native, type>
              Map.entry(${javaString(native)}, ${javaString(type)})<#if native?has_next>,<#else>),</#if>
</#list>
          ${javaString(d.table_types.default)});

  /** Native column types mapped to canonical names. */
  public static final TypeMap COLUMN_TYPES =
      TypeMap.forColumns(
<#if (d.column_types.map)?has_content>
          Map.ofEntries(
<#list d.column_types.map as native, type>
              Map.entry(${javaString(native)}, ${javaString(type)})<#if native?has_next>,<#else>),</#if>
</#list>
<#else>
          Map.of(),
</#if>
          TypeMap.Unknown.${((d.column_types.unknown)!"upper")?upper_case});
<#list ["metadata", "lineage", "query_logs"] as f>
<#if flows?seq_contains(f)>

  /** Events per ${f?replace("_", " ")} request (requests are also split to stay under 1 MB). */
  public static final int ${constant(f)}_BATCH_SIZE = ${d.batch_size[f]?c};
</#if>
</#list>

  /**
   * Opens a client for a project whose jobs run in the region collected: a {@code region-<r>}
   * view is queried in its own location, and a job sent elsewhere fails rather than being moved.
   * Replaceable, so that a test or an embedding program can supply its own {@link BigQuery}
   * (arguments: project id, region).
   */
  public static volatile BiFunction<String, String, BigQuery> clients =
      (projectId, region) ->
          BigQueryOptions.newBuilder()
              .setProjectId(projectId)
              .setLocation(region)
              .build()
              .getService();

  /**
   * Runs one query with named parameters: each {@code :name} of the descriptor's SQL is bound as
   * {@code @name} ({@link Instant}: TIMESTAMP; a list: ARRAY&lt;STRING&gt;; anything else: STRING),
   * and the result is read page by page as it is iterated.
   *
   * @param identifiers values of the {@code {{name}}} placeholders, quoted with backticks
   * @param pageSize rows per page fetched
   */
  public static Iterable<Row> query(
      BigQuery client, Sql sql, Map<String, String> identifiers, Map<String, ?> values, long pageSize)
      throws InterruptedException {
    QueryJobConfiguration.Builder job =
        QueryJobConfiguration.newBuilder(sql.renderNamed(QUOTING, identifiers))
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
        public Row next() {
          return new Row(rows.next(), schema);
        }
      };
    };
  }

  /** A bound value as a named query parameter (see {@link #query}). */
  static QueryParameterValue parameter(Object value) {
    if (value instanceof Instant instant) {
      return QueryParameterValue.timestamp(
          ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    }
    if (value instanceof List<?> list) {
      return QueryParameterValue.array(
          list.stream().map(String::valueOf).toArray(String[]::new), String.class);
    }
    return QueryParameterValue.string(value == null ? null : value.toString());
  }

  /** One result row, read by column name as the query's result schema types it. */
  public record Row(FieldValueList values, Schema schema) {
    private FieldValue field(String column) {
      return values.get(column);
    }

    /** A STRING column; null for NULL. */
    public String string(String column) {
      FieldValue v = field(column);
      return v.isNull() ? null : v.getStringValue();
    }

    /** A STRING column, null when NULL or blank. */
    public String nonBlank(String column) {
      String s = string(column);
      return s == null || s.isBlank() ? null : s;
    }

    /** An INT64 column as a count; null for NULL. */
    public Long count(String column) {
      FieldValue v = field(column);
      return v.isNull() ? null : v.getLongValue();
    }

    /** A TIMESTAMP column; null for NULL. */
    public Instant instant(String column) {
      FieldValue v = field(column);
      return v.isNull() ? null : v.getTimestampInstant();
    }

    /** A TIMESTAMP column in the wire format, null for NULL. */
    public String timestamp(String column) {
      Instant instant = instant(column);
      return instant == null ? null : Timestamps.format(instant);
    }

    /**
     * A column as a JSON-friendly value by its type: INTEGER as Long, FLOAT as Double, NUMERIC as
     * BigDecimal, BOOLEAN as Boolean, TIMESTAMP in the wire format, anything else as text.
     */
    public Object value(String column) {
      FieldValue v = field(column);
      if (v.isNull()) {
        return null;
      }
      LegacySQLTypeName type = schema == null ? null : schema.getFields().get(column).getType();
      if (LegacySQLTypeName.INTEGER.equals(type)) {
        return v.getLongValue();
      }
      if (LegacySQLTypeName.FLOAT.equals(type)) {
        return v.getDoubleValue();
      }
      if (LegacySQLTypeName.NUMERIC.equals(type) || LegacySQLTypeName.BIGNUMERIC.equals(type)) {
        return v.getNumericValue();
      }
      if (LegacySQLTypeName.BOOLEAN.equals(type)) {
        return v.getBooleanValue();
      }
      if (LegacySQLTypeName.TIMESTAMP.equals(type)) {
        return Timestamps.format(v.getTimestampInstant());
      }
      return v.getStringValue();
    }

    /**
     * A REPEATED RECORD column (e.g. JOBS.referenced_tables) as rows of its sub-fields; empty for
     * NULL.
     */
    public List<Row> records(String column) {
      FieldValue v = field(column);
      List<Row> records = new ArrayList<>();
      if (v.isNull()) {
        return records;
      }
      Field field = schema.getFields().get(column);
      Schema sub = field.getSubFields() == null ? null : Schema.of(field.getSubFields());
      for (FieldValue element : v.getRepeatedValue()) {
        records.add(new Row(element.getRecordValue(), sub));
      }
      return records;
    }
  }

  /** Exact names of a comma-separated option, or an empty list for all. */
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

  /** A dataset region name: letters, digits and hyphens, e.g. {@code us} or {@code europe-west1}. */
  private static final Pattern REGION = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

  /**
   * Connection settings. Each option falls back to its environment variable; credentials come from
   * Application Default Credentials, never from an option.
   */
  public static final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;
<#list d.connection.settings as s>

    @Option(
        names = "--${s.name?replace("_", "-")}",
        defaultValue = ${javaString(r"${env:" + s.env + (s.default??)?then(":-" + s.default!"", "") + "}")},
        description = ${picocliString((s.description!"") + " (env " + s.env + (s.default??)?then(", default " + (s.default?has_content)?then(s.default, "empty"), "") + ")")})
    private String ${camel(s.name)};
</#list>

    @Option(
        names = "--page-size",
        defaultValue = "10000",
        description = "Rows fetched per page of a result (default: ${r"${DEFAULT-VALUE}"}).")
    private long pageSize;

    /**
     * Checks that required settings are present and well formed.
     *
     * @throws UsageException naming the missing option and its environment variable
     */
    public void validate(Console console) throws UsageException {
<#list d.connection.settings as s>
<#if s.required!false>
      if (${camel(s.name)} == null || ${camel(s.name)}.isBlank()) {
        throw new UsageException(
            "missing --${s.name?replace("_", "-")} (or the environment variable ${s.env})");
      }
</#if>
<#if s.secret!false>
      console.addSecret(${camel(s.name)});
</#if>
</#list>
      if (region == null || !REGION.matcher(region).matches()) {
        throw new UsageException(
            "--region '" + region + "' is not a BigQuery region name such as us, eu or us-central1");
      }
      if (pageSize < 1) {
        throw new UsageException("--page-size must be positive");
      }
    }

    /** The project collected (the {@code database} of every asset). */
    public String project() {
      return projectId;
    }

    /** The region collected, in lower case, e.g. {@code us} or {@code europe-west1}. */
    public String region() {
      return region.toLowerCase(java.util.Locale.ROOT);
    }

    /** The region qualifier of INFORMATION_SCHEMA views, e.g. {@code region-us}. */
    public String regionQualifier() {
      return "region-" + region();
    }

    /** Rows per page. */
    public long pageSize() {
      return pageSize;
    }

    /** The {@code {{database}}} (project) and {@code {{region}}} identifiers of the queries. */
    public Map<String, String> identifiers() {
      Map<String, String> identifiers = new LinkedHashMap<>();
      identifiers.put("database", projectId);
      identifiers.put("region", regionQualifier());
      return identifiers;
    }

    /** A client for the project. */
    public BigQuery connect() {
      return clients.apply(projectId, region);
    }
  }
}
