// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.trino.runtime.verify;

import io.pushgen.trino.runtime.cli.Console;
import io.pushgen.trino.runtime.cli.UsageException;
import io.pushgen.trino.runtime.graphql.GraphQlClient.GraphQlException;
import io.pushgen.trino.runtime.graphql.GraphQlOptions;
import io.pushgen.trino.runtime.graphql.MonteCarloApi;
import io.pushgen.trino.runtime.model.Flow;
import io.pushgen.trino.runtime.model.QueryLogEntry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * Verifies a pushed query-log manifest: for each table the pushed queries touched (found by
 * {@link QueryTables}' token scan, or given with {@code --table}), Monte Carlo's aggregated read
 * and write queries over the manifest's window must not be empty. Query logs show only 15-20
 * minutes after a push (up to an hour), so inside {@code --processing-delay} of the push a table
 * without queries is "not yet visible" (exit 3), not missing.
 */
public final class QueryLogVerifier {
  /** The documented worst case: query logs can take up to an hour to show. */
  public static final int DEFAULT_DELAY_MINUTES = 60;

  private QueryLogVerifier() {}

  /** The options only this verification has, as a picocli mixin. */
  public static class Options {
    @Option(
        names = "--table",
        paramLabel = "FULL_TABLE_ID",
        description =
            "Check this table (<database>:<schema>.<table>) instead of the tables found in the"
                + " query texts; repeatable. Both read and write queries count.")
    private List<String> tables = new ArrayList<>();

    @Option(
        names = "--database",
        paramLabel = "NAME",
        description =
            "Database of table names the queries write as schema.table (default: the entry's"
                + " extra.database_name, if any).")
    private String database;

    @Option(
        names = "--schema",
        paramLabel = "NAME",
        description = "Schema of table names the queries write without one (with --database).")
    private String schema;

    @Option(
        names = "--processing-delay",
        paramLabel = "MINUTES",
        defaultValue = "" + DEFAULT_DELAY_MINUTES,
        description =
            "Until this long after the push, queries not yet seen are 'not yet visible' (exit 3)"
                + " rather than missing (default: ${DEFAULT-VALUE}).")
    private int delayMinutes = DEFAULT_DELAY_MINUTES;

    public Options set(List<String> tables, String database, String schema, int delayMinutes) {
      this.tables = new ArrayList<>(tables);
      this.database = database;
      this.schema = schema;
      this.delayMinutes = delayMinutes;
      return this;
    }
  }

  public static int run(
      GraphQlOptions graphql, VerifyOptions options, Options own, Console console) {
    return run(graphql, options, own, console, Clock.systemUTC());
  }

  public static int run(
      GraphQlOptions graphql, VerifyOptions options, Options own, Console console, Clock clock) {
    Verification.Check check = (api, resource, now) -> check(api, resource, options, own, now);
    return Verification.run(graphql, options, console, clock, check);
  }

  /** What the pushed queries did to one table. */
  private static final class Touched {
    int reads;
    int writes;
    boolean explicit;
  }

  /** The checks alone. */
  public static VerifyReport check(
      MonteCarloApi api, String resourceUuid, VerifyOptions options, Options own, Clock clock)
      throws IOException, UsageException, GraphQlException {
    if (own.delayMinutes < 0) {
      throw new UsageException("--processing-delay must not be negative");
    }
    ManifestSelection selection = ManifestSelection.read(options, Flow.QUERY_LOGS);
    VerifyReport report =
        selection.report(
            List.of("table", "type", "pushed queries", "seen queries", "visible"),
            options.sample());

    // The window: the manifest's, else the span of the selected queries.
    Instant start = selection.reader().header().windowStart();
    Instant end = selection.reader().header().windowEnd();
    Map<String, Touched> tables = new TreeMap<>();
    Set<String> unresolved = new TreeSet<>();
    Map<String, String> spelling = new java.util.HashMap<>();
    Instant first = null;
    Instant last = null;
    for (ManifestSelection.Indexed indexed : selection.events()) {
      QueryLogEntry entry = (QueryLogEntry) indexed.event();
      first = first == null || entry.startTime().isBefore(first) ? entry.startTime() : first;
      last = last == null || entry.endTime().isAfter(last) ? entry.endTime() : last;
      if (!own.tables.isEmpty()) {
        continue;
      }
      String database = own.database;
      if (database == null && entry.extra() != null && entry.extra().get("database_name") != null) {
        database = String.valueOf(entry.extra().get("database_name"));
      }
      for (QueryTables.Reference reference : QueryTables.scan(entry.queryText())) {
        String id = resolve(reference.parts(), database, own.schema);
        if (id == null) {
          unresolved.add(reference.name());
          continue;
        }
        // Names differ in case between queries (unquoted names fold): one row per table.
        String known = spelling.computeIfAbsent(id.toLowerCase(Locale.ROOT), k -> id);
        Touched touched = tables.computeIfAbsent(known, k -> new Touched());
        if (reference.write()) {
          touched.writes++;
        } else {
          touched.reads++;
        }
      }
    }
    for (String id : own.tables) {
      if (!id.contains(":")) {
        throw new UsageException("--table '" + id + "' is not a fullTableId (<database>:<schema>.<table>)");
      }
      Touched touched = tables.computeIfAbsent(id, k -> new Touched());
      touched.explicit = true;
    }
    if (start == null) {
      start = first;
      end = last;
    }
    if (start == null) {
      report.remark("the manifest holds no queries to verify");
      return report;
    }
    // Aggregation is by day or hour in Monte Carlo: widen the window a little on both sides.
    Instant queryStart = start.minus(Duration.ofHours(1));
    Instant queryEnd = end.plus(Duration.ofHours(1));
    report.fact("window", start + " .. " + end);
    Instant pushedAt = selection.pushedAt();
    Instant visibleBy = pushedAt.plus(Duration.ofMinutes(own.delayMinutes));
    boolean early = clock.instant().isBefore(visibleBy);
    report.fact("pushed", pushedAt + (early ? " (still inside the processing delay, until " + visibleBy + ")" : ""));

    for (Map.Entry<String, Touched> e : tables.entrySet()) {
      String id = e.getKey();
      Touched touched = e.getValue();
      MonteCarloApi.Table table = api.table(id, resourceUuid);
      List<String> types = new ArrayList<>();
      if (touched.explicit || touched.reads > 0) {
        types.add("read");
      }
      if (touched.explicit || touched.writes > 0) {
        types.add("write");
      }
      if (table == null) {
        report.add(
            List.of(id, String.join("+", types), String.valueOf(touched.reads + touched.writes), "", "no"),
            VerifyReport.Status.MISSING,
            List.of("the table is not known to Monte Carlo: push its metadata first"),
            Map.of());
        continue;
      }
      if (touched.explicit) {
        long seen = 0;
        for (String type : types) {
          seen += seen(api.aggregatedQueries(table.mcon(), type, queryStart, queryEnd));
        }
        add(report, id, "read+write", touched.reads + touched.writes, seen, early, table.mcon());
        continue;
      }
      for (String type : types) {
        long seen = seen(api.aggregatedQueries(table.mcon(), type, queryStart, queryEnd));
        add(report, id, type, type.equals("read") ? touched.reads : touched.writes, seen, early, table.mcon());
      }
    }
    if (!unresolved.isEmpty()) {
      List<String> names = new ArrayList<>(unresolved);
      report.remark(
          "not checked, no database known for these names (pass --database, and --schema for bare"
              + " names): "
              + String.join(", ", names.subList(0, Math.min(10, names.size())))
              + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : ""));
    }
    report.remark(
        "Query logs show 15-20 minutes after a push, up to an hour; tables come from a token scan"
            + " of the query texts (use --table to name them).");
    return report;
  }

  private static void add(
      VerifyReport report, String id, String type, int pushed, long seen, boolean early, String mcon) {
    VerifyReport.Status status;
    List<String> notes = new ArrayList<>();
    if (seen > 0) {
      status = VerifyReport.Status.OK;
    } else if (early) {
      status = VerifyReport.Status.NOT_YET_VISIBLE;
      notes.add("no " + type + " queries yet; still inside the processing delay, check again later");
    } else {
      status = VerifyReport.Status.MISSING;
      notes.add("no " + type + " queries seen in the window");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mcon", mcon);
    report.add(
        List.of(id, type, String.valueOf(pushed), String.valueOf(seen), seen > 0 ? "yes" : "no"),
        status,
        notes,
        details);
  }

  private static long seen(List<MonteCarloApi.AggregatedQuery> queries) {
    long total = 0;
    for (MonteCarloApi.AggregatedQuery query : queries) {
      total += Math.max(1, query.queryCount());
    }
    return total;
  }

  /** {@code database:schema.table} from one to three name parts, or null when not enough is known. */
  static String resolve(List<String> parts, String database, String schema) {
    return switch (parts.size()) {
      case 3 -> MonteCarloApi.fullTableId(parts.get(0), parts.get(1), parts.get(2));
      case 2 -> database == null ? null : MonteCarloApi.fullTableId(database, parts.get(0), parts.get(1));
      case 1 ->
          database == null || schema == null
              ? null
              : MonteCarloApi.fullTableId(database, schema, parts.get(0));
      default -> null;
    };
  }
}
