package io.pushgen.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a small, realistic HiveServer2 log for demos: a few queries of a sales warehouse as
 * Hive 3's {@code ql.Driver} logs them (compile, execute, complete), with the metastore's audit
 * lines that name the user, a multi-line statement, a failed query, a query still running (no
 * completion line yet, so a collector sends it later, never with an invented end), noise lines
 * between them, and a rotated, gzipped file holding the older queries.
 *
 * <p>Every query ends between 55 and 5 minutes before {@code now}, so a collector run with {@code
 * --lookback-minutes 60 --lag-minutes 0} (or a window of the last hour) picks all of them up:
 *
 * <pre>
 * List&lt;SampleHiveLog.Query&gt; sent = SampleHiveLog.write(dir, Instant.now());
 * // CollectAndPushQueryLogs --log-file dir --lookback-minutes 60 --lag-minutes 0 ...
 * </pre>
 */
public final class SampleHiveLog {
  private SampleHiveLog() {}

  /** The current log's name; the rotated copy is {@value #FILE_NAME}{@code .1.gz}. */
  public static final String FILE_NAME = "hiveserver2.log";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /**
   * A query the log holds, as a collector should report it.
   *
   * @param queryId Hive's query id
   * @param user who ran it (from the audit lines)
   * @param sql its text, exactly as logged (may span lines)
   * @param start its compilation start
   * @param end its completion, or null while it is still running (not sent)
   * @param errorCode Hive's error code of a failed query (the N of {@code [Error N]}), or null
   * @param errorText the error message of a failed query, or null
   */
  public record Query(
      String queryId,
      String user,
      String sql,
      Instant start,
      Instant end,
      String errorCode,
      String errorText) {
    /** Whether a collector sends it: it has completed. */
    public boolean complete() {
      return end != null;
    }
  }

  /**
   * Writes {@value #FILE_NAME} and {@value #FILE_NAME}{@code .1.gz} into {@code folder} (created
   * if needed, existing files replaced).
   *
   * @param now the time the log is written at; every completed query ends before it
   * @return the queries in the log, in order of start; {@link Query#complete()} says which a
   *     collector sends
   */
  public static List<Query> write(Path folder, Instant now) throws IOException {
    Files.createDirectories(folder);
    Instant base = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(55));
    Log rotated = new Log();
    Log current = new Log();
    List<Query> queries = new ArrayList<>();

    rotated.line(base, "INFO", "main", "server.HiveServer2", "Starting HiveServer2");
    queries.add(
        rotated.query(
            base.plusSeconds(30), 1, "alice", "Thread-45", "Thread-87",
            "CREATE TABLE sales.daily_revenue AS\n"
                + "SELECT order_date, sum(amount) AS revenue\n"
                + "  FROM sales.orders\n"
                + " GROUP BY order_date",
            Duration.ofSeconds(42), null, null));
    queries.add(
        rotated.query(
            base.plusSeconds(300), 2, "bob", "Thread-46", "Thread-88",
            "SELECT count(*) FROM sales.orders WHERE order_date = '2024-03-01'",
            Duration.ofMillis(9_350), null, null));

    current.line(
        base.plusSeconds(900), "INFO", "HiveServer2-Handler-Pool: Thread-45",
        "session.SessionState", "Updating thread name to 6f1b2c3d-main HiveServer2-Handler-Pool");
    queries.add(
        current.query(
            base.plusSeconds(1200), 3, "bob", "Thread-47", "Thread-89",
            "INSERT OVERWRITE TABLE sales.customer_summary\n"
                + "SELECT c.customer_id,\n"
                + "       c.name,\n"
                + "       count(o.order_id) AS orders,\n"
                + "       sum(o.amount) AS total\n"
                + "  FROM sales.customers c\n"
                + "  JOIN sales.orders o ON o.customer_id = c.customer_id\n"
                + " GROUP BY c.customer_id, c.name",
            Duration.ofSeconds(95), null, null));
    queries.add(
        current.query(
            base.plusSeconds(1800), 4, "carol", "Thread-48", null,
            "SELECT * FROM sales.order_archive",
            Duration.ofMillis(120), "10001",
            "SemanticException [Error 10001]: Line 1:14 Table not found 'order_archive'"));
    queries.add(
        current.query(
            base.plusSeconds(2400), 5, "alice", "Thread-45", "Thread-90",
            "INSERT INTO TABLE sales.orders_clean\n"
                + "SELECT order_id, customer_id, amount, order_date\n"
                + "  FROM sales.orders\n"
                + " WHERE amount IS NOT NULL",
            Duration.ofSeconds(31), null, null));
    // Still running when the log was written: no completion line.
    queries.add(
        current.query(
            base.plusSeconds(2900), 6, "dave", "Thread-49", "Thread-91",
            "INSERT OVERWRITE TABLE sales.yearly_revenue\n"
                + "SELECT year(order_date), sum(amount) FROM sales.orders GROUP BY year(order_date)",
            null, null, null));

    rotated.writeGzip(folder.resolve(FILE_NAME + ".1.gz"));
    current.write(folder.resolve(FILE_NAME));
    return List.copyOf(queries);
  }

  /** The lines of one file. */
  private static final class Log {
    private final StringBuilder text = new StringBuilder();

    void line(Instant at, String level, String thread, String logger, String message) {
      text.append(TIME.format(at))
          .append(' ')
          .append(String.format("%5s", level))
          .append(" [")
          .append(thread)
          .append("] ")
          .append(logger)
          .append(": ")
          .append(message)
          .append('\n');
    }

    /**
     * One query: compiled on a handler thread (with the metastore's audit line naming the user),
     * executed on a background thread, completed after {@code runTime} (null: still running).
     * A query with an error fails while compiling.
     */
    Query query(
        Instant start,
        int number,
        String user,
        String handler,
        String background,
        String sql,
        Duration runTime,
        String errorCode,
        String errorText) {
      String queryId =
          "hive_" + ID_TIME.format(start) + "_" + String.format("5c0d%04d-7b1a-4c2e-9f3d-0a1b2c3d4e5f", number);
      String handlerThread = "HiveServer2-Handler-Pool: " + handler;
      line(start, "INFO", handlerThread, "ql.Driver", "Compiling command(queryId=" + queryId + "): " + sql);
      line(
          start.plusMillis(40), "INFO", handlerThread, "HiveMetaStore.audit",
          "ugi=" + user + "\tip=10.0.4.17\tcmd=get_table : tbl=hive.sales.orders");
      if (errorText != null) {
        Instant failed = start.plus(runTime);
        line(failed, "ERROR", handlerThread, "ql.Driver", "FAILED: " + errorText);
        text.append("org.apache.hadoop.hive.ql.parse.SemanticException: ")
            .append(errorText.substring(errorText.indexOf(": ") + 2))
            .append("\n\tat org.apache.hadoop.hive.ql.parse.SemanticAnalyzer.getMetaData(SemanticAnalyzer.java:2005)\n");
        line(
            failed, "INFO", handlerThread, "ql.Driver",
            "Completed compiling command(queryId=" + queryId + "); Time taken: "
                + seconds(runTime) + " seconds");
        return new Query(queryId, user, sql, start, failed, errorCode, errorText);
      }
      Instant compiled = start.plusMillis(310);
      line(
          compiled, "INFO", handlerThread, "ql.Driver",
          "Completed compiling command(queryId=" + queryId + "); Time taken: 0.31 seconds");
      String backgroundThread = "HiveServer2-Background-Pool: " + background;
      line(
          compiled.plusMillis(5), "INFO", backgroundThread, "ql.Driver",
          "Executing command(queryId=" + queryId + "): " + sql);
      line(
          compiled.plusMillis(20), "INFO", backgroundThread, "ql.Driver",
          "Query ID = " + queryId);
      line(
          compiled.plusMillis(25), "INFO", backgroundThread, "ql.Driver",
          "Launching Job 1 out of 1");
      if (runTime == null) {
        return new Query(queryId, user, sql, start, null, null, null);
      }
      Instant end = start.plus(runTime);
      line(
          end, "INFO", backgroundThread, "ql.Driver",
          "Completed executing command(queryId=" + queryId + "); Time taken: "
              + seconds(runTime.minusMillis(315)) + " seconds");
      line(end.plusMillis(2), "INFO", backgroundThread, "ql.Driver", "OK");
      return new Query(queryId, user, sql, start, end, null, null);
    }

    void write(Path file) throws IOException {
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        out.write(text.toString());
      }
    }

    void writeGzip(Path file) throws IOException {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
  }
}
