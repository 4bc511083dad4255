<#assign glue = d.metadata.glue>
<#function stringList names>
  <#local items = []>
  <#list names as n><#local items = items + [javaString(n)]></#list>
  <#return "List.of(" + items?join(", ") + ")">
</#function>
package ${pkg};

import ${runtimePkg}.athena.GlueCatalog;
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.NamePatterns;
import ${runtimePkg}.collect.Shard;
import ${runtimePkg}.manifest.ManifestHeader;
import ${runtimePkg}.manifest.ManifestPart;
import ${runtimePkg}.manifest.ManifestWriter;
import ${runtimePkg}.model.Flow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Collects table and view metadata (schema, volume, freshness) from the AWS Glue Data Catalog into
 * a manifest that {@link PushMetadata} sends to Monte Carlo: the catalog ${comment(d.name)} queries, and
 * the metastore of Hive and Spark on AWS where it is Glue.
 *
 * <p>Requests grow with pages, never with tables: {@code GetDatabases}, then {@code GetTables} per
 * database, each page holding up to {@code --page-size} tables with their columns and partition
 * keys. Volume and freshness are the table parameters of {@link #STATISTICS}, set by the engines
 * and crawlers that write the tables (Glue computes none); views carry their SQL. {@code --shard
 * I/N} keeps the Glue databases whose name hashes to shard I, so N runs cover the catalog once.
 */
@Command(
    name = "collect-metadata",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " table metadata from the Glue Data Catalog into a manifest file.")})
public final class CollectMetadata implements Callable<Integer> {

  /** Table parameters giving volume and freshness, in order of preference. */
  static final GlueCatalog.StatisticKeys STATISTICS =
      new GlueCatalog.StatisticKeys(
          ${stringList(glue.row_count)},
          ${stringList(glue.byte_count)},
          ${stringList(glue.last_update_time)});

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
        names = "--databases",
        paramLabel = "GLOBS",
        description = "Comma-separated glob patterns of Glue databases to collect (default: all).")
    String databases;

    @Option(names = "--exclude-databases", paramLabel = "GLOBS", description = "Glue databases to skip.")
    String excludeDatabases;

    @Option(
        names = "--tables",
        paramLabel = "GLOBS",
        description = "Comma-separated glob patterns of tables to collect (default: all).")
    String tables;

    @Option(names = "--exclude-tables", paramLabel = "GLOBS", description = "Tables to skip.")
    String excludeTables;

    /** The shards split the Glue databases. */
    @Mixin Shard.Options shard;

    @Option(
        names = "--only-freshness-and-volume",
        description =
            "Send no fields, for frequent light pushes (a full push daily keeps the schemas"
                + " current). The requests are the same: Glue returns columns with every table.")
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
    } catch (IOException | RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }

  /**
   * @param manifest the manifest written
   * @param assets how many assets it holds
   * @param failedDatabases databases whose tables could not be read (the manifest's report says why)
   * @param shard the part of the catalog collected
   */
  public record Result(Path manifest, long assets, List<String> failedDatabases, Shard shard) {
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
   * Writes the manifest. A database whose tables Glue refuses is reported (on the console and in
   * the manifest's report) and the others are still collected; a catalog that cannot be listed at
   * all writes no manifest.
   */
  public static Result collect(Options options, Console console) throws UsageException, IOException {
    options.connection.validate(console);
    NamePatterns databases = NamePatterns.parse(options.databases);
    NamePatterns excludeDatabases = NamePatterns.parse(options.excludeDatabases);
    NamePatterns tables = NamePatterns.parse(options.tables);
    NamePatterns excludeTables = NamePatterns.parse(options.excludeTables);
    Shard shard = options.shard.resolve();
    GlueCatalog catalog =
        new GlueCatalog(
            options.connection.glue(), options.connection.catalogId(), options.connection.pageSize());
    String database = options.connection.catalogName();
    List<String> names = new ArrayList<>();
    try {
      for (Database glueDatabase : catalog.databases()) {
        String name = glueDatabase.name();
        if ((databases.isEmpty() || databases.matches(name))
            && !excludeDatabases.matches(name)
            && shard.includes(name)) {
          names.add(name);
        }
      }
    } catch (SdkException e) {
      throw new IOException("Glue refused to list the databases (glue:GetDatabases): " + e.getMessage(), e);
    }
    ManifestHeader header =
        ManifestHeader.of(Flow.METADATA, Warehouse.ID, Warehouse.RESOURCE_TYPE, Instant.now())
            .withShard(shard.index(), shard.count());
    List<String> failed = new ArrayList<>();
    long assets = 0;
    try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
      for (String name : names) {
        // Each database into its own part: a database that fails half way leaves nothing behind.
        ManifestPart part = manifest.newPart();
        try {
          for (Table table : catalog.tables(name)) {
            if ((tables.isEmpty() || tables.matches(table.name())) && !excludeTables.matches(table.name())) {
              part.write(
                  GlueCatalog.asset(
                      database,
                      table,
                      Warehouse.TABLE_TYPES,
                      Warehouse.COLUMN_TYPES,
                      STATISTICS,
                      !options.onlyFreshnessAndVolume));
            }
          }
        } catch (SdkException e) {
          part.close();
          console.warn("skipped database " + name + ": " + e.getMessage());
          manifest.report("failed_databases", name, e.getMessage());
          failed.add(name);
          continue;
        }
        long count = part.eventCount();
        manifest.append(part);
        console.info(name + ": " + count + " tables and views");
        if (count == 0) {
          // Lake Formation hides the tables a principal holds no permission on: an empty database
          // is more often a missing permission than an empty one.
          console.warn(
              "database " + name + ": no tables or views visible; if it has some, grant the"
                  + " permissions the README lists");
        }
        assets += count;
      }
      manifest.commit();
    }
    console.info("wrote " + assets + " assets to " + options.outputFile);
    return new Result(options.outputFile, assets, failed, shard);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectMetadata()).execute(args));
  }
}
