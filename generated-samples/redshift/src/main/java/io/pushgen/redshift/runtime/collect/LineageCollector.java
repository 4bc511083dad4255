// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.redshift.runtime.collect;

import io.pushgen.redshift.runtime.lineage.Analysis;
import io.pushgen.redshift.runtime.lineage.Catalog;
import io.pushgen.redshift.runtime.lineage.ColumnRef;
import io.pushgen.redshift.runtime.lineage.Dialect;
import io.pushgen.redshift.runtime.lineage.LineageAccumulator;
import io.pushgen.redshift.runtime.lineage.LineageEngine;
import io.pushgen.redshift.runtime.lineage.SqlScripts;
import io.pushgen.redshift.runtime.lineage.StatementLineage;
import io.pushgen.redshift.runtime.lineage.TableName;
import io.pushgen.redshift.runtime.manifest.ManifestSink;
import io.pushgen.redshift.runtime.manifest.ManifestWriter;
import io.pushgen.redshift.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.redshift.runtime.model.LineageEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers lineage from the three sources a warehouse may offer — view definitions, native
 * lineage rows and SQL statements — into one event per destination.
 *
 * <p>Statements and view definitions go through the SQL lineage engine; a statement the parser
 * does not understand, or understands only through a fallback, is reported (report kinds {@value
 * #UNPARSED} and {@value #RECOVERED}, with the reason) and never stops the run; {@link
 * #writeSummary} adds how many statements were read, parsed, recovered and not understood, and the
 * reasons grouped. Memory holds one entry per destination table, not per statement.
 */
public final class LineageCollector {
  /**
   * A definition that is already a whole statement (leading comments allowed): CREATE ..., or
   * Teradata's REPLACE VIEW and CV.
   */
  private static final Pattern STARTS_WITH_CREATE =
      Pattern.compile(
          "^\\s*(?:--[^\\n]*\\n\\s*|/\\*.*?\\*/\\s*)*(?:create|replace|cv)\\s",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final Dialect dialect;
  private final LineageEngine engine;
  private final LineageAccumulator accumulator;
  private final Quoting quoting;
  private final ManifestSink report;
  private final Set<TableName> views = new HashSet<>();
  /** Schema links, source then target (database, schema), sorted and distinct. */
  private final Set<List<String>> links =
      new TreeSet<>(
          (x, y) -> {
            for (int i = 0; i < 4; i++) {
              int c = x.get(i).compareTo(y.get(i));
              if (c != 0) {
                return c;
              }
            }
            return 0;
          });
  private long statements;
  private long recovered;
  private long failed;
  /** Reason group to how many statements failed for it and the first few of their ids. */
  private final Map<String, Reason> reasons = new TreeMap<>();

  /** Report kind: a statement not understood, with the parser's reason. */
  public static final String UNPARSED = "unparsed_statements";

  /** Report kind: a statement only a fallback understood, with what it recovered and left out. */
  public static final String RECOVERED = "recovered_statements";

  /** Report kind: the reasons statements were not understood, grouped, with a count each. */
  public static final String UNPARSED_REASONS = "unparsed_reasons";

  /** Statement ids given as examples of a reason group. */
  private static final int EXAMPLES = 3;

  private static final class Reason {
    long count;
    final List<String> examples = new ArrayList<>();
  }

  /**
   * @param dialect the SQL dialect of statements and view definitions
   * @param catalog known tables' columns, for {@code SELECT *}; {@link Catalog#empty()} if none
   * @param columnLevel whether to derive column mappings (false: table-level lineage only)
   * @param quoting how the warehouse quotes identifiers, to name views in their definitions
   * @param report receives each statement not understood ({@value #UNPARSED}) or understood only
   *     by a fallback ({@value #RECOVERED})
   */
  public LineageCollector(
      Dialect dialect, Catalog catalog, boolean columnLevel, Quoting quoting, ManifestSink report) {
    this.dialect = dialect;
    this.engine = new LineageEngine(dialect, catalog);
    this.accumulator = new LineageAccumulator(columnLevel);
    this.quoting = quoting;
    this.report = report;
  }

  /**
   * A view and its definition: either the whole {@code CREATE VIEW} statement (as Snowflake keeps
   * it) or just its query (as PostgreSQL's {@code pg_get_viewdef} returns it).
   */
  public void view(String database, String schema, String name, String definition) {
    if (definition == null || definition.isBlank()) {
      return;
    }
    String body = definition.strip();
    if (body.endsWith(";")) {
      body = body.substring(0, body.length() - 1);
    }
    String sql =
        STARTS_WITH_CREATE.matcher(body).find()
            ? body
            : "CREATE VIEW "
                + quoting.quote(database)
                + "."
                + quoting.quote(schema)
                + "."
                + quoting.quote(name)
                + " AS "
                + body;
    views.add(new TableName(database, schema, name));
    statement(database + "." + schema + "." + name, sql, database, schema);
  }

  /** One native lineage row: a source table (and column) of a destination table (and column). */
  public void edge(TableName target, String targetColumn, TableName source, String sourceColumn) {
    Map<String, List<ColumnRef>> columns =
        targetColumn == null || sourceColumn == null
            ? Map.of()
            : Map.of(targetColumn, List.of(new ColumnRef(source, sourceColumn)));
    accumulator.add(new StatementLineage(target, false, List.of(source), Set.of(), columns));
  }

  /**
   * One job whose tables the warehouse itself recorded (BigQuery {@code INFORMATION_SCHEMA.JOBS}:
   * {@code destination_table} and {@code referenced_tables}): those give the table lineage exactly,
   * without parsing. The statement is parsed only for column mappings, kept when the parser's
   * target is the recorded destination and its source columns belong to recorded sources; a
   * statement the parser cannot read still gives its table lineage (and is reported).
   *
   * @param sql the statement, or null to send table lineage only
   * @param database the job's project, the default for names that do not give one
   */
  public void job(
      String queryId, String sql, String database, TableName target, Collection<TableName> sources) {
    Set<TableName> exact = new LinkedHashSet<>(sources);
    exact.remove(target);
    if (exact.isEmpty()) {
      return;
    }
    Map<String, List<ColumnRef>> columns = new LinkedHashMap<>();
    if (sql != null && !sql.isBlank()) {
      Analysis analysis = analyze(queryId, sql, database, null);
      if (analysis.parsed()) {
        for (StatementLineage lineage : analysis.lineages()) {
          if (!lineage.target().equals(target)) {
            continue;
          }
          lineage.columns().forEach(
              (column, refs) -> {
                List<ColumnRef> kept =
                    refs.stream().filter(ref -> exact.contains(ref.table())).toList();
                if (!kept.isEmpty()) {
                  columns.computeIfAbsent(column, k -> new ArrayList<>()).addAll(kept);
                }
              });
        }
      }
    }
    accumulator.add(new StatementLineage(target, false, List.copyOf(exact), Set.of(), columns));
  }

  /**
   * A schema-level link (a BigQuery linked dataset): everything in the source schema flows to the
   * target schema. Sent as its own event between two {@code WILDCARD} references named {@code *}.
   */
  public void link(String sourceDatabase, String sourceSchema, String targetDatabase, String targetSchema) {
    links.add(List.of(sourceDatabase, sourceSchema, targetDatabase, targetSchema));
  }

  /**
   * One SQL statement, with the database and schema it ran in (its defaults for short names).
   *
   * <p>Teradata logs a request, which may hold several statements separated by semicolons
   * ({@code BT; INS ...; INS ...; ET;}, a multi-statement request): each is analysed in turn,
   * reported as {@code <query id>#<n>}. A request that starts with {@code CREATE} or {@code
   * REPLACE} is one statement (a DDL statement ends its request; a macro or procedure body holds
   * statements that run only when it is called).
   */
  public void statement(String queryId, String sql, String database, String schema) {
    if (sql == null || sql.isBlank()) {
      return;
    }
    if (dialect == Dialect.TERADATA && sql.indexOf(';') >= 0 && !DEFINITION.matcher(sql).find()) {
      List<String> statements = SqlScripts.split(sql, dialect);
      if (statements.size() > 1) {
        for (int i = 0; i < statements.size(); i++) {
          accumulator.add(analyze(queryId + "#" + (i + 1), statements.get(i), database, schema));
        }
        return;
      }
    }
    accumulator.add(analyze(queryId, sql, database, schema));
  }

  /** A request that defines something ({@code CREATE ...}, {@code REPLACE ...}), after comments. */
  private static final Pattern DEFINITION =
      Pattern.compile("\\A(?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)*(?:CREATE|REPLACE|CT|CV)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** Analyses one statement, counting and reporting what was not (fully) understood. */
  private Analysis analyze(String queryId, String sql, String database, String schema) {
    statements++;
    Analysis analysis = engine.analyze(sql, database, schema);
    if (!analysis.parsed()) {
      failed++;
      report.report(UNPARSED, queryId, analysis.error());
      Reason reason = reasons.computeIfAbsent(reasonGroup(analysis.error()), k -> new Reason());
      reason.count++;
      if (reason.examples.size() < EXAMPLES) {
        reason.examples.add(queryId);
      }
    } else if (analysis.recovered()) {
      recovered++;
      report.report(RECOVERED, queryId, analysis.recovery());
    }
    return analysis;
  }

  /**
   * The group of a parser message: where the parser stopped ({@code the parser stopped at FROM}),
   * so that one construct the parser refuses is one group however often it occurs.
   */
  static String reasonGroup(String error) {
    Matcher m = UNEXPECTED.matcher(error);
    if (m.find()) {
      String kind = m.group(2);
      String what = switch (kind) {
        case "<S_LONG>", "<S_DOUBLE>" -> "a number";
        case "<S_CHAR_LITERAL>" -> "a string";
        case "<S_IDENTIFIER>" -> "the name " + m.group(1).toUpperCase(Locale.ROOT);
        case "<S_QUOTED_IDENTIFIER>" -> "a quoted name";
        default -> m.group(1).toUpperCase(Locale.ROOT);
      };
      return "the parser stopped at " + what;
    }
    if (error.startsWith("parse timed out")) {
      return "parse timed out";
    }
    return error.replaceAll("\\d+", "N");
  }

  private static final Pattern UNEXPECTED =
      Pattern.compile("unexpected token: \"((?:[^\"]|\"\")*)\" (<\\w+>|\"[^\"]*\")");

  /**
   * Writes the outcome counts ({@code statements_read}, {@code statements_parsed}, {@code
   * statements_recovered}, {@code statements_not_understood}) and one {@value #UNPARSED_REASONS}
   * entry per reason group (subject: the reason; reason: how many statements, and examples).
   */
  public void writeSummary(ManifestWriter manifest) {
    manifest.count("statements_read", statements);
    manifest.count("statements_parsed", statements - recovered - failed);
    manifest.count("statements_recovered", recovered);
    manifest.count("statements_not_understood", failed);
    reasons.forEach(
        (group, reason) ->
            manifest.report(
                UNPARSED_REASONS,
                group,
                reason.count
                    + (reason.count == 1 ? " statement" : " statements")
                    + ", e.g. "
                    + String.join(", ", reason.examples)));
  }

  /**
   * Every statement of a SQL script (separated by {@code ;} outside quotes and comments), read
   * one at a time; each is reported as {@code <file name>#<n>}.
   */
  public void sqlFile(Path file, String defaultDatabase, String defaultSchema)
      throws IOException {
    String script = Files.readString(file, StandardCharsets.UTF_8);
    String name = file.getFileName().toString();
    int[] number = {0};
    SqlScripts.forEach(
        script,
        dialect,
        sql -> statement(name + "#" + ++number[0], sql, defaultDatabase, defaultSchema));
  }

  /** How many statements (and view definitions) were analysed. */
  public long statements() {
    return statements;
  }

  /** How many of them could not be parsed. */
  public long unparsedStatements() {
    return failed;
  }

  /** How many of them only a fallback understood (table lineage only). */
  public long recoveredStatements() {
    return recovered;
  }

  /** One event per destination, views typed {@code VIEW}; then one per schema link. */
  public List<LineageEvent> events() {
    List<LineageEvent> events = new ArrayList<>();
    for (LineageEvent event : accumulator.events()) {
      List<LineageAssetRef> sources = new ArrayList<>();
      event.sources().forEach(source -> sources.add(typed(source)));
      events.add(new LineageEvent(typed(event.destination()), sources, event.fields()));
    }
    for (List<String> link : links) {
      events.add(
          new LineageEvent(
              new LineageAssetRef(WILDCARD, "*", link.get(2), link.get(3), null),
              List.of(new LineageAssetRef(WILDCARD, "*", link.get(0), link.get(1), null)),
              List.of()));
    }
    return events;
  }

  /** The reference type of a whole schema ({@code *}) in a link. */
  public static final String WILDCARD = "WILDCARD";

  private LineageAssetRef typed(LineageAssetRef ref) {
    boolean view =
        "TABLE".equals(ref.type())
            && views.contains(new TableName(ref.database(), ref.schema(), ref.name()));
    return view
        ? new LineageAssetRef("VIEW", ref.name(), ref.database(), ref.schema(), ref.assetId())
        : ref;
  }

  /**
   * Splits a qualified name such as {@code DB.SCHEMA.TABLE} or {@code "my.db".S."T"} into its three
   * parts; quoted parts keep their dots, and a doubled quote inside them stands for one quote.
   *
   * @throws IllegalArgumentException when the name does not have exactly three parts
   */
  public static TableName qualifiedName(String name, Quoting quoting) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    String quote = quoting.quote();
    boolean quoted = false;
    for (int i = 0; i < name.length(); i++) {
      if (name.startsWith(quote, i)) {
        if (quoted && name.startsWith(quote + quote, i)) {
          part.append(quote);
          i += 2 * quote.length() - 1;
        } else {
          quoted = !quoted;
          i += quote.length() - 1;
        }
      } else if (name.charAt(i) == '.' && !quoted) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(name.charAt(i));
      }
    }
    parts.add(part.toString());
    if (parts.size() != 3 || parts.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a qualified name database.schema.table");
    }
    return new TableName(parts.get(0), parts.get(1), parts.get(2));
  }
}
