package io.pushgen.runtime.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeFileTest {
  @TempDir Path dir;

  @Test
  void csvWithQuotesAndOptionalColumns() throws Exception {
    Path file = dir.resolve("edges.csv");
    Files.writeString(
        file,
        "source_type,source_id,destination_type,destination_id,destination_resource,expire_at\n"
            + "job,airflow.load_orders,table,\"db:sales.orders\",,\n"
            + "\n"
            + "table,db:sales.orders,dashboard,\"Revenue, \"\"daily\"\"\",looker,2030-01-01\n");
    List<EdgeFile.Edge> edges = EdgeFile.read(file);
    assertEquals(2, edges.size());
    assertEquals("airflow.load_orders", edges.get(0).sourceId());
    assertNull(edges.get(0).destinationResource());
    assertNull(edges.get(0).expireAt());
    assertEquals("Revenue, \"daily\"", edges.get(1).destinationId());
    assertEquals("looker", edges.get(1).destinationResource());
    assertEquals("2030-01-01", edges.get(1).expireAt());
    assertEquals(4, edges.get(1).line());
  }

  @Test
  void yamlFlatAndNested() throws Exception {
    Path file = dir.resolve("edges.yaml");
    Files.writeString(
        file,
        "# custom lineage\n"
            + "edges:\n"
            + "  - source_type: job\n"
            + "    source_id: 'airflow.load #1'   # a comment\n"
            + "    destination_type: table\n"
            + "    destination_id: \"db:sales.orders\"\n"
            + "  - source:\n"
            + "      type: model\n"
            + "      id: dbt.orders\n"
            + "      resource: dbt-prod\n"
            + "    destination:\n"
            + "      objectType: dashboard\n"
            + "      objectId: revenue\n"
            + "    expire_at: 2031-05-01\n");
    List<EdgeFile.Edge> edges = EdgeFile.read(file);
    assertEquals(2, edges.size());
    assertEquals("airflow.load #1", edges.get(0).sourceId());
    assertEquals("db:sales.orders", edges.get(0).destinationId());
    assertEquals("model", edges.get(1).sourceType());
    assertEquals("dbt-prod", edges.get(1).sourceResource());
    assertEquals("dashboard", edges.get(1).destinationType());
    assertEquals("2031-05-01", edges.get(1).expireAt());
    assertEquals(7, edges.get(1).line());
  }

  @Test
  void jsonList() throws Exception {
    Path file = dir.resolve("edges.json");
    Files.writeString(
        file,
        "[{\"source_type\":\"job\",\"source_id\":\"a\",\"destination_type\":\"table\",\"destination_id\":\"d:s.t\"}]");
    assertEquals("a", EdgeFile.read(file).get(0).sourceId());
  }

  @Test
  void problemsNameFileAndLine() throws Exception {
    Path yaml = dir.resolve("bad.yml");
    Files.writeString(yaml, "- source_type: job\n  source_id: a\n  destination_type: table\n");
    UsageException e = assertThrows(UsageException.class, () -> EdgeFile.read(yaml));
    assertTrue(e.getMessage().contains("bad.yml:1: destination_id is required"), e.getMessage());

    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "source_type,source_id,destination_type,destination_id\njob,a,table\n");
    e = assertThrows(UsageException.class, () -> EdgeFile.read(csv));
    assertTrue(e.getMessage().contains("bad.csv:2: 3 fields"), e.getMessage());

    Path unknown = dir.resolve("unknown.yaml");
    Files.writeString(unknown, "- source_type: job\n  sorce_id: a\n");
    e = assertThrows(UsageException.class, () -> EdgeFile.read(unknown));
    assertTrue(e.getMessage().contains("unknown key 'sorce_id'"), e.getMessage());

    Path txt = dir.resolve("edges.txt");
    Files.writeString(txt, "x");
    assertThrows(UsageException.class, () -> EdgeFile.read(txt));
  }
}
