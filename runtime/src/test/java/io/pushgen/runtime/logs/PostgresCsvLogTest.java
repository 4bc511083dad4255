package io.pushgen.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.model.ErrorCode;
import io.pushgen.runtime.model.QueryLogEntry;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresCsvLogTest {
  private static final String S = "65e1a5f0.3039";

  /** Everything a parser reported. */
  static final class Recorded implements LogEvents {
    final List<QueryLogEntry> entries = new ArrayList<>();
    final List<String> incomplete = new ArrayList<>();
    final List<String> unparsed = new ArrayList<>();

    @Override
    public void entry(QueryLogEntry entry) {
      entries.add(entry);
    }

    @Override
    public void incomplete(QueryLogEntry entry, String reason) {
      incomplete.add(entry.queryId() + " " + entry.startTime() + " " + entry.endTime() + ": " + reason);
    }

    @Override
    public void unparsed(String where, String reason) {
      unparsed.add(where + ": " + reason);
    }
  }

  static Recorded parse(String log, ZoneId zone) throws Exception {
    Recorded recorded = new Recorded();
    LogFormat.LogParser parser = new PostgresCsvLog().parser(zone, recorded);
    parser.read(new BufferedReader(new StringReader(log)), "postgresql.csv");
    parser.finish();
    return recorded;
  }

  private static Map<String, Object> extra(String database, String application) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("database_name", database);
    extra.put("application_name", application);
    extra.put("session_id", S);
    return extra;
  }

  @Test
  void aStatementEndsAtItsLogTimeAndStartsItsDurationEarlier() throws Exception {
    Recorded r =
        parse(
            PgCsv.record("2024-03-01 10:00:05.123 UTC", "alice", "analytics", S, 3, "LOG", "00000",
                "duration: 12.345 ms  statement: SELECT 1", "", "psql"),
            null);
    assertEquals(
        List.of(
            new QueryLogEntry(
                Instant.parse("2024-03-01T10:00:05.110655Z"),
                Instant.parse("2024-03-01T10:00:05.123Z"),
                "SELECT 1",
                S + ":3",
                "alice",
                null,
                null,
                null,
                extra("analytics", "psql"))),
        r.entries);
  }

  @Test
  void multiLineTextsWithQuotesCommasAndUnicodeSurviveExactly() throws Exception {
    String sql = "SELECT 'a, \"b\"' AS \"Quoted, Col\",\r\n       'ü € 😀'\n  FROM t -- it's\n;";
    Recorded r =
        parse(
            PgCsv.record("2024-03-01 10:00:05.000 UTC", "bob", "db", S, 4, "LOG", "00000",
                    "duration: 1.000 ms  statement: " + sql, "", "")
                + PgCsv.record("2024-03-01 10:00:06.000 UTC", "bob", "db", S, 5, "LOG", "00000",
                    "duration: 0.001 ms  statement: SELECT 2", "", ""),
            null);
    assertEquals(2, r.entries.size());
    assertEquals(sql, r.entries.get(0).queryText());
    assertEquals("SELECT 2", r.entries.get(1).queryText());
    assertEquals(Instant.parse("2024-03-01T10:00:05.999999Z"), r.entries.get(1).startTime());
    assertNull(r.entries.get(0).extra().get("application_name"));
  }

  @Test
  void extendedProtocolSendsExecuteOnlyNotParseBindOrFetch() throws Exception {
    String log =
        PgCsv.record("2024-03-01 10:00:05.000 UTC", "app", "db", S, 1, "LOG", "00000",
                "duration: 0.050 ms  parse <unnamed>: SELECT $1", "", "PostgreSQL JDBC Driver")
            + PgCsv.record("2024-03-01 10:00:05.001 UTC", "app", "db", S, 2, "LOG", "00000",
                "duration: 0.020 ms  bind <unnamed>: SELECT $1", "", "PostgreSQL JDBC Driver")
            + PgCsv.record("2024-03-01 10:00:05.002 UTC", "app", "db", S, 3, "LOG", "00000",
                "duration: 0.500 ms  execute <unnamed>: SELECT $1", "", "PostgreSQL JDBC Driver")
            + PgCsv.record("2024-03-01 10:00:06.000 UTC", "app", "db", S, 4, "LOG", "00000",
                "duration: 2.000 ms  execute S_1/C_2: SELECT * FROM big", "", "")
            + PgCsv.record("2024-03-01 10:00:07.000 UTC", "app", "db", S, 5, "LOG", "00000",
                "duration: 1.000 ms  execute fetch from S_1/C_2: SELECT * FROM big", "", "");
    Recorded r = parse(log, null);
    assertEquals(
        List.of("SELECT $1", "SELECT * FROM big"),
        r.entries.stream().map(QueryLogEntry::queryText).toList());
    assertEquals(List.of(S + ":3", S + ":4"), r.entries.stream().map(QueryLogEntry::queryId).toList());
  }

  @Test
  void aFailedStatementHasItsSqlStateAndMessageAndNoDuration() throws Exception {
    String log =
        PgCsv.record("2024-03-01 10:00:05.000 UTC", "carol", "db", S, 7, "ERROR", "42P01",
                "relation \"missing\" does not exist", "SELECT *\nFROM missing", "psql")
            // An error outside a statement (no query column) is not a query.
            + PgCsv.record("2024-03-01 10:00:06.000 UTC", "", "", S, 8, "ERROR", "57014",
                "canceling autovacuum task", "", "")
            + PgCsv.record("2024-03-01 10:00:07.000 UTC", "carol", "db", S, 9, "FATAL", "57P01",
                "terminating connection due to administrator command", "SELECT pg_sleep(100)", "psql");
    Recorded r = parse(log, null);
    assertEquals(2, r.entries.size());
    QueryLogEntry failed = r.entries.get(0);
    assertEquals("SELECT *\nFROM missing", failed.queryText());
    assertEquals(ErrorCode.of("42P01"), failed.errorCode());
    assertEquals("relation \"missing\" does not exist", failed.errorText());
    assertEquals(failed.endTime(), failed.startTime());
    assertEquals("57P01", r.entries.get(1).errorCode().value());
  }

  @Test
  void readsTheColumnsOfPostgres12And13And14To17() throws Exception {
    for (int columns : new int[] {23, 24, 26}) {
      Recorded r =
          parse(
              PgCsv.record(columns, "2024-03-01 10:00:05.000 UTC", "u", "d", S, 1, "LOG", "00000",
                  "duration: 1.5 ms  statement: SELECT " + columns, "", "app"),
              null);
      assertEquals(1, r.entries.size(), "columns " + columns);
      assertEquals("SELECT " + columns, r.entries.get(0).queryText());
      assertEquals("app", r.entries.get(0).extra().get("application_name"));
    }
    Recorded shortRecord = parse("2024-03-01 10:00:05.000 UTC,\"u\",\"d\"\n", null);
    assertEquals(0, shortRecord.entries.size());
    assertEquals(1, shortRecord.unparsed.size());
    assertTrue(shortRecord.unparsed.get(0).startsWith("postgresql.csv:1: "));
  }

  @Test
  void aDurationLoggedAfterLogStatementIsPairedWithItsSessionsText() throws Exception {
    String other = "65e1a5f0.4000";
    String log =
        PgCsv.record("2024-03-01 10:00:05.000 UTC", "u", "d", S, 1, "LOG", "00000",
                "statement: UPDATE t\nSET x = 1", "", "")
            + PgCsv.record("2024-03-01 10:00:05.100 UTC", "u", "d", other, 1, "LOG", "00000",
                "execute S_3: SELECT 'other'", "", "")
            + PgCsv.record("2024-03-01 10:00:05.500 UTC", "u", "d", S, 2, "LOG", "00000",
                "duration: 500.000 ms", "", "")
            + PgCsv.record("2024-03-01 10:00:05.600 UTC", "u", "d", other, 2, "LOG", "00000",
                "duration: 100.000 ms", "", "")
            // log_duration alone, nothing logged before: nothing to send.
            + PgCsv.record("2024-03-01 10:00:05.700 UTC", "u", "d", S, 3, "LOG", "00000",
                "duration: 1.000 ms", "", "");
    Recorded r = parse(log, null);
    assertEquals(2, r.entries.size());
    assertEquals("UPDATE t\nSET x = 1", r.entries.get(0).queryText());
    assertEquals(Instant.parse("2024-03-01T10:00:05Z"), r.entries.get(0).startTime());
    assertEquals("SELECT 'other'", r.entries.get(1).queryText());
  }

  @Test
  void logTimesInOffsetsAbbreviationsAndTheConfiguredZone() throws Exception {
    String plus3 =
        PgCsv.record("2024-03-01 13:00:05.000 +03", "u", "d", S, 1, "LOG", "00000",
            "duration: 0 ms  statement: SELECT 1", "", "");
    assertEquals(Instant.parse("2024-03-01T10:00:05Z"), parse(plus3, null).entries.get(0).endTime());

    String berlin =
        PgCsv.record("2024-07-01 12:00:00.000 CEST", "u", "d", S, 1, "LOG", "00000",
            "duration: 0 ms  statement: SELECT 1", "", "");
    assertEquals(
        Instant.parse("2024-07-01T10:00:00Z"),
        parse(berlin, ZoneId.of("Europe/Berlin")).entries.get(0).endTime());
    LogFormatException e = assertThrows(LogFormatException.class, () -> parse(berlin, null));
    assertTrue(e.getMessage().contains("--log-timezone"), e.getMessage());

    // The hour that repeats when summer time ends: the abbreviation decides.
    String repeatedSummer =
        PgCsv.record("2024-10-27 02:30:00.000 CEST", "u", "d", S, 1, "LOG", "00000",
            "duration: 0 ms  statement: SELECT 1", "", "");
    String repeatedWinter = repeatedSummer.replace("CEST", "CET");
    assertEquals(
        Instant.parse("2024-10-27T00:30:00Z"),
        parse(repeatedSummer, ZoneId.of("Europe/Berlin")).entries.get(0).endTime());
    assertEquals(
        Instant.parse("2024-10-27T01:30:00Z"),
        parse(repeatedWinter, ZoneId.of("Europe/Berlin")).entries.get(0).endTime());
  }

  @Test
  void aRecordStillBeingWrittenIsLeftForALaterRun() throws Exception {
    String complete =
        PgCsv.record("2024-03-01 10:00:05.000 UTC", "u", "d", S, 1, "LOG", "00000",
            "duration: 1 ms  statement: SELECT 1", "", "");
    String partial =
        PgCsv.record("2024-03-01 10:00:06.000 UTC", "u", "d", S, 2, "LOG", "00000",
            "duration: 1 ms  statement: SELECT 'half\nway'", "", "");
    Recorded r = parse(complete + partial.substring(0, partial.indexOf("way")), null);
    assertEquals(1, r.entries.size());
    assertEquals(List.of(), r.unparsed);
  }
}
