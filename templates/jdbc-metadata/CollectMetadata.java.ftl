package ${pkg};

import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.MemoryCheck;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.DatabaseMetadataReader;
import ${runtimePkg}.collect.NamePatterns;
import ${runtimePkg}.collect.Quoting;
import ${runtimePkg}.collect.Shard;
import ${runtimePkg}.manifest.ManifestHeader;
import ${runtimePkg}.manifest.ManifestWriter;
import ${runtimePkg}.model.Flow;
import ${runtimePkg}.model.RelationalAsset;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Collects table and view metadata (names, types, columns, remarks) from ${comment(d.name)} through
 * {@link DatabaseMetaData} into a manifest that {@link PushMetadata} sends to Monte Carlo.
 *
 * <p>Works with any JDBC driver on the class path. Each schema is read with two metadata calls
 * ({@code getTables}, {@code getColumns}), whatever the number of tables. {@code DatabaseMetaData}
 * has no row counts, sizes or modification times, so no volume and no freshness are sent.
 * Databases are the driver's catalogs and schemas its schemas; a driver without catalogs gets
 * {@code --database-name}, and one without schemas uses the database name as the schema. {@code
 * --shard I/N} splits the databases by a stable hash of their name, or, when the driver lists at
 * most one, the schemas, so N runs cover the database server once.
 */
@Command(
    name = "collect-metadata",
    mixinStandardHelpOptions = true,
    description = ${picocliString("Collects " + d.name + " table metadata into a manifest file.")})
public final class CollectMetadata implements Callable<Integer> {
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
        description = "Comma-separated glob patterns of databases (catalogs) to collect (default: all).")
    String databases;

    @Option(names = "--exclude-databases", description = "Glob patterns of databases to skip.")
    String excludeDatabases;

    @Option(
        names = "--schemas",
        description = "Glob patterns of schemas to collect (default: all).")
    String schemas;

    @Option(names = "--exclude-schemas", description = "Glob patterns of schemas to skip.")
    String excludeSchemas;

    @Option(names = "--tables", description = "Glob patterns of tables to collect (default: all).")
    String tables;

    @Option(names = "--exclude-tables", description = "Glob patterns of tables to skip.")
    String excludeTables;

    @Mixin Shard.Options shard;

    @Option(
        names = "--table-types",
        defaultValue = Warehouse.DEFAULT_TABLE_TYPES,
        description = "Comma-separated table types to collect, as the driver names them"
            + " (default: ${r"${DEFAULT-VALUE}"}; those the driver does not list are ignored).")
    String tableTypes;

    @Option(
        names = {"--only-freshness-and-volume", "--skip-columns"},
        description =
            "Skip the getColumns calls and send no fields, for frequent light pushes. DatabaseMetaData"
                + " has no volume or freshness, so this sends only the tables and views themselves.")
    boolean skipColumns;

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
    } catch (SQLException | IOException | RuntimeException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
  }

  /**
   * @param manifest the manifest written
   * @param assets how many assets it holds
   * @param failedDatabases schemas (database.schema) that could not be read (the manifest's
   *     report says why)
   * @param shard the part of the server collected
   */
  public record Result(Path manifest, int assets, List<String> failedDatabases, Shard shard) {
    /** Whether every schema was read. */
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
   * Writes the manifest. A schema that cannot be read is reported (on the console and in the
   * manifest's report) and the others are still collected; a failure to reach the database at
   * all writes no manifest.
   */
  public static Result collect(Options options, Console console)
      throws UsageException, SQLException, IOException {
    options.connection.validate(console);
    Filter filter = new Filter(options);
    Shard shard = options.shard.resolve();
    List<String> failed = new ArrayList<>();
    int assets = 0;
    try (Connection connection = options.connection.connect()) {
      DatabaseMetaData metadata = connection.getMetaData();
      Quoting quoting = DatabaseMetadataReader.quoting(metadata);
      Set<String> wanted = new LinkedHashSet<>();
      for (String type : options.tableTypes.split(",")) {
        if (!type.isBlank()) {
          wanted.add(type.strip());
        }
      }
      DatabaseMetadataReader.Settings settings =
          new DatabaseMetadataReader.Settings(
              wanted.isEmpty() ? null : DatabaseMetadataReader.tableTypes(metadata, wanted),
              Warehouse.TABLE_TYPES,
              Warehouse.COLUMN_TYPES,
              !options.skipColumns);
      if (!wanted.isEmpty() && settings.types() == null) {
        console.warn(
            "the driver lists none of the table types " + wanted + "; collecting every type");
      }
      List<String> catalogs = DatabaseMetadataReader.catalogs(metadata);
      // Several databases: the shards split them; one: they split its schemas.
      boolean shardBySchema = catalogs.size() < 2;
      ManifestHeader header =
          ManifestHeader.of(Flow.METADATA, Warehouse.ID, Warehouse.RESOURCE_TYPE, Instant.now())
              .withShard(shard.index(), shard.count());
      try (ManifestWriter manifest = ManifestWriter.open(options.outputFile, header)) {
        for (String catalog : catalogs.isEmpty() ? Arrays.asList((String) null) : catalogs) {
          String database = catalog != null ? catalog : options.connection.databaseName();
          if (!filter.database(database) || (!shardBySchema && !shard.includes(database))) {
            continue;
          }
          List<String> schemas = DatabaseMetadataReader.schemas(metadata, catalog);
          for (String schema : schemas.isEmpty() ? Arrays.asList((String) null) : schemas) {
            String schemaName = schema != null ? schema : database;
            if (!filter.schema(schemaName) || (shardBySchema && !shard.includes(schemaName))) {
              continue;
            }
            String name = DatabaseMetadataReader.qualified(quoting, catalog, schema);
            try {
              int count =
                  DatabaseMetadataReader.readSchema(
                      metadata, catalog, schema, database, schemaName, settings, filter::asset,
                      manifest::write);
              console.info((name.isEmpty() ? database : name) + ": " + count + " tables and views");
              assets += count;
            } catch (SQLException e) {
              console.warn("skipped " + name + ": " + e.getMessage());
              manifest.report("failed_schemas", name, e.getMessage());
              failed.add(database + "." + schemaName);
            }
          }
        }
        manifest.commit();
      }
    }
    console.info("wrote " + assets + " assets to " + options.outputFile);
    return new Result(options.outputFile, assets, failed, shard);
  }

  /** Which databases, schemas and tables to collect: the skip lists, then the options. */
  private static final class Filter {
    private final NamePatterns databases;
    private final NamePatterns excludeDatabases;
    private final NamePatterns schemas;
    private final NamePatterns excludeSchemas;
    private final NamePatterns tables;
    private final NamePatterns excludeTables;

    Filter(Options options) {
      databases = NamePatterns.parse(options.databases);
      excludeDatabases = NamePatterns.parse(options.excludeDatabases);
      schemas = NamePatterns.parse(options.schemas);
      excludeSchemas = NamePatterns.parse(options.excludeSchemas);
      tables = NamePatterns.parse(options.tables);
      excludeTables = NamePatterns.parse(options.excludeTables);
    }

    boolean database(String name) {
      return !Warehouse.SKIP_DATABASES.matches(name)
          && (databases.isEmpty() || databases.matches(name))
          && !excludeDatabases.matches(name);
    }

    boolean schema(String name) {
      return !Warehouse.SKIP_SCHEMAS.matches(name)
          && (schemas.isEmpty() || schemas.matches(name))
          && !excludeSchemas.matches(name);
    }

    boolean asset(RelationalAsset asset) {
      String table = asset.metadata().name();
      return (tables.isEmpty() || tables.matches(table)) && !excludeTables.matches(table);
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectMetadata()).execute(args));
  }
}
