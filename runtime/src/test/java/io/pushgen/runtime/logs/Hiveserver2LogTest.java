package io.pushgen.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.logs.PostgresCsvLogTest.Recorded;
import io.pushgen.runtime.model.ErrorCode;
import io.pushgen.runtime.model.QueryLogEntry;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class Hiveserver2LogTest {
  private static final String BG1 = "HiveServer2-Background-Pool: Thread-87";
  private static final String BG2 = "HiveServer2-Background-Pool: Thread-91";
  private static final String H1 = "HiveServer2-Handler-Pool: Thread-45";

  /** Apache Hive 2/3's default log4j2 pattern: %d{ISO8601} %5p [%t] %c{2}: %m%n */
  private static String line(String time, String level, String thread, String logger, String message) {
    return "2024-03-01T" + time + " " + level + " [" + thread + "] " + logger + ": " + message + "\n";
  }

  static Recorded parse(ZoneId zone, String... files) throws Exception {
    Recorded recorded = new Recorded();
    LogFormat.LogParser parser = new Hiveserver2Log().parser(zone, recorded);
    int n = 0;
    for (String file : files) {
      parser.read(new BufferedReader(new StringReader(file)), "hiveserver2.log." + n++);
    }
    parser.finish();
    return recorded;
  }

  @Test
  void aQueryRunsFromCompilationToItsCompletionLineWithItsUserAndMultiLineText() throws Exception {
    String sql = "INSERT OVERWRITE TABLE sales.daily\nSELECT day, sum(amount) -- ü\n  FROM sales.orders\n GROUP BY day";
    String log =
        line("10:00:00,100", " INFO", H1, "ql.Driver", "Compiling command(queryId=hive_20240301100000_aaa): " + sql)
            + line("10:00:00,200", " INFO", H1, "HiveMetaStore.audit", "ugi=alice\tip=10.0.0.5\tcmd=get_table : db=sales tbl=orders")
            + line("10:00:00,900", " INFO", H1, "ql.Driver", "Completed compiling command(queryId=hive_20240301100000_aaa); Time taken: 0.8 seconds")
            // Another query on another thread in between, which must not take this one's lines.
            + line("10:00:01,000", " INFO", BG2, "ql.Driver", "Executing command(queryId=hive_20240301100001_bbb): SELECT 1")
            + line("10:00:01,100", " INFO", BG1, "ql.Driver", "Executing command(queryId=hive_20240301100000_aaa): " + sql)
            + line("10:00:02,000", " INFO", BG2, "ql.Driver", "Completed executing command(queryId=hive_20240301100001_bbb); Time taken: 1.0 seconds")
            + line("10:00:01,500", " INFO", BG1, "exec.Task", "Hadoop job information for Stage-1: number of mappers: 1")
            + line("10:05:30,250", " INFO", BG1, "ql.Driver", "Completed executing command(queryId=hive_20240301100000_aaa); Time taken: 329.15 seconds");
    Recorded r = parse(null, log);
    assertEquals(2, r.entries.size(), r.incomplete.toString());
    QueryLogEntry bbb = r.entries.get(0);
    assertEquals("SELECT 1", bbb.queryText());
    assertNull(bbb.user());
    QueryLogEntry aaa = r.entries.get(1);
    assertEquals(
        new QueryLogEntry(
            Instant.parse("2024-03-01T10:00:00.100Z"),
            Instant.parse("2024-03-01T10:05:30.250Z"),
            sql,
            "hive_20240301100000_aaa",
            "alice",
            null,
            null,
            null,
            null),
        aaa);
  }

  @Test
  void compilationAndExecutionFailuresCarryTheirErrors() throws Exception {
    String log =
        line("10:00:00,000", " INFO", H1, "ql.Driver", "Compiling command(queryId=q1): SELECT * FROM nope")
            + line("10:00:00,050", "ERROR", H1, "ql.Driver", "FAILED: SemanticException [Error 10001]: Line 1:14 Table not found 'nope'")
            + "org.apache.hadoop.hive.ql.parse.SemanticException: Line 1:14 Table not found 'nope'\n"
            + "\tat org.apache.hadoop.hive.ql.parse.SemanticAnalyzer.getMetaData(SemanticAnalyzer.java:2005)\n"
            + line("10:00:00,060", " INFO", H1, "ql.Driver", "Completed compiling command(queryId=q1); Time taken: 0.06 seconds")
            + line("10:00:01,000", " INFO", H1, "ql.Driver", "Compiling command(queryId=q2): INSERT INTO t SELECT 1/0")
            + line("10:00:01,100", " INFO", H1, "ql.Driver", "Completed compiling command(queryId=q2); Time taken: 0.1 seconds")
            + line("10:00:01,200", " INFO", BG1, "ql.Driver", "Executing command(queryId=q2): INSERT INTO t SELECT 1/0")
            + line("10:00:09,000", "ERROR", BG1, "ql.Driver", "FAILED: Execution Error, return code 2 from org.apache.hadoop.hive.ql.exec.mr.MapRedTask")
            + line("10:00:09,010", " INFO", BG1, "ql.Driver", "Completed executing command(queryId=q2); Time taken: 7.81 seconds")
            + line("10:00:10,000", " INFO", BG2, "ql.Driver", "Executing command(queryId=q3): SELECT count(*) FROM big")
            + line("10:00:20,000", " INFO", BG2, "ql.Driver", "Executing command(queryId=q3) has been interrupted after 10.0 seconds");
    Recorded r = parse(null, log);
    assertEquals(3, r.entries.size());
    QueryLogEntry q1 = r.entries.get(0);
    assertEquals("q1", q1.queryId());
    assertEquals(ErrorCode.of("10001"), q1.errorCode());
    assertEquals("SemanticException [Error 10001]: Line 1:14 Table not found 'nope'", q1.errorText());
    assertEquals(Instant.parse("2024-03-01T10:00:00.060Z"), q1.endTime());
    QueryLogEntry q2 = r.entries.get(1);
    assertEquals(ErrorCode.of("2"), q2.errorCode());
    assertEquals(Instant.parse("2024-03-01T10:00:01Z"), q2.startTime());
    assertEquals(Instant.parse("2024-03-01T10:00:09.010Z"), q2.endTime());
    QueryLogEntry q3 = r.entries.get(2);
    assertEquals("Executing command(queryId=q3) has been interrupted after 10.0 seconds", q3.errorText());
    assertEquals(Instant.parse("2024-03-01T10:00:20Z"), q3.endTime());
  }

  @Test
  void aQueryWithoutACompletionLineIsReportedWithoutAnInventedEnd() throws Exception {
    String log =
        line("10:00:00,000", " INFO", BG1, "ql.Driver", "Executing command(queryId=q9): SELECT sleep()")
            + line("10:00:05,000", " INFO", BG2, "ql.Driver", "some later line");
    Recorded r = parse(null, log);
    assertEquals(List.of(), r.entries);
    assertEquals(1, r.incomplete.size());
    assertTrue(r.incomplete.get(0).startsWith("q9 2024-03-01T10:00:00Z null: no completion line"), r.incomplete.get(0));
  }

  @Test
  void aQueryContinuesAcrossARotationAndOlderPatternsAndZonesAreRead() throws Exception {
    // Cloudera's log4j pattern %d{ISO8601} %p %c: [%t]: %m%n, and Hive 1/2.0's "Starting command".
    String older =
        "2024-03-01 23:59:58,000 INFO org.apache.hadoop.hive.ql.Driver: [" + BG1 + "]: Starting command(queryId=q5): SELECT\n"
            + "  *\n"
            + "FROM t\n";
    String newer =
        "2024-03-02 00:00:03,500 INFO org.apache.hadoop.hive.ql.Driver: [" + BG1 + "]: Completed executing command(queryId=q5); Time taken: 5.5 seconds\n"
            + "2024-03-02 00:00:04,000 INFO org.apache.hadoop.hive.ql.Driver: [" + BG1 + "]: Completed executing command(queryId=q0); Time taken: 5.5 seconds\n";
    Recorded r = parse(ZoneId.of("America/New_York"), older, newer);
    assertEquals(1, r.entries.size());
    assertEquals("SELECT\n  *\nFROM t", r.entries.get(0).queryText());
    assertEquals(Instant.parse("2024-03-02T04:59:58Z"), r.entries.get(0).startTime());
    assertEquals(Instant.parse("2024-03-02T05:00:03.500Z"), r.entries.get(0).endTime());
    // A completion whose start is in a file no longer kept: reported, not sent.
    assertEquals(1, r.incomplete.size());
    assertTrue(r.incomplete.get(0).startsWith("q0 null 2024-03-02T05:00:04Z"), r.incomplete.get(0));
  }

  @Test
  void threadNamesMayNestBrackets() {
    String emr = "2024-03-01T10:00:00,000 INFO  [HiveServer2-Background-Pool: Thread-87([])]: ql.Driver (Driver.java:execute(1735)) - Executing command";
    assertEquals("HiveServer2-Background-Pool: Thread-87([])", Hiveserver2Log.thread(emr, emr.indexOf("Executing")));
    assertNull(Hiveserver2Log.thread("2024-03-01T10:00:00,000 INFO x: Executing", 30));
  }
}
