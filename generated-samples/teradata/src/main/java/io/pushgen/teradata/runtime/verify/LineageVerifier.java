// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.verify;

import io.pushgen.teradata.runtime.cli.Console;
import io.pushgen.teradata.runtime.cli.UsageException;
import io.pushgen.teradata.runtime.graphql.GraphQlClient.GraphQlException;
import io.pushgen.teradata.runtime.graphql.GraphQlOptions;
import io.pushgen.teradata.runtime.graphql.MonteCarloApi;
import io.pushgen.teradata.runtime.model.Flow;
import io.pushgen.teradata.runtime.model.LineageEvent.ColumnLineageField;
import io.pushgen.teradata.runtime.model.LineageEvent.ColumnLineageSourceField;
import io.pushgen.teradata.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.teradata.runtime.model.LineageEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a pushed lineage manifest: every pushed edge must be visible one hop upstream of its
 * destination ({@code getTableLineage}), and every column mapping must be among the destinations
 * of its source column ({@code getDerivedTablesPartialLineage}). Lookups are cached, so each
 * table is resolved and each destination's lineage is read once.
 */
public final class LineageVerifier {
  private LineageVerifier() {}

  public static int run(GraphQlOptions graphql, VerifyOptions options, Console console) {
    return run(graphql, options, false, console, Clock.systemUTC());
  }

  /**
   * @param tablesOnly check table edges only, not column mappings
   */
  public static int run(
      GraphQlOptions graphql,
      VerifyOptions options,
      boolean tablesOnly,
      Console console,
      Clock clock) {
    Verification.Check check = (api, resource, now) -> check(api, resource, options, tablesOnly);
    return Verification.run(graphql, options, console, clock, check);
  }

  /** The checks alone. */
  public static VerifyReport check(
      MonteCarloApi api, String resourceUuid, VerifyOptions options, boolean tablesOnly)
      throws IOException, UsageException, GraphQlException {
    ManifestSelection selection = ManifestSelection.read(options, Flow.LINEAGE);
    VerifyReport report =
        selection.report(List.of("kind", "source", "destination", "visible"), options.sample());
    Lookups lookups = new Lookups(api, resourceUuid);
    for (ManifestSelection.Indexed indexed : selection.events()) {
      checkEvent((LineageEvent) indexed.event(), lookups, tablesOnly, report);
    }
    report.remark(
        "Table lineage shows within seconds to minutes of a push, column lineage within"
            + " minutes; pushed column lineage expires after 10 days.");
    return report;
  }

  private static void checkEvent(
      LineageEvent event, Lookups lookups, boolean tablesOnly, VerifyReport report)
      throws GraphQlException {
    LineageAssetRef destination = event.destination();
    String destinationId = id(destination);
    Optional<String> destinationMcon = lookups.mcon(destinationId);
    Set<String> upstream =
        destinationMcon.isPresent() ? lookups.upstream(destinationMcon.get()) : Set.of();
    for (LineageAssetRef source : event.sources()) {
      String sourceId = id(source);
      if ("WILDCARD".equalsIgnoreCase(source.type())) {
        report.add(
            List.of("table", sourceId, destinationId, ""),
            VerifyReport.Status.SKIPPED,
            List.of("wildcard sources are not table nodes"),
            Map.of());
        continue;
      }
      Optional<String> sourceMcon = lookups.mcon(sourceId);
      Map<String, Object> details = new LinkedHashMap<>();
      destinationMcon.ifPresent(m -> details.put("destination_mcon", m));
      sourceMcon.ifPresent(m -> details.put("source_mcon", m));
      if (destinationMcon.isEmpty() || sourceMcon.isEmpty()) {
        report.add(
            List.of("table", sourceId, destinationId, "no"),
            VerifyReport.Status.MISSING,
            List.of(
                (destinationMcon.isEmpty() ? "destination " + destinationId : "source " + sourceId)
                    + " is not known to Monte Carlo"),
            details);
        continue;
      }
      boolean visible = upstream.contains(sourceMcon.get());
      report.add(
          List.of("table", sourceId, destinationId, visible ? "yes" : "no"),
          visible ? VerifyReport.Status.OK : VerifyReport.Status.MISSING,
          visible ? List.of() : List.of("the source is not upstream of the destination"),
          details);
    }
    if (tablesOnly) {
      return;
    }
    Map<String, LineageAssetRef> byAssetId = new HashMap<>();
    for (LineageAssetRef source : event.sources()) {
      if (source.assetId() != null) {
        byAssetId.put(source.assetId(), source);
      }
    }
    for (ColumnLineageField field : event.fields()) {
      for (ColumnLineageSourceField sourceField : field.sourceFields()) {
        LineageAssetRef source = byAssetId.get(sourceField.assetId());
        String destinationColumn = destinationId + "." + field.name();
        if (source == null) {
          report.add(
              List.of("column", sourceField.assetId() + "." + sourceField.fieldName(), destinationColumn, ""),
              VerifyReport.Status.SKIPPED,
              List.of("asset_id " + sourceField.assetId() + " names no source of the event"),
              Map.of());
          continue;
        }
        String sourceColumn = id(source) + "." + sourceField.fieldName();
        Optional<String> sourceMcon = lookups.mcon(id(source));
        if (destinationMcon.isEmpty() || sourceMcon.isEmpty()) {
          report.add(
              List.of("column", sourceColumn, destinationColumn, "no"),
              VerifyReport.Status.MISSING,
              List.of(
                  (destinationMcon.isEmpty() ? "destination " + destinationId : "source " + id(source))
                      + " is not known to Monte Carlo"),
              Map.of());
          continue;
        }
        boolean visible = false;
        for (MonteCarloApi.ColumnDestination target :
            lookups.columnDestinations(sourceMcon.get(), sourceField.fieldName())) {
          if (destinationMcon.get().equals(target.tableMcon())
              && target.columns().stream()
                  .anyMatch(c -> c != null && c.equalsIgnoreCase(field.name()))) {
            visible = true;
            break;
          }
        }
        report.add(
            List.of("column", sourceColumn, destinationColumn, visible ? "yes" : "no"),
            visible ? VerifyReport.Status.OK : VerifyReport.Status.MISSING,
            visible ? List.of() : List.of("the column mapping is not in the source column's lineage"),
            Map.of());
      }
    }
  }

  private static String id(LineageAssetRef ref) {
    return MonteCarloApi.fullTableId(ref.database(), ref.schema(), ref.name());
  }

  /** Cached lookups. */
  private static final class Lookups {
    private final MonteCarloApi api;
    private final String resourceUuid;
    private final Map<String, Optional<String>> mcons = new HashMap<>();
    private final Map<String, Set<String>> upstream = new HashMap<>();
    private final Map<String, List<MonteCarloApi.ColumnDestination>> columns = new HashMap<>();

    Lookups(MonteCarloApi api, String resourceUuid) {
      this.api = api;
      this.resourceUuid = resourceUuid;
    }

    Optional<String> mcon(String fullTableId) throws GraphQlException {
      Optional<String> known = mcons.get(fullTableId);
      if (known == null) {
        MonteCarloApi.Table table = api.table(fullTableId, resourceUuid);
        known = Optional.ofNullable(table == null ? null : table.mcon());
        mcons.put(fullTableId, known);
      }
      return known;
    }

    Set<String> upstream(String mcon) throws GraphQlException {
      Set<String> known = upstream.get(mcon);
      if (known == null) {
        known = api.lineage(mcon, "upstream").connected(mcon);
        upstream.put(mcon, known);
      }
      return known;
    }

    List<MonteCarloApi.ColumnDestination> columnDestinations(String mcon, String column)
        throws GraphQlException {
      String key = mcon + "\u0000" + column.toLowerCase(Locale.ROOT);
      List<MonteCarloApi.ColumnDestination> known = columns.get(key);
      if (known == null) {
        known = api.columnDestinations(mcon, column);
        columns.put(key, known);
      }
      return known;
    }
  }
}
