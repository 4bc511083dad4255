<#assign md = d.metadata>
<#assign tm = md.tables.map>
<#assign cm = md.columns.map>
<#macro col label>${javaString(label)}</#macro>
package ${pkg};

import ${runtimePkg}.bigquery.BigQueryRow;
import ${runtimePkg}.bigquery.BigQueryQueries;
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.CatalogJoin;
import ${runtimePkg}.collect.Shard;
import ${runtimePkg}.collect.Sql;
import ${runtimePkg}.collect.StringLiterals;
import ${runtimePkg}.manifest.ManifestHeader;
import ${runtimePkg}.manifest.ManifestWriter;
import ${runtimePkg}.model.RelationalAsset.AssetField;
import ${runtimePkg}.model.RelationalAsset.AssetFreshness;
import ${runtimePkg}.model.RelationalAsset.AssetMetadata;
import ${runtimePkg}.model.RelationalAsset.AssetVolume;
import ${runtimePkg}.model.Flow;
import ${runtimePkg}.model.RelationalAsset;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Collects table and view metadata (schema, volume<#if tm.last_update_time??>, freshness</#if>) from ${comment(d.name)} into a
 * manifest that {@link PushMetadata} sends to Monte Carlo.
 *
 * <p>Whatever the number of datasets and tables, a run makes exactly two queries on the
 * project's region-qualified {@code INFORMATION_SCHEMA}, {@link #TABLES} and {@link #COLUMNS}
 * (one with {@code --only-freshness-and-volume}), whose rows are merged as their pages stream in.
 * Fields nested in STRUCT columns are sent under their dotted path ({@code address.city}). A run
 * reads one project: {@code --shard I/N} keeps the datasets whose name hashes to shard I, so N runs
 * cover the project once (every run still reads the two queries' rows).
 */
@Command(
    name = "collect-metadata",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " table metadata into a manifest file.")})
public final class CollectMetadata implements Callable<Integer> {

  /** Tables and views of the project and region, ordered by dataset and table. */
  static final Sql TABLES =
      Sql.of(
          ${textBlock(md.tables.sql, 10)});

  /** Their columns and nested fields, in the same order, then by position. */
  static final Sql COLUMNS =
      Sql.of(
          ${textBlock(md.columns.sql, 10)});

  @Mixin private Options options;

  @Mixin private RunSummary summary;

  /** The collect options, shared with {@link CollectAndPushMetadata}. */
  public static final class Options {
    @Mixin Warehouse.ConnectionOptions connection;

    @Option(
        names = "--output-file",
        defaultValue = "metadata_manifest.json",
        description = "Manifest to write (default: ${r"${DEFAULT-VALUE}"}).")
    Path outputFile;

    @Option(
        names = "--datasets",
        paramLabel = "NAMES",
        description = "Comma-separated datasets to collect (default: all), bound as a query parameter.")
    String datasets;

    @Option(
        names = "--tables",
        paramLabel = "NAMES",
        description = "Comma-separated table names to collect (default: all), bound as a query parameter.")
    String tables;

    /** A run reads one project, so the shards split its datasets. */
    @Mixin Shard.Options shard;

    @Option(
        names = "--only-freshness-and-volume",
        description =
            "Skip the columns query and send no fields, for frequent light pushes (a full push daily"
                + " keeps the schemas current).")
    boolean onlyFreshnessAndVolume;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      console.error(e);
      return ExitCode.FAILURE;
    } catch (IOException | RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }

  /**
   * @param manifest the manifest written
   * @param assets how many assets it holds
   * @param shard the part of the project collected
   */
  public record Result(Path manifest, int assets, Shard shard) {
    /** Always true: a failed query fails the run before the manifest is committed. */
    public boolean complete() {
      return true;
    }

    /** Adds what was collected to the run's summary. */
    public void summarize(RunSummary summary) {
      summary.manifest(manifest);
      summary.count("events", assets);
      if (shard.isSplit()) {
        summary.shard(shard.toString());
      }
    }
  }

  /**
   * Writes the manifest. A query that fails (a missing permission, a view not enabled in the
   * region) fails the run and writes no manifest; an empty project writes an empty manifest.
   */
  public static Result collect(Options options, Console console)
      throws UsageException, IOException, InterruptedException {
    options.connection.validate(console);
    String project = options.connection.project();
    Map<String, String> identifiers = options.connection.identifiers();
    Map<String, Object> parameters =
        Map.of(
            "datasets", BigQueryQueries.names(options.datasets),
            "tables", BigQueryQueries.names(options.tables));
    Shard shard = options.shard.resolve();
    ManifestHeader header =
        ManifestHeader.of(Flow.METADATA, Warehouse.ID, Warehouse.RESOURCE_TYPE, Instant.now())
            .withShard(shard.index(), shard.count());
    BigQuery client = options.connection.connect();
    int assets;
    try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
      try {
        Iterable<BigQueryRow> tables =
            Warehouse.query(
                client, TABLES, identifiers, parameters, options.connection.pageSize());
        Iterable<BigQueryRow> columns =
            options.onlyFreshnessAndVolume
                ? null
                : Warehouse.query(
                    client, COLUMNS, identifiers, parameters, options.connection.pageSize());
        assets =
            CatalogJoin.join(
                map(tables.iterator(), row -> asset(project, row)),
                columns == null ? null : map(columns.iterator(), CollectMetadata::column),
                asset ->
                    !Warehouse.SKIP_SCHEMAS.matches(asset.metadata().schema())
                        && shard.includes(asset.metadata().schema()),
                manifest::write);
      } catch (BigQueryException e) {
        throw new IOException(
            "BigQuery refused a catalog query on " + project + "." + options.connection.regionQualifier()
                + ": " + e.getMessage(), e);
      }
      manifest.commit();
    }
    console.info(
        project + " (" + options.connection.regionQualifier() + "): wrote " + assets
            + " tables and views to " + options.outputFile);
    return new Result(options.outputFile, assets, shard);
  }

  private static <T> Iterator<T> map(Iterator<BigQueryRow> rows, Function<BigQueryRow, T> mapper) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public T next() {
        return mapper.apply(rows.next());
      }
    };
  }

  /** One row of {@link #TABLES} as an asset without fields. */
  static RelationalAsset asset(String project, BigQueryRow row) {
<#if tm.row_count?? || tm.byte_count??>
    AssetVolume volume =
        volume(<#if tm.row_count??>row.count(<@col tm.row_count/>)<#else>null</#if>, <#if tm.byte_count??>row.count(<@col tm.byte_count/>)<#else>null</#if>);
</#if>
<#if tm.last_update_time??>
    // When BigQuery has no time (no data written yet), none is sent: never the time of the run.
    String lastUpdate = row.timestamp(<@col tm.last_update_time/>);
</#if>
    return new RelationalAsset(
        Warehouse.TABLE_TYPES.normalize(row.string(<@col tm.type/>)),
        new AssetMetadata(
            row.string(<@col tm.name/>),
            <#if tm.database??>row.string(<@col tm.database/>)<#else>project</#if>,
            row.string(<@col tm.schema/>),
            <#if tm.description??>description(row.nonBlank(<@col tm.description/>))<#else>null</#if>,
            <#if tm.view_query??>row.nonBlank(<@col tm.view_query/>)<#else>null</#if>,
            <#if tm.created_on??>row.timestamp(<@col tm.created_on/>)<#else>null</#if>),
        List.of(),
        List.of(),
        <#if tm.row_count?? || tm.byte_count??>volume<#else>null</#if>,
        <#if tm.last_update_time??>lastUpdate == null ? null : new AssetFreshness(lastUpdate)<#else>null</#if>);
  }

  /**
   * A table description: {@code TABLE_OPTIONS.option_value} holds it as a GoogleSQL string literal
   * ({@code "sales \"EU\""}), read back to its text.
   */
  private static String description(String value) {
    String text = StringLiterals.unquote(value);
    return text == null || text.isBlank() ? null : text;
  }
<#if tm.row_count?? || tm.byte_count??>

  /** A volume only when BigQuery reports at least one of the counts (never for views). */
  private static AssetVolume volume(Long rowCount, Long byteCount) {
    return rowCount == null && byteCount == null ? null : new AssetVolume(rowCount, byteCount);
  }
</#if>

  /** One row of {@link #COLUMNS}: a column, or a nested field under its dotted path. */
  static CatalogJoin.Column column(BigQueryRow row) {
    return new CatalogJoin.Column(
        row.string(<@col cm.schema/>),
        row.string(<@col cm.table/>),
        new AssetField(
            row.string(<@col cm.name/>),
            Warehouse.COLUMN_TYPES.normalize(row.string(<@col cm.type/>)),
            <#if cm.description??>row.nonBlank(<@col cm.description/>)<#else>null</#if>));
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectMetadata()).execute(args));
  }
}
