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
    String logType,
    Privileges privileges,
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

  public record Connection(
      String kind, Driver driver, String url, Boolean databaseInUrl, List<Setting> settings) {}

  public record Driver(String maven, @JsonProperty("class") String className) {}

  public record Setting(
      String name,
      String env,
      String description,
      @JsonProperty("default") String defaultValue,
      Boolean required,
      Boolean secret,
      String property) {}

  public record Quoting(String quote, String escape) {}

  public record Skip(List<String> databases, List<String> schemas) {}

  public record TableTypes(Map<String, String> map, @JsonProperty("default") String defaultType) {}

  public record ColumnTypes(Map<String, String> map, String unknown) {}

  public record BatchSize(Integer metadata, Integer lineage, Integer queryLogs) {}

  public record Metadata(Databases databases, Query tables, Query columns) {}

  public record Databases(String sql, String column) {}

  /** A catalog query and the mapping of model fields to result column labels. */
  public record Query(String sql, Map<String, String> map) {}

  /** Lineage: view definitions, native edges and parsed statements, merged per destination. */
  public record Lineage(
      String dialect,
      Integer lookbackMinutes,
      Integer lagMinutes,
      Query views,
      Edges edges,
      Statements statements,
      String logFormat,
      LogFile logFile) {
    /** Whether a source covers a time window (and so needs a state file). */
    public boolean windowed() {
      return edges != null || statements != null || logFormat != null;
    }
  }

  public record Edges(String sql, Boolean optional, Map<String, String> map) {}

  public record Statements(String sql, Boolean textChunks, Map<String, String> map) {}

  public record QueryLogs(
      String kind,
      Integer lookbackMinutes,
      Integer lagMinutes,
      String sql,
      Map<String, String> map,
      Map<String, String> extra,
      Boolean textChunks,
      String logFormat,
      LogFile logFile) {}

  /** kind log-file: the {@code --log-file} option's environment variable and default. */
  public record LogFile(
      String env, @JsonProperty("default") String defaultValue, String description) {}
}
