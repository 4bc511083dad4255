package io.pushgen.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgen.runtime.model.QueryLogEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryLogRowsTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private static Map<String, Object> row(String id, String text, boolean finished) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", id);
    row.put("text", text);
    row.put("end", finished ? "yes" : null);
    return row;
  }

  private static QueryLogEntry entry(ResultSet row) throws SQLException {
    return new QueryLogEntry(
        T, row.getString("end") == null ? null : T, row.getString("text"), row.getString("id"),
        null, null, null, null, null);
  }

  @Test
  void chunksOfOneQueryAreJoinedInOrderWithoutAnyCut() throws Exception {
    String longChunk = "x".repeat(4000);
    List<QueryLogEntry> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    QueryLogRows.Counts counts =
        QueryLogRows.copy(
            FakeRows.of(
                List.of(
                    row("1", "SELECT ", true),
                    row("1", longChunk, true),
                    row("1", " FROM t", true),
                    row("2", "SELECT 2", true),
                    row("3", "", true),
                    row("4", "SELECT 4", false))),
            QueryLogRowsTest::entry,
            true,
            false,
            out::add,
            (e, reason) -> skipped.add(e.queryId() + ": " + reason));
    assertEquals(2, out.size());
    assertEquals("SELECT " + longChunk + " FROM t", out.get(0).queryText());
    assertEquals("SELECT 2", out.get(1).queryText());
    assertEquals(
        List.of("3: no query text", "4: no start or end time (still running?)"), skipped);
    assertEquals(new QueryLogRows.Counts(2, 1, 1), counts);
  }

  /**
   * Redshift keeps newlines as the two characters {@code \n} (and a backslash as {@code \\}):
   * decoded once the chunks are joined, even when an escape straddles two chunks, so a {@code --}
   * comment ends at its line again.
   */
  @Test
  void escapedTextIsDecodedAfterItsChunksAreJoined() throws Exception {
    List<QueryLogEntry> out = new ArrayList<>();
    QueryLogRows.copy(
        FakeRows.of(
            List.of(
                row("1", "-- nightly load\\", true),
                row("1", "nINSERT INTO t SELECT 'a\\\\b' FROM s   ", true))),
        QueryLogRowsTest::entry,
        true,
        true,
        out::add,
        (e, reason) -> {});
    assertEquals("-- nightly load\nINSERT INTO t SELECT 'a\\b' FROM s", out.get(0).queryText());
  }

  @Test
  void withoutChunksEveryRowIsAQuery() throws Exception {
    List<QueryLogEntry> out = new ArrayList<>();
    QueryLogRows.copy(
        FakeRows.of(List.of(row("1", "a", true), row("1", "b", true))),
        QueryLogRowsTest::entry,
        false,
        false,
        out::add,
        (e, reason) -> {});
    assertEquals(List.of("a", "b"), out.stream().map(QueryLogEntry::queryText).toList());
  }
}
