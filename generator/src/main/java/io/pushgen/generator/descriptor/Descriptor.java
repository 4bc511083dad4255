package io.pushgen.generator.descriptor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A warehouse descriptor ({@code warehouses/<id>.yaml}), as validated immutable records. Field
 * names are the YAML's snake_case keys in camelCase; optional values are null when absent.
 * Maps keep the YAML's order.
 */
public record Descriptor(
    String id,
    String name,
    String resourceType,
    String resourceTypeNote,
    String logType,
    Privileges privileges,
    EmptyResults emptyResults,
    List<Option> options,
    Connection connection,
    Quoting quoting,
    Skip skip,
    TableTypes tableTypes,
    ColumnTypes columnTypes,
    BatchSize batchSize,
    Metadata metadata,
    Lineage lineage,
    QueryLogs queryLogs) {

  /** The canonical flow ids, in canonical order. */
  public static final List<String> FLOWS = List.of("metadata", "lineage", "query_logs");

  /** The flows this descriptor has a section for, in canonical order. */
  public List<String> flows() {
    List<String> flows = new ArrayList<>();
    if (metadata != null) {
      flows.add("metadata");
    }
    if (lineage != null) {
      flows.add("lineage");
    }
    if (queryLogs != null) {
      flows.add("query_logs");
    }
    return List.copyOf(flows);
  }

  /** What the collecting user needs, per flow (Markdown for the emitted README). */
  public record Privileges(String metadata, String lineage, String queryLogs) {}

  /**
   * The grant that usually explains an empty result the check program finds although the account
   * has data (Markdown, like the privileges): a database listed without tables, views without
   * their definitions, a history with nothing for the last day.
   */
  public record EmptyResults(String tables, String views, String lineage, String queryLogs) {}

  /**
   * An opt-in ({@code options}): an option of the emitted programs that selects other forms of
   * queries (their {@code variants}). A flag without {@code values}; a choice with them, the first
   * the default form.
   */
  public record Option(String name, String env, String description, List<String> values) {
    /** Whether the option is a flag ({@code --name}) rather than a choice ({@code --name VALUE}). */
    public boolean flag() {
      return values == null;
    }
  }

  /**
   * Another form of a query, run instead of it when {@code option} is set (a flag) or has {@code
   * value} (a choice); it returns the columns the query's map names.
   */
  public record Variant(
      String option, String value, String sql, String docs, String privileges, String emptyResult) {}

  /** {@code session_properties}: fixed JDBC properties that pin session settings. */
  public record Connection(
      String kind,
      Driver driver,
      String url,
      Boolean databaseInUrl,
      Map<String, String> sessionProperties,
      List<SessionStatement> sessionStatements,
      List<Setting> settings,
      Client client,
      String urlParameters,
      List<UrlVariant> urlVariants,
      Auth auth) {}

  /** {@code connection.url_variants}: another URL template, used when a setting has a value. */
  public record UrlVariant(String when, String url, String docs) {}

  /**
   * Authentication methods ({@code connection.auth}): {@code --auth}'s environment variable, the
   * method to prefer for scheduled jobs, and the methods.
   */
  public record Auth(String env, Scheduled scheduled, List<AuthMethod> methods) {}

  /** The method to prefer for a scheduled job, and why. */
  public record Scheduled(String method, String reason) {}

  /**
   * One authentication method: the settings it requires and uses, and how it maps onto the
   * driver (fixed properties, its own URL template), the client ({@code credentials}) or a login
   * ({@code login}); {@code setup} and {@code docs} are for the emitted README.
   */
  public record AuthMethod(
      String name,
      String description,
      List<String> requires,
      List<String> optional,
      Map<String, String> properties,
      String url,
      Map<String, String> systemProperties,
      Map<String, String> urlParameters,
      String credentials,
      String login,
      Boolean subjectFromContext,
      String setup,
      String docs) {}

  /** A statement run on every new connection; skipped when its error contains the text. */
  public record SessionStatement(String sql, String unlessErrorContains, String docs) {}

  /**
   * {@code transitive: false}: a standalone jar whose declared dependencies are excluded; {@code
   * dependencies}: libraries its pom declares optional that the programs' features need.
   */
  public record Driver(
      String maven,
      @JsonProperty("class") String className,
      Boolean transitive,
      List<DriverDependency> dependencies) {}

  /**
   * A library the driver loads at run time (e.g. for an authentication method) that its pom
   * declares optional: {@code purpose} (the YAML key {@code for}) is the emitted pom's comment,
   * {@code exclude} artifacts left out of its own dependencies.
   */
  public record DriverDependency(
      String maven, @JsonProperty("for") String purpose, List<String> exclude) {}

  /**
   * kinds bigquery and athena: the vendor client ({@code group:artifact}) and the BOM that pins it;
   * {@code also} more artifacts of that BOM, {@code exclude} artifacts left out of all of them
   * (e.g. HTTP clients the programs do not use).
   */
  public record Client(
      String maven, String bom, String credentials, List<String> also, List<String> exclude) {}

  public record Setting(
      String name,
      String env,
      String description,
      @JsonProperty("default") String defaultValue,
      Boolean required,
      String requiredUnless,
      Boolean secret,
      String property,
      String file,
      String passphrase,
      String urlParameter) {}

  public record Quoting(String quote, String escape) {}

  public record Skip(List<String> databases, List<String> schemas) {}

  public record TableTypes(Map<String, String> map, @JsonProperty("default") String defaultType) {}

  /** {@code nested: true}: type arguments inside {@code <...>} are normalised too. */
  public record ColumnTypes(Map<String, String> map, String unknown, Boolean nested) {}

  public record BatchSize(Integer metadata, Integer lineage, Integer queryLogs) {}

  public record Metadata(
      Databases databases,
      Map<String, String> unsupportedDatabases,
      PerSchema perSchema,
      TableDetail tableDetail,
      Query tables,
      Query columns,
      Glue glue) {}

  /**
   * kind athena: the Glue Data Catalog's tables, and which table parameters give volume and
   * freshness (the first one set wins).
   */
  public record Glue(
      String docs, List<String> rowCount, List<String> byteCount, List<String> lastUpdateTime) {}

  /**
   * The per-schema fallback for a database whose catalog queries the warehouse refuses as too
   * large ({@code metadata.per_schema}).
   */
  public record PerSchema(
      String whenErrorContains, String docs, Databases schemas, String tablesSql, String columnsSql) {}

  /** An opt-in per-table query adding volume or freshness ({@code metadata.table_detail}). */
  public record TableDetail(
      String sql, String option, String description, Map<String, String> map, String docs) {}

  /** A query listing names (databases, schemas) and the column holding them. */
  public record Databases(String sql, String column, String docs) {}

  /**
   * A catalog query and the mapping of model fields to result column labels; {@code docs} names
   * the vendor documentation it relies on.
   */
  public record Query(String sql, Map<String, String> map, String docs, List<Variant> variants) {}

  /** Lineage: view definitions, native edges and parsed statements, merged per destination. */
  public record Lineage(
      String dialect,
      Integer lookbackMinutes,
      Integer lagMinutes,
      Query views,
      Edges edges,
      Statements statements,
      String logFormat,
      LogFile logFile,
      Jobs jobs,
      Links links,
      ApiSource glueViews,
      ApiSource queryExecutions) {
    /** Whether a source covers a time window (and so needs a state file). */
    public boolean windowed() {
      return edges != null || statements != null || logFormat != null || jobs != null
          || queryExecutions != null;
    }
  }

  /**
   * kind athena: a lineage source read through the vendor's API rather than a query (Glue views,
   * Athena query executions of these statement types).
   */
  public record ApiSource(List<String> statementTypes, String docs) {}

  /** kind bigquery: finished jobs with their destination and referenced tables. */
  public record Jobs(String sql, Map<String, String> map, String docs) {}

  /** Schema-level links (BigQuery linked datasets), sent as wildcard edges. */
  public record Links(String sql, Map<String, String> map, String docs) {}

  public record Edges(String sql, Boolean optional, Map<String, String> map, String docs) {}

  /**
   * {@code text_escaped}: newlines stored as {@code \n}, decoded before parsing; {@code
   * per_database}: each database keeps its own history, read in each database collected.
   */
  public record Statements(
      String sql,
      Boolean textChunks,
      Boolean textEscaped,
      Boolean perDatabase,
      Map<String, String> map,
      String docs) {}

  public record QueryLogs(
      String kind,
      Integer lookbackMinutes,
      Integer lagMinutes,
      String sql,
      Map<String, String> map,
      Map<String, String> extra,
      Boolean textChunks,
      Boolean textEscaped,
      List<Parameter> parameters,
      String logFormat,
      LogFile logFile,
      String docs,
      String retention,
      List<Variant> variants) {}

  /** A value the history query binds besides the window: option {@code --<name>}, bound as {@code :name}. */
  public record Parameter(String name, String env, String description) {}

  /** kind log-file: the {@code --log-file} option's environment variable and default. */
  public record LogFile(
      String env, @JsonProperty("default") String defaultValue, String description) {}
}
