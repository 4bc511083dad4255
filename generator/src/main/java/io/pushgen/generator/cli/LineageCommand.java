package io.pushgen.generator.cli;

import io.pushgen.runtime.lineage.Analysis;
import io.pushgen.runtime.lineage.Catalog;
import io.pushgen.runtime.lineage.Dialect;
import io.pushgen.runtime.lineage.LineageAccumulator;
import io.pushgen.runtime.lineage.LineageEngine;
import io.pushgen.runtime.lineage.MetadataCatalog;
import io.pushgen.runtime.lineage.SqlScripts;
import io.pushgen.runtime.wire.WireJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pushgen lineage}: the lineage events the SQL lineage engine derives from a file of
 * statements, as JSON in the wire shape, so that customers can check what a {@code CollectLineage}
 * program would push. Statements that do not parse are listed on stderr; they do not change the
 * exit code (0), only unreadable input does (1).
 */
@Command(name = "lineage", mixinStandardHelpOptions = true,
    description = "Prints the lineage events (JSON) derived from the SQL statements in FILE"
        + " (or standard input for -). Statements are split on ';' outside quotes and comments.")
final class LineageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dialect", required = true, paramLabel = "D",
      description = "snowflake, bigquery, databricks, redshift, postgres, mysql, hive, duckdb or"
          + " ansi.")
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
    int unparsed = 0;
    try (LineageEngine engine = new LineageEngine(d, cat)) {
      for (int i = 0; i < statements.size(); i++) {
        Analysis a = engine.analyze(statements.get(i), defaultDatabase, defaultSchema);
        if (a.parsed()) {
          acc.add(a);
        } else {
          unparsed++;
          err.printf("statement %d not parsed: %s%n  %s%n", i + 1, a.error(),
              abbreviate(statements.get(i)));
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(WireJson.mapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(acc.events()));
    err.printf("%d statements, %d parsed, %d not parsed%n", statements.size(),
        statements.size() - unparsed, unparsed);
    return PushgenCli.OK;
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 200 ? one.substring(0, 197) + "..." : one;
  }
}
