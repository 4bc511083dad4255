package io.pushgen.generator.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.GraphQlCall;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.CompiledProjects;
import io.pushgen.generator.cli.PushgenCli;
import io.pushgen.generator.run.EmittedPrograms;
import io.pushgen.runtime.manifest.ManifestHeader;
import io.pushgen.runtime.manifest.ManifestWriter;
import io.pushgen.runtime.model.LineageEvent.ColumnLineageField;
import io.pushgen.runtime.model.LineageEvent.ColumnLineageSourceField;
import io.pushgen.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.runtime.model.LineageEvent;
import io.pushgen.runtime.model.QueryLogEntry;
import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetFreshness;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset.AssetVolume;
import io.pushgen.runtime.model.RelationalAsset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push, then verify, on the local gateway: the emitted Push and Verify programs (Snowflake's
 * project, which has all three flows) in child JVMs, and the pushgen lineage and table
 * management commands in process, all against the gateway's {@code /graphql}.
 */
class VerifyEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE = "3f1a2b4c-0000-4000-8000-00000000abcd";
  private static final String INGEST_TOKEN = "ingest-SECRET-111";
  private static final String API_TOKEN = "api-SECRET-222";
  private static final String PKG = "io.pushgen.snowflake.";

  @TempDir static Path work;
  private static EmittedPrograms programs;
  private static Path metadata;
  private static Path lineage;
  private static Path queryLogs;

  @BeforeAll
  static void generateAndWriteManifests() throws Exception {
    Path project = CompiledProjects.generateProject(work, "snowflake");
    for (String program :
        List.of("VerifyMetadata", "VerifyLineage", "VerifyQueryLogs", "LineageNode", "LineageEdge",
            "DeleteLineageNode", "DeletePushTables")) {
      assertTrue(
          Files.exists(project.resolve("src/main/java/io/pushgen/snowflake/" + program + ".java")),
          program + " is emitted");
    }
    programs = CompiledProjects.compile(project);

    Instant collected = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    metadata = work.resolve("metadata_manifest.json");
    write(
        metadata,
        ManifestHeader.of(io.pushgen.runtime.model.Flow.METADATA, "snowflake", "snowflake", collected),
        List.of(orders(List.of(new AssetField("ID", "NUMBER"), new AssetField("AMOUNT", "NUMBER(10,2)"))),
            new RelationalAsset(
                "TABLE",
                new AssetMetadata("CUSTOMERS", "ANALYTICS", "SALES"),
                List.of(new AssetField("ID", "NUMBER"), new AssetField("NAME", "VARCHAR")),
                new AssetVolume(7L, null),
                null),
            new RelationalAsset(
                "VIEW",
                new AssetMetadata("DAILY", "ANALYTICS", "SALES"),
                List.of(new AssetField("DAY", "DATE"), new AssetField("TOTAL", "NUMBER")))));

    lineage = work.resolve("lineage_manifest.json");
    write(
        lineage,
        ManifestHeader.of(io.pushgen.runtime.model.Flow.LINEAGE, "snowflake", "snowflake", collected),
        List.of(
            new LineageEvent(
                new LineageAssetRef("VIEW", "DAILY", "ANALYTICS", "SALES", "d"),
                List.of(
                    new LineageAssetRef("TABLE", "ORDERS", "ANALYTICS", "SALES", "o"),
                    new LineageAssetRef("TABLE", "CUSTOMERS", "ANALYTICS", "SALES", "c")),
                List.of(
                    new ColumnLineageField(
                        "TOTAL", List.of(new ColumnLineageSourceField("o", "AMOUNT")))))));

    queryLogs = work.resolve("query_logs_manifest.json");
    Instant start = collected.minus(Duration.ofMinutes(30));
    write(
        queryLogs,
        ManifestHeader.of(io.pushgen.runtime.model.Flow.QUERY_LOGS, "snowflake", "snowflake", collected)
            .withWindow(start.minus(Duration.ofMinutes(5)), collected),
        List.of(
            new QueryLogEntry(
                start,
                start.plusSeconds(3),
                "INSERT INTO ANALYTICS.SALES.DAILY SELECT o.day, sum(o.amount) FROM"
                    + " ANALYTICS.SALES.ORDERS o JOIN ANALYTICS.SALES.CUSTOMERS c ON c.id = o.c"
                    + " GROUP BY 1"),
            new QueryLogEntry(start.plusSeconds(60), start.plusSeconds(61), "select count(*) from analytics.sales.orders")));
  }

  private static RelationalAsset orders(List<AssetField> fields) {
    return new RelationalAsset(
        "TABLE",
        new AssetMetadata("ORDERS", "ANALYTICS", "SALES"),
        List.of(),
        fields,
        new AssetVolume(100L, 2048L),
        new AssetFreshness("2026-01-01T00:00:00Z"));
  }

  private static void write(Path file, ManifestHeader header, List<?> events) throws Exception {
    try (ManifestWriter writer = ManifestWriter.open(file, header)) {
      for (Object event : events) {
        writer.write(event);
      }
      writer.commit();
    }
  }

  private static LocalGateway gateway() throws Exception {
    LocalGateway gateway = new LocalGateway().expectKey("ingest-id", INGEST_TOKEN).start(0);
    gateway.graphql().expectKey("api-id", API_TOKEN);
    return gateway;
  }

  private static Map<String, String> env(LocalGateway gateway) {
    Map<String, String> env = new HashMap<>();
    env.put("MCD_INGEST_ID", "ingest-id");
    env.put("MCD_INGEST_TOKEN", INGEST_TOKEN);
    env.put("MCD_ID", "api-id");
    env.put("MCD_TOKEN", API_TOKEN);
    env.put("MCD_RESOURCE_UUID", RESOURCE);
    env.put("MCD_API_ENDPOINT", gateway.baseUrl());
    env.put("MCD_GRAPHQL_ENDPOINT", gateway.baseUrl());
    return env;
  }

  private static EmittedPrograms.Run run(LocalGateway gateway, String program, String... args)
      throws Exception {
    EmittedPrograms.Run run = programs.run(PKG + program, env(gateway), List.of(args));
    assertFalse(run.output().contains(API_TOKEN), "the API token is never printed");
    assertFalse(run.output().contains(INGEST_TOKEN), "the ingestion token is never printed");
    return run;
  }

  private static Path push(LocalGateway gateway, String program, Path manifest) throws Exception {
    Path result = work.resolve(manifest.getFileName() + "-" + System.nanoTime() + ".result.json");
    EmittedPrograms.Run run =
        run(gateway, program, "--input-file", manifest.toString(), "--result-file", result.toString());
    assertEquals(0, run.exitCode(), run.output());
    return result;
  }

  // ------------------------------------------------------------------------------ metadata

  @Test
  void pushThenVerifyFindsEverythingAndNamesARemovedTable() throws Exception {
    try (LocalGateway gateway = gateway()) {
      Path result = push(gateway, "PushMetadata", metadata);

      EmittedPrograms.Run ok =
          run(gateway, "VerifyMetadata", "--manifest", metadata.toString(), "--result", result.toString());
      assertEquals(0, ok.exitCode(), ok.output());
      for (String table : List.of("ANALYTICS:SALES.ORDERS", "ANALYTICS:SALES.CUSTOMERS", "ANALYTICS:SALES.DAILY")) {
        assertTrue(ok.stdout().contains(table), ok.output());
      }
      assertTrue(ok.stdout().contains("metadata: 3 checked: 3 ok"), ok.output());
      assertTrue(ok.stdout().contains("found  schema matches  volume seen  freshness seen"), ok.output());

      EmittedPrograms.Run json = run(gateway, "VerifyMetadata", "--manifest", metadata.toString(), "--json");
      assertEquals(0, json.exitCode(), json.output());
      JsonNode report = JSON.readTree(json.stdout());
      assertEquals("ok", report.get("outcome").asText());
      assertEquals(3, report.at("/counts/ok").asInt());
      JsonNode first = report.get("items").get(0);
      assertEquals("ANALYTICS:SALES.ORDERS", first.get("asset").asText());
      assertEquals("yes", first.get("volume_seen").asText());
      assertEquals("yes", first.get("freshness_seen").asText());
      assertEquals(100, first.at("/details/total_row_count/latest_value").asInt());

      // The verification used the GraphQL key and the contract's operations.
      assertTrue(gateway.graphql().calls("getTable").size() >= 6);
      assertTrue(gateway.graphql().calls("getMetricsV4").size() >= 3);

      assertTrue(gateway.graphql().removeTable("ANALYTICS:SALES.CUSTOMERS"));
      EmittedPrograms.Run missing = run(gateway, "VerifyMetadata", "--manifest", metadata.toString());
      assertEquals(1, missing.exitCode(), missing.output());
      String line =
          missing.stdout().lines().filter(l -> l.startsWith("ANALYTICS:SALES.CUSTOMERS")).findFirst().orElseThrow();
      assertTrue(line.contains("missing"), missing.output());
      assertTrue(missing.stdout().contains("1 missing"), missing.output());

      EmittedPrograms.Run sampled =
          run(gateway, "VerifyMetadata", "--manifest", metadata.toString(), "--sample", "1", "--seed", "7", "--json");
      assertEquals(1, JSON.readTree(sampled.stdout()).get("items").size(), sampled.output());
    }
  }

  @Test
  void aSchemaThatDiffersIsReportedWithItsFields() throws Exception {
    Path changed = work.resolve("changed_manifest.json");
    write(
        changed,
        ManifestHeader.of(io.pushgen.runtime.model.Flow.METADATA, "snowflake", "snowflake", Instant.now().truncatedTo(ChronoUnit.SECONDS)),
        List.of(orders(List.of(
            new AssetField("ID", "VARCHAR"),
            new AssetField("AMOUNT", "NUMBER(10, 2)"),
            new AssetField("STATUS", "VARCHAR")))));
    try (LocalGateway gateway = gateway()) {
      push(gateway, "PushMetadata", metadata);
      EmittedPrograms.Run run = run(gateway, "VerifyMetadata", "--manifest", changed.toString());
      assertEquals(1, run.exitCode(), run.output());
      assertTrue(run.stdout().contains("differs"), run.output());
      assertTrue(run.stdout().contains("fields missing in Monte Carlo: STATUS"), run.output());
      assertTrue(run.stdout().contains("ID: pushed VARCHAR, seen NUMBER"), run.output());
      assertFalse(run.stdout().contains("AMOUNT: pushed"), "white space in a type is no difference");
    }
  }

  @Test
  void aGraphQlErrorIsShownAndFails() throws Exception {
    try (LocalGateway gateway = gateway()) {
      push(gateway, "PushMetadata", metadata);
      gateway.graphql().failNext(1, "Internal error: resolver exploded");
      EmittedPrograms.Run run = run(gateway, "VerifyMetadata", "--manifest", metadata.toString());
      assertEquals(1, run.exitCode(), run.output());
      assertTrue(run.stderr().contains("resolver exploded"), run.output());
      assertFalse(run.stderr().contains("\tat "), "no stack trace");
    }
  }

  @Test
  void theIngestionKeyIsNotAGraphQlKey() throws Exception {
    try (LocalGateway gateway = gateway()) {
      Map<String, String> env = env(gateway);
      env.put("MCD_ID", "ingest-id");
      env.put("MCD_TOKEN", INGEST_TOKEN);
      EmittedPrograms.Run run =
          programs.run(PKG + "VerifyMetadata", env, List.of("--manifest", metadata.toString()));
      assertEquals(1, run.exitCode(), run.output());
      assertTrue(run.stderr().contains("HTTP 401"), run.output());
      assertTrue(run.stderr().contains("a GraphQL API key is required"), run.output());
      assertFalse(run.output().contains(INGEST_TOKEN));
    }
  }

  // ------------------------------------------------------------------------------ lineage

  @Test
  void pushedLineageIsVisibleAndAMissingEdgeIsNamed() throws Exception {
    Path extra = work.resolve("extra_lineage.json");
    write(
        extra,
        ManifestHeader.of(io.pushgen.runtime.model.Flow.LINEAGE, "snowflake", "snowflake", Instant.now().truncatedTo(ChronoUnit.SECONDS)),
        List.of(
            new LineageEvent(
                new LineageAssetRef("VIEW", "DAILY", "ANALYTICS", "SALES", "d"),
                List.of(new LineageAssetRef("TABLE", "CUSTOMERS", "ANALYTICS", "SALES", "c")),
                List.of(new ColumnLineageField("DAY", List.of(new ColumnLineageSourceField("c", "NAME"))))),
            new LineageEvent(
                new LineageAssetRef("TABLE", "CUSTOMERS", "ANALYTICS", "SALES"),
                List.of(new LineageAssetRef("TABLE", "ORDERS", "ANALYTICS", "SALES")))));
    try (LocalGateway gateway = gateway()) {
      push(gateway, "PushMetadata", metadata);
      push(gateway, "PushLineage", lineage);
      EmittedPrograms.Run ok = run(gateway, "VerifyLineage", "--manifest", lineage.toString());
      assertEquals(0, ok.exitCode(), ok.output());
      assertTrue(ok.stdout().contains("lineage: 3 checked: 3 ok"), ok.output());
      assertTrue(ok.stdout().contains("ANALYTICS:SALES.ORDERS.AMOUNT"), ok.output());
      assertFalse(gateway.graphql().calls("getDerivedTablesPartialLineage").isEmpty());

      EmittedPrograms.Run missing = run(gateway, "VerifyLineage", "--manifest", extra.toString(), "--json");
      assertEquals(1, missing.exitCode(), missing.output());
      JsonNode report = JSON.readTree(missing.stdout());
      // DAILY <- CUSTOMERS was pushed; CUSTOMERS.NAME -> DAILY.DAY and CUSTOMERS <- ORDERS were not.
      assertEquals(2, report.at("/counts/missing").asInt(), missing.output());
      assertEquals(1, report.at("/counts/ok").asInt(), missing.output());
    }
  }

  // ------------------------------------------------------------------------------ query logs

  @Test
  void queryLogsAreSeenOrNotYetVisibleInsideTheDelay() throws Exception {
    try (LocalGateway gateway = gateway()) {
      push(gateway, "PushMetadata", metadata);

      // Not pushed yet, pushed just now: not yet visible, exit 3.
      EmittedPrograms.Run early = run(gateway, "VerifyQueryLogs", "--manifest", queryLogs.toString());
      assertEquals(3, early.exitCode(), early.output());
      assertTrue(early.stdout().contains("not yet visible"), early.output());

      // After the documented delay it is a failure.
      EmittedPrograms.Run late =
          run(gateway, "VerifyQueryLogs", "--manifest", queryLogs.toString(), "--processing-delay", "0");
      assertEquals(1, late.exitCode(), late.output());

      Path result = push(gateway, "PushQueryLogs", queryLogs);
      EmittedPrograms.Run ok =
          run(gateway, "VerifyQueryLogs", "--manifest", queryLogs.toString(), "--result", result.toString());
      assertEquals(0, ok.exitCode(), ok.output());
      // DAILY written; ORDERS read twice (the two queries), CUSTOMERS read once.
      assertTrue(ok.stdout().contains("query logs: 3 checked: 3 ok"), ok.output());
      String orders = ok.stdout().lines().filter(l -> l.startsWith("ANALYTICS:SALES.ORDERS")).findFirst().orElseThrow();
      assertTrue(orders.matches("ANALYTICS:SALES.ORDERS\\s+read\\s+2\\s+2\\s+yes\\s+ok"), orders);

      EmittedPrograms.Run named =
          run(gateway, "VerifyQueryLogs", "--manifest", queryLogs.toString(), "--table", "ANALYTICS:SALES.DAILY");
      assertEquals(0, named.exitCode(), named.output());
    }
  }

  // ------------------------------------------------------------------------------ delete tables

  @Test
  void deletePushTablesDeletes2500TablesInThreeCalls() throws Exception {
    Path big = work.resolve("big_manifest.json");
    List<RelationalAsset> assets = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      assets.add(new RelationalAsset("TABLE", new AssetMetadata(String.format("T%04d", i), "ANALYTICS", "BULK"), List.of()));
    }
    write(big, ManifestHeader.of(io.pushgen.runtime.model.Flow.METADATA, "snowflake", "snowflake", Instant.now().truncatedTo(ChronoUnit.SECONDS)), assets);
    try (LocalGateway gateway = gateway()) {
      EmittedPrograms.Run pushed =
          run(gateway, "PushMetadata", "--input-file", big.toString(), "--batch-size", "500",
              "--result-file", work.resolve("big.result.json").toString());
      assertEquals(0, pushed.exitCode(), pushed.output());
      assertEquals(2500, gateway.graphql().tables().size());

      Cli dry = cli(gateway, "delete-push-tables", "--manifest", big.toString(), "--dry-run");
      assertEquals(0, dry.exit, dry.all());
      assertTrue(dry.out.contains("2500 resolved, 0 not known"), dry.all());
      assertTrue(dry.out.contains("... and 2450 more"), dry.all());
      assertTrue(dry.out.contains("dry run: 2500 tables would be deleted in 3 calls"), dry.all());
      assertEquals(0, gateway.graphql().calls("deletePushIngestedTables").size());

      // No terminal to confirm on (as in CI) and no --yes: nothing is deleted.
      Cli refused = cli(gateway, "delete-push-tables", "--manifest", big.toString());
      assertEquals(1, refused.exit, refused.all());
      assertTrue(refused.err.contains("not confirmed"), refused.all());
      assertEquals(0, gateway.graphql().calls("deletePushIngestedTables").size());

      Cli deleted = cli(gateway, "delete-push-tables", "--manifest", big.toString(), "--yes");
      assertEquals(0, deleted.exit, deleted.all());
      List<GraphQlCall> calls = gateway.graphql().calls("deletePushIngestedTables");
      assertEquals(3, calls.size());
      assertEquals(List.of(1000, 1000, 500), calls.stream().map(c -> c.variables().get("mcons").size()).toList());
      assertTrue(deleted.out.contains("deleted 2500 of 2500 tables in 3 calls"), deleted.all());
      assertEquals(0, gateway.graphql().tables().size());
      assertFalse(deleted.all().contains(API_TOKEN));
    }
  }

  @Test
  void deletePushTablesByListAndPattern() throws Exception {
    try (LocalGateway gateway = gateway()) {
      push(gateway, "PushMetadata", metadata);
      Path list = work.resolve("tables.txt");
      Files.writeString(list, "# to delete\nANALYTICS:SALES.ORDERS\nANALYTICS:SALES.DAILY\nANALYTICS:SALES.NOPE\n");
      Cli run = cli(gateway, "delete-push-tables", "--tables-file", list.toString(), "--pattern", "*.D*", "--pattern", "*.N*", "--yes");
      assertEquals(0, run.exit, run.all());
      assertTrue(run.out.contains("1 resolved, 1 not known"), run.all());
      assertEquals(List.of("ANALYTICS:SALES.CUSTOMERS", "ANALYTICS:SALES.ORDERS"), gateway.graphql().tables());

      Cli usage = cli(gateway, "delete-push-tables", "--pattern", "*");
      assertEquals(2, usage.exit, usage.all());
    }
  }

  // ------------------------------------------------------------------------------ custom lineage

  @Test
  void customNodesAndEdgesArePermanentUnlessAskedOtherwise() throws Exception {
    try (LocalGateway gateway = gateway()) {
      Cli node = cli(gateway, "lineage-node", "--object-type", "job", "--object-id", "airflow.load_orders",
          "--name", "Load orders", "--property", "owner=data-eng");
      assertEquals(0, node.exit, node.all());
      assertTrue(node.out.contains("expires never (9999-12-31)"), node.all());
      GraphQlCall call = gateway.graphql().calls("createOrUpdateLineageNode").get(0);
      assertEquals("9999-12-31", call.variables().get("expireAt").asText());
      assertEquals(RESOURCE, call.variables().get("resourceId").asText());
      assertEquals("owner", call.variables().at("/properties/0/propertyName").asText());

      Cli ttl = cli(gateway, "lineage-node", "--object-type", "dashboard", "--object-id", "revenue",
          "--resource-name", "looker", "--ttl-days", "2");
      assertEquals(0, ttl.exit, ttl.all());
      String expireAt = gateway.graphql().calls("createOrUpdateLineageNode").get(1).variables().get("expireAt").asText();
      Instant at = Instant.parse(expireAt);
      assertTrue(at.isAfter(Instant.now().plus(Duration.ofDays(1))) && at.isBefore(Instant.now().plus(Duration.ofDays(3))), expireAt);
      assertEquals("looker", gateway.graphql().calls("createOrUpdateLineageNode").get(1).variables().get("resourceName").asText());

      Path yaml = work.resolve("edges.yaml");
      Files.writeString(
          yaml,
          "edges:\n"
              + "  - source: {type: job}\n");
      Cli bad = cli(gateway, "lineage-edge", "--file", yaml.toString());
      assertEquals(2, bad.exit, bad.all());
      assertTrue(bad.err.contains("edges.yaml:2"), bad.all());

      Files.writeString(
          yaml,
          "edges:\n"
              + "  - source_type: job\n"
              + "    source_id: airflow.load_orders\n"
              + "    destination_type: model\n"
              + "    destination_id: dbt.orders\n"
              + "  - source:\n"
              + "      type: model\n"
              + "      id: dbt.orders\n"
              + "    destination:\n"
              + "      type: dashboard\n"
              + "      id: revenue\n"
              + "      resource: looker\n"
              + "    expire_at: 2099-01-01\n");
      Cli edges = cli(gateway, "lineage-edge", "--file", yaml.toString());
      assertEquals(0, edges.exit, edges.all());
      assertTrue(edges.out.contains("2 edges created or updated"), edges.all());
      List<GraphQlCall> edgeCalls = gateway.graphql().calls("createOrUpdateLineageEdge");
      assertEquals("9999-12-31", edgeCalls.get(0).variables().get("expireAt").asText());
      assertEquals("2099-01-01", edgeCalls.get(1).variables().get("expireAt").asText());
      assertEquals("looker", edgeCalls.get(1).variables().at("/destination/resourceName").asText());

      // The emitted program, in a child JVM with the environment, from CSV.
      Path csv = work.resolve("edges.csv");
      Files.writeString(csv, "source_type,source_id,destination_type,destination_id\nmodel,dbt.orders,dashboard,kpis\n");
      EmittedPrograms.Run emitted = run(gateway, "LineageEdge", "--file", csv.toString());
      assertEquals(0, emitted.exitCode(), emitted.output());
      assertEquals(3, gateway.graphql().calls("createOrUpdateLineageEdge").size());

      String mcon = node.out.substring(node.out.indexOf("node ") + 5, node.out.indexOf(" (job"));
      Cli delete = cli(gateway, "delete-lineage-node", "--mcon", mcon, "--yes");
      assertEquals(0, delete.exit, delete.all());
      assertTrue(delete.out.contains("1 nodes, 1 edges"), delete.all());
    }
  }

  // ------------------------------------------------------------------------------ helpers

  private record Cli(int exit, String out, String err) {
    String all() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private static Cli cli(LocalGateway gateway, String... args) {
    List<String> arguments = new ArrayList<>(List.of(args));
    arguments.addAll(
        List.of(
            "--api-key-id", "api-id",
            "--api-key-token", API_TOKEN,
            "--resource-uuid", RESOURCE,
            "--graphql-endpoint", gateway.baseUrl() + "/graphql"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        PushgenCli.execute(new PrintWriter(out), new PrintWriter(err), arguments.toArray(String[]::new));
    return new Cli(exit, out.toString(), err.toString());
  }
}
