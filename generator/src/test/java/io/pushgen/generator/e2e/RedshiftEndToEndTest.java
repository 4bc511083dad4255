package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Redshift programs, run end to end against a real PostgreSQL server (Redshift speaks
 * its protocol) and the local gateway.
 *
 * <p>The driver: the programs load the descriptor's class, the real {@code
 * com.amazon.redshift.jdbc42.Driver} (on the test class path), but connect through pgjdbc
 * ({@code jdbc:postgresql://} URLs, given with {@code --jdbc-url}). The Redshift driver cannot
 * talk to PostgreSQL: its startup packet always carries Redshift-only parameters ({@code
 * driver_version}, ...) that PostgreSQL rejects with {@code FATAL: unrecognized configuration
 * parameter "driver_version"}; {@link #theRedshiftDriverCannotTalkToPostgres} checks that this is
 * still so.
 *
 * <p>Each database gets the Redshift system views the programs read, as tables with Redshift's
 * documented column names and types ({@code svv_redshift_databases}, {@code svv_all_tables},
 * {@code svv_table_info}, {@code svv_all_columns}, {@code sys_query_history}, {@code
 * sys_query_text}); {@code pg_user} and {@code pg_views} are PostgreSQL's own, as on Redshift.
 * Name columns use the "C" collation: Redshift compares text byte by byte. The descriptor's SQL
 * is portable, so no Redshift function needs to be emulated.
 *
 * <p>The rows reproduce the reference scripts' defects (warehouses.md §5.6) as regression cases:
 * row counts from {@code tbl_rows} / {@code estimated_visible_rows} (there is no {@code rows}),
 * every database and not only the connected one ({@code svv_table_info} in each database lists
 * only that database), an empty table (absent from {@code svv_table_info}) and views listed, the
 * text from {@code sys_query_text} (not {@code sys_querytext}) in 4,000-character {@code CHAR}
 * chunks reassembled whole (no 200-character cut, no LISTAGG limit), user names instead of
 * numeric ids; and a database, schema and table named with a quote, a space and a reserved word.
 */
class RedshiftEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ODD_DB = "odd \"select\" db"; // Redshift folds names to lower case
  private static final String ODD_SCHEMA = "my \"from\" schema";
  private static final String ODD_TABLE = "the \"where\" table";

  private static EmbeddedPostgres postgres;
  private static InProcessPrograms programs;
  private static String longQuery;
  private static long aliceId;
  @TempDir static Path work;

  private static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** The Redshift system views, as tables with the documented columns and types. */
  private static final String SYSTEM_VIEWS =
      """
      CREATE TABLE svv_redshift_databases (
        database_owner integer, database_name varchar(128) COLLATE "C",
        database_type varchar(32), database_acl varchar(128), database_options varchar(128),
        database_isolation_level varchar(128));
      CREATE TABLE svv_all_tables (
        database_name varchar(128) COLLATE "C", schema_name varchar(128) COLLATE "C",
        table_name varchar(128) COLLATE "C", table_type varchar(128), table_acl varchar(128),
        remarks varchar(128));
      CREATE TABLE svv_all_columns (
        database_name varchar(128) COLLATE "C", schema_name varchar(128) COLLATE "C",
        table_name varchar(128) COLLATE "C", column_name varchar(128), ordinal_position integer,
        column_default varchar(4000), is_nullable varchar(3), data_type varchar(128),
        character_maximum_length integer, numeric_precision integer, numeric_scale integer,
        remarks varchar(256));
      CREATE TABLE svv_table_info (
        database text, schema text, table_id oid, "table" text, encoded text, diststyle text,
        sortkey1 text, max_varchar integer, sortkey1_enc character(32), sortkey_num integer,
        size bigint, pct_used numeric(10,4), empty bigint, unsorted numeric(5,2),
        stats_off numeric(5,2), tbl_rows numeric(38,0), skew_sortkey1 numeric(19,2),
        skew_rows numeric(19,2), estimated_visible_rows numeric(38,0), risk_event text,
        vacuum_sort_benefit numeric(12,2), create_time timestamp);
      CREATE TABLE sys_query_history (
        user_id integer, query_id bigint, query_label character(320), transaction_id bigint,
        session_id integer, database_name character(128), query_type character(32),
        status character(10), result_cache_hit boolean, start_time timestamp,
        end_time timestamp, elapsed_time bigint, queue_time bigint, execution_time bigint,
        error_message character(512), returned_rows bigint, returned_bytes bigint,
        query_text character(4000), redshift_version character(256), usage_limit character(150),
        compute_type character(10), compile_time bigint, planning_time bigint,
        lock_wait_time bigint);
      CREATE TABLE sys_query_text (
        user_id integer, query_id bigint, transaction_id bigint, session_id integer,
        start_time timestamp, sequence integer, text character(4000));
      """;

  @BeforeAll
  static void startServerWithRedshiftViews() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE dev");
      s.execute("CREATE DATABASE analytics");
      s.execute("CREATE DATABASE " + quote(ODD_DB));
      s.execute("CREATE ROLE alice LOGIN");
    }
    // Every database has the views; svv_all_* list every database's objects (they are
    // cross-database), svv_table_info only the connected database's non-empty tables.
    String allTables =
        """
        INSERT INTO svv_all_tables VALUES
          ('dev', 'public', 'orders', 'TABLE', NULL, 'Order transactions'),
          ('dev', 'public', 'empty_t', 'TABLE', NULL, NULL),
          ('dev', 'public', 'v_orders', 'VIEW', NULL, ''),
          ('dev', 'spectrum', 'ext_events', 'EXTERNAL TABLE', NULL, NULL),
          ('dev', 'pg_catalog', 'pg_class', 'TABLE', NULL, NULL),
          ('analytics', 'sales', 'daily', 'TABLE', NULL, 'Daily totals'),
          (%1$s, %2$s, %3$s, 'TABLE', NULL, NULL);
        INSERT INTO svv_all_columns VALUES
          ('dev', 'public', 'orders', 'id', 1, NULL, 'NO', 'integer', NULL, 32, 0, 'Primary key'),
          ('dev', 'public', 'orders', 'amount', 2, NULL, 'YES', 'numeric', NULL, 10, 2, NULL),
          ('dev', 'public', 'orders', 'status', 3, NULL, 'YES', 'character varying', 20, NULL, NULL, NULL),
          ('dev', 'public', 'empty_t', 'x', 1, NULL, 'YES', 'timestamp without time zone', NULL, NULL, NULL, NULL),
          ('dev', 'public', 'v_orders', 'id', 1, NULL, 'YES', 'integer', NULL, 32, 0, NULL),
          ('dev', 'spectrum', 'ext_events', 'payload', 1, NULL, 'YES', 'super', NULL, NULL, NULL, NULL),
          ('analytics', 'sales', 'daily', 'day', 1, NULL, 'YES', 'date', NULL, NULL, NULL, NULL),
          ('analytics', 'sales', 'daily', 'total', 2, NULL, 'YES', 'double precision', NULL, NULL, NULL, NULL),
          (%1$s, %2$s, %3$s, 'select', 1, NULL, 'YES', 'bigint', NULL, 64, 0, 'a reserved word');
        """
            .formatted(literal(ODD_DB), literal(ODD_SCHEMA), literal(ODD_TABLE));
    String tableInfo = "INSERT INTO svv_table_info (database, schema, table_id, \"table\", size, tbl_rows,"
        + " estimated_visible_rows, create_time) VALUES ";
    try (Connection c = postgres.getDatabase("postgres", "dev").getConnection();
        Statement s = c.createStatement()) {
      s.execute(SYSTEM_VIEWS);
      s.execute(allTables);
      s.execute(
          """
          INSERT INTO svv_redshift_databases VALUES
            (100, 'dev', 'local', NULL, NULL, 'Snapshot Isolation'),
            (100, 'analytics', 'local', NULL, NULL, 'Snapshot Isolation'),
            (100, %s, 'local', NULL, NULL, 'Snapshot Isolation'),
            (100, 'padb_harvest', 'local', NULL, NULL, 'Serializable'),
            (100, 'consumer_share', 'shared', NULL, NULL, 'Snapshot Isolation');
          """
              .formatted(literal(ODD_DB)));
      // tbl_rows counts deleted rows not yet vacuumed; estimated_visible_rows does not.
      s.execute(tableInfo + "('dev', 'public', 100001, 'orders', 12, 1500, 1450, '2026-01-05 08:00:00')");
      // A real view, whose definition gives its lineage.
      s.execute("CREATE TABLE public.orders (id integer, amount numeric(10,2), status varchar(20))");
      s.execute("CREATE VIEW public.v_orders AS SELECT id, amount FROM public.orders WHERE status = 'open'");
      try (ResultSet r = s.executeQuery("SELECT usesysid FROM pg_user WHERE usename = 'alice'")) {
        r.next();
        aliceId = r.getLong(1);
      }
      loadQueryHistory(c);
    }
    try (Connection c = postgres.getDatabase("postgres", "analytics").getConnection();
        Statement s = c.createStatement()) {
      s.execute(SYSTEM_VIEWS);
      s.execute(allTables);
      s.execute(tableInfo + "('analytics', 'sales', 200001, 'daily', 3, 365, NULL, NULL)");
    }
    // svv_table_info not readable here (no grant): no volume rather than a wrong zero.
    try (Connection c = postgres.getDatabase("postgres", ODD_DB).getConnection();
        Statement s = c.createStatement()) {
      s.execute(SYSTEM_VIEWS);
      s.execute(allTables);
    }
    programs = InProcessPrograms.generate(work, "redshift");
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * A day of SYS_QUERY_HISTORY with its SYS_QUERY_TEXT chunks: a CTAS whose text (over 4,000
   * characters) spans two chunks split inside a token, a failed query by a dropped user, an
   * INSERT into the oddly named table, a SELECT, a query still running and one outside the
   * window.
   */
  private static void loadQueryHistory(Connection c) throws Exception {
    StringBuilder ids = new StringBuilder();
    for (int i = 1; ids.length() < 4500; i++) {
      ids.append(i == 1 ? "" : ", ").append(i);
    }
    longQuery =
        "CREATE TABLE analytics.sales.big_orders AS SELECT o.id, o.amount FROM dev.public.orders o"
            + " WHERE o.id IN ("
            + ids
            + ")";
    String insertOdd =
        "INSERT INTO "
            + quote(ODD_DB) + "." + quote(ODD_SCHEMA) + "." + quote(ODD_TABLE)
            + " (" + quote("select") + ") SELECT id FROM orders";
    Object[][] history = {
      // user, id, type, status, start, end, error, rows, text (first 4,000 characters)
      {aliceId, 101L, "CTAS", "success", "2026-03-01 10:00:00", "2026-03-01 10:00:07.25", null, 0L, longQuery},
      {424242L, 102L, "SELECT", "failed", "2026-03-01 10:05:00", "2026-03-01 10:05:01", "ERROR: relation \"nope\" does not exist", 0L, "SELECT * FROM nope"},
      {aliceId, 103L, "INSERT", "success", "2026-03-01 10:06:00", "2026-03-01 10:06:02", null, 3L, insertOdd},
      {aliceId, 104L, "SELECT", "success", "2026-03-01 10:07:00", "2026-03-01 10:07:00.5", null, 42L, "SELECT count(*) FROM public.orders"},
      // Still running: SYS_QUERY_HISTORY already shows a provisional end_time (as in AWS's own
      // sample); it must not be sent until it has finished.
      {aliceId, 105L, "SELECT", "running", "2026-03-01 10:08:00", "2026-03-01 10:08:30", null, 0L, "SELECT pg_sleep(600)"},
      // SYS_QUERY_TEXT keeps a newline as the two characters \n: the comment ends at its line.
      {aliceId, 107L, "INSERT", "success", "2026-03-01 10:09:00", "2026-03-01 10:09:01", null, 5L,
       "-- nightly refresh\\nINSERT INTO analytics.sales.daily SELECT id, amount FROM dev.public.orders"},
      {aliceId, 106L, "SELECT", "success", "2026-02-27 09:00:00", "2026-02-27 09:00:01", null, 1L, "SELECT 1"},
    };
    try (PreparedStatement h =
            c.prepareStatement(
                "INSERT INTO sys_query_history (user_id, query_id, query_label, transaction_id,"
                    + " session_id, database_name, query_type, status, result_cache_hit,"
                    + " start_time, end_time, elapsed_time, queue_time, execution_time,"
                    + " error_message, returned_rows, returned_bytes, query_text)"
                    + " VALUES (?, ?, 'nightly', 7000 + ?, 1073, 'dev', ?, ?, false,"
                    + " CAST(? AS timestamp), CAST(? AS timestamp), 1500000, 0, 1400000, ?, ?,"
                    + " 2048, ?)");
        PreparedStatement t =
            c.prepareStatement(
                "INSERT INTO sys_query_text VALUES (?, ?, 7000 + ?, 1073, CAST(? AS timestamp), ?, ?)")) {
      for (Object[] q : history) {
        String text = (String) q[8];
        h.setLong(1, ((Number) q[0]).longValue());
        h.setLong(2, (Long) q[1]);
        h.setLong(3, (Long) q[1]);
        h.setString(4, (String) q[2]);
        h.setString(5, (String) q[3]);
        h.setString(6, (String) q[4]);
        h.setString(7, (String) q[5]);
        h.setString(8, (String) q[6]);
        if (q[7] == null) {
          h.setNull(9, java.sql.Types.BIGINT);
        } else {
          h.setLong(9, (Long) q[7]);
        }
        h.setString(10, text.substring(0, Math.min(4000, text.length())));
        h.executeUpdate();
        // SYS_QUERY_TEXT: 4,000-character chunks, numbered from 0.
        for (int sequence = 0; sequence * 4000 < text.length(); sequence++) {
          t.setLong(1, ((Number) q[0]).longValue());
          t.setLong(2, (Long) q[1]);
          t.setLong(3, (Long) q[1]);
          t.setString(4, (String) q[4]);
          t.setInt(5, sequence);
          t.setString(6, text.substring(sequence * 4000, Math.min(text.length(), (sequence + 1) * 4000)));
          t.executeUpdate();
        }
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (programs != null) {
      programs.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /** pgjdbc's URL for this server; {database} is each database collected. */
  private static String url() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/{database}";
  }

  private static List<String> connection() {
    return List.of("--jdbc-url", url(), "--host", "localhost", "--user", "postgres");
  }

  private static String[] arguments(LocalGateway gateway, String... more) {
    List<String> arguments = new ArrayList<>(connection());
    arguments.addAll(
        List.of(
            "--key-id", "kid",
            "--key-token", "ktok",
            "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
            "--endpoint", gateway.baseUrl()));
    arguments.addAll(List.of(more));
    return arguments.toArray(String[]::new);
  }

  @Test
  void metadataCoversEveryDatabaseEmptyTablesAndViewsWithDocumentedCounts() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      // Collect, then push the manifest (CollectAndPush runs the same two steps).
      Path manifest = work.resolve("m.json");
      List<String> collect = new ArrayList<>(connection());
      collect.addAll(List.of("--output-file", manifest.toString()));
      assertEquals(0, programs.run("CollectMetadata", collect.toArray(String[]::new)));
      assertEquals(
          0,
          programs.run(
              "PushMetadata",
              "--key-id", "kid",
              "--key-token", "ktok",
              "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
              "--endpoint", gateway.baseUrl(),
              "--input-file", manifest.toString(),
              "--result-file", work.resolve("mr.json").toString()));
      Map<String, JsonNode> assets = Received.assets(gateway, "redshift");
      assertEquals(
          List.of(
              "analytics.sales.daily",
              "dev.public.empty_t",
              "dev.public.orders",
              "dev.public.v_orders",
              "dev.spectrum.ext_events",
              ODD_DB + "." + ODD_SCHEMA + "." + ODD_TABLE),
          List.copyOf(assets.keySet()),
          "every local database (not only the connected one), empty tables and views; no system"
              + " schema, no datashare or skipped database");
      assertEquals(
          JSON.readTree(
              """
              {"type": "TABLE",
               "metadata": {"name": "orders", "database": "dev", "schema": "public",
                            "description": "Order transactions", "created_on": "2026-01-05T08:00:00Z"},
               "fields": [{"name": "id", "type": "INTEGER", "description": "Primary key"},
                          {"name": "amount", "type": "NUMERIC"},
                          {"name": "status", "type": "VARCHAR"}],
               "volume": {"row_count": 1450, "byte_count": 12582912}}
              """),
          assets.get("dev.public.orders"));
      // Absent from svv_table_info, which is readable: empty.
      assertEquals(
          JSON.readTree("{\"row_count\": 0, \"byte_count\": 0}"),
          assets.get("dev.public.empty_t").get("volume"));
      assertEquals("TIMESTAMP", assets.get("dev.public.empty_t").at("/fields/0/type").asText());
      assertEquals("VIEW", assets.get("dev.public.v_orders").get("type").asText());
      assertFalse(assets.get("dev.public.v_orders").has("volume"));
      assertFalse(assets.get("dev.spectrum.ext_events").has("volume"), "external: no counts");
      // Counts of another database come from that database's own svv_table_info; tbl_rows
      // when there is no visible-row estimate.
      assertEquals(
          JSON.readTree("{\"row_count\": 365, \"byte_count\": 3145728}"),
          assets.get("analytics.sales.daily").get("volume"));
      assertEquals("DOUBLE", assets.get("analytics.sales.daily").at("/fields/1/type").asText());
      // Names with a quote, a space and a reserved word reach the database as bound values and
      // in the connection URL, and come back unchanged; svv_table_info unreadable: no volume.
      JsonNode odd = assets.get(ODD_DB + "." + ODD_SCHEMA + "." + ODD_TABLE);
      assertEquals("select", odd.at("/fields/0/name").asText());
      assertEquals("a reserved word", odd.at("/fields/0/description").asText());
      assertFalse(odd.has("volume"));
    }
  }

  @Test
  void queryLogsReassembleTheFullTextAndNameTheUser() throws Exception {
    Path state = work.resolve("ql_state.json");
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      int exit =
          programs.run(
              "CollectAndPushQueryLogs",
              arguments(
                  gateway,
                  "--start", "2026-03-01T00:00:00Z",
                  "--end", "2026-03-02T00:00:00Z",
                  "--state-file", state.toString(),
                  "--output-file", work.resolve("q.json").toString(),
                  "--result-file", work.resolve("qr.json").toString()));
      assertEquals(0, exit);
      assertEquals(1, gateway.received(Flow.QUERY_LOGS).size());
      JsonNode body = gateway.received(Flow.QUERY_LOGS).get(0).body();
      assertEquals("redshift", body.at("/resource/log_type").asText());
      JsonNode events = body.get("events");
      List<String> ids = new ArrayList<>();
      events.forEach(e -> ids.add(e.get("query_id").asText()));
      assertEquals(
          List.of("101", "102", "103", "104", "107"), ids, "finished queries of the window only");
      assertEquals(
          "-- nightly refresh\nINSERT INTO analytics.sales.daily SELECT id, amount FROM dev.public.orders",
          events.get(4).get("query_text").asText(),
          "newlines stored as \\n are restored");

      JsonNode ctas = events.get(0);
      assertTrue(longQuery.length() > 4000);
      assertEquals(longQuery, ctas.get("query_text").asText(), "both chunks, whole, in order");
      assertEquals("alice", ctas.get("user").asText());
      assertEquals("2026-03-01T10:00:00Z", ctas.get("start_time").asText());
      assertEquals("2026-03-01T10:00:07.250000Z", ctas.get("end_time").asText());
      assertEquals(
          JSON.readTree(
              """
              {"status": "success", "database_name": "dev", "query_type": "CTAS",
               "query_label": "nightly", "returned_bytes": 2048, "elapsed_time_us": 1500000,
               "queue_time_us": 0, "execution_time_us": 1400000, "session_id": 1073,
               "transaction_id": 7101, "result_cache_hit": false}
              """),
          ctas.get("extra"));

      JsonNode failed = events.get(1);
      assertEquals("424242", failed.get("user").asText(), "a dropped user keeps its id");
      assertEquals("ERROR: relation \"nope\" does not exist", failed.get("error_text").asText());
      assertEquals("failed", failed.at("/extra/status").asText());
      assertEquals(42, events.get(3).get("returned_rows").asInt());
    }
  }

  @Test
  void lineageFromViewsAndFromTheReassembledStatements() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      int exit =
          programs.run(
              "CollectAndPushLineage",
              arguments(
                  gateway,
                  "--start", "2026-03-01T00:00:00Z",
                  "--end", "2026-03-02T00:00:00Z",
                  "--state-file", work.resolve("l_state.json").toString(),
                  "--output-file", work.resolve("l.json").toString(),
                  "--result-file", work.resolve("lr.json").toString()));
      assertEquals(0, exit);
      Map<String, JsonNode> byDestination = Received.lineageByDestination(gateway);
      assertEquals(
          List.of(
              "analytics.sales.big_orders",
              "analytics.sales.daily",
              "dev.public.v_orders",
              ODD_DB + "." + ODD_SCHEMA + "." + ODD_TABLE),
          List.copyOf(byDestination.keySet()));
      // Its text stored with \n for the newline: decoded, the comment no longer swallows it.
      assertEquals("orders", byDestination.get("analytics.sales.daily").at("/sources/0/name").asText());
      // The CTAS text spans two chunks: parsed whole, exact 3-part source, column lineage.
      assertEquals(
          JSON.readTree(
              """
              {"destination": {"type": "TABLE", "name": "big_orders", "database": "analytics",
                               "schema": "sales", "asset_id": "dest"},
               "sources": [{"type": "TABLE", "name": "orders", "database": "dev",
                            "schema": "public", "asset_id": "src1"}],
               "fields": [
                 {"name": "amount", "source_fields": [{"asset_id": "src1", "field_name": "amount"}]},
                 {"name": "id", "source_fields": [{"asset_id": "src1", "field_name": "id"}]}]}
              """),
          byDestination.get("analytics.sales.big_orders"));
      // An unqualified source resolves against the query's database and the default schema.
      JsonNode odd = byDestination.get(ODD_DB + "." + ODD_SCHEMA + "." + ODD_TABLE);
      assertEquals("dev", odd.at("/sources/0/database").asText());
      assertEquals("public", odd.at("/sources/0/schema").asText());
      assertEquals("orders", odd.at("/sources/0/name").asText());
      assertEquals("select", odd.at("/fields/0/name").asText());
      JsonNode view = byDestination.get("dev.public.v_orders");
      assertEquals("VIEW", view.at("/destination/type").asText());
      assertEquals("orders", view.at("/sources/0/name").asText());
    }
  }

  @Test
  void theRedshiftDriverCannotTalkToPostgres() throws Exception {
    Class.forName("com.amazon.redshift.jdbc42.Driver");
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("user", "postgres");
    java.sql.SQLException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.sql.SQLException.class,
            () ->
                java.sql.DriverManager.getConnection(
                    "jdbc:redshift://localhost:" + postgres.getPort() + "/dev?ssl=false",
                    properties)
                    .close());
    assertTrue(refused.getMessage().contains("driver_version"), refused.getMessage());
    assertTrue(Files.exists(work.resolve("redshift")));
  }
}
