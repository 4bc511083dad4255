package io.pushgen.generator.cli;

import io.pushgen.runtime.lineage.Analysis;
import io.pushgen.runtime.lineage.Catalog;
import io.pushgen.runtime.lineage.ColumnRef;
import io.pushgen.runtime.lineage.Dialect;
import io.pushgen.runtime.lineage.LineageAccumulator;
import io.pushgen.runtime.lineage.LineageEngine;
import io.pushgen.runtime.lineage.MetadataCatalog;
import io.pushgen.runtime.lineage.SqlScripts;
import io.pushgen.runtime.lineage.StatementLineage;
import io.pushgen.runtime.lineage.TableChange;
import io.pushgen.runtime.lineage.TableName;
import io.pushgen.runtime.wire.WireJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code pushgen lineage}: the lineage events the SQL lineage engine derives from a file of
 * statements, as JSON in the wire shape, so that customers can check what a {@code CollectLineage}
 * program would push. Statements that do not parse are listed on stderr, and with {@code
 * --explain} every statement is, with what was found and why a part was skipped; they do not
 * change the exit code (0), only unreadable input does (1).
 */
@Command(name = "lineage", mixinStandardHelpOptions = true,
    description = "Prints the lineage events (JSON) derived from the SQL statements in FILE"
        + " (or standard input for -). Statements are split on ';' outside quotes and comments.")
final class LineageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dialect", required = true, paramLabel = "D",
      description = "snowflake, bigquery, databricks, redshift, postgres, mysql, hive, duckdb,"
          + " tsql, trino, clickhouse, teradata or ansi.")
  String dialect;

  @Option(names = "--default-database", paramLabel = "X",
      description = "Database (BigQuery: project) of unqualified names.")
  String defaultDatabase;

  @Option(names = "--default-schema", paramLabel = "Y",
      description = "Schema (BigQuery: dataset; Hive, MySQL: database) of unqualified names.")
  String defaultSchema;

  @Option(names = "--catalog", paramLabel = "METADATA_MANIFEST",
      description = "A metadata manifest whose columns expand SELECT * and map INSERT without a"
          + " column list.")
  Path catalog;

  @Option(names = "--table-level-only", description = "Leave column lineage out.")
  boolean tableLevelOnly;

  @Option(names = "--explain",
      description = "Print on stderr, per statement, what was found (targets, sources, columns,"
          + " renames and drops) and why a part was skipped.")
  boolean explain;

  @Parameters(index = "0", paramLabel = "FILE|-", description = "SQL file, or - for standard input.")
  String file;

  @Override
  public Integer call() throws IOException {
    Dialect d;
    try {
      d = Dialect.fromId(dialect);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    String sql = file.equals("-")
        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
        : Files.readString(Path.of(file), StandardCharsets.UTF_8);
    Catalog cat = catalog == null
        ? Catalog.empty()
        : MetadataCatalog.read(catalog, MetadataCatalog.ignoresCase(d));
    List<String> statements = SqlScripts.split(sql, d);
    LineageAccumulator acc = new LineageAccumulator(!tableLevelOnly);
    PrintWriter err = spec.commandLine().getErr();
    // Defaults are names as SQL would spell them: Snowflake folds unquoted ones to upper case.
    String database = d.nameAsWritten(defaultDatabase);
    String schema = d.nameAsWritten(defaultSchema);
    int unparsed = 0;
    int recovered = 0;
    try (LineageEngine engine = new LineageEngine(d, cat)) {
      for (int i = 0; i < statements.size(); i++) {
        Analysis a = engine.analyze(statements.get(i), database, schema);
        acc.add(a);
        if (!a.parsed()) {
          unparsed++;
          err.printf("statement %d not parsed: %s%n  %s%n", i + 1, a.error(),
              abbreviate(statements.get(i)));
        } else if (a.recovered()) {
          recovered++;
        }
        if (explain && a.parsed()) {
          explain(err, i + 1, statements.get(i), a);
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(WireJson.mapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(acc.events()));
    err.printf("%d statements, %d parsed, %d recovered by a fallback (tables only), %d not"
            + " parsed%n",
        statements.size(), statements.size() - unparsed - recovered, recovered, unparsed);
    return PushgenCli.OK;
  }

  /** What one understood statement yields, and what was left out and why. */
  private void explain(PrintWriter err, int number, String statement, Analysis a) {
    err.printf("statement %d %s:%n  %s%n", number,
        a.recovered() ? "recovered by a fallback" : "parsed", abbreviate(statement));
    if (a.recovered()) {
      err.printf("  skipped: column lineage; %s%n", a.recovery());
    }
    if (a.lineages().isEmpty() && a.changes().isEmpty()) {
      err.println("  no lineage: it writes no table, or writes one without reading a table");
    }
    for (StatementLineage l : a.lineages()) {
      err.printf("  target %s%s%n", l.target(),
          l.temporary() ? " (temporary: resolved through to what it feeds, never reported)" : "");
      for (TableName source : l.sources()) {
        err.printf("    source %s%s%n", source,
            l.external().contains(source) ? " (external: no column lineage)" : "");
      }
      if (tableLevelOnly) {
        continue;
      }
      l.columns().forEach((column, refs) -> err.printf("    column %s <- %s%n", column,
          String.join(", ", refs.stream().map(ColumnRef::toString).toList())));
      if (l.columns().isEmpty()) {
        err.println("    no column lineage: a star over a table the catalog does not know, an"
            + " INSERT without a column list and no --catalog, or columns that are not read"
            + " from a table");
      }
    }
    for (TableChange c : a.changes()) {
      switch (c.kind()) {
        case DROPPED -> err.printf("  drops %s (written earlier: resolved through)%n", c.table());
        case RENAMED -> err.printf("  renames %s to %s (earlier lineage moves with it)%n",
            c.table(), c.other());
        case SWAPPED -> err.printf("  swaps %s with %s (earlier lineage swaps too)%n",
            c.table(), c.other());
      }
    }
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 200 ? one.substring(0, 197) + "..." : one;
  }
}
