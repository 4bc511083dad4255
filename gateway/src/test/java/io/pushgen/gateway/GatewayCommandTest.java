package io.pushgen.gateway;

import static io.pushgen.gateway.LocalGatewayTest.KEY_ID;
import static io.pushgen.gateway.LocalGatewayTest.TOKEN;
import static io.pushgen.gateway.LocalGatewayTest.json;
import static io.pushgen.gateway.LocalGatewayTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayCommandTest {
  private final HttpClient client = LocalGatewayTest.newClient();

  private static CommandLine commandLine(GatewayCommand command, StringWriter out, StringWriter err) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }

  private HttpResponse<String> post(String baseUrl, String golden, String token) throws Exception {
    Goldens.Golden g = Goldens.get(golden);
    return client.send(
        request(baseUrl, g.path(), json(g.body())).setHeader("x-mcd-token", token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void defaults() {
    GatewayCommand command = new GatewayCommand();
    new CommandLine(command).parseArgs();
    assertEquals(8765, command.port);
    assertEquals("127.0.0.1", command.bind);
    assertEquals("MCD_INGEST_TOKEN", command.expectKeyTokenEnv);
    assertEquals(null, command.record);
  }

  @Test
  void recordsExpectedKeyAndLogsOneLinePerRequest(@TempDir Path dir) throws Exception {
    GatewayCommand command = new GatewayCommand();
    command.env = Map.of("MY_TOKEN", TOKEN)::get;
    StringWriter out = new StringWriter();
    commandLine(command, out, new StringWriter())
        .parseArgs(
            "--port", "0",
            "--record", dir.toString(),
            "--expect-key-id", KEY_ID,
            "--expect-key-token-env", "MY_TOKEN");
    String invocationId;
    try (LocalGateway gateway = command.startGateway()) {
      HttpResponse<String> accepted = post(gateway.baseUrl(), "querylogs_basic_utc", TOKEN);
      assertEquals(202, accepted.statusCode(), accepted.body());
      invocationId = Goldens.MAPPER.readTree(accepted.body()).get("invocation_id").asText();
      // It runs until stopped, so it lets the events of a body go once /graphql has them.
      assertEquals(0, gateway.received().get(0).eventCount());
      assertEquals(401, post(gateway.baseUrl(), "querylogs_basic_utc", "wrong").statusCode());
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.toList();
    }
    assertEquals(1, files.size());
    assertEquals(
        "000001-query_logs-" + invocationId + ".json", files.get(0).getFileName().toString());
    assertFalse(Files.readString(files.get(0)).contains(TOKEN));
    String log = out.toString();
    assertTrue(
        log.contains(
            "POST /ingest/v1/querylogs events=1 -> 202 invocation_id=" + invocationId),
        log);
    assertTrue(log.contains("POST /ingest/v1/querylogs -> 401 (invalid ingestion key)"), log);
    assertFalse(log.contains(TOKEN));
  }

  @Test
  void missingTokenVariableIsAUsageError() {
    GatewayCommand command = new GatewayCommand();
    command.env = name -> null;
    StringWriter err = new StringWriter();
    int exit =
        commandLine(command, new StringWriter(), err)
            .execute("--port", "0", "--expect-key-id", "x", "--expect-key-token-env", "NOPE");
    assertEquals(2, exit);
    assertTrue(err.toString().contains("environment variable NOPE"), err.toString());
  }

  @Test
  void lenientTimestampsOption() throws Exception {
    GatewayCommand command = new GatewayCommand();
    commandLine(command, new StringWriter(), new StringWriter())
        .parseArgs("--port", "0", "--lenient-timestamps");
    try (LocalGateway gateway = command.startGateway()) {
      var body = Goldens.get("querylogs_basic_utc").copy();
      Mutations.obj(body, "/events/0").put("start_time", "2024-03-01T12:00:00.5+02:00");
      HttpResponse<String> response =
          client.send(
              request(gateway.baseUrl(), "/ingest/v1/querylogs", json(body)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(202, response.statusCode(), response.body());
    }
  }

  @Test
  void callPrintsTheEndpointAndRunsUntilInterrupted() throws Exception {
    GatewayCommand command = new GatewayCommand();
    StringWriter out = new StringWriter();
    CommandLine cli = commandLine(command, out, new StringWriter());
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> exit = runner.submit(() -> cli.execute("--port", "0"));
      Pattern export = Pattern.compile("export MCD_API_ENDPOINT=(http://127\\.0\\.0\\.1:\\d+)");
      Matcher matcher = export.matcher("");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!(matcher = export.matcher(out.toString())).find()) {
        assertTrue(System.nanoTime() < deadline, "no export line: " + out);
        assertFalse(exit.isDone(), "exited early: " + out);
        Thread.sleep(20);
      }
      String baseUrl = matcher.group(1);
      assertTrue(out.toString().contains("listening on " + baseUrl), out.toString());
      assertEquals(202, post(baseUrl, "metadata_minimal_view", TOKEN).statusCode());
      runner.shutdownNow(); // interrupts call()
      assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    } finally {
      runner.shutdownNow();
    }
  }
}
