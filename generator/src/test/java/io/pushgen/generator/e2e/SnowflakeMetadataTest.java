package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.testsupport.ScriptedDriver.Column;
import io.pushgen.testsupport.ScriptedDriver.Table;
import io.pushgen.testsupport.ScriptedDriver;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Snowflake metadata programs on catalog rows laid out exactly as Snowflake documents
 * SHOW DATABASES and INFORMATION_SCHEMA.TABLES / COLUMNS (labels and JDBC types), served at the
 * driver boundary for the exact statements the descriptor issues, through to the local gateway.
 */
class SnowflakeMetadataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TABLES_SQL =
      """
      SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE,
             ROW_COUNT, BYTES, LAST_ALTERED, CREATED, COMMENT
      FROM %s.INFORMATION_SCHEMA.TABLES
      WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
      ORDER BY TABLE_SCHEMA, TABLE_NAME
      """;
  private static final String COLUMNS_SQL =
      """
      SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COMMENT
      FROM %s.INFORMATION_SCHEMA.COLUMNS
      WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
      ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION
      """;

  /** SHOW DATABASES: the documented output columns. */
  private static final List<Column> SHOW_DATABASES =
      List.of(
          new Column("created_on", Types.TIMESTAMP_WITH_TIMEZONE),
          new Column("name", Types.VARCHAR),
          new Column("is_default", Types.VARCHAR),
          new Column("is_current", Types.VARCHAR),
          new Column("origin", Types.VARCHAR),
          new Column("owner", Types.VARCHAR),
          new Column("comment", Types.VARCHAR),
          new Column("options", Types.VARCHAR),
          new Column("retention_time", Types.VARCHAR),
          new Column("kind", Types.VARCHAR));

  private static final List<Column> TABLES =
      List.of(
          new Column("TABLE_CATALOG", Types.VARCHAR),
          new Column("TABLE_SCHEMA", Types.VARCHAR),
          new Column("TABLE_NAME", Types.VARCHAR),
          new Column("TABLE_TYPE", Types.VARCHAR),
          new Column("ROW_COUNT", Types.DECIMAL),
          new Column("BYTES", Types.DECIMAL),
          new Column("LAST_ALTERED", Types.TIMESTAMP_WITH_TIMEZONE),
          new Column("CREATED", Types.TIMESTAMP_WITH_TIMEZONE),
          new Column("COMMENT", Types.VARCHAR));

  private static final List<Column> COLUMNS =
      List.of(
          new Column("TABLE_SCHEMA", Types.VARCHAR),
          new Column("TABLE_NAME", Types.VARCHAR),
          new Column("COLUMN_NAME", Types.VARCHAR),
          new Column("DATA_TYPE", Types.VARCHAR),
          new Column("COMMENT", Types.VARCHAR));

  @TempDir Path work;

  private static List<Object> database(String name) {
    return Arrays.asList(
        ts("2025-01-01T00:00:00Z"), name, "N", "N", "", "SYSADMIN", null, "", "1", "STANDARD");
  }

  private static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void mapsDocumentedCatalogRowsToAssetsAndQuotesDatabaseNames() throws Exception {
    ScriptedDriver.Script snowflake =
        ScriptedDriver.script("snowflake-" + System.nanoTime())
            .answer(
                "SHOW DATABASES",
                binds ->
                    new Table(
                        SHOW_DATABASES,
                        List.of(
                            database("ANALYTICS"),
                            database("SNOWFLAKE"),
                            database("SNOWFLAKE_SAMPLE_DATA"),
                            database("Odd \"Db\""))))
            .answer(
                TABLES_SQL.formatted("\"ANALYTICS\""),
                binds ->
                    new Table(
                        TABLES,
                        List.of(
                            row("ANALYTICS", "PUBLIC", "ORDERS", "BASE TABLE",
                                new BigDecimal("1500000"), new BigDecimal("250000000"),
                                ts("2026-03-12T14:30:00Z"), ts("2026-01-05T08:00:00Z"), "Order transactions"),
                            row("ANALYTICS", "PUBLIC", "V_ORDERS", "VIEW",
                                null, null, ts("2026-03-01T00:00:00.123456Z"), ts("2026-01-06T08:00:00Z"), ""),
                            row("ANALYTICS", "STAGE", "EMPTY_T", "EVENT TABLE",
                                BigDecimal.ZERO, BigDecimal.ZERO,
                                null, ts("2026-01-07T08:00:00Z"), null))))
            .answer(
                COLUMNS_SQL.formatted("\"ANALYTICS\""),
                binds ->
                    new Table(
                        COLUMNS,
                        List.of(
                            row("PUBLIC", "ORDERS", "ID", "NUMBER", "Primary key"),
                            row("PUBLIC", "ORDERS", "AMOUNT", "NUMBER", null),
                            row("PUBLIC", "V_ORDERS", "ID", "NUMBER", null),
                            // A table the TABLES query did not return (dropped in between).
                            row("PUBLIC", "W_GONE", "X", "TEXT", null))))
            .answer(
                TABLES_SQL.formatted("\"Odd \"\"Db\"\"\""),
                binds -> new Table(TABLES, List.of()))
            .answer(
                COLUMNS_SQL.formatted("\"Odd \"\"Db\"\"\""),
                binds -> new Table(COLUMNS, List.of()));

    try (LocalGateway gateway = new LocalGateway().start(0);
        InProcessPrograms programs = InProcessPrograms.generate(work, "snowflake")) {
      int exit =
          programs.run(
              "CollectAndPushMetadata",
                  "--jdbc-url", snowflake.url(),
                  "--account", "acme-prod",
                  "--user", "COLLECTOR",
                  "--warehouse", "COMPUTE_WH",
                  "--key-id", "kid",
                  "--key-token", "ktok-secret",
                  "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
                  "--endpoint", gateway.baseUrl(),
                  "--output-file", work.resolve("m.json").toString(),
                  "--result-file", work.resolve("r.json").toString(),
                  // One database at a time, so the statements below come in a fixed order.
                  "--collect-parallelism", "1");
      assertEquals(0, exit);

      List<JsonNode> assets = new ArrayList<>();
      gateway.received(Flow.METADATA).forEach(r -> r.events().forEach(e -> assets.add(e.get("relational_asset"))));
      assertEquals(
          JSON.readTree(
              """
              [
               {"type": "TABLE",
                "metadata": {"name": "ORDERS", "database": "ANALYTICS", "schema": "PUBLIC",
                             "description": "Order transactions", "created_on": "2026-01-05T08:00:00Z"},
                "fields": [{"name": "ID", "type": "NUMBER", "description": "Primary key"},
                           {"name": "AMOUNT", "type": "NUMBER"}],
                "volume": {"row_count": 1500000, "byte_count": 250000000},
                "freshness": {"last_update_time": "2026-03-12T14:30:00Z"}},
               {"type": "VIEW",
                "metadata": {"name": "V_ORDERS", "database": "ANALYTICS", "schema": "PUBLIC",
                             "created_on": "2026-01-06T08:00:00Z"},
                "fields": [{"name": "ID", "type": "NUMBER"}],
                "freshness": {"last_update_time": "2026-03-01T00:00:00.123456Z"}},
               {"type": "TABLE",
                "metadata": {"name": "EMPTY_T", "database": "ANALYTICS", "schema": "STAGE",
                             "created_on": "2026-01-07T08:00:00Z"},
                "volume": {"row_count": 0, "byte_count": 0}}
              ]
              """),
          JSON.valueToTree(assets));

      // Exactly the statements the descriptor declares: SHOW DATABASES, then two per database
      // collected; the system databases are never queried.
      List<String> statements =
          snowflake.executed().stream().map(e -> ScriptedDriver.normalise(e.sql())).toList();
      assertEquals(
          List.of(
              "SHOW DATABASES",
              ScriptedDriver.normalise(TABLES_SQL.formatted("\"ANALYTICS\"")),
              ScriptedDriver.normalise(COLUMNS_SQL.formatted("\"ANALYTICS\"")),
              ScriptedDriver.normalise(TABLES_SQL.formatted("\"Odd \"\"Db\"\"\"")),
              ScriptedDriver.normalise(COLUMNS_SQL.formatted("\"Odd \"\"Db\"\"\""))),
          statements);
      // Connection settings reach the driver as properties; an unset role is not sent.
      snowflake
          .connections()
          .forEach(
              properties -> {
                assertEquals("COLLECTOR", properties.getProperty("user"));
                assertEquals("COMPUTE_WH", properties.getProperty("warehouse"));
                assertFalse(properties.containsKey("role"));
                // The session is pinned to UTC and LTZ binding whatever the account sets.
                assertEquals("UTC", properties.getProperty("TIMEZONE"));
                assertEquals("TIMESTAMP_LTZ", properties.getProperty("CLIENT_TIMESTAMP_TYPE_MAPPING"));
              });
      assertTrue(gateway.invocationIds().size() >= 1);
    }
  }

  /**
   * INFORMATION_SCHEMA shows a role only the objects it holds a privilege on (USAGE on the
   * database and schema is not enough), and QUERY_HISTORY belongs to GOVERNANCE_VIEWER: the
   * emitted README must ask for the grants that make the catalog visible.
   */
  @Test
  void readmeAsksForTheGrantsThatMakeTablesAndQueryHistoryVisible() throws Exception {
    try (InProcessPrograms programs = InProcessPrograms.generate(work, "snowflake")) {
      String readme = Files.readString(work.resolve("snowflake/README.md"));
      assertTrue(readme.contains("`REFERENCES`"), readme);
      assertTrue(readme.contains("ON FUTURE TABLES"), readme);
      assertTrue(readme.contains("`SNOWFLAKE.GOVERNANCE_VIEWER`"), readme);
      assertFalse(readme.contains("`SNOWFLAKE.USAGE_VIEWER` database role) to read"), readme);
    }
  }

  /**
   * Snowflake refuses an INFORMATION_SCHEMA query over too many objects ("Information schema
   * query returned too much data"): that database is read one schema at a time instead of being
   * skipped, and the run succeeds with every asset.
   */
  @Test
  void readsATooLargeDatabaseOneSchemaAtATime() throws Exception {
    String tablesOfSchema =
        """
        SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE,
               ROW_COUNT, BYTES, LAST_ALTERED, CREATED, COMMENT
        FROM "BIG".INFORMATION_SCHEMA.TABLES
        WHERE TABLE_SCHEMA = ?
        ORDER BY TABLE_NAME
        """;
    String columnsOfSchema =
        """
        SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COMMENT
        FROM "BIG".INFORMATION_SCHEMA.COLUMNS
        WHERE TABLE_SCHEMA = ?
        ORDER BY TABLE_NAME, ORDINAL_POSITION
        """;
    // SHOW SCHEMAS: the documented output columns used here.
    List<Column> showSchemas =
        List.of(
            new Column("created_on", Types.TIMESTAMP_WITH_TIMEZONE),
            new Column("name", Types.VARCHAR),
            new Column("database_name", Types.VARCHAR));
    ScriptedDriver.Script snowflake =
        ScriptedDriver.script("snowflake-big-" + System.nanoTime())
            .answer("SHOW DATABASES", binds -> new Table(SHOW_DATABASES, List.of(database("BIG"))))
            .answer(
                TABLES_SQL.formatted("\"BIG\""),
                binds -> {
                  throw new RuntimeException(
                      new SQLException(
                          "Information schema query returned too much data. Please repeat query"
                              + " with more selective predicates.",
                          "22000",
                          90030));
                })
            .answer(
                "SHOW SCHEMAS IN DATABASE \"BIG\"",
                binds ->
                    new Table(
                        showSchemas,
                        List.of(
                            row(ts("2025-01-01T00:00:00Z"), "INFORMATION_SCHEMA", "BIG"),
                            row(ts("2025-01-01T00:00:00Z"), "RAW", "BIG"),
                            row(ts("2025-01-01T00:00:00Z"), "STAGE", "BIG"))))
            .answer(
                tablesOfSchema,
                binds ->
                    new Table(
                        TABLES,
                        binds.get(0).equals("RAW")
                            ? List.of(
                                row("BIG", "RAW", "EVENTS", "BASE TABLE", new BigDecimal("10"),
                                    new BigDecimal("2048"), ts("2026-03-12T14:30:00Z"),
                                    ts("2026-01-05T08:00:00Z"), null))
                            : List.of(
                                row("BIG", "STAGE", "V_EVENTS", "VIEW", null, null,
                                    ts("2026-03-01T00:00:00Z"), ts("2026-01-06T08:00:00Z"), null))))
            .answer(
                columnsOfSchema,
                binds ->
                    new Table(
                        COLUMNS,
                        binds.get(0).equals("RAW")
                            ? List.of(row("RAW", "EVENTS", "ID", "NUMBER", null))
                            : List.of(row("STAGE", "V_EVENTS", "ID", "NUMBER", null))));

    try (InProcessPrograms programs = InProcessPrograms.generate(work, "snowflake")) {
      int exit =
          programs.run(
              "CollectMetadata",
              "--jdbc-url", snowflake.url(),
              "--account", "acme-prod",
              "--user", "COLLECTOR",
              "--warehouse", "COMPUTE_WH",
              "--output-file", work.resolve("m.json").toString());
      assertEquals(0, exit);
      JsonNode manifest = JSON.readTree(work.resolve("m.json").toFile());
      List<String> names = new ArrayList<>();
      manifest.get("events").forEach(e -> names.add(e.at("/metadata/schema").asText() + "." + e.at("/metadata/name").asText()));
      assertEquals(List.of("RAW.EVENTS", "STAGE.V_EVENTS"), names);
      assertEquals("ID", manifest.at("/events/0/fields/0/name").asText());
      assertEquals(10, manifest.at("/events/0/volume/row_count").asLong());
      // Two queries per schema, INFORMATION_SCHEMA itself never read.
      List<String> statements =
          snowflake.executed().stream().map(e -> ScriptedDriver.normalise(e.sql())).toList();
      assertEquals(
          List.of(
              "SHOW DATABASES",
              ScriptedDriver.normalise(TABLES_SQL.formatted("\"BIG\"")),
              ScriptedDriver.normalise("SHOW SCHEMAS IN DATABASE \"BIG\""),
              ScriptedDriver.normalise(tablesOfSchema),
              ScriptedDriver.normalise(columnsOfSchema),
              ScriptedDriver.normalise(tablesOfSchema),
              ScriptedDriver.normalise(columnsOfSchema)),
          statements);
      assertTrue(manifest.toString().contains("databases_read_per_schema"), manifest.toString());
    }
  }
}
