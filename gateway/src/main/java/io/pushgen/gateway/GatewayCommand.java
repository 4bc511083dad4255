package io.pushgen.gateway;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pushgen gateway}: runs the {@link LocalGateway} until interrupted. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a local, strict stand-in for Monte Carlo's integration gateway for dry runs.",
      "It checks the key headers, the 1 MB gzip-compressed size limit and every body against the"
          + " push-ingestion contract, answers 202 with an invocation id, and logs one line per"
          + " request. Faults can be injected with POST "
          + LocalGateway.FAULTS_PATH
          + ", e.g. {\"fail\": {\"count\": 2, \"status\": 503}}.",
      "It also serves POST " + GraphQlGateway.PATH + ", answering the GraphQL operations of the"
          + " verification and lineage programs from what it accepted (test hooks at POST "
          + GraphQlGateway.ADMIN_PATH + ", e.g. {\"remove_table\": \"db:schema.table\"}).",
      "Point push programs at it with MCD_API_ENDPOINT, GraphQL programs with"
          + " MCD_GRAPHQL_ENDPOINT. Stop it with Ctrl-C."
    })
public final class GatewayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8765",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--record",
      paramLabel = "DIR",
      description = "Also write each accepted body to DIR/<seq>-<flow>-<invocation_id>.json.")
  Path record;

  @Option(
      names = "--expect-key-id",
      paramLabel = "ID",
      description =
          "Only accept this ingestion key id, with the token from --expect-key-token-env"
              + " (default: any non-empty id and token).")
  String expectKeyId;

  @Option(
      names = "--expect-key-token-env",
      paramLabel = "VAR",
      defaultValue = Contract.ENV_INGEST_TOKEN,
      description =
          "Environment variable holding the expected token, with --expect-key-id"
              + " (default: ${DEFAULT-VALUE}).")
  String expectKeyTokenEnv;

  @Option(
      names = "--lenient-timestamps",
      description =
          "Accept any ISO-8601 start_time/end_time with an offset, not only the SDK's UTC form.")
  boolean lenientTimestamps;

  /** Reads environment variables; replaceable in tests. */
  Function<String, String> env = System::getenv;

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() {
    PrintWriter out = out();
    PrintWriter err = err();
    LocalGateway gateway;
    try {
      gateway = startGateway();
    } catch (UsageException e) {
      err.println("pushgen gateway: " + e.getMessage());
      err.flush();
      return 2;
    } catch (IOException e) {
      err.println("pushgen gateway: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
      err.flush();
      return 1;
    }
    Thread hook = new Thread(() -> stop(gateway), "pushgen-gateway-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("pushgen local gateway listening on " + gateway.baseUrl());
    out.println("Point push programs at it with:");
    out.println("  export " + Contract.ENV_API_ENDPOINT + "=" + gateway.baseUrl());
    out.println("and verification and lineage programs (GraphQL) with:");
    out.println("  export MCD_GRAPHQL_ENDPOINT=" + gateway.baseUrl() + GraphQlGateway.PATH);
    if (record != null) {
      out.println("Recording accepted bodies in " + record.toAbsolutePath());
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stop(gateway);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running
      }
    }
    return 0;
  }

  /**
   * Starts the gateway as the options say and wires the per-request log to the command's output;
   * {@link #call()} uses it and then waits. The caller closes the returned gateway.
   */
  LocalGateway startGateway() throws IOException {
    // It runs until stopped: keep what /graphql answers from, not every body pushed.
    LocalGateway gateway = new LocalGateway().letEventsGo();
    if (expectKeyId != null) {
      String token = env.apply(expectKeyTokenEnv);
      if (token == null || token.isEmpty()) {
        throw new UsageException(
            "--expect-key-id needs the token in environment variable "
                + expectKeyTokenEnv
                + ", which is not set");
      }
      gateway.expectKey(expectKeyId, token);
    }
    if (record != null) {
      gateway.recordTo(record);
    }
    gateway.sdkTimestamps(!lenientTimestamps);
    PrintWriter out = out();
    gateway.onRequest(
        log -> {
          synchronized (out) {
            out.println(log.line());
            out.flush();
          }
        });
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new UsageException("--bind: unknown address '" + bind + "'");
    }
    if (port < 0 || port > 65535) {
      throw new UsageException("--port: must be between 0 and 65535, got " + port);
    }
    return gateway.start(new InetSocketAddress(address, port));
  }

  private void stop(LocalGateway gateway) {
    gateway.close();
    stopped.countDown();
  }

  private PrintWriter out;

  private synchronized PrintWriter out() {
    if (out == null) {
      out =
          spec != null
              ? spec.commandLine().getOut()
              : new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    }
    return out;
  }

  private PrintWriter err() {
    return spec != null
        ? spec.commandLine().getErr()
        : new PrintWriter(System.err, true, StandardCharsets.UTF_8);
  }

  /** A bad option value, reported with exit code 2. */
  static final class UsageException extends IOException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
