// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.collect;

import io.pushgen.teradata.runtime.collect.CatalogJoin.RowMapper;
import io.pushgen.teradata.runtime.model.QueryLogEntry;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;

/**
 * Streams query-history rows into query-log entries.
 *
 * <p>Some warehouses keep long query texts in chunks, one row per chunk (Redshift's {@code
 * SYS_QUERY_TEXT}). With {@code textChunks}, consecutive rows with the same query id are one
 * query whose text is the chunks concatenated in row order; the query must order rows by query
 * id and chunk sequence. Nothing is cut: the text is as long as the warehouse kept it (less the
 * trailing blanks that pad a fixed-width last chunk). With {@code escaped}, the text is decoded
 * with {@link EscapedText} once its chunks are joined (an escape can straddle two chunks).
 */
public final class QueryLogRows {
  private QueryLogRows() {}

  /** What was copied, and what could not be. */
  public record Counts(long entries, long withoutText, long unfinished) {}

  /** Receives an entry that cannot be sent, with the reason. */
  @FunctionalInterface
  public interface Skipped {
    void accept(QueryLogEntry entry, String reason);
  }

  /**
   * Reads every row, merging text chunks if asked, and hands each complete entry to {@code
   * sink}. Entries without text or without an end time (still running) cannot be sent: they go
   * to {@code skipped} instead.
   *
   * @param escaped whether the warehouse stores the text escaped ({@link EscapedText})
   */
  public static Counts copy(
      ResultSet rows,
      RowMapper<QueryLogEntry> mapper,
      boolean textChunks,
      boolean escaped,
      Sink<QueryLogEntry> sink,
      Skipped skipped)
      throws SQLException, IOException {
    long entries = 0;
    long withoutText = 0;
    long unfinished = 0;
    QueryLogEntry pending = null;
    StringBuilder text = new StringBuilder();
    while (true) {
      QueryLogEntry next = rows.next() ? mapper.map(rows) : null;
      if (next != null
          && pending != null
          && textChunks
          && pending.queryId() != null
          && pending.queryId().equals(next.queryId())) {
        if (next.queryText() != null) {
          text.append(next.queryText());
        }
        continue;
      }
      if (pending != null) {
        QueryLogEntry entry =
            textChunks ? withText(pending, text.toString(), escaped) : withText(pending, escaped);
        if (entry.queryText() == null || entry.queryText().isBlank()) {
          withoutText++;
          skipped.accept(entry, "no query text");
        } else if (entry.endTime() == null || entry.startTime() == null) {
          unfinished++;
          skipped.accept(entry, "no start or end time (still running?)");
        } else {
          sink.accept(entry);
          entries++;
        }
      }
      if (next == null) {
        return new Counts(entries, withoutText, unfinished);
      }
      pending = next;
      text.setLength(0);
      if (next.queryText() != null) {
        text.append(next.queryText());
      }
    }
  }

  /**
   * The same for entries a vendor client (not JDBC) has already read, one per query: each
   * complete entry goes to {@code sink}, one without text or without an end time to {@code
   * skipped}.
   */
  public static Counts copy(
      Iterator<QueryLogEntry> entries, Sink<QueryLogEntry> sink, Skipped skipped)
      throws IOException {
    long copied = 0;
    long withoutText = 0;
    long unfinished = 0;
    while (entries.hasNext()) {
      QueryLogEntry entry = entries.next();
      if (entry.queryText() == null || entry.queryText().isBlank()) {
        withoutText++;
        skipped.accept(entry, "no query text");
      } else if (entry.endTime() == null || entry.startTime() == null) {
        unfinished++;
        skipped.accept(entry, "no start or end time (still running?)");
      } else {
        sink.accept(entry);
        copied++;
      }
    }
    return new Counts(copied, withoutText, unfinished);
  }

  private static QueryLogEntry withText(QueryLogEntry entry, boolean escaped) {
    return escaped && entry.queryText() != null
        ? withText(entry, entry.queryText(), true)
        : entry;
  }

  private static QueryLogEntry withText(QueryLogEntry entry, String chunks, boolean escaped) {
    // Chunk columns are often fixed-width CHAR (Redshift's SYS_QUERY_TEXT.text is CHAR(4000)):
    // the last chunk comes padded with blanks, which are not part of the query.
    String text = (escaped ? EscapedText.decode(chunks) : chunks).stripTrailing();
    return new QueryLogEntry(
        entry.startTime(),
        entry.endTime(),
        text.isEmpty() ? null : text,
        entry.queryId(),
        entry.user(),
        entry.errorCode(),
        entry.errorText(),
        entry.returnedRows(),
        entry.extra());
  }

  /**
   * Query texts that a warehouse keeps with its special characters escaped: Redshift's query-text
   * views store a newline as the two characters {@code \n} and a backslash as {@code \\}. Sent or
   * parsed as stored, a statement becomes one long line, and a {@code --} comment swallows
   * everything after it.
   */
  public static final class EscapedText {
    private EscapedText() {}

    /**
     * The text with {@code \n} turned back into a newline and {@code \\} into one backslash; any
     * other backslash is kept as it is. Null stays null.
     */
    public static String decode(String text) {
      if (text == null || text.indexOf('\\') < 0) {
        return text;
      }
      StringBuilder decoded = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
        if (c == '\\' && next == 'n') {
          decoded.append('\n');
          i++;
        } else if (c == '\\' && next == '\\') {
          decoded.append('\\');
          i++;
        } else {
          decoded.append(c);
        }
      }
      return decoded.toString();
    }
  }
}
