// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.athena.runtime.collect.TypeMap;
import io.pushgen.athena.runtime.model.RelationalAsset;
import io.pushgen.athena.runtime.model.RelationalAsset.AssetField;
import io.pushgen.athena.runtime.model.RelationalAsset.AssetFreshness;
import io.pushgen.athena.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.athena.runtime.model.RelationalAsset.AssetVolume;
import io.pushgen.athena.runtime.wire.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.GetDatabasesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.ViewRepresentation;

/**
 * The AWS Glue Data Catalog as Monte Carlo assets: databases and tables read page by page with the
 * SDK's paginators ({@code GetDatabases}, then {@code GetTables} per database, each following
 * {@code NextToken}), so the number of requests grows with pages, never with tables; columns and
 * partition keys come inside each table, so no request is made per table.
 *
 * <p>A Glue database is the asset's schema; the asset's database is the Athena catalog name the
 * Glue catalog is queried as ({@code awsdatacatalog}), so that names in Athena queries ({@code
 * db.table}, {@code awsdatacatalog.db.table}) meet the collected tables.
 */
public final class GlueCatalog {
  private final GlueClient glue;
  private final String catalogId;
  private final int pageSize;

  /**
   * @param catalogId the Glue catalog id (an AWS account id), or null for the caller's account
   * @param pageSize databases or tables asked for per request (Glue may return fewer)
   */
  public GlueCatalog(GlueClient glue, String catalogId, int pageSize) {
    this.glue = glue;
    this.catalogId = catalogId;
    this.pageSize = pageSize;
  }

  /** Every database of the catalog, page by page as it is iterated. */
  public Iterable<Database> databases() {
    GetDatabasesRequest request =
        GetDatabasesRequest.builder().catalogId(catalogId).maxResults(pageSize).build();
    return () ->
        glue.getDatabasesPaginator(request).stream()
            .flatMap(page -> page.databaseList().stream())
            .iterator();
  }

  /** Every table and view of one database, with its columns, page by page as it is iterated. */
  public Iterable<Table> tables(String database) {
    GetTablesRequest request =
        GetTablesRequest.builder()
            .catalogId(catalogId)
            .databaseName(database)
            .maxResults(pageSize)
            .build();
    return () ->
        glue.getTablesPaginator(request).stream()
            .flatMap(page -> page.tableList().stream())
            .iterator();
  }

  /**
   * The table parameters that give volume and freshness, each list in order of preference: the
   * first parameter set to a valid value is used. Glue itself computes none of them; the engines
   * and crawlers that write the table do (Hive {@code numRows}/{@code totalSize}/{@code
   * transient_lastDdlTime}, Spark {@code spark.sql.statistics.*}, Glue crawlers {@code
   * recordCount}/{@code sizeKey}).
   *
   * @param rowCount parameters holding a row count
   * @param byteCount parameters holding a size in bytes
   * @param lastUpdateTime parameters holding a time in seconds since the epoch
   */
  public record StatisticKeys(List<String> rowCount, List<String> byteCount, List<String> lastUpdateTime) {
    public StatisticKeys {
      rowCount = List.copyOf(rowCount);
      byteCount = List.copyOf(byteCount);
      lastUpdateTime = List.copyOf(lastUpdateTime);
    }
  }

  /**
   * One Glue table as an asset. Columns are the storage descriptor's, then the partition keys
   * (described {@code Partition column}, with the key's comment when it has one); views carry
   * their SQL ({@link #viewText}) and get no volume or freshness.
   *
   * @param database the asset's database (the catalog name)
   * @param withFields false to send no fields ({@code --only-freshness-and-volume})
   */
  public static RelationalAsset asset(
      String database,
      Table table,
      TypeMap tableTypes,
      TypeMap columnTypes,
      StatisticKeys keys,
      boolean withFields) {
    String type = tableTypes.normalize(table.tableType());
    boolean view = "VIEW".equals(type);
    List<AssetField> fields = new ArrayList<>();
    if (withFields) {
      if (table.storageDescriptor() != null) {
        for (Column column : table.storageDescriptor().columns()) {
          fields.add(field(column, columnTypes, null));
        }
      }
      for (Column key : table.partitionKeys()) {
        fields.add(field(key, columnTypes, "Partition column"));
      }
    }
    Map<String, String> parameters = table.parameters();
    AssetVolume volume = null;
    AssetFreshness freshness = null;
    if (!view) {
      Long rows = rowCount(parameters, keys.rowCount());
      Long bytes = count(parameters, keys.byteCount());
      volume = rows == null && bytes == null ? null : new AssetVolume(rows, bytes);
      Long seconds = count(parameters, keys.lastUpdateTime());
      freshness =
          seconds == null || seconds == 0
              ? null
              : new AssetFreshness(Timestamps.format(Instant.ofEpochSecond(seconds)));
    }
    return new RelationalAsset(
        type,
        new AssetMetadata(
            table.name(),
            database,
            table.databaseName(),
            blankToNull(table.description()),
            view ? viewText(table) : null,
            table.createTime() == null ? null : Timestamps.format(table.createTime())),
        fields,
        volume,
        freshness);
  }

  private static AssetField field(Column column, TypeMap columnTypes, String partition) {
    String comment = blankToNull(column.comment());
    String description =
        partition == null ? comment : comment == null ? partition : partition + ": " + comment;
    return new AssetField(column.name(), columnTypes.normalize(column.type()), description);
  }

  /**
   * A row count: as {@link #count}, but Hive's {@code numRows} only while Hive still marks the
   * table's basic statistics accurate ({@code COLUMN_STATS_ACCURATE} with {@code "BASIC_STATS":
   * "true"}) when the table has that marker; writers that do not maintain Hive's statistics leave
   * a stale {@code numRows} behind and Hive clears the marker.
   */
  static Long rowCount(Map<String, String> parameters, List<String> keys) {
    String accurate = parameters.get("COLUMN_STATS_ACCURATE");
    boolean hiveStale = accurate != null && !BASIC_STATS.matcher(accurate).find();
    for (String key : keys) {
      if (hiveStale && key.equals("numRows")) {
        continue;
      }
      Long value = number(parameters.get(key));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static final Pattern BASIC_STATS =
      Pattern.compile("\"BASIC_STATS\"\\s*:\\s*\"true\"", Pattern.CASE_INSENSITIVE);

  /** The first of {@code keys} set to a whole number of at least 0, or null. */
  static Long count(Map<String, String> parameters, List<String> keys) {
    for (String key : keys) {
      Long value = number(parameters.get(key));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** A whole number of at least 0 (Hive writes -1 for "unknown"), or null. */
  private static Long number(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      long value = Long.parseLong(text.strip());
      return value < 0 ? null : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The SQL of a view. A multi-dialect Data Catalog view keeps it per engine in {@code
   * ViewDefinition.Representations}: the {@code ATHENA} one is taken. Otherwise {@code
   * ViewOriginalText}: views created by Hive or Spark keep their SQL there as written; views created
   * by Athena (and Trino or Presto on a Glue metastore) keep {@code /* Presto View: <base64> *}{@code
   * /}, a Base64-encoded JSON whose {@code originalSql} is the view's query. That encoding is the
   * engines' (Trino's Hive connector), not documented by AWS: a text that does not decode is sent
   * as it is.
   */
  public static String viewText(Table table) {
    if (table.viewDefinition() != null) {
      for (ViewRepresentation representation : table.viewDefinition().representations()) {
        if ("ATHENA".equalsIgnoreCase(representation.dialectAsString())
            && representation.viewOriginalText() != null) {
          return blankToNull(representation.viewOriginalText());
        }
      }
    }
    String text = blankToNull(table.viewOriginalText());
    if (text == null) {
      return blankToNull(table.viewExpandedText());
    }
    Matcher encoded = ENGINE_VIEW.matcher(text);
    if (encoded.matches()) {
      try {
        JsonNode view = JSON.readTree(new String(Base64.getDecoder().decode(encoded.group(1)), StandardCharsets.UTF_8));
        String sql = view.path("originalSql").asText(null);
        if (sql != null && !sql.isBlank()) {
          return sql;
        }
      } catch (IOException | IllegalArgumentException e) {
        return text;
      }
    }
    return text;
  }

  /** {@code /* Presto View: <base64> *}{@code /} (also {@code Trino View}). */
  private static final Pattern ENGINE_VIEW =
      Pattern.compile("\\s*/\\*\\s*(?:Presto|Trino) View:\\s*([A-Za-z0-9+/=]+)\\s*\\*/\\s*", Pattern.DOTALL);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
