package io.pushgen.generator.e2e;

import static io.pushgen.generator.e2e.ScriptedRuns.concat;
import static io.pushgen.generator.e2e.ScriptedRuns.push;
import static io.pushgen.generator.e2e.ScriptedRuns.row;
import static io.pushgen.generator.e2e.ScriptedRuns.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.descriptor.Descriptor;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.runtime.collect.Quoting;
import io.pushgen.runtime.collect.Sql;
import io.pushgen.testsupport.ScriptedDriver;
import io.pushgen.testsupport.ScriptedDriver.Column;
import io.pushgen.testsupport.ScriptedDriver.Table;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Oracle programs (metadata, lineage from views, V$SQL query logs) on rows laid out
 * as the Oracle Database Reference documents {@code ALL_TABLES}, {@code ALL_VIEWS}, {@code
 * ALL_TAB_COLUMNS} with the comment views, {@code ALL_TAB_MODIFICATIONS} and {@code V$SQL}
 * (VARCHAR2 as VARCHAR, NUMBER as NUMERIC with BigDecimal values, TEXT as LONGVARCHAR,
 * SQL_FULLTEXT as CLOB), served by {@link ScriptedDriver} for the exact statements the
 * descriptor issues, through to the local gateway. The programs load the real {@code
 * oracle.jdbc.OracleDriver} class; the URL is a scripted one.
 *
 * <p>What is held: the container name as Monte Carlo's database and the owner as its schema,
 * two dictionary queries in all, NUM_ROWS as an estimate that is absent (not 0) for a table never
 * analysed, freshness only where table monitoring recorded a modification, view text (the query
 * alone) parsed with Oracle's upper-case folding and the view's own schema for unqualified names,
 * and a cursor of the shared SQL area as one query-log entry with its parsing user.
 */
class OracleProgramsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<Column> TABLES =
      List.of(
          new Column("SCHEMA_NAME", Types.VARCHAR),
          new Column("TABLE_NAME", Types.VARCHAR),
          new Column("TABLE_TYPE", Types.VARCHAR),
          new Column("DESCRIPTION", Types.VARCHAR),
          new Column("ROW_COUNT", Types.NUMERIC),
          new Column("BYTE_COUNT", Types.NUMERIC),
          new Column("LAST_MODIFIED", Types.TIMESTAMP));
  private static final List<Column> COLUMNS =
      List.of(
          new Column("SCHEMA_NAME", Types.VARCHAR),
          new Column("TABLE_NAME", Types.VARCHAR),
          new Column("COLUMN_NAME", Types.VARCHAR),
          new Column("DATA_TYPE", Types.VARCHAR),
          new Column("DESCRIPTION", Types.VARCHAR));
  private static final List<Column> VIEWS =
      List.of(
          new Column("SCHEMA_NAME", Types.VARCHAR),
          new Column("VIEW_NAME", Types.VARCHAR),
          new Column("TEXT", Types.LONGVARCHAR));
  private static final List<Column> CURSORS =
      List.of(
          new Column("QUERY_ID", Types.VARCHAR),
          new Column("QUERY_TEXT", Types.CLOB),
          new Column("START_TIME", Types.TIMESTAMP),
          new Column("END_TIME", Types.TIMESTAMP),
          new Column("USER_NAME", Types.VARCHAR),
          new Column("SQL_ID", Types.VARCHAR),
          new Column("CHILD_NUMBER", Types.NUMERIC),
          new Column("EXECUTIONS", Types.NUMERIC),
          new Column("ELAPSED_TIME_US", Types.NUMERIC),
          new Column("ROWS_PROCESSED", Types.NUMERIC),
          new Column("PARSING_SCHEMA_NAME", Types.VARCHAR),
          new Column("MODULE", Types.VARCHAR),
          new Column("ACTION", Types.VARCHAR),
          new Column("SERVICE", Types.VARCHAR));

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static Descriptor descriptor;

  @BeforeAll
  static void generate() throws Exception {
    descriptor = Descriptors.loadShipped("oracle", null).descriptor();
    // Monte Carlo has no Oracle log type: the query-log programs need --log-type.
    programs = InProcessPrograms.generate(work, "oracle", "--log-type", "s3");
  }

  @AfterAll
  static void close() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }

  private static String sql(String text) {
    return Sql.of(text).render(new Quoting("\"", "\"\""), Map.of()).strip();
  }

  private static String[] connection(ScriptedDriver.Script script, String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--jdbc-url", script.url(),
                "--host", "db.example.com",
                "--service-name", "orclpdb1_low.example.com",
                "--user", "COLLECTOR",
                "--password", "pw\"secret"));
    arguments.addAll(List.of(more));
    return arguments.toArray(String[]::new);
  }

  private static ScriptedDriver.Script dictionary() {
    return ScriptedDriver.script("oracle-" + System.nanoTime())
        .answer(
            sql(descriptor.metadata().databases().sql()),
            binds -> new Table(List.of(new Column("DATABASE_NAME", Types.VARCHAR)), List.of(row("ORCLPDB1"))))
        .answer(
            sql(descriptor.metadata().tables().sql()),
            binds ->
                new Table(
                    TABLES,
                    List.of(
                        row("HR", "EMPLOYEES", "TABLE", "Employee records", new BigDecimal("107"),
                            null, ts("2026-03-01T08:15:00Z")),
                        row("HR", "EMP_DETAILS_VIEW", "VIEW", null, null, null, null),
                        // Analysed, then not modified since: no ALL_TAB_MODIFICATIONS row.
                        row("HR", "JOBS", "TABLE", null, new BigDecimal("19"), null, null),
                        // Never analysed: NUM_ROWS is null, which is no count rather than 0.
                        row("Sales Data", "order \"lines\"", "TABLE", null, null, null, null))))
        .answer(
            sql(descriptor.metadata().columns().sql()),
            binds ->
                new Table(
                    COLUMNS,
                    List.of(
                        row("HR", "EMPLOYEES", "EMPLOYEE_ID", "NUMBER", "Primary key"),
                        row("HR", "EMPLOYEES", "FIRST_NAME", "VARCHAR2", null),
                        row("HR", "EMPLOYEES", "HIRE_DATE", "DATE", null),
                        row("HR", "EMP_DETAILS_VIEW", "EMPLOYEE_ID", "NUMBER", null),
                        row("HR", "JOBS", "JOB_ID", "VARCHAR2", null),
                        row("Sales Data", "order \"lines\"", "AMOUNT", "NUMBER", null),
                        row("Sales Data", "order \"lines\"", "PLACED_AT", "TIMESTAMP(6) WITH TIME ZONE", null))))
        .answer(
            sql(descriptor.lineage().views().sql()),
            binds ->
                new Table(
                    VIEWS,
                    List.of(
                        // ALL_VIEWS.TEXT holds the query alone, as it was written.
                        row("HR", "EMP_DETAILS_VIEW",
                            "SELECT e.employee_id, e.first_name, j.job_id\n"
                                + "FROM employees e JOIN jobs j ON j.job_id = e.job_id"),
                        row("Sales Data", "V_TOTALS",
                            "select sum(\"AMOUNT\") as total from \"Sales Data\".\"order \"\"lines\"\"\""))))
        .answer(
            sql(descriptor.lineage().statements().sql()),
            binds ->
                new Table(
                    List.of(
                        new Column("QUERY_ID", Types.VARCHAR),
                        new Column("QUERY_TEXT", Types.CLOB),
                        new Column("DATABASE_NAME", Types.VARCHAR),
                        new Column("SCHEMA_NAME", Types.VARCHAR)),
                    List.of(
                        // V$SQL keeps the text as the application sent it: a hint, bind
                        // placeholders, unqualified names of the parsing schema.
                        row("7h35uxf5uhmm1-0",
                            "INSERT /*+ APPEND */ INTO emp_archive (employee_id, first_name)\n"
                                + "SELECT employee_id, first_name FROM employees WHERE hire_date < :1",
                            "ORCLPDB1", "HR"))));
  }

  @Test
  void metadataNamesTheContainerAsDatabaseAndSendsStatisticsAsTheyAre() throws Exception {
    ScriptedDriver.Script oracle = dictionary();
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      Path manifest = work.resolve("m.json");
      assertEquals(0, programs.run("CollectMetadata", connection(oracle, "--output-file", manifest.toString())));
      assertEquals(
          0,
          programs.run(
              "PushMetadata",
              push(
                  gateway,
                  "--input-file", manifest.toString(),
                  "--result-file", work.resolve("mr.json").toString())));
      Map<String, JsonNode> assets = Received.assets(gateway, "data-lake");
      assertEquals(
          List.of(
              "ORCLPDB1.HR.EMPLOYEES", "ORCLPDB1.HR.EMP_DETAILS_VIEW", "ORCLPDB1.HR.JOBS",
              "ORCLPDB1.Sales Data.order \"lines\""),
          List.copyOf(assets.keySet()),
          "the container name, not the service connected to, is the database");
      assertEquals(
          JSON.readTree(
              """
              {"type": "TABLE",
               "metadata": {"name": "EMPLOYEES", "database": "ORCLPDB1", "schema": "HR",
                            "description": "Employee records"},
               "fields": [{"name": "EMPLOYEE_ID", "type": "NUMBER", "description": "Primary key"},
                          {"name": "FIRST_NAME", "type": "VARCHAR2"},
                          {"name": "HIRE_DATE", "type": "DATE"}],
               "volume": {"row_count": 107},
               "freshness": {"last_update_time": "2026-03-01T08:15:00Z"}}
              """),
          assets.get("ORCLPDB1.HR.EMPLOYEES"));
      assertEquals("VIEW", assets.get("ORCLPDB1.HR.EMP_DETAILS_VIEW").get("type").asText());
      assertFalse(assets.get("ORCLPDB1.HR.EMP_DETAILS_VIEW").has("volume"));
      JsonNode jobs = assets.get("ORCLPDB1.HR.JOBS");
      assertEquals(JSON.readTree("{\"row_count\": 19}"), jobs.get("volume"));
      assertFalse(jobs.has("freshness"), "no modification recorded since the last statistics");
      JsonNode odd = assets.get("ORCLPDB1.Sales Data.order \"lines\"");
      assertFalse(odd.has("volume"), "never analysed: no count rather than 0");
      assertEquals("TIMESTAMP(6) WITH TIME ZONE", odd.at("/fields/1/type").asText());
      // The container name, then the two dictionary queries: nothing per table, and without
      // --segment-sizes nothing that needs more than the ALL_ views.
      assertEquals(
          List.of(
              sql(descriptor.metadata().databases().sql()),
              sql(descriptor.metadata().tables().sql()),
              sql(descriptor.metadata().columns().sql())),
          oracle.executed().stream().map(e -> e.sql().strip()).toList());
      oracle
          .executed()
          .forEach(e -> assertFalse(e.sql().toLowerCase(java.util.Locale.ROOT).contains("dba_"), e.sql()));
      oracle
          .connections()
          .forEach(
              properties ->
                  assertEquals(
                      Map.of("user", "COLLECTOR", "password", "pw\"secret"),
                      new java.util.HashMap<>(properties)));
    }
  }

  @Test
  void lineageParsesViewsAndWritingStatementsInTheirOwnSchema() throws Exception {
    ScriptedDriver.Script oracle = dictionary();
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      int exit =
          programs.run(
              "CollectAndPushLineage",
              concat(
                  connection(oracle),
                  push(
                      gateway,
                      "--output-file", work.resolve("l.json").toString(),
                      "--result-file", work.resolve("lr.json").toString(),
                      "--state-file", work.resolve("l-state.json").toString())));
      assertEquals(0, exit);
      Map<String, JsonNode> byDestination = Received.lineageByDestination(gateway);
      assertEquals(
          List.of("ORCLPDB1.HR.EMP_ARCHIVE", "ORCLPDB1.HR.EMP_DETAILS_VIEW", "ORCLPDB1.Sales Data.V_TOTALS"),
          List.copyOf(byDestination.keySet()));
      // The INSERT from the shared SQL area, in the schema that parsed it, column by column.
      assertEquals(
          JSON.readTree(
              """
              {"destination": {"type": "TABLE", "name": "EMP_ARCHIVE", "database": "ORCLPDB1",
                               "schema": "HR", "asset_id": "dest"},
               "sources": [{"type": "TABLE", "name": "EMPLOYEES", "database": "ORCLPDB1",
                            "schema": "HR", "asset_id": "src1"}],
               "fields": [
                 {"name": "EMPLOYEE_ID", "source_fields": [{"asset_id": "src1", "field_name": "EMPLOYEE_ID"}]},
                 {"name": "FIRST_NAME", "source_fields": [{"asset_id": "src1", "field_name": "FIRST_NAME"}]}]}
              """),
          byDestination.get("ORCLPDB1.HR.EMP_ARCHIVE"));
      // Unquoted names fold to upper case; unqualified ones are in the view's schema, HR.
      assertEquals(
          JSON.readTree(
              """
              {"destination": {"type": "VIEW", "name": "EMP_DETAILS_VIEW", "database": "ORCLPDB1",
                               "schema": "HR", "asset_id": "dest"},
               "sources": [{"type": "TABLE", "name": "EMPLOYEES", "database": "ORCLPDB1",
                            "schema": "HR", "asset_id": "src1"},
                           {"type": "TABLE", "name": "JOBS", "database": "ORCLPDB1",
                            "schema": "HR", "asset_id": "src2"}],
               "fields": [
                 {"name": "EMPLOYEE_ID", "source_fields": [{"asset_id": "src1", "field_name": "EMPLOYEE_ID"}]},
                 {"name": "FIRST_NAME", "source_fields": [{"asset_id": "src1", "field_name": "FIRST_NAME"}]},
                 {"name": "JOB_ID", "source_fields": [{"asset_id": "src2", "field_name": "JOB_ID"}]}]}
              """),
          byDestination.get("ORCLPDB1.HR.EMP_DETAILS_VIEW"));
      JsonNode totals = byDestination.get("ORCLPDB1.Sales Data.V_TOTALS");
      assertEquals("order \"lines\"", totals.at("/sources/0/name").asText(), "quoted names kept exactly");
      assertEquals("TOTAL", totals.at("/fields/0/name").asText());
    }
  }

  @Test
  void sharedSqlAreaCursorsBecomeEntriesWithTheirParsingUser() throws Exception {
    ScriptedDriver.Script oracle =
        ScriptedDriver.script("oracle-qs-" + System.nanoTime())
            .answer(
                sql(descriptor.queryLogs().sql()),
                binds ->
                    new Table(
                        CURSORS,
                        List.of(
                            row("8a5fzqg2m7u1k-0-20260301100000",
                                "SELECT employee_id FROM hr.employees WHERE department_id = :1",
                                ts("2026-03-01T09:59:59.750Z"), ts("2026-03-01T10:00:00Z"), "APP_USER",
                                "8a5fzqg2m7u1k", new BigDecimal("0"), new BigDecimal("4"),
                                new BigDecimal("1000000"), new BigDecimal("212"), "HR", "JDBC Thin Client",
                                null, "orclpdb1_low"))));
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      int exit =
          programs.run(
              "CollectAndPushQueryLogs",
              concat(
                  connection(oracle),
                  push(
                      gateway,
                      "--start", "2026-03-01T09:00:00Z",
                      "--end", "2026-03-01T11:00:00Z",
                      "--state-file", work.resolve("q-state.json").toString(),
                      "--output-file", work.resolve("q.json").toString(),
                      "--result-file", work.resolve("qr.json").toString())));
      assertEquals(0, exit);
      JsonNode body = gateway.received(Flow.QUERY_LOGS).get(0).body();
      assertEquals("s3", body.at("/resource/log_type").asText());
      assertEquals(
          JSON.readTree(
              """
              [{"query_id": "8a5fzqg2m7u1k-0-20260301100000",
                "query_text": "SELECT employee_id FROM hr.employees WHERE department_id = :1",
                "start_time": "2026-03-01T09:59:59.750000Z",
                "end_time": "2026-03-01T10:00:00Z",
                "user": "APP_USER",
                "extra": {"sql_id": "8a5fzqg2m7u1k", "child_number": 0, "executions": 4,
                          "elapsed_time_us": 1000000, "rows_processed": 212,
                          "parsing_schema_name": "HR", "module": "JDBC Thin Client",
                          "action": null, "service": "orclpdb1_low"}}]
              """),
          body.get("events"));
      ScriptedDriver.Executed history = oracle.executed().get(0);
      assertEquals(1, oracle.executed().size());
      assertEquals(ts("2026-03-01T09:00:00Z").toInstant(), ((Timestamp) history.parameters().get(0)).toInstant());
      assertEquals(ts("2026-03-01T11:00:00Z").toInstant(), ((Timestamp) history.parameters().get(1)).toInstant());
      assertTrue(history.sql().contains("FROM v$sql s"), history.sql());
    }
  }

  /** Runs CollectMetadata, pushes its manifest and returns the assets the gateway received. */
  private static Map<String, JsonNode> metadataAt(
      LocalGateway gateway, ScriptedDriver.Script oracle, String name, String... options)
      throws Exception {
    Path manifest = work.resolve(name + ".json");
    String[] collect = concat(connection(oracle, "--output-file", manifest.toString()), options);
    assertEquals(0, programs.run("CollectMetadata", collect));
    assertEquals(
        0,
        programs.run(
            "PushMetadata",
            push(
                gateway,
                "--input-file", manifest.toString(),
                "--result-file", work.resolve(name + "-result.json").toString())));
    Map<String, JsonNode> assets = new TreeMap<>();
    gateway
        .received(Flow.METADATA)
        .forEach(
            r ->
                r.events()
                    .forEach(
                        e -> {
                          JsonNode a = e.get("relational_asset");
                          assets.put(
                              a.at("/metadata/schema").asText() + "." + a.at("/metadata/name").asText(), a);
                        }));
    return assets;
  }

  @Test
  void segmentSizesSendBytesFromDbaSegmentsInTheSameTablesQuery() throws Exception {
    Descriptor.Variant sizes = descriptor.metadata().tables().variants().get(0);
    assertEquals("segment_sizes", sizes.option());
    ScriptedDriver.Script oracle =
        ScriptedDriver.script("oracle-sizes-" + System.nanoTime())
            .answer(
                sql(descriptor.metadata().databases().sql()),
                binds -> new Table(List.of(new Column("DATABASE_NAME", Types.VARCHAR)), List.of(row("ORCLPDB1"))))
            .answer(
                sql(sizes.sql()),
                binds ->
                    new Table(
                        TABLES,
                        List.of(
                            // DBA_SEGMENTS.BYTES summed over the table's and its LOBs' segments.
                            row("HR", "EMPLOYEES", "TABLE", null, new BigDecimal("107"),
                                new BigDecimal("196608"), null),
                            row("HR", "EMP_DETAILS_VIEW", "VIEW", null, null, null, null),
                            // SEGMENT_CREATED = 'NO': no segment yet, 0 bytes.
                            row("HR", "JOBS", "TABLE", null, new BigDecimal("19"), new BigDecimal("0"), null),
                            // Never analysed, yet its segments have a size.
                            row("Sales Data", "order \"lines\"", "TABLE", null, null,
                                new BigDecimal("8388608"), null))))
            .answer(
                sql(descriptor.metadata().columns().sql()),
                binds -> new Table(COLUMNS, List.of(row("HR", "EMPLOYEES", "EMPLOYEE_ID", "NUMBER", null))));
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      Map<String, JsonNode> assets = metadataAt(gateway, oracle, "sizes", "--segment-sizes");
      assertEquals(
          JSON.readTree("{\"row_count\": 107, \"byte_count\": 196608}"), assets.get("HR.EMPLOYEES").get("volume"));
      assertEquals(JSON.readTree("{\"row_count\": 19, \"byte_count\": 0}"), assets.get("HR.JOBS").get("volume"));
      assertEquals(
          JSON.readTree("{\"byte_count\": 8388608}"), assets.get("Sales Data.order \"lines\"").get("volume"));
      assertFalse(assets.get("HR.EMP_DETAILS_VIEW").has("volume"));
    }
    // Still the container name and two dictionary queries, the tables query in its DBA_SEGMENTS form.
    List<String> executed = oracle.executed().stream().map(e -> e.sql().strip()).toList();
    assertEquals(
        List.of(
            sql(descriptor.metadata().databases().sql()),
            sql(sizes.sql()),
            sql(descriptor.metadata().columns().sql())),
        executed);
    assertTrue(executed.get(1).contains("FROM dba_segments g"), executed.get(1));
  }

  @Test
  void awrHistoryGivesAnEntryPerStatementPlanAndSnapshot() throws Exception {
    Descriptor.Variant awr = descriptor.queryLogs().variants().get(0);
    assertEquals("awr", awr.value());
    ScriptedDriver.Script oracle =
        ScriptedDriver.script("oracle-awr-" + System.nanoTime())
            .answer(
                sql(awr.sql()),
                binds ->
                    new Table(
                        CURSORS,
                        List.of(
                            // DBA_HIST_SQLSTAT deltas of one snapshot interval, DBA_HIST_SQLTEXT's
                            // text, the end of the snapshot in UTC; no child cursor or service.
                            row("8a5fzqg2m7u1k-1388734953-1234567890-1-4711",
                                "INSERT INTO hr.job_history SELECT * FROM hr.employees",
                                ts("2026-03-01T09:59:58Z"), ts("2026-03-01T10:00:00.125Z"), "APP_USER",
                                "8a5fzqg2m7u1k", null, new BigDecimal("3"), new BigDecimal("6000000"),
                                new BigDecimal("321"), "HR", "SQL*Plus", null, null))));
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      int exit =
          programs.run(
              "CollectAndPushQueryLogs",
              concat(
                  connection(oracle, "--history-source", "awr"),
                  push(
                      gateway,
                      "--start", "2026-03-01T09:00:00Z",
                      "--end", "2026-03-01T11:00:00Z",
                      "--state-file", work.resolve("awr-state.json").toString(),
                      "--output-file", work.resolve("awr.json").toString(),
                      "--result-file", work.resolve("awr-result.json").toString())));
      assertEquals(0, exit);
      assertEquals(
          JSON.readTree(
              """
              [{"query_id": "8a5fzqg2m7u1k-1388734953-1234567890-1-4711",
                "query_text": "INSERT INTO hr.job_history SELECT * FROM hr.employees",
                "start_time": "2026-03-01T09:59:58Z",
                "end_time": "2026-03-01T10:00:00.125000Z",
                "user": "APP_USER",
                "extra": {"sql_id": "8a5fzqg2m7u1k", "child_number": null, "executions": 3,
                          "elapsed_time_us": 6000000, "rows_processed": 321,
                          "parsing_schema_name": "HR", "module": "SQL*Plus",
                          "action": null, "service": null}}]
              """),
          gateway.received(Flow.QUERY_LOGS).get(0).body().get("events"));
    }
    // One statement, the AWR form, bound to the window; V$SQL is not read.
    assertEquals(1, oracle.executed().size());
    ScriptedDriver.Executed history = oracle.executed().get(0);
    assertEquals(sql(awr.sql()), history.sql().strip());
    assertTrue(history.sql().contains("FROM dba_hist_sqlstat s"), history.sql());
    assertFalse(history.sql().contains("v$sql"), history.sql());
    assertEquals(ts("2026-03-01T09:00:00Z").toInstant(), ((Timestamp) history.parameters().get(0)).toInstant());
    assertEquals(ts("2026-03-01T11:00:00Z").toInstant(), ((Timestamp) history.parameters().get(1)).toInstant());
  }

  @Test
  void badOptInValuesAreUsageErrorsNamingTheOption() throws Exception {
    ScriptedDriver.Script oracle = ScriptedDriver.script("oracle-bad-" + System.nanoTime());
    InProcessPrograms.Run source =
        programs.capture(
            "CollectQueryLogs", List.of(connection(oracle, "--history-source", "statspack")));
    assertEquals(2, source.exitCode(), source.output());
    assertTrue(
        source.output().contains("Invalid value for option '--history-source'")
            && source.output().contains("'statspack'"),
        source.output());
    InProcessPrograms.Run sizes =
        programs.capture("CollectMetadata", List.of(connection(oracle, "--segment-sizes=yes")));
    assertEquals(2, sizes.exitCode(), sizes.output());
    assertTrue(
        sizes.output().contains("Invalid value for option '--segment-sizes': 'yes' is not a boolean"),
        sizes.output());
    InProcessPrograms.Run check =
        programs.capture("Check", List.of(connection(oracle, "--history-source", "AWR2")));
    assertEquals(2, check.exitCode(), check.output());
    assertTrue(check.output().contains("'--history-source'"), check.output());
    assertTrue(oracle.executed().isEmpty(), "nothing runs before the options are valid");
  }
}
