package io.pushgen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.render.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path tmp;

  @Test
  void version() {
    TestSupport.Run run = TestSupport.cli("--version");
    assertEquals(0, run.code());
    assertEquals("pushgen " + Version.get() + "\n", run.out());
    assertFalse(Version.get().contains("$"), Version.get());
  }

  @Test
  void list() {
    TestSupport.Run run = TestSupport.cli("list");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("postgres\\s+PostgreSQL\\s+metadata.*")), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("snowflake\\s+Snowflake\\s+metadata.*")), run.out());
    assertTrue(
        run.out().lines().anyMatch(l -> l.matches("sqlserver\\s+SQL Server / Azure SQL / Synapse\\s+metadata, lineage, query_logs")),
        run.out());
    assertTrue(
        run.out().lines().anyMatch(l -> l.matches("oracle\\s+Oracle Database\\s+metadata, lineage, query_logs")),
        run.out());
    assertTrue(
        run.out().lines().anyMatch(l -> l.matches("trino\\s+Trino\\s+metadata, lineage, query_logs.*")), run.out());
  }

  @Test
  void usageErrorsExitWith2() {
    TestSupport.Run run = TestSupport.cli("generate", "--out", tmp.resolve("x").toString());
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("pushgen: error: name what to generate"), run.err());
    run = TestSupport.cli("generate", "--warehouse", "nope", "--out", tmp.resolve("x").toString());
    assertEquals(2, run.code());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().startsWith("warehouses/nope.yaml: no such warehouse 'nope' (shipped: "), run.err());
    run = TestSupport.cli("bogus");
    assertEquals(2, run.code());
  }

  @Test
  void newWarehouse() throws Exception {
    Path out = tmp.resolve("warehouses/acme.yaml");
    TestSupport.Run run = TestSupport.cli("new-warehouse", "acme", "--from", "snowflake", "--out", out.toString());
    assertEquals(0, run.code(), run.err());
    String text = Files.readString(out);
    assertTrue(text.contains("\nid: acme\n"), text);
    assertTrue(text.contains("\nname: acme\n"), text);
    Descriptors.loadFile(out, null, true);
    run = TestSupport.cli("new-warehouse", "acme", "--from", "snowflake", "--out", out.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("refusing to overwrite"), run.err());
    run = TestSupport.cli("validate", out.toString());
    assertEquals(0, run.code(), run.err());
  }

  @Test
  void generateOneAndAll() throws Exception {
    Assumptions.assumeTrue(TestSupport.realTemplatesPresent(), "templates/ not written yet");
    Path one = tmp.resolve("pg");
    TestSupport.Run run = TestSupport.cli("generate", "--warehouse", "postgres", "--out", one.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(Files.exists(one.resolve("pom.xml")));
    assertTrue(Files.exists(one.resolve("src/main/java/io/pushgen/postgres/Warehouse.java")));
    // again: the folder is ours, so no --force is needed
    run = TestSupport.cli("generate", "-w", "postgres", "--out", one.toString(), "--package", "com.acme.pg");
    assertEquals(0, run.code(), run.err());
    assertTrue(Files.exists(one.resolve("src/main/java/com/acme/pg/Warehouse.java")));
    assertFalse(Files.exists(one.resolve("src/main/java/io/pushgen/postgres/Warehouse.java")));

    Path all = tmp.resolve("all");
    run = TestSupport.cli("generate", "--all", "--out", all.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(Files.readString(all.resolve("pom.xml")).contains("<module>postgres</module>"));
    assertTrue(Files.exists(all.resolve("snowflake/pom.xml")));

    Path foreign = tmp.resolve("foreign");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("keep.txt"), "x");
    run = TestSupport.cli("generate", "--warehouse", "postgres", "--out", foreign.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("pushgen: error: refusing to overwrite"), run.err());
    assertTrue(Files.exists(foreign.resolve("keep.txt")));
  }

  @Test
  void overrideReplacesAQuery() throws Exception {
    Assumptions.assumeTrue(TestSupport.realTemplatesPresent(), "templates/ not written yet");
    Path override = tmp.resolve("override.yaml");
    Files.writeString(override, "metadata:\n  columns:\n    sql: SELECT 1 AS custom_marker_query\n");
    Path out = tmp.resolve("pg");
    TestSupport.Run run = TestSupport.cli("generate", "--warehouse", "postgres", "--override",
        override.toString(), "--out", out.toString());
    assertEquals(0, run.code(), run.err());
    try (var files = Files.walk(out)) {
      assertTrue(files.filter(Files::isRegularFile).anyMatch(p -> {
        try {
          return Files.readString(p).contains("custom_marker_query");
        } catch (Exception e) {
          return false;
        }
      }));
    }
    Files.writeString(override, "metadata:\n  columns:\n    sql: SELECT 1\n    bogus: 2\n");
    run = TestSupport.cli("generate", "--warehouse", "postgres", "--override", override.toString(),
        "--out", tmp.resolve("x").toString());
    assertEquals(2, run.code());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().startsWith(override + ":4:5: metadata.columns: unknown key 'bogus'"), run.err());
    assertFalse(Files.exists(tmp.resolve("x")));
  }
}
