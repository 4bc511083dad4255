package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.testsupport.ScriptedDriver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted hive-metastore programs against a real PostgreSQL holding the Hive 3.1 metastore's
 * tables, with the names, columns and types of Hive's hive-schema-3.1.0.postgres.sql (quoted
 * upper-case names; parameters as text), filled the way the metastore fills them, through to the
 * local gateway.
 */
class HiveMetastoreEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COUNTER = "hive-metastore";

  /** The metastore tables the descriptor reads, as hive-schema-3.1.0.postgres.sql creates them. */
  private static final String SCHEMA =
      """
      CREATE TABLE "DBS" (
        "DB_ID" bigint NOT NULL,
        "DESC" character varying(4000) DEFAULT NULL::character varying,
        "DB_LOCATION_URI" character varying(4000) NOT NULL,
        "NAME" character varying(128) DEFAULT NULL::character varying,
        "OWNER_NAME" character varying(128) DEFAULT NULL::character varying,
        "OWNER_TYPE" character varying(10) DEFAULT NULL::character varying,
        "CTLG_NAME" varchar(256) DEFAULT 'hive',
        PRIMARY KEY ("DB_ID"));
      CREATE TABLE "CDS" ("CD_ID" bigint NOT NULL, PRIMARY KEY ("CD_ID"));
      CREATE TABLE "SDS" (
        "SD_ID" bigint NOT NULL,
        "INPUT_FORMAT" character varying(4000) DEFAULT NULL::character varying,
        "IS_COMPRESSED" boolean NOT NULL,
        "LOCATION" character varying(4000) DEFAULT NULL::character varying,
        "NUM_BUCKETS" bigint NOT NULL,
        "OUTPUT_FORMAT" character varying(4000) DEFAULT NULL::character varying,
        "SERDE_ID" bigint,
        "CD_ID" bigint,
        "IS_STOREDASSUBDIRECTORIES" boolean NOT NULL,
        PRIMARY KEY ("SD_ID"));
      CREATE TABLE "COLUMNS_V2" (
        "CD_ID" bigint NOT NULL,
        "COMMENT" character varying(4000),
        "COLUMN_NAME" character varying(767) NOT NULL,
        "TYPE_NAME" text,
        "INTEGER_IDX" integer NOT NULL,
        PRIMARY KEY ("CD_ID", "COLUMN_NAME"));
      CREATE TABLE "TBLS" (
        "TBL_ID" bigint NOT NULL,
        "CREATE_TIME" bigint NOT NULL,
        "DB_ID" bigint,
        "LAST_ACCESS_TIME" bigint NOT NULL,
        "OWNER" character varying(767) DEFAULT NULL::character varying,
        "OWNER_TYPE" character varying(10) DEFAULT NULL::character varying,
        "RETENTION" bigint NOT NULL,
        "SD_ID" bigint,
        "TBL_NAME" character varying(256) DEFAULT NULL::character varying,
        "TBL_TYPE" character varying(128) DEFAULT NULL::character varying,
        "VIEW_EXPANDED_TEXT" text,
        "VIEW_ORIGINAL_TEXT" text,
        "IS_REWRITE_ENABLED" boolean NOT NULL DEFAULT false,
        PRIMARY KEY ("TBL_ID"));
      CREATE TABLE "TABLE_PARAMS" (
        "TBL_ID" bigint NOT NULL,
        "PARAM_KEY" character varying(256) NOT NULL,
        "PARAM_VALUE" text DEFAULT NULL,
        PRIMARY KEY ("TBL_ID", "PARAM_KEY"));
      CREATE TABLE "PARTITION_KEYS" (
        "TBL_ID" bigint NOT NULL,
        "PKEY_COMMENT" character varying(4000) DEFAULT NULL::character varying,
        "PKEY_NAME" character varying(128) NOT NULL,
        "PKEY_TYPE" character varying(767) NOT NULL,
        "INTEGER_IDX" bigint NOT NULL,
        PRIMARY KEY ("TBL_ID", "PKEY_NAME"));
      CREATE TABLE "PARTITIONS" (
        "PART_ID" bigint NOT NULL,
        "CREATE_TIME" bigint NOT NULL,
        "LAST_ACCESS_TIME" bigint NOT NULL,
        "PART_NAME" character varying(767) DEFAULT NULL::character varying,
        "SD_ID" bigint,
        "TBL_ID" bigint,
        PRIMARY KEY ("PART_ID"));
      CREATE TABLE "PARTITION_PARAMS" (
        "PART_ID" bigint NOT NULL,
        "PARAM_KEY" character varying(256) NOT NULL,
        "PARAM_VALUE" character varying(4000) DEFAULT NULL::character varying,
        PRIMARY KEY ("PART_ID", "PARAM_KEY"));
      """;

  private static final String ACCURATE = "{\"BASIC_STATS\":\"true\",\"COLUMN_STATS\":{\"id\":\"true\"}}";

  private static EmbeddedPostgres postgres;
  private static InProcessPrograms programs;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE metastore");
      s.execute("CREATE DATABASE metastore_big");
      s.execute("CREATE ROLE pushgen LOGIN PASSWORD 'pw'");
    }
    for (String db : List.of("metastore", "metastore_big")) {
      try (Connection c = connect(db); Statement s = c.createStatement()) {
        s.execute(SCHEMA);
        s.execute(
            "GRANT SELECT ON \"DBS\", \"TBLS\", \"SDS\", \"COLUMNS_V2\", \"PARTITION_KEYS\", \"PARTITIONS\","
                + " \"TABLE_PARAMS\", \"PARTITION_PARAMS\" TO pushgen");
      }
    }
    try (Connection c = connect("metastore"); Statement s = c.createStatement()) {
      s.execute(
          """
          INSERT INTO "DBS" VALUES
            (1, 'Default Hive database', 'hdfs://nn/warehouse', 'default', 'public', 'ROLE', 'hive'),
            (2, NULL, 's3://lake/sales.db', 'sales', 'hadoop', 'USER', 'hive'),
            (3, NULL, 's3://lake/select.db', 'select', 'hadoop', 'USER', 'hive'),
            (4, NULL, 'hdfs://nn/sys', 'sys', 'hive', 'USER', 'hive'),
            -- Spark's own catalog (HDP 3): a database named like Hive's, never merged into it.
            (5, NULL, 'hdfs://nn/spark/sales.db', 'sales', 'spark', 'USER', 'spark');
          INSERT INTO "CDS" VALUES (10), (11), (12), (13), (14);
          INSERT INTO "SDS" VALUES
            (100, 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat', false, 's3://lake/sales.db/daily_orders', -1, 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat', NULL, 10, false),
            (101, 'org.apache.hadoop.mapred.TextInputFormat', false, 's3://lake/raw/orders', -1, 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat', NULL, 11, false),
            (102, NULL, false, NULL, -1, NULL, NULL, 12, false),
            (103, 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat', false, 's3://lake/select.db/from', -1, NULL, NULL, 13, false),
            (104, 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat', false, 'hdfs://nn/sys/tbls', -1, NULL, NULL, 14, false),
            (200, 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat', false, 's3://lake/sales.db/daily_orders/dt=2024-02-29', -1, NULL, NULL, 10, false),
            (201, 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat', false, 's3://lake/sales.db/daily_orders/dt=2024-03-01', -1, NULL, NULL, 10, false);
          INSERT INTO "TBLS" VALUES
            (20, 1704067200, 2, 0, 'hadoop', 'USER', 0, 100, 'daily_orders', 'MANAGED_TABLE', NULL, NULL, false),
            (21, 1704067300, 2, 0, 'hadoop', 'USER', 0, 101, 'orders', 'EXTERNAL_TABLE', NULL, NULL, false),
            (22, 1704067400, 2, 0, 'hadoop', 'USER', 0, 102, 'v_big_orders', 'VIRTUAL_VIEW',
                'select `orders`.`id` from `sales`.`orders` where `orders`.`amount` > 100',
                'select id from orders where amount > 100', false),
            (23, 1708000000, 3, 0, 'hadoop', 'USER', 0, 103, 'from', 'MANAGED_TABLE', NULL, NULL, false),
            (24, 1700000000, 4, 0, 'hive', 'USER', 0, 104, 'tbls', 'EXTERNAL_TABLE', NULL, NULL, false),
            (25, 1700000000, 5, 0, 'spark', 'USER', 0, 104, 'spark_only', 'MANAGED_TABLE', NULL, NULL, false);
          INSERT INTO "COLUMNS_V2" VALUES
            (10, NULL, 'order_id', 'bigint', 0),
            (10, 'Order amount', 'amount', 'decimal(12,2)', 1),
            (10, NULL, 'items', 'array<int>', 2),
            (11, NULL, 'id', 'bigint', 0),
            (11, '', 'customer', 'struct<id:bigint,name:string,tags:map<string,string>>', 1),
            (11, NULL, 'amount', 'double', 2),
            (12, NULL, 'id', 'bigint', 0),
            (13, NULL, 'odd `col` name', 'string', 0),
            (14, NULL, 'tbl_id', 'bigint', 0);
          INSERT INTO "PARTITION_KEYS" VALUES
            (20, NULL, 'dt', 'string', 0),
            (20, 'sales region', 'region', 'string', 1);
          INSERT INTO "PARTITIONS" VALUES
            (30, 1709164800, 0, 'dt=2024-02-29/region=eu', 200, 20),
            (31, 1709251200, 0, 'dt=2024-03-01/region=eu', 201, 20);
          -- A partitioned table keeps its statistics per partition; its own are not maintained.
          INSERT INTO "TABLE_PARAMS" VALUES
            (20, 'comment', 'Orders per day'),
            (20, 'transient_lastDdlTime', '1704067200'),
            (20, 'bucketing_version', '2'),
            (21, 'EXTERNAL', 'TRUE'),
            (21, 'numRows', '0'),
            (21, 'totalSize', '1000'),
            (21, 'numFiles', '1'),
            (21, 'transient_lastDdlTime', '1709200000'),
            (21, 'last_modified_time', '1709100000'),
            (22, 'transient_lastDdlTime', '1704067400'),
            (23, 'COLUMN_STATS_ACCURATE', '%s'),
            (23, 'numRows', '0'),
            (23, 'totalSize', '0'),
            (23, 'transient_lastDdlTime', '1709000000');
          INSERT INTO "PARTITION_PARAMS" VALUES
            (30, 'COLUMN_STATS_ACCURATE', '%s'),
            (30, 'numRows', '500'),
            (30, 'totalSize', '26000'),
            (30, 'transient_lastDdlTime', '1709200000'),
            (31, 'COLUMN_STATS_ACCURATE', '{"BASIC_STATS":"true"}'),
            (31, 'numRows', '700'),
            (31, 'totalSize', '30000'),
            (31, 'transient_lastDdlTime', '1709290000');
          """
              .formatted(ACCURATE, ACCURATE));
    }
    programs =
        InProcessPrograms.generate(
            work, "hive-metastore", "--flows", "metadata", "--override", countingOverride(work).toString());
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

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database, "postgres", "postgres");
  }

  /** The programs reach PostgreSQL through the counting driver: every statement is recorded. */
  private static Path countingOverride(Path dir) throws java.io.IOException {
    String url =
        ScriptedDriver.recording(COUNTER, "jdbc:postgresql://{host}:{port}/{metastore_database}");
    return java.nio.file.Files.writeString(
        dir.resolve("counting.yaml"), "connection:\n  url: \"" + url + "\"\n");
  }

  private String[] collect(String metastore, String manifest) {
    return new String[] {
      "--host", "localhost",
      "--port", Integer.toString(postgres.getPort()),
      "--metastore-database", metastore,
      "--user", "pushgen",
      "--password", "pw",
      "--output-file", work.resolve(manifest).toString()
    };
  }

  @Test
  void readsEveryTableAndColumnOfTheRealMetastoreSchema() throws Exception {
    try (LocalGateway gateway = new LocalGateway().start(0)) {
      // Collect, then push the manifest: the two programs a customer schedules.
      assertEquals(0, programs.run("CollectMetadata", collect("metastore", "m.json")));
      List<String> args = new ArrayList<>(List.of("--input-file", work.resolve("m.json").toString()));
      args.addAll(
          List.of(
              "--key-id", "kid",
              "--key-token", "ktok",
              "--resource-uuid", "3f1a2b4c-0000-4000-8000-00000000abcd",
              "--endpoint", gateway.baseUrl(),
              "--result-file", work.resolve("r.json").toString()));
      assertEquals(0, programs.run("PushMetadata", args.toArray(String[]::new)));

      List<JsonNode> assets = new ArrayList<>();
      gateway.received(Flow.METADATA).forEach(r -> r.events().forEach(e -> assets.add(e.get("relational_asset"))));
      // The same assets as the HiveServer2 programs send for the same catalog (HiveMetadataTest):
      // views typed VIEW, partition columns marked, nested types normalised, row counts only when
      // Hive's statistics are accurate, partition sums, the latest DDL time as freshness.
      assertEquals(
          JSON.readTree(
              """
              [
               {"type": "TABLE",
                "metadata": {"name": "daily_orders", "database": "sales", "schema": "sales",
                             "description": "Orders per day", "created_on": "2024-01-01T00:00:00Z"},
                "fields": [{"name": "order_id", "type": "BIGINT"},
                           {"name": "amount", "type": "DECIMAL(12,2)", "description": "Order amount"},
                           {"name": "items", "type": "ARRAY<INTEGER>"},
                           {"name": "dt", "type": "VARCHAR", "description": "Partition column"},
                           {"name": "region", "type": "VARCHAR", "description": "Partition column: sales region"}],
                "volume": {"row_count": 1200, "byte_count": 56000},
                "freshness": {"last_update_time": "2024-03-01T10:46:40Z"}},
               {"type": "TABLE",
                "metadata": {"name": "orders", "database": "sales", "schema": "sales",
                             "created_on": "2024-01-01T00:01:40Z"},
                "fields": [{"name": "id", "type": "BIGINT"},
                           {"name": "customer", "type": "STRUCT<id:BIGINT,name:VARCHAR,tags:MAP<VARCHAR,VARCHAR>>"},
                           {"name": "amount", "type": "DOUBLE"}],
                "volume": {"byte_count": 1000},
                "freshness": {"last_update_time": "2024-02-29T09:46:40Z"}},
               {"type": "VIEW",
                "metadata": {"name": "v_big_orders", "database": "sales", "schema": "sales",
                             "view_query": "select id from orders where amount > 100",
                             "created_on": "2024-01-01T00:03:20Z"},
                "fields": [{"name": "id", "type": "BIGINT"}]},
               {"type": "TABLE",
                "metadata": {"name": "from", "database": "select", "schema": "select",
                             "created_on": "2024-02-15T12:26:40Z"},
                "fields": [{"name": "odd `col` name", "type": "VARCHAR"}],
                "volume": {"row_count": 0, "byte_count": 0},
                "freshness": {"last_update_time": "2024-02-27T02:13:20Z"}}
              ]
              """),
          JSON.valueToTree(assets));
      assertTrue(gateway.invocationIds().size() >= 1);
    }
  }

  @Test
  void statementsAreTheSameForTwoAndFiftyTables() throws Exception {
    int two = statements(2);
    int fifty = statements(50);
    // The databases query, then tables and columns of the one database.
    assertEquals(3, two);
    assertEquals(two, fifty);
  }

  private int statements(int tables) throws Exception {
    try (Connection c = connect("metastore_big"); Statement s = c.createStatement()) {
      s.execute("TRUNCATE \"DBS\", \"TBLS\", \"SDS\", \"CDS\", \"COLUMNS_V2\", \"TABLE_PARAMS\", \"PARTITION_KEYS\"");
      s.execute("INSERT INTO \"DBS\" VALUES (1, NULL, 's3://lake/sales.db', 'sales', 'hadoop', 'USER', 'hive')");
      for (int i = 0; i < tables; i++) {
        s.execute("INSERT INTO \"CDS\" VALUES (" + i + ")");
        s.execute("INSERT INTO \"SDS\" VALUES (" + i + ", NULL, false, NULL, -1, NULL, NULL, " + i + ", false)");
        s.execute("INSERT INTO \"TBLS\" VALUES (" + i + ", 1704067200, 1, 0, 'hadoop', 'USER', 0, " + i
            + ", 't" + i + "', 'MANAGED_TABLE', NULL, NULL, false)");
        s.execute("INSERT INTO \"COLUMNS_V2\" VALUES (" + i + ", NULL, 'id', 'bigint', 0)");
        s.execute("INSERT INTO \"PARTITION_KEYS\" VALUES (" + i + ", NULL, 'dt', 'string', 0)");
        s.execute("INSERT INTO \"TABLE_PARAMS\" VALUES (" + i + ", 'totalSize', '100')");
      }
    }
    int before = ScriptedDriver.recorded(COUNTER).size();
    assertEquals(0, programs.run("CollectMetadata", collect("metastore_big", "count-" + tables + ".json")));
    JsonNode manifest = JSON.readTree(work.resolve("count-" + tables + ".json").toFile());
    assertEquals(tables, manifest.get("events").size());
    assertEquals(2, manifest.get("events").get(0).get("fields").size());
    return ScriptedDriver.recorded(COUNTER).size() - before;
  }
}
