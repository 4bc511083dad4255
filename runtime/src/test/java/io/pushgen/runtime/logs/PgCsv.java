package io.pushgen.runtime.logs;

import java.util.ArrayList;
import java.util.List;

/** Builds csvlog records as PostgreSQL writes them (strings quoted, quotes doubled). */
final class PgCsv {
  private PgCsv() {}

  /** A record of PostgreSQL 14 to 17 (26 columns). */
  static String record(
      String logTime,
      String user,
      String database,
      String session,
      long line,
      String severity,
      String sqlState,
      String message,
      String query,
      String application) {
    return record(26, logTime, user, database, session, line, severity, sqlState, message, query, application);
  }

  /** A record with {@code columns} columns: 23 (PostgreSQL 12), 24 (13) or 26 (14 to 17). */
  static String record(
      int columns,
      String logTime,
      String user,
      String database,
      String session,
      long line,
      String severity,
      String sqlState,
      String message,
      String query,
      String application) {
    List<String> f = new ArrayList<>();
    f.add(logTime); // log_time, unquoted
    f.add(q(user));
    f.add(q(database));
    f.add("4242"); // process_id
    f.add(q("127.0.0.1:50432")); // connection_from
    f.add(session); // session_id, unquoted
    f.add(Long.toString(line));
    f.add(q("SELECT")); // command_tag
    f.add("2024-03-01 09:00:00 UTC"); // session_start_time
    f.add("3/7"); // virtual_transaction_id
    f.add("0"); // transaction_id
    f.add(severity);
    f.add(sqlState);
    f.add(q(message));
    f.add(""); // detail
    f.add(""); // hint
    f.add(""); // internal_query
    f.add(""); // internal_query_pos
    f.add(""); // context
    f.add(q(query));
    f.add(""); // query_pos
    f.add(""); // location
    f.add(q(application));
    if (columns >= 24) {
      f.add(q("client backend"));
    }
    if (columns >= 26) {
      f.add(""); // leader_pid
      f.add("0"); // query_id
    }
    return String.join(",", f) + "\n";
  }

  private static String q(String value) {
    return value == null || value.isEmpty() ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
  }
}
