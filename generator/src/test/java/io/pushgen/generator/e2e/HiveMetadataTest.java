package io.pushgen.generator.e2e;

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
import io.pushgen.testsupport.ScriptedDriver.Column;
import io.pushgen.testsupport.ScriptedDriver.Table;
import io.pushgen.testsupport.ScriptedDriver;
import java.nio.file.Path;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Hive (HiveServer2) metadata programs on rows laid out as Hive 3 documents its {@code
 * SHOW DATABASES} output ({@code database_name}) and the {@code sys} tables the descriptor's
 * queries read (hive-schema-3.1.0.hive.sql: {@code NAME}, {@code TBL_NAME}, {@code TBL_TYPE} are
 * strings, {@code CREATE_TIME} an int, parameters strings cast to BIGINT), served at the driver
 * boundary for the exact statements of warehouses/hive.yaml, through to the local gateway.
 */
public class HiveMetadataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<Column> SHOW_DATABASES = List.of(new Column("database_name", Types.VARCHAR));

  private static final List<Column> TABLES =
      List.of(
          new Column("table_schema", Types.VARCHAR),
          new Column("table_name", Types.VARCHAR),
          new Column("table_type", Types.VARCHAR),
          new Column("table_comment", Types.VARCHAR),
          new Column("view_text", Types.VARCHAR),
          new Column("row_count", Types.BIGINT),
          new Column("byte_count", Types.BIGINT),
          new Column("last_ddl_time", Types.BIGINT),
          new Column("create_time", Types.BIGINT));

  private static final List<Column> COLUMNS =
      List.of(
          new Column("table_schema", Types.VARCHAR),
          new Column("table_name", Types.VARCHAR),
          new Column("column_name", Types.VARCHAR),
          new Column("data_type", Types.VARCHAR),
          new Column("column_comment", Types.VARCHAR));

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static Descriptor.Metadata metadata;

  @BeforeAll
  static void generate() throws Exception {
    metadata = Descriptors.loadShipped("hive", null).descriptor().metadata();
    programs = InProcessPrograms.generate(work, "hive", "--flows", "metadata", "--override", driverOverride(work).toString());
  }

  /**
   * The HiveServer2 driver is a 70 MB jar that bundles Hadoop, Jetty and Jackson, which must stay
   * off this JVM's class path; the programs load the scripted driver instead (the samples build
   * compiles them against the real one, and {@link #theDescriptorsDriverClassIsInTheRealJar} checks
   * the class name).
   */
  public static Path driverOverride(Path dir) throws java.io.IOException {
    return java.nio.file.Files.writeString(
        dir.resolve("scripted-driver.yaml"),
        "connection:\n  driver:\n    class: " + ScriptedDriver.class.getName() + "\n");
  }

  @Test
  void theDescriptorsDriverClassIsInTheRealJar() throws Exception {
    Descriptor.Driver driver = Descriptors.loadShipped("hive", null).descriptor().connection().driver();
    String[] coords = driver.maven().split(":");
    Path jar =
        Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"))
            .resolve(coords[0].replace('.', '/'))
            .resolve(coords[1])
            .resolve(coords[2])
            .resolve(coords[1] + "-" + coords[2] + "-" + coords[3] + ".jar");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isRegularFile(jar), "the driver jar is not in the local repository: " + jar);
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
      assertTrue(zip.getEntry(driver.className().replace('.', '/') + ".class") != null, driver.className());
      assertTrue(zip.getEntry("META-INF/services/java.sql.Driver") != null);
    }
    assertFalse(driver.transitive());
  }

  @AfterAll
  static void close() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }

  /** A descriptor query as the driver receives it: {@code :database} bound as {@code ?}. */
  public static String jdbc(String descriptorSql) {
    return io.pushgen.runtime.collect.Sql.of(descriptorSql)
        .render(new io.pushgen.runtime.collect.Quoting("`", "``"), java.util.Map.of());
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private static String[] collectArgs(ScriptedDriver.Script hive, String manifest) {
    return new String[] {
      "--jdbc-url", hive.url(), "--host", "hs2.example.com", "--output-file", work.resolve(manifest).toString()
    };
  }

  @Test
  void documentedSysRowsBecomeAssetsWithViewsPartitionsNestedTypesVolumeAndFreshness() throws Exception {
    String tables = jdbc(metadata.tables().sql());
    String columns = jdbc(metadata.columns().sql());
    ScriptedDriver.Script hive =
        ScriptedDriver.script("hive-" + System.nanoTime())
            .answer(
                "SHOW DATABASES",
                binds ->
                    new Table(
                        SHOW_DATABASES,
                        List.of(row("default"), row("information_schema"), row("sales"), row("select"), row("sys"))))
            .answer(
                tables,
                binds ->
                    switch ((String) binds.get(0)) {
                      case "sales" ->
                          new Table(
                              TABLES,
                              List.of(
                                  // Partitioned: sums over its partitions, latest partition DDL.
                                  row("sales", "daily_orders", "MANAGED_TABLE", "Orders per day", null,
                                      1200L, 56000L, 1709290000L, 1704067200L),
                                  // Statistics not accurate: no row count; size and DDL time kept.
                                  row("sales", "orders", "EXTERNAL_TABLE", null, null,
                                      null, 1000L, 1709200000L, 1704067300L),
                                  row("sales", "v_big_orders", "VIRTUAL_VIEW", "",
                                      "select * from orders where amount > 100", null, null, null, 1704067400L)));
                      case "select" ->
                          new Table(
                              TABLES,
                              List.of(row("select", "from", "MANAGED_TABLE", null, null, 0L, 0L, 1709000000L, 1708000000L)));
                      default -> new Table(TABLES, List.of());
                    })
            .answer(
                columns,
                binds ->
                    switch ((String) binds.get(0)) {
                      case "sales" ->
                          new Table(
                              COLUMNS,
                              List.of(
                                  row("sales", "daily_orders", "order_id", "bigint", null),
                                  row("sales", "daily_orders", "amount", "decimal(12,2)", "Order amount"),
                                  row("sales", "daily_orders", "items", "array<int>", null),
                                  row("sales", "daily_orders", "dt", "string", "Partition column"),
                                  row("sales", "daily_orders", "region", "string", "Partition column: sales region"),
                                  row("sales", "orders", "id", "bigint", null),
                                  row("sales", "orders", "customer", "struct<id:bigint,name:string,tags:map<string,string>>", ""),
                                  row("sales", "v_big_orders", "id", "bigint", null)));
                      case "select" ->
                          new Table(COLUMNS, List.of(row("select", "from", "odd `col` name", "string", null)));
                      default -> new Table(COLUMNS, List.of());
                    });

    try (LocalGateway gateway = new LocalGateway().start(0)) {
      // Collect, then push the manifest: the two programs a customer schedules.
      assertEquals(0, programs.run("CollectMetadata", collectArgs(hive, "m.json")));
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
                           {"name": "customer", "type": "STRUCT<id:BIGINT,name:VARCHAR,tags:MAP<VARCHAR,VARCHAR>>"}],
                "volume": {"byte_count": 1000},
                "freshness": {"last_update_time": "2024-02-29T09:46:40Z"}},
               {"type": "VIEW",
                "metadata": {"name": "v_big_orders", "database": "sales", "schema": "sales",
                             "view_query": "select * from orders where amount > 100",
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

      // SHOW DATABASES, then two statements per collected database (sys and information_schema
      // skipped; databases may be read in parallel, so in any order); names are bound as values,
      // never spliced into the text.
      List<ScriptedDriver.Executed> executed = hive.executed();
      assertEquals("SHOW DATABASES", executed.get(0).sql());
      assertEquals(7, executed.size());
      assertEquals(3, executed.stream().filter(e -> e.sql().equals(tables)).count());
      assertEquals(3, executed.stream().filter(e -> e.sql().equals(columns)).count());
      assertEquals(
          List.of("default", "default", "sales", "sales", "select", "select"),
          executed.stream()
              .filter(e -> e.sql().equals(tables))
              .flatMap(e -> e.parameters().stream().map(String::valueOf))
              .sorted()
              .toList());
      assertEquals(
          List.of("default", "default", "sales", "sales", "select", "select"),
          executed.stream()
              .filter(e -> e.sql().equals(columns))
              .flatMap(e -> e.parameters().stream().map(String::valueOf))
              .sorted()
              .toList());
      hive.executed().forEach(e -> assertFalse(e.sql().contains("'sales'"), e.sql()));
      hive.connections().forEach(p -> assertEquals("hadoop", p.getProperty("user")));
      assertTrue(gateway.invocationIds().size() >= 1);
    }
  }

  /** Catalog statements do not depend on the number of tables: no DESCRIBE FORMATTED per table. */
  @Test
  void statementsAreTheSameForTwoAndFiftyTables() throws Exception {
    assertEquals(3, statementsFor(2));
    assertEquals(statementsFor(2), statementsFor(50));
  }

  private int statementsFor(int tableCount) throws Exception {
    List<List<Object>> tableRows = new ArrayList<>();
    List<List<Object>> columnRows = new ArrayList<>();
    for (int i = 0; i < tableCount; i++) {
      String name = String.format("t%03d", i);
      tableRows.add(row("sales", name, "MANAGED_TABLE", null, null, 10L, 100L, 1709290000L, 1704067200L));
      columnRows.add(row("sales", name, "id", "bigint", null));
      columnRows.add(row("sales", name, "dt", "string", "Partition column"));
    }
    ScriptedDriver.Script hive =
        ScriptedDriver.script("hive-count-" + tableCount + "-" + System.nanoTime())
            .answer("SHOW DATABASES", binds -> new Table(SHOW_DATABASES, List.of(row("sales"))))
            .answer(jdbc(metadata.tables().sql()), binds -> new Table(TABLES, tableRows))
            .answer(jdbc(metadata.columns().sql()), binds -> new Table(COLUMNS, columnRows));
    assertEquals(0, programs.run("CollectMetadata", collectArgs(hive, "count-" + tableCount + ".json")));
    JsonNode manifest = JSON.readTree(work.resolve("count-" + tableCount + ".json").toFile());
    assertEquals(tableCount, manifest.get("events").size());
    return hive.executed().size();
  }
}
