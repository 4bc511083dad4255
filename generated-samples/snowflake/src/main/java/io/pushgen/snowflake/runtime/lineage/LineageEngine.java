// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.snowflake.runtime.lineage;

import io.pushgen.snowflake.runtime.lineage.SqlLexer.Kind;
import io.pushgen.snowflake.runtime.lineage.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;

/**
 * Table and column lineage of single SQL statements, on JSqlParser.
 *
 * <p>{@link #analyze} never throws: a statement that cannot be parsed (or that exceeds the parse
 * timeout) has its tables read from its words ({@link Analysis#recovered()}, table lineage only)
 * or, when that finds no target and source, is an {@link Analysis} failure with the parser's
 * message. Instances are not thread-safe;
 * use one per thread. A pathological statement is abandoned after {@link
 * #DEFAULT_PARSE_TIMEOUT_MILLIS} (JSqlParser's interrupt flag, set by a shared daemon watchdog).
 */
public final class LineageEngine implements AutoCloseable {
  /** JSqlParser gives up on a statement after this long. */
  public static final long DEFAULT_PARSE_TIMEOUT_MILLIS = 2_000;

  /** First words of statements that never write a table: answered without parsing. */
  private static final Set<String> NO_LINEAGE =
      Set.of("SHOW", "DESCRIBE", "DESC", "EXPLAIN", "USE", "SET", "UNSET", "GRANT", "REVOKE",
          "BEGIN", "START", "COMMIT", "ROLLBACK", "END", "DECLARE", "CALL", "EXECUTE", "EXEC",
          "TRUNCATE", "PUT", "GET", "LIST", "LS", "REMOVE", "RM", "ANALYZE", "VACUUM",
          "OPTIMIZE", "REFRESH", "MSCK", "CACHE", "UNCACHE", "LOCK", "UNLOCK", "COMMENT", "UNDROP",
          "PRAGMA", "ATTACH", "DETACH", "INSTALL", "LOAD", "EXPORT", "UNLOAD", "CHECKPOINT",
          "KILL", "CANCEL", "ABORT", "PREPARE", "DEALLOCATE", "RESET", "VALUES", "FETCH", "CLOSE",
          "OPEN", "RETURN", "IF", "WHILE", "LOOP", "FOR", "RAISE", "ASSERT", "LISTEN", "NOTIFY",
          // ClickHouse
          "SYSTEM", "CHECK", "EXISTS", "WATCH",
          // Teradata (BT/ET: BEGIN/END TRANSACTION; DATABASE d sets the default database)
          "BT", "ET", "COLLECT", "HELP", "DATABASE", "DIAGNOSTIC", "MODIFY", "GIVE");

  /** Words that make a SELECT/WITH statement worth parsing. */
  private static final Set<String> WRITE_WORDS =
      Set.of("INTO", "INSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "REPLACE", "UPSERT");

  private final Dialect dialect;
  private final Catalog catalog;
  private final long timeoutMillis;

  public LineageEngine(Dialect dialect, Catalog catalog) {
    this(dialect, catalog, DEFAULT_PARSE_TIMEOUT_MILLIS);
  }

  public LineageEngine(Dialect dialect, Catalog catalog, long parseTimeoutMillis) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.catalog = catalog == null ? Catalog.empty() : catalog;
    this.timeoutMillis = parseTimeoutMillis;
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * One statement to zero or more lineages (zero for read-only statements and for writes without
   * a source, such as {@code INSERT ... VALUES}), or a failure with the parser's message.
   *
   * @param defaultDatabase the session's database (BigQuery: project) for unqualified names
   * @param defaultSchema the session's schema (BigQuery: dataset; Hive, MySQL: database)
   */
  public Analysis analyze(String sql, String defaultDatabase, String defaultSchema) {
    try {
      return analyzeOrThrow(sql == null ? "" : sql, defaultDatabase, defaultSchema);
    } catch (RuntimeException | StackOverflowError e) {
      return Analysis.failed("lineage analysis failed: " + e);
    }
  }

  private Analysis analyzeOrThrow(String sql, String defaultDatabase, String defaultSchema) {
    Names names = new Names(dialect, catalog, defaultDatabase, defaultSchema);
    List<Token> tokens = SqlLexer.tokenize(sql, dialect);
    List<Token> normalized = Rewrites.normalize(tokens, dialect);
    if (normalized == null) {
      return Analysis.ok(List.of()); // no lineage, whatever follows (rows, locks only, macros)
    }
    if (normalized != tokens) {
      tokens = SqlLexer.tokenize(SqlLexer.join(normalized), dialect);
    }
    List<Token> sig = SqlLexer.significant(tokens);
    while (!sig.isEmpty() && sig.get(sig.size() - 1).isSymbol(";")) {
      sig.remove(sig.size() - 1);
    }
    if (sig.isEmpty()) {
      return Analysis.ok(List.of());
    }
    Token head = sig.get(0);
    String first = head.kind() == Kind.WORD ? head.upper() : head.text();
    if (NO_LINEAGE.contains(first)) {
      return Analysis.ok(List.of());
    }
    if (first.equals("SELECT") || first.equals("WITH") || first.equals("(")) {
      boolean writes = false;
      for (Token t : sig) {
        if (t.kind() == Kind.WORD && WRITE_WORDS.contains(t.upper())
            && !(!dialect.selectIntoCreatesTable() && t.is("INTO") && first.equals("SELECT"))) {
          // MySQL, ClickHouse, Teradata: SELECT ... INTO assigns variables or writes a file
          writes = true;
          break;
        }
      }
      if (!writes) {
        return Analysis.ok(List.of());
      }
    }
    if (first.equals("ALTER") || first.equals("DROP") || first.equals("RENAME")
        || first.equals("EXCHANGE")) {
      return Shapes.alterRenameDrop(sig, names, catalog);
    }
    if (first.equals("COPY")) {
      Shapes.Direct d = Shapes.copy(sig, names, dialect);
      return d != null ? Analysis.ok(d.lineages()) : Analysis.failed("unrecognised COPY statement");
    }
    if (first.equals("CREATE")) {
      if (Shapes.createsNoRelation(sig)) {
        return Analysis.ok(List.of()); // schemas, functions, stages, roles ...
      }
      Shapes.Direct d = Shapes.createCopy(sig, names, catalog);
      if (d != null) {
        return Analysis.ok(d.lineages());
      }
      List<String> materialized =
          dialect == Dialect.CLICKHOUSE ? Shapes.materializedViewTo(sig) : null;
      if (materialized != null) {
        return analyzeEach(materialized, names, Rewrites.Hints.NONE, sig);
      }
    }
    Rewrites.Result rewritten = Rewrites.apply(tokens, dialect);
    List<Token> rsig = null;
    int all = sig.size() > 2 && sig.get(1).is("OVERWRITE") ? 2 : 1; // INSERT [OVERWRITE] ALL
    if (first.equals("INSERT") && sig.size() > all
        && (sig.get(all).is("ALL") || sig.get(all).is("FIRST"))) {
      rsig = SqlLexer.significant(SqlLexer.tokenize(rewritten.sql(), dialect));
      List<String> inserts = Shapes.multiTableInsert(rsig);
      if (inserts != null) {
        return analyzeEach(inserts, names, rewritten.hints(), rsig);
      }
    }
    String firstError;
    try {
      return Analysis.ok(analyzeParsed(parse(rewritten.sql()), names, rewritten.hints()));
    } catch (JSQLParserException e) {
      firstError = message(e);
    }
    if (rsig == null) {
      rsig = SqlLexer.significant(SqlLexer.tokenize(rewritten.sql(), dialect));
    }
    if (first.equals("CREATE")) {
      String simple = Shapes.simplifiedCreate(rsig);
      if (simple != null) {
        try {
          return Analysis.ok(analyzeParsed(parse(simple), names, rewritten.hints()));
        } catch (JSQLParserException e) {
          // fall through to the first error
        }
      }
      Shapes.Direct d = Shapes.definitionOnly(rsig, names);
      if (d != null) {
        return Analysis.ok(d.lineages());
      }
    }
    if (first.equals("FROM")) {
      List<String> inserts = Shapes.hiveMultiInsert(rsig);
      if (inserts != null) {
        Analysis each = analyzeEach(inserts, names, rewritten.hints(), rsig);
        if (each.parsed()) {
          return each;
        }
      }
    }
    return recover(rsig, names, firstError);
  }

  /** The lineages of statements a shape split one statement into; the fallback if one fails. */
  private Analysis analyzeEach(
      List<String> statements, Names names, Rewrites.Hints hints, List<Token> original) {
    List<StatementLineage> all = new ArrayList<>();
    for (String statement : statements) {
      try {
        all.addAll(analyzeParsed(parse(statement), names, hints));
      } catch (JSQLParserException e) {
        return recover(original, names, message(e));
      }
    }
    return Analysis.ok(all);
  }

  /** Tables read from the tokens of a statement the parser refused, or the parser's error. */
  private static Analysis recover(List<Token> sig, Names names, String error) {
    List<StatementLineage> tables = Shapes.recoverTables(sig, names);
    if (tables == null) {
      return Analysis.failed(error);
    }
    return Analysis.recovered(tables,
        "tables read from the statement's words, no column lineage: the parser refused it ("
            + error + ")");
  }

  private List<StatementLineage> analyzeParsed(Statement st, Names names, Rewrites.Hints hints)
      throws JSQLParserException {
    if (st == null || st instanceof UnsupportedStatement) {
      throw new JSQLParserException("statement not supported by the parser");
    }
    return new Analyzer(dialect, catalog, names, hints).statement(st);
  }

  private Statement parse(String sql) throws JSQLParserException {
    // As CCJSqlParserUtil.parse does: a fast attempt without complex parsing, then one with it
    // (unless the statement is nested too deeply for that to finish).
    try {
      return parseOnce(sql, false);
    } catch (JSQLParserException e) {
      if (e.getCause() instanceof TimeoutException
          || CCJSqlParserUtil.getNestingDepth(sql) > CCJSqlParserUtil.ALLOWED_NESTING_DEPTH) {
        throw e;
      }
      return parseOnce(sql, true);
    }
  }

  /**
   * Parses on the calling thread (no hand-off to a worker: that alone cost a quarter of the
   * throughput on one core); a shared watchdog thread sets JSqlParser's {@code interrupted} flag
   * after the timeout, which makes the parser give up with an exception.
   */
  private Statement parseOnce(String sql, boolean complex) throws JSQLParserException {
    CCJSqlParser p = CCJSqlParserUtil.newParser(sql)
        .withAllowComplexParsing(complex)
        .withBackslashEscapeCharacter(dialect.backslashEscapes());
    AtomicBoolean fired = new AtomicBoolean();
    ScheduledFuture<?> watchdog = WATCHDOG.schedule(
        () -> {
          fired.set(true);
          p.interrupted = true;
        },
        timeoutMillis, TimeUnit.MILLISECONDS);
    try {
      return p.Statement();
    } catch (Exception | StackOverflowError e) {
      if (fired.get()) {
        throw new JSQLParserException("parse timed out after " + timeoutMillis + " ms",
            new TimeoutException());
      }
      throw new JSQLParserException(e);
    } finally {
      watchdog.cancel(false);
    }
  }

  private static final ScheduledExecutorService WATCHDOG = watchdog();

  private static ScheduledExecutorService watchdog() {
    ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1,
        r -> {
          Thread t = new Thread(r, "pushgen-sql-parse-watchdog");
          t.setDaemon(true);
          return t;
        });
    w.setRemoveOnCancelPolicy(true);
    return w;
  }

  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() != null ? t.getMessage() : e.getMessage();
    if (m == null) {
      m = t.getClass().getSimpleName();
    }
    if (t instanceof TimeoutException) {
      m = e.getMessage();
    }
    // The first line carries the position; the list of expected tokens is noise.
    int cut = m.indexOf("\n\nWas expecting");
    if (cut >= 0) {
      m = m.substring(0, cut);
    }
    return m.replaceAll("\\s+", " ").trim();
  }

  /** Nothing to release today (the watchdog thread is shared and a daemon); kept for callers. */
  @Override
  public void close() {}

}
