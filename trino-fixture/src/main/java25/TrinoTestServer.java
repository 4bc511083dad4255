import static io.trino.testing.TestingSession.testSessionBuilder;

import io.trino.plugin.memory.MemoryPlugin;
import io.trino.testing.DistributedQueryRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A one-node Trino server with the memory connector as catalog {@code memory}, for the generator's
 * Trino end-to-end test. Run with Java 25 in source-file mode on the class path that
 * trino-fixture's build writes to {@code target/trino-classpath.txt}:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp "$(cat target/trino-classpath.txt)" \
 *     src/main/java25/TrinoTestServer.java READY_FILE
 * </pre>
 *
 * Once the server answers, its base URL (http://127.0.0.1:PORT) is written to READY_FILE. It
 * stops when its standard input ends, so it never outlives the test that started it.
 */
public final class TrinoTestServer {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: TrinoTestServer READY_FILE");
      System.exit(2);
    }
    Path ready = Path.of(args[0]);
    // No workers: the coordinator schedules the queries on itself.
    DistributedQueryRunner runner =
        DistributedQueryRunner.builder(testSessionBuilder().setCatalog("memory").setSchema("default").build())
            .setWorkerCount(0)
            .build();
    try {
      runner.installPlugin(new MemoryPlugin());
      runner.createCatalog("memory", "memory", Map.of());
      Path partial = ready.resolveSibling(ready.getFileName() + ".partial");
      Files.writeString(partial, runner.getCoordinator().getBaseUrl().toString());
      Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE);
      while (System.in.read() >= 0) {
        // Runs until the parent closes our standard input (or dies).
      }
    } finally {
      runner.close();
    }
    System.exit(0);
  }
}
