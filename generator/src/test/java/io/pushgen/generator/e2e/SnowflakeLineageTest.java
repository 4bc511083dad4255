package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.testsupport.ScriptedDriver;
import io.pushgen.testsupport.ScriptedDriver.Column;
import io.pushgen.testsupport.ScriptedDriver.Table;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Snowflake lineage program on ACCESS_HISTORY rows as Snowflake documents them.
 * ACCESS_HISTORY fills in up to 3 hours after a statement completes and records only its start:
 * the window must be on the statement's end (QUERY_HISTORY.END_TIME), with a margin over that
 * latency, or a long write whose start fell in a window already read is never collected.
 */
class SnowflakeLineageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String EDGES_SQL =
      """
      -- Table lineage: every object a statement wrote, from every object it read.
      SELECT om.value:"objectName"::STRING AS TARGET, NULL AS TARGET_COLUMN,
             src.value:"objectName"::STRING AS SOURCE, NULL AS SOURCE_COLUMN
      FROM SNOWFLAKE.ACCOUNT_USAGE.ACCESS_HISTORY ah
      JOIN SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY qh ON qh.QUERY_ID = ah.QUERY_ID,
           LATERAL FLATTEN(input => ah.OBJECTS_MODIFIED) om,
           LATERAL FLATTEN(input => ah.DIRECT_OBJECTS_ACCESSED) src
      WHERE qh.END_TIME >= ?
        AND qh.END_TIME < ?
        AND ah.QUERY_START_TIME < ?
        AND om.value:"objectDomain"::STRING IN
            ('Table', 'View', 'Materialized view', 'External table', 'Dynamic table')
        AND src.value:"objectDomain"::STRING IN
            ('Table', 'View', 'Materialized view', 'External table', 'Dynamic table')
        AND src.value:"objectName"::STRING <> om.value:"objectName"::STRING
      UNION ALL
      -- Column lineage: every column written, from its direct source columns.
      SELECT om.value:"objectName"::STRING, col.value:"columnName"::STRING,
             src.value:"objectName"::STRING, src.value:"columnName"::STRING
      FROM SNOWFLAKE.ACCOUNT_USAGE.ACCESS_HISTORY ah
      JOIN SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY qh ON qh.QUERY_ID = ah.QUERY_ID,
           LATERAL FLATTEN(input => ah.OBJECTS_MODIFIED) om,
           LATERAL FLATTEN(input => om.value:"columns") col,
           LATERAL FLATTEN(input => col.value:"directSources") src
      WHERE qh.END_TIME >= ?
        AND qh.END_TIME < ?
        AND ah.QUERY_START_TIME < ?
        AND om.value:"objectDomain"::STRING IN
            ('Table', 'View', 'Materialized view', 'External table', 'Dynamic table')
        AND src.value:"objectDomain"::STRING IN
            ('Table', 'View', 'Materialized view', 'External table', 'Dynamic table')
      """;

  private static final List<Column> EDGES =
      List.of(
          new Column("TARGET", Types.VARCHAR),
          new Column("TARGET_COLUMN", Types.VARCHAR),
          new Column("SOURCE", Types.VARCHAR),
          new Column("SOURCE_COLUMN", Types.VARCHAR));

  @TempDir Path work;

  @Test
  void windowsAccessHistoryOnTheStatementsEndWithAMarginOverItsLatency() throws Exception {
    ScriptedDriver.Script snowflake =
        ScriptedDriver.script("snowflake-lineage-" + System.nanoTime())
            .answer(
                EDGES_SQL,
                binds ->
                    new Table(
                        EDGES,
                        List.of(
                            Arrays.asList("ANALYTICS.MART.DAILY", null, "ANALYTICS.RAW.ORDERS", null),
                            Arrays.asList("ANALYTICS.MART.DAILY", "TOTAL", "ANALYTICS.RAW.ORDERS", "AMOUNT"))));
    try (InProcessPrograms programs = InProcessPrograms.generate(work, "snowflake")) {
      Instant before = Instant.now();
      int exit =
          programs.run(
              "CollectLineage",
              "--jdbc-url", snowflake.url(),
              "--account", "acme",
              "--user", "COLLECTOR",
              "--warehouse", "COMPUTE_WH",
              "--state-file", work.resolve("lineage_state.json").toString(),
              "--output-file", work.resolve("l.json").toString());
      assertEquals(0, exit);
      JsonNode events = JSON.readTree(work.resolve("l.json").toFile()).get("events");
      assertEquals(1, events.size());
      assertEquals("DAILY", events.at("/0/destination/name").asText());
      assertEquals("ORDERS", events.at("/0/sources/0/name").asText());
      assertEquals("AMOUNT", events.at("/0/fields/0/source_fields/0/field_name").asText());

      // [start, end) bound on END_TIME in both branches; end = now - 210 minutes: the 3-hour
      // documented latency of ACCESS_HISTORY plus a 30-minute margin.
      List<Object> binds = snowflake.executed().get(0).parameters();
      Instant start = ((Timestamp) binds.get(0)).toInstant();
      Instant end = ((Timestamp) binds.get(1)).toInstant();
      assertEquals(List.of(binds.get(0), binds.get(1), binds.get(1)), binds.subList(3, 6));
      assertEquals(binds.get(1), binds.get(2));
      assertEquals(Duration.ofMinutes(1440), Duration.between(start, end));
      assertTrue(!end.isAfter(Instant.now().minus(Duration.ofMinutes(210))), end.toString());
      assertTrue(!end.isBefore(before.minus(Duration.ofMinutes(211))), end.toString());
    }
  }
}
