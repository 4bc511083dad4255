// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.graphql;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgen.teradata.runtime.cli.Console;
import io.pushgen.teradata.runtime.cli.ExitCode;
import io.pushgen.teradata.runtime.cli.UsageException;
import io.pushgen.teradata.runtime.collect.NamePatterns;
import io.pushgen.teradata.runtime.graphql.GraphQlClient.GraphQlException;
import io.pushgen.teradata.runtime.manifest.ManifestReader.ManifestException;
import io.pushgen.teradata.runtime.manifest.ManifestReader;
import io.pushgen.teradata.runtime.model.Flow;
import io.pushgen.teradata.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.teradata.runtime.model.LineageEvent;
import io.pushgen.teradata.runtime.model.RelationalAsset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Deletes push-ingested tables, which Monte Carlo never removes by itself: collects fullTableIds
 * from manifests, list files and the command line, keeps those matching {@code --pattern},
 * resolves their MCONs, lists them, asks for confirmation (unless {@code --yes}; without a
 * terminal the answer is no), and deletes them in calls of at most 1,000 MCONs. {@code
 * --dry-run} stops after the list.
 *
 * <p>The GraphQL contract has no operation that lists tables, so a pattern selects among the
 * tables named by the other inputs rather than among all of Monte Carlo's.
 */
public final class PushTableDeleter {
  private PushTableDeleter() {}

  /** The options of {@code delete-push-tables}. */
  public static class Options {
    @Parameters(paramLabel = "FULL_TABLE_ID", arity = "0..*", description = "Tables to delete, as <database>:<schema>.<table>.")
    List<String> ids = new ArrayList<>();

    @Option(
        names = "--manifest",
        paramLabel = "FILE",
        description = "Delete the tables of a metadata manifest (or the destinations and sources of a lineage manifest); repeatable.")
    List<Path> manifests = new ArrayList<>();

    @Option(
        names = "--tables-file",
        paramLabel = "FILE",
        description = "Delete the fullTableIds listed in FILE, one a line (# starts a comment); repeatable.")
    List<Path> tableFiles = new ArrayList<>();

    @Option(
        names = "--pattern",
        paramLabel = "GLOB",
        description =
            "Only the tables whose fullTableId matches (* any run, ? one character, case ignored);"
                + " repeatable. Selects among the tables the other inputs name.")
    List<String> patterns = new ArrayList<>();

    @Option(names = "--yes", description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    @Option(names = "--dry-run", description = "Resolve and list the tables; delete nothing.")
    boolean dryRun;

    @Option(
        names = "--batch-size",
        paramLabel = "N",
        defaultValue = "" + Queries.MAX_DELETE_MCONS,
        description = "MCONs per delete call (default and maximum: ${DEFAULT-VALUE}).")
    int batchSize = Queries.MAX_DELETE_MCONS;

    @Option(
        names = "--parallelism",
        paramLabel = "N",
        defaultValue = "4",
        description = "Tables resolved at once (default: ${DEFAULT-VALUE}).")
    int parallelism = 4;

    @Option(
        names = "--show",
        paramLabel = "N",
        defaultValue = "50",
        description = "List at most N tables before asking (default: ${DEFAULT-VALUE}; all with --json).")
    int show = 50;

    @Option(names = "--json", description = "Print what was resolved and deleted as JSON.")
    boolean json;

    public Options set(List<String> ids, List<Path> manifests, List<String> patterns, boolean yes, boolean dryRun) {
      this.ids = new ArrayList<>(ids);
      this.manifests = new ArrayList<>(manifests);
      this.patterns = new ArrayList<>(patterns);
      this.yes = yes;
      this.dryRun = dryRun;
      return this;
    }
  }

  public static int run(GraphQlOptions graphql, Options options, Console console) {
    return run(graphql, options, console, Confirmation.terminal());
  }

  public static int run(
      GraphQlOptions graphql, Options options, Console console, Confirmation confirmation) {
    return LineageTools.guarded(console, () -> delete(graphql, options, console, confirmation));
  }

  private static int delete(
      GraphQlOptions graphql, Options options, Console console, Confirmation confirmation)
      throws UsageException, GraphQlException, IOException {
    if (options.batchSize < 1 || options.batchSize > Queries.MAX_DELETE_MCONS) {
      throw new UsageException(
          "--batch-size must be between 1 and " + Queries.MAX_DELETE_MCONS + ", not " + options.batchSize);
    }
    if (options.parallelism < 1 || options.parallelism > 32) {
      throw new UsageException("--parallelism must be between 1 and 32");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String id : options.ids) {
      ids.add(checkId(id, "argument"));
    }
    for (Path file : options.tableFiles) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UsageException("no such file: " + file);
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        int hash = line.indexOf('#');
        String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (!text.isEmpty()) {
          ids.add(checkId(text, file + ":" + (i + 1)));
        }
      }
    }
    for (Path manifest : options.manifests) {
      ids.addAll(manifestTables(manifest));
    }
    if (ids.isEmpty()) {
      throw new UsageException(
          "no tables named: pass fullTableIds, --tables-file or --manifest (a --pattern selects"
              + " among those; the GraphQL API offers no table listing to match it against)");
    }
    if (!options.patterns.isEmpty()) {
      NamePatterns patterns = NamePatterns.of(options.patterns);
      ids.removeIf(id -> !patterns.matches(id));
      if (ids.isEmpty()) {
        console.info("no table matches " + String.join(", ", options.patterns) + "; nothing to delete");
        return ExitCode.OK;
      }
    }
    String resource = graphql.resourceUuid();
    try (MonteCarloApi api = graphql.api(console)) {
      return resolveAndDelete(api, ids, resource, options, console, confirmation);
    }
  }

  /** Resolves the tables' MCONs, lists them, asks for confirmation and deletes them in calls. */
  private static int resolveAndDelete(
      MonteCarloApi api,
      Set<String> ids,
      String resource,
      Options options,
      Console console,
      Confirmation confirmation)
      throws IOException, GraphQlException {
    if (!options.json) {
      console.info("Resolving " + ids.size() + (ids.size() == 1 ? " table" : " tables") + "...");
    }
    List<String> order = new ArrayList<>(ids);
    List<MonteCarloApi.Table> resolved = resolve(api, order, resource, options.parallelism);
    List<String[]> found = new ArrayList<>();
    List<String> notFound = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      MonteCarloApi.Table table = resolved.get(i);
      if (table == null) {
        notFound.add(order.get(i));
      } else {
        found.add(new String[] {order.get(i), table.mcon()});
      }
    }
    ObjectNode report = LineageTools.object();
    report.put("dry_run", options.dryRun);
    ArrayNode tables = report.putArray("tables");
    found.forEach(f -> tables.addObject().put("full_table_id", f[0]).put("mcon", f[1]));
    ArrayNode missing = report.putArray("not_found");
    notFound.forEach(missing::add);
    if (!options.json) {
      console.info(
          found.size() + " resolved, " + notFound.size() + " not known to Monte Carlo (skipped).");
      if (!found.isEmpty()) {
        console.info("Tables to delete, with their lineage nodes and edges (this cannot be undone):");
        int shown = Math.min(found.size(), Math.max(0, options.show));
        for (int i = 0; i < shown; i++) {
          console.info("  " + found.get(i)[0] + "  " + found.get(i)[1]);
        }
        if (shown < found.size()) {
          console.info("  ... and " + (found.size() - shown) + " more (--show N or --json lists them)");
        }
      }
      for (String id : notFound.subList(0, Math.min(notFound.size(), 20))) {
        console.info("  not found: " + id);
      }
    }
    int calls = (found.size() + options.batchSize - 1) / options.batchSize;
    report.put("calls_planned", calls);
    if (found.isEmpty() || options.dryRun) {
      report.put("deleted", 0);
      if (options.json) {
        console.info(LineageTools.pretty(report));
      } else {
        console.info(
            found.isEmpty()
                ? "nothing to delete"
                : "dry run: " + found.size() + " tables would be deleted in " + calls + " calls");
      }
      return ExitCode.OK;
    }
    if (!options.yes
        && !confirmation.confirm(
            "Delete " + found.size() + " push-ingested tables from Monte Carlo?")) {
      console.error(LineageTools.notConfirmed());
      return ExitCode.FAILURE;
    }
    long deleted = 0;
    int failedCalls = 0;
    ArrayNode callsJson = report.putArray("calls");
    for (int call = 0; call < calls; call++) {
      List<String> mcons = new ArrayList<>();
      for (int i = call * options.batchSize; i < Math.min(found.size(), (call + 1) * options.batchSize); i++) {
        mcons.add(found.get(i)[1]);
      }
      MonteCarloApi.TableDeletion deletion;
      try {
        deletion = api.deletePushIngestedTables(mcons);
      } catch (GraphQlException e) {
        console.error(
            "delete call "
                + (call + 1)
                + " of "
                + calls
                + " failed ("
                + deleted
                + " tables deleted before it): "
                + e.getMessage());
        return ExitCode.FAILURE;
      }
      deleted += deletion.deletedCount();
      if (!deletion.success()) {
        failedCalls++;
      }
      callsJson
          .addObject()
          .put("mcons", mcons.size())
          .put("success", deletion.success())
          .put("deleted_count", deletion.deletedCount());
      if (!options.json) {
        console.info(
            "call "
                + (call + 1)
                + " of "
                + calls
                + ": "
                + mcons.size()
                + " MCONs, "
                + deletion.deletedCount()
                + " deleted"
                + (deletion.success() ? "" : " (Monte Carlo reported no success)"));
      }
    }
    report.put("deleted", deleted);
    if (options.json) {
      console.info(LineageTools.pretty(report));
    } else {
      console.info(
          "deleted "
              + deleted
              + " of "
              + found.size()
              + " tables in "
              + calls
              + (calls == 1 ? " call" : " calls")
              + (notFound.isEmpty() ? "" : "; " + notFound.size() + " were not known to Monte Carlo"));
    }
    return failedCalls == 0 ? ExitCode.OK : ExitCode.FAILURE;
  }

  private static String checkId(String id, String where) throws UsageException {
    String text = id.strip();
    int colon = text.indexOf(':');
    if (colon <= 0 || text.indexOf('.', colon) < 0) {
      throw new UsageException(
          where + ": '" + text + "' is not a fullTableId (<database>:<schema>.<table>)");
    }
    return text;
  }

  /** The fullTableIds of a metadata manifest's assets or a lineage manifest's tables. */
  static Set<String> manifestTables(Path manifest) throws IOException, UsageException {
    ManifestReader reader;
    try {
      reader = ManifestReader.open(manifest);
    } catch (NoSuchFileException e) {
      throw new UsageException("no such manifest: " + manifest);
    } catch (ManifestException e) {
      throw new UsageException(e.getMessage());
    }
    Set<String> ids = new LinkedHashSet<>();
    Flow flow = reader.header().flow();
    if (flow == Flow.QUERY_LOGS) {
      throw new UsageException(manifest + " is a query-log manifest; it names no tables");
    }
    try (ManifestReader.Events events = reader.events()) {
      while (events.hasNext()) {
        Object event = events.next();
        if (event instanceof RelationalAsset asset) {
          ids.add(
              MonteCarloApi.fullTableId(
                  asset.metadata().database(), asset.metadata().schema(), asset.metadata().name()));
        } else if (event instanceof LineageEvent lineage) {
          List<LineageAssetRef> refs = new ArrayList<>(lineage.sources());
          refs.add(0, lineage.destination());
          for (LineageAssetRef ref : refs) {
            if (!"WILDCARD".equalsIgnoreCase(ref.type())) {
              ids.add(MonteCarloApi.fullTableId(ref.database(), ref.schema(), ref.name()));
            }
          }
        }
      }
    }
    return ids;
  }

  private static List<MonteCarloApi.Table> resolve(
      MonteCarloApi api, List<String> ids, String resource, int parallelism)
      throws GraphQlException {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
      Thread thread = new Thread(runnable, "pushgen-resolve");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<MonteCarloApi.Table>> futures = new ArrayList<>();
      for (String id : ids) {
        futures.add(pool.submit(() -> api.table(id, resource)));
      }
      List<MonteCarloApi.Table> tables = new ArrayList<>();
      for (Future<MonteCarloApi.Table> future : futures) {
        try {
          tables.add(future.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof GraphQlException g) {
            throw g;
          }
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GraphQlException("interrupted while resolving tables", 0, List.of());
        }
      }
      return tables;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Asks the person at the terminal to confirm an irreversible action. Without a terminal (CI, a
   * pipe, a cron job) nobody can answer, so the answer is no: such runs pass {@code --yes}.
   */
  @FunctionalInterface
  public interface Confirmation {
    /**
     * @param question the question, e.g. {@code Delete 3 tables?}
     * @return whether the user typed {@code yes} (or {@code y})
     */
    boolean confirm(String question);

    /** The terminal, if there is one; no otherwise. */
    static Confirmation terminal() {
      return question -> {
        java.io.Console console = System.console();
        if (console == null) {
          return false;
        }
        String answer = console.readLine("%s Type 'yes' to confirm: ", question);
        return answer != null
            && (answer.strip().equalsIgnoreCase("yes") || answer.strip().equalsIgnoreCase("y"));
      };
    }

    /** Whether {@link #terminal()} can ask anyone. */
    static boolean hasTerminal() {
      return System.console() != null;
    }
  }
}
