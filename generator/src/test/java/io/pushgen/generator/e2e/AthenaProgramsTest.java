package io.pushgen.generator.e2e;

import static io.pushgen.generator.e2e.FakeAws.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.LocalGateway;
import io.pushgen.generator.InProcessPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Athena programs with the real AWS SDK v2 clients (Glue, Athena, the URL-connection
 * HTTP client, SigV4 signing, the SDK's retry policy) pointed at {@link FakeAws}, a local stub
 * serving the Glue and Athena APIs as their references lay them out, through to the local gateway.
 * Credentials are static: the default chain's system properties, or a profile file.
 */
class AthenaProgramsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY_ID = "AKIDATHENATEST";
  private static final String SECRET = "athena-secret-Zq9fS3cR3t";
  private static final String UUID = "3f1a2b4c-0000-4000-8000-00000000abcd";

  @TempDir Path work;

  @TempDir static Path generated;

  /** The programs, generated and compiled once for the class. */
  private static InProcessPrograms programs;

  @BeforeAll
  static void generateAndSetStaticCredentials() throws Exception {
    programs = InProcessPrograms.generate(generated, "athena");
    System.setProperty("aws.accessKeyId", KEY_ID);
    System.setProperty("aws.secretAccessKey", SECRET);
    // Nothing in these tests may reach for the EC2 instance metadata service.
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  @AfterAll
  static void closeAndClearCredentials() throws Exception {
    programs.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.disableEc2Metadata");
  }

  private static String prestoView(String sql) {
    String view =
        JSON.createObjectNode()
            .put("originalSql", sql)
            .put("catalog", "awsdatacatalog")
            .put("schema", "sales")
            .toString();
    return "/* Presto View: "
        + Base64.getEncoder().encodeToString(view.getBytes(StandardCharsets.UTF_8))
        + " */";
  }

  /** The catalog of the metadata and lineage tests, as GetTables returns its tables. */
  private static FakeAws catalog(FakeAws aws) {
    ObjectNode orders =
        json(
            """
            {"Name": "orders", "DatabaseName": "sales", "CatalogId": "123456789012",
             "Description": "Orders", "TableType": "EXTERNAL_TABLE",
             "CreateTime": 1704441600, "UpdateTime": 1709287205.5,
             "StorageDescriptor": {
               "Columns": [{"Name": "id", "Type": "bigint", "Comment": "Primary key"},
                           {"Name": "amount", "Type": "decimal(10,2)"},
                           {"Name": "tags", "Type": "array<string>", "Comment": ""}],
               "Location": "s3://acme-lake/sales/orders/",
               "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"},
             "PartitionKeys": [{"Name": "dt", "Type": "string", "Comment": "load date"}],
             "Parameters": {"numRows": "1500", "totalSize": "250000",
                            "COLUMN_STATS_ACCURATE": "{\\"BASIC_STATS\\":\\"true\\"}",
                            "transient_lastDdlTime": "1709287205", "classification": "parquet"},
             "IsRegisteredWithLakeFormation": false}
            """);
    ObjectNode ordersView =
        json(
            """
            {"Name": "orders_v", "DatabaseName": "sales", "TableType": "VIRTUAL_VIEW",
             "CreateTime": 1704528000,
             "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"}]},
             "PartitionKeys": [],
             "ViewExpandedText": "/* Presto View */",
             "Parameters": {"presto_view": "true", "comment": "Presto View"}}
            """);
    ordersView.put("ViewOriginalText", prestoView("SELECT id FROM sales.orders WHERE amount > 0"));
    ObjectNode rawEvents =
        json(
            """
            {"Name": "raw_events", "DatabaseName": "sales", "TableType": "EXTERNAL_TABLE",
             "StorageDescriptor": {"Columns": [{"Name": "payload", "Type": "struct<user:string,n:int>"}]},
             "Parameters": {"numRows": "7", "COLUMN_STATS_ACCURATE": "{\\"BASIC_STATS\\":\\"false\\"}",
                            "recordCount": "42", "sizeKey": "4096", "objectCount": "3",
                            "UPDATED_BY_CRAWLER": "raw-crawler"}}
            """);
    ObjectNode daily =
        json(
            """
            {"Name": "daily", "DatabaseName": "web", "TableType": "VIRTUAL_VIEW",
             "StorageDescriptor": {"Columns": [{"Name": "dt", "Type": "string"},
                                               {"Name": "n", "Type": "bigint"}]},
             "ViewOriginalText": "SELECT dt, count(*) AS n FROM web.hits GROUP BY dt",
             "ViewExpandedText": "SELECT `hits`.`dt`, count(*) AS `n` FROM `web`.`hits` GROUP BY `hits`.`dt`"}
            """);
    ObjectNode hits =
        json(
            """
            {"Name": "hits", "DatabaseName": "web", "TableType": "MANAGED_TABLE",
             "StorageDescriptor": {"Columns": [{"Name": "dt", "Type": "string"}]}}
            """);
    ObjectNode scratch =
        json(
            """
            {"Name": "tmp", "DatabaseName": "zz_scratch", "TableType": "EXTERNAL_TABLE",
             "StorageDescriptor": {"Columns": [{"Name": "x", "Type": "int"}]}}
            """);
    return aws.database("sales", List.of(orders, ordersView, rawEvents))
        .database("web", List.of(daily, hits))
        .database("zz_scratch", List.of(scratch));
  }

  private static List<String> awsArguments(FakeAws aws, String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--region", "us-east-1", "--glue-endpoint", aws.url(), "--athena-endpoint", aws.url()));
    arguments.addAll(List.of(more));
    return arguments;
  }

  private static List<String> pushArguments(LocalGateway gateway, Path dir) {
    return List.of(
        "--key-id", "kid",
        "--key-token", "ktok-secret",
        "--resource-uuid", UUID,
        "--endpoint", gateway.baseUrl(),
        "--result-file", dir.resolve("result.json").toString());
  }

  /** Every request was signed by the SDK with the test's access key id. */
  private static void assertSigned(FakeAws aws, String keyId) {
    assertFalse(aws.requests().isEmpty());
    for (FakeAws.Request request : aws.requests()) {
      assertTrue(
          request.authorization() != null
              && request.authorization().startsWith("AWS4-HMAC-SHA256 Credential=" + keyId + "/"),
          request.target() + ": " + request.authorization());
      assertFalse(request.authorization().contains(SECRET));
    }
  }

  /** The secret access key appears in nothing the programs printed or wrote. */
  private void assertSecretNowhere(String output) throws Exception {
    assertFalse(output.contains(SECRET), output);
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")).toList()) {
        assertFalse(Files.readString(file).contains(SECRET), file.toString());
      }
    }
  }

  @Test
  void metadataFromGlueIsPagedRetriedOnThrottlingAndPushedExactly() throws Exception {
    try (FakeAws aws = catalog(new FakeAws());
        LocalGateway gateway = new LocalGateway().start(0)) {
      // Glue throttles the first GetTables: the SDK's retry policy sends it again.
      aws.failNext("AWSGlue.GetTables", "ThrottlingException", "Rate exceeded");
      List<String> arguments =
          awsArguments(
              aws,
              "--page-size", "2",
              "--exclude-databases", "zz_*",
              "--output-file", work.resolve("m.json").toString());
      arguments.addAll(pushArguments(gateway, work));
      InProcessPrograms.Run run = programs.capture("CollectAndPushMetadata", arguments);
      assertEquals(0, run.exitCode(), run.output());

      List<JsonNode> assets = new ArrayList<>();
      gateway.received(Flow.METADATA).forEach(r -> r.events().forEach(e -> assets.add(e.get("relational_asset"))));
      assertEquals("data-lake", gateway.received(Flow.METADATA).get(0).body().at("/resource/resource_type").asText());
      assertEquals(
          JSON.readTree(
              """
              [
               {"type": "TABLE",
                "metadata": {"name": "orders", "database": "awsdatacatalog", "schema": "sales",
                             "description": "Orders", "created_on": "2024-01-05T08:00:00Z"},
                "fields": [{"name": "id", "type": "BIGINT", "description": "Primary key"},
                           {"name": "amount", "type": "DECIMAL(10,2)"},
                           {"name": "tags", "type": "ARRAY<VARCHAR>"},
                           {"name": "dt", "type": "VARCHAR", "description": "Partition column: load date"}],
                "volume": {"row_count": 1500, "byte_count": 250000},
                "freshness": {"last_update_time": "2024-03-01T10:00:05Z"}},
               {"type": "VIEW",
                "metadata": {"name": "orders_v", "database": "awsdatacatalog", "schema": "sales",
                             "view_query": "SELECT id FROM sales.orders WHERE amount > 0",
                             "created_on": "2024-01-06T08:00:00Z"},
                "fields": [{"name": "id", "type": "BIGINT"}]},
               {"type": "TABLE",
                "metadata": {"name": "raw_events", "database": "awsdatacatalog", "schema": "sales"},
                "fields": [{"name": "payload", "type": "STRUCT<user:VARCHAR,n:INTEGER>"}],
                "volume": {"row_count": 42, "byte_count": 4096}},
               {"type": "VIEW",
                "metadata": {"name": "daily", "database": "awsdatacatalog", "schema": "web",
                             "view_query": "SELECT dt, count(*) AS n FROM web.hits GROUP BY dt"},
                "fields": [{"name": "dt", "type": "VARCHAR"}, {"name": "n", "type": "BIGINT"}]},
               {"type": "TABLE",
                "metadata": {"name": "hits", "database": "awsdatacatalog", "schema": "web"},
                "fields": [{"name": "dt", "type": "VARCHAR"}]}
              ]
              """),
          JSON.valueToTree(assets));

      // Requests follow pages: databases 2 a page (3 databases: 2 pages), then sales' 3 tables
      // (2 pages, the first throttled once and sent again) and web's 2 (1 page); the excluded
      // database is never read.
      List<String> targets = aws.requests().stream().map(FakeAws.Request::target).toList();
      assertEquals(
          List.of(
              "AWSGlue.GetDatabases", "AWSGlue.GetDatabases",
              "AWSGlue.GetTables", "AWSGlue.GetTables", "AWSGlue.GetTables", "AWSGlue.GetTables"),
          targets);
      List<FakeAws.Request> tables = aws.requests("AWSGlue.GetTables");
      assertEquals(tables.get(0).body(), tables.get(1).body());
      assertEquals(
          JSON.readTree("{\"DatabaseName\": \"sales\", \"MaxResults\": 2}"), tables.get(0).body());
      assertEquals("tok-2", tables.get(2).body().get("NextToken").asText());
      assertEquals("web", tables.get(3).body().get("DatabaseName").asText());
      assertSigned(aws, KEY_ID);
      assertSecretNowhere(run.output());
    }
  }

  @Test
  void requestsGrowWithPagesNeverWithTables() throws Exception {
    {
      List<Integer> counts = new ArrayList<>();
      for (int n : new int[] {10, 1000}) {
        List<ObjectNode> tables = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          tables.add(
              json(
                  "{\"Name\": \"t" + i + "\", \"DatabaseName\": \"sales\", \"TableType\": \"EXTERNAL_TABLE\","
                      + " \"StorageDescriptor\": {\"Columns\": [{\"Name\": \"id\", \"Type\": \"int\"}]}}"));
        }
        try (FakeAws aws = new FakeAws().database("sales", tables)) {
          Path manifest = work.resolve("m" + n + ".json");
          InProcessPrograms.Run run =
              programs.capture("CollectMetadata", awsArguments(aws, "--output-file", manifest.toString()));
          assertEquals(0, run.exitCode(), run.output());
          assertEquals(n, JSON.readTree(manifest.toFile()).get("events").size());
          counts.add(aws.requests().size());
        }
      }
      // One GetDatabases page, then one GetTables request per 100 tables (Glue's page limit).
      assertEquals(List.of(1 + 1, 1 + 10), counts);
    }
  }

  @Test
  void shardsSplitTheGlueDatabasesAndTogetherCollectTheCatalogOnce() throws Exception {
    try (FakeAws aws = catalog(new FakeAws())) {
      Path whole = work.resolve("whole.json");
      assertEquals(
          0,
          programs.capture("CollectMetadata", awsArguments(aws, "--output-file", whole.toString())).exitCode());
      List<String> expected = new ArrayList<>();
      JSON.readTree(whole.toFile()).get("events").forEach(event -> expected.add(event.toString()));
      expected.sort(null);
      for (int n : new int[] {1, 2, 3, 7}) {
        List<String> union = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          Path manifest = work.resolve("shard-" + i + "-of-" + n + ".json");
          InProcessPrograms.Run run =
              programs.capture(
                  "CollectMetadata",
                  awsArguments(aws, "--shard", i + "/" + n, "--output-file", manifest.toString()));
          assertEquals(0, run.exitCode(), run.output());
          JsonNode written = JSON.readTree(manifest.toFile());
          if (n > 1) {
            assertEquals(i, written.path("shard").path("index").asInt(), written.toString());
            assertEquals(n, written.path("shard").path("count").asInt(), written.toString());
          }
          written.get("events").forEach(event -> union.add(event.toString()));
        }
        union.sort(null);
        assertEquals(expected, union, "shards of " + n);
      }
    }
  }

  @Test
  void aShardOtherThanTheFirstWritesNoQueryLogsAndAsksAthenaNothing() throws Exception {
    try (FakeAws aws = new FakeAws()) {
      Path manifest = work.resolve("shard-1-logs.json");
      Path summary = work.resolve("summary.json");
      InProcessPrograms.Run run =
          programs.capture(
              "CollectQueryLogs",
              awsArguments(
                  aws, "--workgroup", "primary", "--shard", "1/3", "--window", "hourly",
                  "--output-file", manifest.toString(), "--summary-file", summary.toString()));
      assertEquals(0, run.exitCode(), run.output());
      assertEquals(0, JSON.readTree(manifest.toFile()).get("events").size());
      assertTrue(aws.requests().isEmpty(), aws.requests().toString());
      JsonNode line = JSON.readTree(summary.toFile());
      assertEquals("1/3", line.path("shard").asText(), line.toString());
      assertEquals(0, line.path("exit_code").asInt(), line.toString());
    }
  }

  @Test
  void onlyFreshnessAndVolumeSendsNoFieldsWithTheSameRequests() throws Exception {
    try (FakeAws aws = catalog(new FakeAws())) {
      Path manifest = work.resolve("m.json");
      InProcessPrograms.Run run =
          programs.capture(
              "CollectMetadata",
              awsArguments(
                  aws, "--only-freshness-and-volume", "--databases", "sales", "--tables", "orders*",
                  "--output-file", manifest.toString()));
      assertEquals(0, run.exitCode(), run.output());
      JsonNode events = JSON.readTree(manifest.toFile()).get("events");
      assertEquals(2, events.size());
      events.forEach(asset -> assertFalse(asset.has("fields"), asset.toString()));
      assertEquals(
          List.of("AWSGlue.GetDatabases", "AWSGlue.GetTables"),
          aws.requests().stream().map(FakeAws.Request::target).toList());
    }
  }

  /** An execution as BatchGetQueryExecution returns it. */
  private static ObjectNode execution(
      String id, String query, String state, String statementType, double submitted, Double completed) {
    ObjectNode execution =
        json(
            """
            {"Query": "", "StatementType": "DML", "SubstatementType": "SELECT", "WorkGroup": "primary",
             "QueryExecutionContext": {"Database": "sales", "Catalog": "AwsDataCatalog"},
             "ResultConfiguration": {"OutputLocation": "s3://acme-athena-results/q.csv"},
             "EngineVersion": {"SelectedEngineVersion": "AUTO", "EffectiveEngineVersion": "Athena engine version 3"},
             "Status": {}}
            """);
    execution.put("QueryExecutionId", id).put("Query", query).put("StatementType", statementType);
    ObjectNode status = (ObjectNode) execution.get("Status");
    status.put("State", state).put("SubmissionDateTime", submitted);
    if (completed != null) {
      status.put("CompletionDateTime", completed);
    }
    return execution;
  }

  /** 2026-03-01T10:00:00Z in seconds since the epoch. */
  private static final double TEN = 1772359200;

  /** A workgroup's history, newest first: the window's queries, then 150 older ones. */
  private static FakeAws history(FakeAws aws) {
    aws.unprocessed("q-gone");
    aws.execution(execution("q-run", "SELECT count(*) FROM sales.orders", "RUNNING", "DML", TEN + 3480, null));
    aws.execution(execution("q-late", "SELECT 2", "SUCCEEDED", "DML", TEN + 3590, TEN + 3630));
    ObjectNode failed =
        execution("q-fail", "SELECT * FROM sales.nope", "FAILED", "DML", TEN + 1800, TEN + 1802);
    ((ObjectNode) failed.get("Status"))
        .put("StateChangeReason", "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.sales.nope' does not exist")
        .set(
            "AthenaError",
            json(
                """
                {"ErrorCategory": 2, "ErrorType": 1006, "Retryable": false,
                 "ErrorMessage": "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.sales.nope' does not exist"}
                """));
    aws.execution(failed);
    ObjectNode cancelled =
        execution("q-cancel", "SELECT * FROM sales.orders", "CANCELLED", "DML", TEN + 1200, TEN + 1260);
    ((ObjectNode) cancelled.get("Status")).put("StateChangeReason", "Query cancelled by user");
    aws.execution(cancelled);
    ObjectNode ok =
        execution("q-ok", "SELECT id, amount FROM sales.orders WHERE dt = '2026-03-01'", "SUCCEEDED", "DML", TEN, TEN + 5.12);
    ok.set(
        "Statistics",
        json(
            """
            {"EngineExecutionTimeInMillis": 4000, "DataScannedInBytes": 1048576,
             "TotalExecutionTimeInMillis": 5120, "QueryQueueTimeInMillis": 100,
             "ServicePreProcessingTimeInMillis": 12, "QueryPlanningTimeInMillis": 300,
             "ServiceProcessingTimeInMillis": 20,
             "ResultReuseInformation": {"ReusedPreviousResult": false}}
            """));
    aws.execution(ok);
    for (int i = 0; i < 150; i++) {
      // Submitted before 09:00, more than the test's one-hour margin before the window.
      double submitted = TEN - 3601 - 60 * i;
      aws.execution(execution("q-old-" + i, "SELECT " + i, "SUCCEEDED", "DML", submitted, submitted + 1));
    }
    return aws;
  }

  @Test
  void queryLogsOfTheWindowFromPagedExecutionsWithErrorsExtrasAndThrottling() throws Exception {
    try (FakeAws aws = history(new FakeAws());
        LocalGateway gateway = new LocalGateway().start(0)) {
      aws.failNext("AmazonAthena.BatchGetQueryExecution", "TooManyRequestsException", "Rate exceeded");
      List<String> arguments =
          awsArguments(
              aws,
              "--start", "2026-03-01T10:00:00Z",
              "--end", "2026-03-01T11:00:00Z",
              "--scan-margin-hours", "1",
              "--output-file", work.resolve("q.json").toString());
      arguments.addAll(pushArguments(gateway, work));
      InProcessPrograms.Run run = programs.capture("CollectAndPushQueryLogs", arguments);
      assertEquals(0, run.exitCode(), run.output());

      JsonNode body = gateway.received(Flow.QUERY_LOGS).get(0).body();
      assertEquals("athena", body.at("/resource/log_type").asText());
      assertEquals(
          JSON.readTree(
              """
              [
               {"start_time": "2026-03-01T10:00:00Z", "end_time": "2026-03-01T10:00:05.120000Z",
                "query_text": "SELECT id, amount FROM sales.orders WHERE dt = '2026-03-01'",
                "query_id": "q-ok",
                "extra": {"bytes_scanned": 1048576, "statement_type": "DML", "substatement_type": "SELECT",
                          "workgroup": "primary", "state": "SUCCEEDED", "database": "sales",
                          "catalog": "AwsDataCatalog", "engine_execution_time_ms": 4000,
                          "total_execution_time_ms": 5120, "query_queue_time_ms": 100,
                          "query_planning_time_ms": 300, "service_processing_time_ms": 20,
                          "result_reused": false, "engine_version": "Athena engine version 3"}},
               {"start_time": "2026-03-01T10:20:00Z", "end_time": "2026-03-01T10:21:00Z",
                "query_text": "SELECT * FROM sales.orders", "query_id": "q-cancel",
                "error_code": "CANCELLED", "error_text": "Query cancelled by user",
                "extra": {"bytes_scanned": null, "statement_type": "DML", "substatement_type": "SELECT",
                          "workgroup": "primary", "state": "CANCELLED", "database": "sales",
                          "catalog": "AwsDataCatalog", "engine_execution_time_ms": null,
                          "total_execution_time_ms": null, "query_queue_time_ms": null,
                          "query_planning_time_ms": null, "service_processing_time_ms": null,
                          "result_reused": null, "engine_version": "Athena engine version 3"}},
               {"start_time": "2026-03-01T10:30:00Z", "end_time": "2026-03-01T10:30:02Z",
                "query_text": "SELECT * FROM sales.nope", "query_id": "q-fail",
                "error_code": 1006,
                "error_text": "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.sales.nope' does not exist",
                "extra": {"bytes_scanned": null, "statement_type": "DML", "substatement_type": "SELECT",
                          "workgroup": "primary", "state": "FAILED", "database": "sales",
                          "catalog": "AwsDataCatalog", "engine_execution_time_ms": null,
                          "total_execution_time_ms": null, "query_queue_time_ms": null,
                          "query_planning_time_ms": null, "service_processing_time_ms": null,
                          "result_reused": null, "engine_version": "Athena engine version 3"}}
              ]
              """),
          body.get("events"));

      // 156 ids, 50 a page: the second page holds only queries submitted before the margin, so
      // the scan stops there (pages 3 and 4 are never listed); each page is one batch request
      // (the first answered TooManyRequestsException once and retried by the SDK).
      List<FakeAws.Request> lists = aws.requests("AmazonAthena.ListQueryExecutions");
      assertEquals(2, lists.size());
      assertEquals(JSON.readTree("{\"WorkGroup\": \"primary\", \"MaxResults\": 50}"), lists.get(0).body());
      assertEquals("tok-50", lists.get(1).body().get("NextToken").asText());
      List<FakeAws.Request> batches = aws.requests("AmazonAthena.BatchGetQueryExecution");
      assertEquals(3, batches.size());
      assertEquals(batches.get(0).body(), batches.get(1).body());
      assertEquals(50, batches.get(1).body().get("QueryExecutionIds").size());
      assertEquals(50, batches.get(2).body().get("QueryExecutionIds").size());

      JsonNode manifest = JSON.readTree(work.resolve("q.json").toFile());
      String report = manifest.get("report").toString();
      assertTrue(report.contains("q-gone") && report.contains("InvalidRequestException"), report);
      assertSigned(aws, KEY_ID);
      assertSecretNowhere(run.output());
    }
  }

  @Test
  void lineageFromGlueViewsAndTheWindowsSucceededStatementsIsPushedExactly() throws Exception {
    try (FakeAws aws = catalog(new FakeAws());
        LocalGateway gateway = new LocalGateway().start(0)) {
      aws.execution(
          execution(
              "l-ctas",
              "CREATE TABLE daily_totals WITH (format = 'PARQUET') AS SELECT dt, sum(amount) AS total FROM orders GROUP BY dt",
              "SUCCEEDED", "DDL", TEN + 600, TEN + 630));
      aws.execution(
          execution(
              "l-insert", "INSERT INTO \"web\".\"hits_copy\" (dt) SELECT dt FROM web.hits",
              "SUCCEEDED", "DML", TEN + 500, TEN + 520));
      // Neither a failed statement nor a UTILITY one is parsed.
      aws.execution(
          execution(
              "l-failed", "INSERT INTO sales.broken SELECT * FROM sales.orders",
              "FAILED", "DML", TEN + 400, TEN + 410));
      aws.execution(execution("l-show", "SHOW TABLES", "SUCCEEDED", "UTILITY", TEN + 300, TEN + 301));
      List<String> arguments =
          awsArguments(
              aws,
              "--start", "2026-03-01T10:00:00Z",
              "--end", "2026-03-01T11:00:00Z",
              "--output-file", work.resolve("l.json").toString());
      arguments.addAll(pushArguments(gateway, work));
      InProcessPrograms.Run run = programs.capture("CollectAndPushLineage", arguments);
      assertEquals(0, run.exitCode(), run.output());

      List<JsonNode> events = new ArrayList<>();
      gateway.received(Flow.LINEAGE).forEach(r -> r.events().forEach(events::add));
      assertEquals("data-lake", gateway.received(Flow.LINEAGE).get(0).body().at("/resource/resource_type").asText());
      // The CTAS ran in database sales of AwsDataCatalog: its unqualified names are completed
      // with those; the views' SQL is the decoded Athena view and Hive's original text.
      assertEquals(
          JSON.readTree(
              """
              [
               {"destination": {"type": "TABLE", "name": "daily_totals", "database": "awsdatacatalog",
                                "schema": "sales", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "orders", "database": "awsdatacatalog",
                             "schema": "sales", "asset_id": "src1"}],
                "fields": [{"name": "dt", "source_fields": [{"asset_id": "src1", "field_name": "dt"}]},
                           {"name": "total", "source_fields": [{"asset_id": "src1", "field_name": "amount"}]}]},
               {"destination": {"type": "VIEW", "name": "orders_v", "database": "awsdatacatalog",
                                "schema": "sales", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "orders", "database": "awsdatacatalog",
                             "schema": "sales", "asset_id": "src1"}],
                "fields": [{"name": "id", "source_fields": [{"asset_id": "src1", "field_name": "id"}]}]},
               {"destination": {"type": "VIEW", "name": "daily", "database": "awsdatacatalog",
                                "schema": "web", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "hits", "database": "awsdatacatalog",
                             "schema": "web", "asset_id": "src1"}],
                "fields": [{"name": "dt", "source_fields": [{"asset_id": "src1", "field_name": "dt"}]}]},
               {"destination": {"type": "TABLE", "name": "hits_copy", "database": "awsdatacatalog",
                                "schema": "web", "asset_id": "dest"},
                "sources": [{"type": "TABLE", "name": "hits", "database": "awsdatacatalog",
                             "schema": "web", "asset_id": "src1"}],
                "fields": [{"name": "dt", "source_fields": [{"asset_id": "src1", "field_name": "dt"}]}]}
              ]
              """),
          JSON.valueToTree(events));
      JsonNode counts = JSON.readTree(work.resolve("l.json").toFile()).get("counts");
      assertEquals(4, counts.get("statements_read").asInt(), counts.toString());
      assertSigned(aws, KEY_ID);
      assertSecretNowhere(run.output());
    }
  }

  @Test
  void aNamedProfileSignsWithItsOwnKeys() throws Exception {
    Path credentials = work.resolve("credentials");
    Files.writeString(
        credentials,
        "[default]\naws_access_key_id = AKIDDEFAULTPROFILE\naws_secret_access_key = default-secret\n\n"
            + "[collector]\naws_access_key_id = AKIDPROFILETEST\naws_secret_access_key = " + SECRET + "\n");
    Path config = work.resolve("config");
    Files.writeString(config, "[profile collector]\nregion = eu-west-1\n");
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    System.setProperty("aws.configFile", config.toString());
    try (FakeAws aws = catalog(new FakeAws())) {
      // No --region: the SDK's region chain reads the profile's.
      InProcessPrograms.Run run =
          programs.capture(
              "CollectMetadata",
              List.of(
                  "--aws-profile", "collector",
                  "--glue-endpoint", aws.url(),
                  "--output-file", work.resolve("m.json").toString()));
      assertEquals(0, run.exitCode(), run.output());
      assertSigned(aws, "AKIDPROFILETEST");
      assertTrue(
          aws.requests().get(0).authorization().contains("/eu-west-1/glue/aws4_request"),
          aws.requests().get(0).authorization());
      assertFalse(run.output().contains(SECRET), run.output());
      assertFalse(Files.readString(work.resolve("m.json")).contains(SECRET));
    } finally {
      System.clearProperty("aws.sharedCredentialsFile");
      System.clearProperty("aws.configFile");
    }
  }

  @Test
  void checkCallsEveryApiOnceAndNamesTheIamActionsOfAFailure() throws Exception {
    try (FakeAws aws = catalog(history(new FakeAws()))) {
      List<String> arguments =
          awsArguments(aws, "--json", "--key-id", "kid", "--key-token", "ktok", "--resource-uuid", UUID);
      InProcessPrograms.Run run = programs.captureStdout("Check", arguments.toArray(String[]::new));
      JsonNode report = JSON.readTree(run.output());
      List<String> checks = new ArrayList<>();
      report.get("checks").forEach(c -> checks.add(c.get("check").asText() + "=" + c.get("status").asText()));
      assertTrue(checks.contains("glue:GetDatabases=ok"), checks.toString());
      assertTrue(checks.contains("glue:GetTables=ok"), checks.toString());
      assertTrue(checks.contains("athena:GetWorkGroup=ok"), checks.toString());
      // The newest query of the stub's history is from 2026-03-01, not from the last day.
      assertTrue(
          checks.contains("athena:ListQueryExecutions, athena:BatchGetQueryExecution=empty"),
          checks.toString());
      assertEquals(1, run.exitCode());

      aws.failNext(
          "AWSGlue.GetTables", "AccessDeniedException",
          "User: arn:aws:iam::123456789012:user/collector is not authorized to perform: glue:GetTables");
      InProcessPrograms.Run denied = programs.captureStdout("Check", arguments.toArray(String[]::new));
      JsonNode line = null;
      for (JsonNode c : JSON.readTree(denied.output()).get("checks")) {
        if (c.get("check").asText().equals("glue:GetTables")) {
          line = c;
        }
      }
      assertEquals("failed", line.get("status").asText(), denied.output());
      assertTrue(line.get("detail").asText().contains("not authorized to perform: glue:GetTables"), denied.output());
      assertTrue(line.get("needed").asText().contains("glue:GetTables"), denied.output());
      assertEquals(1, denied.exitCode());
      assertFalse(run.output().contains(SECRET) || denied.output().contains(SECRET));
    }
  }
}
