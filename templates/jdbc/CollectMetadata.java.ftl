<#assign md = d.metadata>
<#assign inUrl = d.connection.database_in_url>
<#-- With a databases query the shards split databases; with one database, its schemas. -->
<#assign bySchema = !(md.databases??)>
<#macro col label>${javaString(label)}</#macro>
<#include "/common/variants.ftl">
package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.CatalogJoin;
import ${runtimePkg}.collect.OrderedParallel;
import ${runtimePkg}.collect.Rows;
import ${runtimePkg}.collect.Scope;
import ${runtimePkg}.collect.Shard;
import ${runtimePkg}.collect.Sql;
import ${runtimePkg}.manifest.ManifestHeader;
import ${runtimePkg}.manifest.ManifestSink;
import ${runtimePkg}.manifest.ManifestWriter;
import ${runtimePkg}.model.RelationalAsset.AssetField;
import ${runtimePkg}.model.RelationalAsset.AssetFreshness;
import ${runtimePkg}.model.RelationalAsset.AssetMetadata;
import ${runtimePkg}.model.RelationalAsset.AssetVolume;
import ${runtimePkg}.model.Flow;
import ${runtimePkg}.model.RelationalAsset;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Collects table and view metadata (schema, volume<#if md.tables.map.last_update_time??>, freshness</#if>) from ${comment(d.name)} into a
 * manifest that {@link PushMetadata} sends to Monte Carlo.
 *
 * <p>Catalog round trips do not grow with the number of tables: <#if md.databases??>one query lists the
 * databases, then </#if>each database is read with exactly two queries, {@link #TABLES} and
 * {@link #COLUMNS}, whose rows are merged as they stream in. Databases are read in parallel
 * ({@code --parallelism}, one connection each); the manifest lists them in order all the same.
 * {@code --shard I/N} collects the <#if bySchema>schemas<#else>databases</#if> whose name hashes to shard I, so N runs cover the
 * account once.
 */
@Command(
    name = "collect-metadata",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " table metadata into a manifest file.")})
public final class CollectMetadata implements Callable<Integer> {

  /** Tables and views of one database, ordered by schema and table in binary order. */
  static final Sql TABLES =
      Sql.of(
          ${textBlock(md.tables.sql, 10)});
<@variantConstants md.tables "TABLES" "tables" "tables query"/>

  /** Columns of one database's tables, in the same order, then by position. */
  static final Sql COLUMNS =
      Sql.of(
          ${textBlock(md.columns.sql, 10)});

<#if md.per_schema??>

  /** Lists one database's schemas, for {@link #TABLES_OF_SCHEMA} and {@link #COLUMNS_OF_SCHEMA}. */
  static final Sql SCHEMAS =
      Sql.of(
          ${textBlock(md.per_schema.schemas.sql, 10)});

  /** {@link #TABLES} for one schema, used when the whole database is too large to read at once. */
  static final Sql TABLES_OF_SCHEMA =
      Sql.of(
          ${textBlock(md.per_schema.tables_sql, 10)});

  /** {@link #COLUMNS} for one schema. */
  static final Sql COLUMNS_OF_SCHEMA =
      Sql.of(
          ${textBlock(md.per_schema.columns_sql, 10)});

  /** The warehouse's error for a catalog query over too many objects. */
  private static final String TOO_LARGE = ${javaString(md.per_schema.when_error_contains)};
</#if>
<#if md.table_detail??>

  /** Per-table detail (one query per table, only with {@code --${md.table_detail.option}}). */
  static final Sql TABLE_DETAIL =
      Sql.of(
          ${textBlock(md.table_detail.sql, 10)});
</#if>

  @Mixin private Options options;

  @Mixin private RunSummary summary;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      paramLabel = "N",
      description =
          "Databases collected at once, each on its own connection (default:"
              + " ${r"${DEFAULT-VALUE}"}); the manifest is the same whatever the value.")
  void parallelism(int parallelism) {
    options.parallelism(parallelism);
  }

  /** The collect options, shared with {@link CollectAndPushMetadata}. */
  public static final class Options {
    @Mixin Warehouse.ConnectionOptions connection;

    @Option(
        names = "--output-file",
        defaultValue = "metadata_manifest.json",
        description = "Manifest to write (default: ${r"${DEFAULT-VALUE}"}).")
    Path outputFile;

    @Mixin Scope scope;

    @Mixin Shard.Options shard;

    @Option(
        names = "--only-freshness-and-volume",
        description = "Skip the columns query and send no fields, for frequent light pushes.")
    boolean onlyFreshnessAndVolume;
<@optionFields optionsOf([md.tables])/>
<#if md.table_detail??>

    @Option(
        names = "--${md.table_detail.option}",
        description =
            ${picocliString((md.table_detail.description)!"Run the per-table detail query for every table.")}
                + " Off by default: one more query per table.")
    boolean tableDetail;
</#if>

    @Option(
        names = "--fetch-size",
        defaultValue = "1000",
        description = "Rows fetched per round trip (default: ${r"${DEFAULT-VALUE}"}).")
    int fetchSize;

    /**
     * Databases collected at once: {@code --parallelism} here, {@code --collect-parallelism} in
     * {@link CollectAndPushMetadata} (where {@code --parallelism} is the push's).
     */
    int parallelism = 2;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    /** Sets how many databases are collected at once. */
    public void parallelism(int parallelism) {
      this.parallelism = parallelism;
    }

    /** The manifest this run writes. */
    public Path outputFile() {
      return outputFile;
    }

    /** Whether errors print stack traces. */
    public boolean verbose() {
      return verbose;
    }
  }

  @Override
  public Integer call() {
    return summary.run(Warehouse.ID, Flow.METADATA.id(), this::execute);
  }

  private int execute() {
    Console console = Console.system(options.verbose);
    try {
      MemoryCheck.run(console);
      Result result = collect(options, console);
      result.summarize(summary);
      return result.complete() ? ExitCode.OK : ExitCode.FAILURE;
    } catch (UsageException e) {
      console.error(e.getMessage());
      return ExitCode.USAGE;
    } catch (SQLException | IOException | RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }

  /**
   * @param manifest the manifest written
   * @param assets how many assets it holds
   * @param failedDatabases databases that could not be read (the manifest's report says why)
   * @param shard the part of the account collected
   */
  public record Result(Path manifest, int assets, List<String> failedDatabases, Shard shard) {
    /** Whether every database was read. */
    public boolean complete() {
      return failedDatabases.isEmpty();
    }

    /** Adds what was collected to the run's summary. */
    public void summarize(RunSummary summary) {
      summary.manifest(manifest);
      summary.count("events", assets);
      summary.failedDatabases(failedDatabases);
      if (shard.isSplit()) {
        summary.shard(shard.toString());
      }
    }
  }

  /**
   * Writes the manifest. A database that cannot be read is reported (on the console and in the
   * manifest's report) and the others are still collected; a failure to reach the warehouse at
   * all writes no manifest.
   */
  public static Result collect(Options options, Console console)
      throws UsageException, SQLException, IOException {
    options.connection.validate(console);
    if (options.parallelism < 1) {
      throw new UsageException("--parallelism must be at least 1");
    }
    Shard shard = options.shard.resolve();
<#if (md.unsupported_databases)?has_content>
    Warehouse.refuseUnsupported(options.scope.namedDatabases());
</#if>
<#if bySchema>
    List<String> databases = Warehouse.databases(options.connection, options.scope::database);
<#else>
    List<String> databases =
        Warehouse.databases(
            options.connection, database -> options.scope.database(database) && shard.includes(database));
</#if>
    ManifestHeader header =
        ManifestHeader.of(Flow.METADATA, Warehouse.ID, Warehouse.RESOURCE_TYPE, Instant.now())
            .withShard(shard.index(), shard.count());
    List<String> failed = new ArrayList<>();
    int[] assets = {0};
    try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
      // Each database into its own part of the manifest, appended in list order.
      OrderedParallel.forEach(
          manifest,
          databases,
          options.parallelism,
          (database, sink) -> collectDatabase(options, <#if bySchema>shard, </#if>database, sink),
          (database, count, failure) -> {
            if (failure == null) {
              console.info(database + ": " + count + " tables and views");
              if (count == 0) {
                // Catalog views often show only what the user holds a privilege on: an empty
                // database is more often a missing grant than an empty one.
                console.warn(
                    "database " + database + ": no tables or views visible to this user;"
                        + " if it has some, grant the privileges the README lists");
              }
              assets[0] += count;
            } else {
              console.warn("skipped database " + database + ": " + failure.getMessage());
              manifest.report("failed_databases", database, failure.getMessage());
              failed.add(database);
            }
          });
      manifest.commit();
    }
    console.info("wrote " + assets[0] + " assets to " + options.outputFile);
    return new Result(options.outputFile, assets[0], failed, shard);
  }

<#if md.per_schema??>
  /**
   * Reads one database with the two catalog queries and writes its assets. When the warehouse
   * refuses them because the database holds too many objects, it is read one schema at a time
   * instead (two queries per schema), rather than skipped.
   */
  private static int collectDatabase(
      Options options, <#if bySchema>Shard shard, </#if>String database, ManifestSink manifest)
      throws SQLException, IOException {
    try (Connection connection = options.connection.connect(<#if inUrl>database</#if>)) {
      Map<String, String> names = Map.of("database", database);
      try {
        return collect(options, <#if bySchema>shard, </#if>connection, database, TABLES, COLUMNS, names, manifest);
      } catch (SQLException e) {
        if (e.getMessage() == null || !e.getMessage().contains(TOO_LARGE)) {
          throw e;
        }
        manifest.report("databases_read_per_schema", database, e.getMessage());
      }
      int count = 0;
      for (String schema : schemas(connection, names)) {
<#if bySchema>
        if (!shard.includes(schema)) {
          continue;
        }
</#if>
        Map<String, String> schemaNames = Map.of("database", database, "schema", schema);
        count +=
            collect(
                options, <#if bySchema>shard, </#if>connection, database, TABLES_OF_SCHEMA, COLUMNS_OF_SCHEMA, schemaNames, manifest);
      }
      return count;
    }
  }

  /** The schemas of one database to read, in binary order, less those never collected. */
  private static List<String> schemas(Connection connection, Map<String, String> names)
      throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (PreparedStatement statement =
            SCHEMAS.prepare(connection, Warehouse.QUOTING, names, Map.of());
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        String schema = rows.getString(<@col md.per_schema.schemas.column/>);
        if (!Warehouse.SKIP_SCHEMAS.matches(schema)) {
          schemas.add(schema);
        }
      }
    }
    return schemas;
  }

  /**
   * Runs one tables query and its columns query with {@code names} as identifiers and bound
   * values, and writes the merged assets.
   */
  private static int collect(
      Options options,
<#if bySchema>
      Shard shard,
</#if>
      Connection connection,
      String database,
      Sql tablesQuery,
      Sql columnsQuery,
      Map<String, String> names,
      ManifestSink manifest)
      throws SQLException, IOException {
    Map<String, Object> parameters = Map.copyOf(names);
    try (PreparedStatement tables =
            tablesQuery.prepare(connection, Warehouse.QUOTING, names, parameters);
        PreparedStatement columns =
            options.onlyFreshnessAndVolume
                ? null
                : columnsQuery.prepare(connection, Warehouse.QUOTING, names, parameters)) {
<#else>
  /** Reads one database with the two catalog queries and writes its assets. */
  private static int collectDatabase(
      Options options, <#if bySchema>Shard shard, </#if>String database, ManifestSink manifest)
      throws SQLException, IOException {
    Map<String, String> identifiers = Map.of("database", database);
    Map<String, Object> parameters = Map.of("database", database);
    try (Connection connection = options.connection.connect(<#if inUrl>database</#if>);
        PreparedStatement tables =
            ${chosenSql("", md.tables, "TABLES", "tables", "options.")}.prepare(connection, Warehouse.QUOTING, identifiers, parameters);
        PreparedStatement columns =
            options.onlyFreshnessAndVolume
                ? null
                : COLUMNS.prepare(connection, Warehouse.QUOTING, identifiers, parameters)) {
</#if>
      tables.setFetchSize(options.fetchSize);
      try (ResultSet tableRows = tables.executeQuery();
          ResultSet columnRows = columns == null ? null : executeWithFetchSize(columns, options)) {
        return CatalogJoin.join(
            tableRows,
            row -> asset(database, row),
            columnRows,
            CollectMetadata::column,
            asset ->
                !Warehouse.SKIP_SCHEMAS.matches(asset.metadata().schema())
<#if bySchema>
                    && shard.includes(asset.metadata().schema())
</#if>
                    && options.scope.table(asset.metadata().schema(), asset.metadata().name()),
<#if md.table_detail??>
            options.tableDetail
                ? asset -> manifest.write(withDetail(connection, database, asset, manifest))
                : manifest::write);
<#else>
            manifest::write);
</#if>
      }
    }
  }

  private static ResultSet executeWithFetchSize(PreparedStatement statement, Options options)
      throws SQLException {
    statement.setFetchSize(options.fetchSize);
    return statement.executeQuery();
  }

  /** One row of {@link #TABLES} as an asset without fields. */
  private static RelationalAsset asset(String database, ResultSet row) throws SQLException {
<#assign tm = md.tables.map>
<#if tm.row_count?? || tm.byte_count??>
    AssetVolume volume =
        volume(<#if tm.row_count??>Rows.count(row, <@col tm.row_count/>)<#else>null</#if>, <#if tm.byte_count??>Rows.count(row, <@col tm.byte_count/>)<#else>null</#if>);
</#if>
<#if tm.last_update_time??>
    String lastUpdate = Rows.timestamp(row, <@col tm.last_update_time/>);
</#if>
    return new RelationalAsset(
        Warehouse.TABLE_TYPES.normalize(row.getString(<@col tm.type/>)),
        new AssetMetadata(
            row.getString(<@col tm.name/>),
            <#if tm.database??>row.getString(<@col tm.database/>)<#else>database</#if>,
            row.getString(<@col tm.schema/>),
            <#if tm.description??>Rows.nonBlank(row, <@col tm.description/>)<#else>null</#if>,
            <#if tm.view_query??>Rows.nonBlank(row, <@col tm.view_query/>)<#else>null</#if>,
            <#if tm.created_on??>Rows.timestamp(row, <@col tm.created_on/>)<#else>null</#if>),
        List.of(),
        List.of(),
        <#if tm.row_count?? || tm.byte_count??>volume<#else>null</#if>,
        <#if tm.last_update_time??>lastUpdate == null ? null : new AssetFreshness(lastUpdate)<#else>null</#if>);
  }
<#if tm.row_count?? || tm.byte_count??>

  /** A volume only when the warehouse reports at least one of the counts. */
  private static AssetVolume volume(Long rowCount, Long byteCount) {
    return rowCount == null && byteCount == null ? null : new AssetVolume(rowCount, byteCount);
  }
</#if>

<#if md.table_detail??>
<#assign dm = md.table_detail.map>

  /**
   * The asset with what {@link #TABLE_DETAIL} adds (tables only). A table whose detail cannot be
   * read is reported in the manifest and sent with what the tables query gave.
   */
  private static RelationalAsset withDetail(
      Connection connection, String database, RelationalAsset asset, ManifestSink manifest)
      throws IOException {
    if (!"TABLE".equals(asset.type())) {
      return asset;
    }
    Map<String, String> identifiers =
        Map.of(
            "database", database,
            "schema", asset.metadata().schema(),
            "table", asset.metadata().name());
    try (PreparedStatement statement =
            TABLE_DETAIL.prepare(connection, Warehouse.QUOTING, identifiers, Map.of());
        ResultSet row = statement.executeQuery()) {
      if (!row.next()) {
        return asset;
      }
      AssetVolume volume = asset.volume();
      Long rowCount = <#if dm.row_count??>Rows.count(row, <@col dm.row_count/>)<#else>null</#if>;
      Long byteCount = <#if dm.byte_count??>Rows.count(row, <@col dm.byte_count/>)<#else>null</#if>;
      if (rowCount != null || byteCount != null) {
        volume =
            new AssetVolume(
                rowCount != null ? rowCount : volume == null ? null : volume.rowCount(),
                byteCount != null ? byteCount : volume == null ? null : volume.byteCount());
      }
      AssetFreshness freshness = asset.freshness();
<#if dm.last_update_time??>
      String lastUpdate = Rows.timestamp(row, <@col dm.last_update_time/>);
      if (lastUpdate != null) {
        freshness = new AssetFreshness(lastUpdate);
      }
</#if>
      return new RelationalAsset(
          asset.type(), asset.metadata(), asset.tags(), asset.fields(), volume, freshness);
    } catch (SQLException e) {
      manifest.report(
          "failed_table_details",
          database + "." + asset.metadata().schema() + "." + asset.metadata().name(),
          e.getMessage());
      return asset;
    }
  }
</#if>

  /** One row of {@link #COLUMNS}. */
  private static CatalogJoin.Column column(ResultSet row) throws SQLException {
<#assign cm = md.columns.map>
    return new CatalogJoin.Column(
        row.getString(<@col cm.schema/>),
        row.getString(<@col cm.table/>),
        new AssetField(
            row.getString(<@col cm.name/>),
            Warehouse.COLUMN_TYPES.normalize(row.getString(<@col cm.type/>)),
            <#if cm.description??>Rows.nonBlank(row, <@col cm.description/>)<#else>null</#if>));
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectMetadata()).execute(args));
  }
}
