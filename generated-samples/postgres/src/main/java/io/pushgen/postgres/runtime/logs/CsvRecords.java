// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.postgres.runtime.logs;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records one at a time (RFC 4180 as PostgreSQL writes it): fields separated by commas,
 * quoted fields may hold commas, line breaks and doubled quotes, a record ends at a line break
 * outside quotes. An empty field, quoted or not, is an empty string. Only the current record is
 * held in memory.
 */
final class CsvRecords {
  /** One record, and the physical line it starts on (1-based). */
  record Row(List<String> fields, long line, boolean complete) {}

  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private long line = 1;

  CsvRecords(Reader in) {
    this.in = in;
  }

  /**
   * The next record, or null at the end. A record cut off by the end of the input (a file still
   * being written) is returned with {@code complete} false.
   */
  Row next() throws IOException {
    int c = read();
    if (c < 0) {
      return null;
    }
    long start = line;
    List<String> fields = new ArrayList<>(32);
    StringBuilder field = new StringBuilder();
    while (true) {
      if (c == '"') {
        // A quoted field: up to the quote not followed by another quote.
        while (true) {
          c = read();
          if (c < 0) {
            fields.add(field.toString());
            return new Row(fields, start, false);
          }
          if (c == '"') {
            c = read();
            if (c != '"') {
              break;
            }
          }
          field.append((char) c);
        }
        // After the closing quote: anything up to the separator is kept, as lenient readers do.
        while (c >= 0 && c != ',' && c != '\n') {
          if (c != '\r') {
            field.append((char) c);
          }
          c = read();
        }
      } else {
        while (c >= 0 && c != ',' && c != '\n') {
          field.append((char) c);
          c = read();
        }
        if (field.length() > 0 && field.charAt(field.length() - 1) == '\r' && c == '\n') {
          field.setLength(field.length() - 1);
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (c == ',') {
        c = read();
        if (c < 0) {
          fields.add("");
          return new Row(fields, start, false);
        }
        continue;
      }
      return new Row(fields, start, c == '\n');
    }
  }

  private int read() throws IOException {
    if (position == limit) {
      limit = in.read(buffer, 0, buffer.length);
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return -1;
      }
    }
    char c = buffer[position++];
    if (c == '\n') {
      line++;
    }
    return c;
  }
}
