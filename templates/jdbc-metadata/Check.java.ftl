<#-- The preflight check of the generic JDBC warehouse: the connection, the catalogs and the
     tables DatabaseMetaData shows. -->
package ${pkg};

import ${runtimePkg}.check.CheckReport;
import ${runtimePkg}.check.Checks;
import ${runtimePkg}.check.Checks.Outcome;
import ${runtimePkg}.check.MonteCarloSettings;
import ${runtimePkg}.cli.Console;
import ${runtimePkg}.cli.ExitCode;
import ${runtimePkg}.cli.RunSummary;
import ${runtimePkg}.cli.UsageException;
import ${runtimePkg}.collect.DatabaseMetadataReader;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Checks, before the first run, that {@link CollectMetadata} can do its work as the configured
 * user: the driver connects, {@link DatabaseMetaData} lists the databases, and each shows tables
 * (a driver shows only what the user may see, so none usually means a missing grant); and that
 * the Monte Carlo settings are present and well formed.
 *
 * <p>Exit codes: 0 every check passed, 1 a check failed or came back empty, 2 bad usage.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        ${picocliString("Checks that the " + d.name + " programs can run as the configured user: connection, visible tables, Monte Carlo settings.")})
public final class Check implements Callable<Integer> {
  /** What the metadata programs need. */
  static final String METADATA_PRIVILEGES =
      ${javaString((d.privileges.metadata)!"what the driver needs to read its catalog: a user that can see the tables to collect")};

  @Mixin private Warehouse.ConnectionOptions connection;

  @Mixin private MonteCarloSettings monteCarlo;

  @Mixin private RunSummary summary;

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    return summary.run(Warehouse.ID, null, this::execute);
  }

  private int execute() {
    Console console = Console.system(verbose);
    CheckReport report = new CheckReport(Warehouse.NAME);
    try {
      connection.validate(console);
    } catch (UsageException e) {
      console.error(e.getMessage());
      return ExitCode.USAGE;
    }
    monteCarlo.check(report, console);
    Checks checks = new Checks(report);
    Connection[] opened = {null};
    checks.run(
        "metadata",
        "connect",
        null,
        METADATA_PRIVILEGES,
        () -> {
          opened[0] = connection.connect();
          return Outcome.ok("connected as the configured user");
        });
    try (Connection c = opened[0]) {
      if (c != null) {
        DatabaseMetaData metadata = c.getMetaData();
        List<String> databases = new ArrayList<>();
        boolean listed =
            checks.run(
            "metadata",
            "databases",
            null,
            METADATA_PRIVILEGES,
            () -> {
              for (String catalog : DatabaseMetadataReader.catalogs(metadata)) {
                if (!Warehouse.SKIP_DATABASES.matches(catalog)) {
                  databases.add(catalog);
                }
              }
              return Outcome.ok(
                  databases.isEmpty()
                      ? "the driver has no catalogs: one database, " + connection.databaseName()
                      : databases.size() + " to collect: " + String.join(", ", databases));
            });
        for (String catalog : !listed ? List.<String>of() : databases.isEmpty() ? Collections.<String>singletonList(null) : databases) {
          checks.run(
              "metadata",
              "tables visible",
              catalog != null ? catalog : connection.databaseName(),
              METADATA_PRIVILEGES,
              () -> firstTable(metadata, catalog));
        }
      }
    } catch (SQLException e) {
      console.error(e);
      return ExitCode.FAILURE;
    }
    report.print(System.out, json);
    return report.exitCode();
  }

  /** The first table or view of a catalog (null: the driver has none) outside skipped schemas. */
  private static Outcome firstTable(DatabaseMetaData metadata, String catalog) throws SQLException {
    try (ResultSet rows = metadata.getTables(catalog, null, "%", null)) {
      while (rows.next()) {
        String schema = rows.getString("TABLE_SCHEM");
        if (schema == null || !Warehouse.SKIP_SCHEMAS.matches(schema)) {
          String name = rows.getString("TABLE_NAME");
          return Outcome.ok("visible, e.g. " + (schema == null ? name : schema + "." + name));
        }
      }
    }
    return Outcome.empty("no tables or views visible");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Check()).execute(args));
  }
}
