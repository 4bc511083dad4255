// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.sqlserver.runtime.verify;

import io.pushgen.sqlserver.runtime.cli.Console;
import io.pushgen.sqlserver.runtime.cli.UsageException;
import io.pushgen.sqlserver.runtime.graphql.GraphQlClient.GraphQlException;
import io.pushgen.sqlserver.runtime.graphql.GraphQlOptions;
import io.pushgen.sqlserver.runtime.graphql.MonteCarloApi;
import io.pushgen.sqlserver.runtime.model.Flow;
import io.pushgen.sqlserver.runtime.model.RelationalAsset.AssetField;
import io.pushgen.sqlserver.runtime.model.RelationalAsset;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verifies a pushed metadata manifest: for each asset, resolves its MCON from its fullTableId,
 * compares the pushed fields with Monte Carlo's latest version (missing, extra, type
 * differences), and looks for row count, byte count and freshness metric points since the
 * collection. Columns: found / schema matches / volume seen / freshness seen ({@code -} where
 * nothing was pushed to compare with).
 */
public final class MetadataVerifier {
  /** Metric points are looked for from this long before the collection. */
  static final Duration METRIC_LOOKBACK = Duration.ofHours(1);

  private MetadataVerifier() {}

  /** The program: options, client, checks, report, exit code. */
  public static int run(GraphQlOptions graphql, VerifyOptions options, Console console) {
    return run(graphql, options, console, Clock.systemUTC());
  }

  public static int run(
      GraphQlOptions graphql, VerifyOptions options, Console console, Clock clock) {
    Verification.Check check = (api, resource, now) -> check(api, resource, options, now);
    return Verification.run(graphql, options, console, clock, check);
  }

  /** The checks alone. */
  public static VerifyReport check(
      MonteCarloApi api, String resourceUuid, VerifyOptions options, Clock clock)
      throws IOException, UsageException, GraphQlException {
    ManifestSelection selection = ManifestSelection.read(options, Flow.METADATA);
    VerifyReport report =
        selection.report(
            List.of("asset", "found", "schema matches", "volume seen", "freshness seen"),
            options.sample());
    Instant start = selection.reader().header().collectedAt().minus(METRIC_LOOKBACK);
    Instant end = clock.instant().plus(Duration.ofMinutes(5));
    for (ManifestSelection.Indexed indexed : selection.events()) {
      RelationalAsset asset = (RelationalAsset) indexed.event();
      checkAsset(api, resourceUuid, asset, start, end, report);
    }
    report.remark(
        "Metadata shows in Monte Carlo within minutes of a push; right after a push, run again"
            + " before concluding that something is missing.");
    return report;
  }

  private static void checkAsset(
      MonteCarloApi api,
      String resourceUuid,
      RelationalAsset asset,
      Instant start,
      Instant end,
      VerifyReport report)
      throws GraphQlException {
    String id =
        MonteCarloApi.fullTableId(
            asset.metadata().database(), asset.metadata().schema(), asset.metadata().name());
    Map<String, Object> details = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    MonteCarloApi.Table table = api.table(id, resourceUuid);
    if (table == null) {
      report.add(
          List.of(id, "no", "", "", ""),
          VerifyReport.Status.MISSING,
          List.of("not found in Monte Carlo (getTable by fullTableId answered nothing)"),
          details);
      return;
    }
    details.put("mcon", table.mcon());
    boolean ok = true;

    // Schema.
    String schemaCell = "";
    if (!asset.fields().isEmpty()) {
      List<MonteCarloApi.Field> seen = api.fields(table.mcon());
      if (seen == null) {
        schemaCell = "no";
        ok = false;
        notes.add("no schema version in Monte Carlo");
      } else {
        Map<String, String> theirs = new LinkedHashMap<>();
        for (MonteCarloApi.Field field : seen) {
          if (field.name() != null) {
            theirs.put(field.name().toLowerCase(Locale.ROOT), field.fieldType());
          }
        }
        List<String> missing = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        Map<String, String> ours = new LinkedHashMap<>();
        for (AssetField field : asset.fields()) {
          String key = field.name().toLowerCase(Locale.ROOT);
          ours.put(key, field.type());
          if (!theirs.containsKey(key)) {
            missing.add(field.name());
          } else if (!sameType(field.type(), theirs.get(key))) {
            differing.add(field.name() + ": pushed " + field.type() + ", seen " + theirs.get(key));
          }
        }
        List<String> extra = new ArrayList<>();
        for (MonteCarloApi.Field field : seen) {
          if (field.name() != null && !ours.containsKey(field.name().toLowerCase(Locale.ROOT))) {
            extra.add(field.name());
          }
        }
        boolean matches = missing.isEmpty() && extra.isEmpty() && differing.isEmpty();
        schemaCell = matches ? "yes" : "no";
        if (!matches) {
          ok = false;
          if (!missing.isEmpty()) {
            notes.add("fields missing in Monte Carlo: " + String.join(", ", missing));
            details.put("missing_fields", missing);
          }
          if (!extra.isEmpty()) {
            notes.add("extra fields in Monte Carlo: " + String.join(", ", extra));
            details.put("extra_fields", extra);
          }
          if (!differing.isEmpty()) {
            notes.add("type differences: " + String.join("; ", differing));
            details.put("type_differences", differing);
          }
        }
      }
    }

    // Volume.
    String volumeCell = "";
    if (asset.volume() != null
        && (asset.volume().rowCount() != null || asset.volume().byteCount() != null)) {
      boolean seenAll = true;
      if (asset.volume().rowCount() != null) {
        seenAll &= metric(api, table.mcon(), "total_row_count", asset.volume().rowCount(), start, end, notes, details);
      }
      if (asset.volume().byteCount() != null) {
        seenAll &= metric(api, table.mcon(), "total_byte_count", asset.volume().byteCount(), start, end, notes, details);
      }
      volumeCell = seenAll ? "yes" : "no";
      ok &= seenAll;
    }

    // Freshness.
    String freshnessCell = "";
    if (asset.freshness() != null && asset.freshness().lastUpdateTime() != null) {
      boolean seen =
          metric(api, table.mcon(), "total_row_count_last_changed_on", null, start, end, notes, details);
      freshnessCell = seen ? "yes" : "no";
      ok &= seen;
    }

    VerifyReport.Status status;
    if (ok) {
      status = VerifyReport.Status.OK;
    } else {
      status = VerifyReport.Status.DIFFERS;
    }
    report.add(List.of(id, "yes", schemaCell, volumeCell, freshnessCell), status, notes, details);
  }

  /** Whether a metric has a point in the window; notes a latest value that differs from pushed. */
  private static boolean metric(
      MonteCarloApi api,
      String mcon,
      String metricName,
      Long pushed,
      Instant start,
      Instant end,
      List<String> notes,
      Map<String, Object> details)
      throws GraphQlException {
    List<MonteCarloApi.MetricPoint> points = api.metrics(mcon, metricName, start, end);
    if (points.isEmpty()) {
      notes.add("no " + metricName + " point since " + start);
      return false;
    }
    MonteCarloApi.MetricPoint latest = points.get(0);
    for (MonteCarloApi.MetricPoint point : points) {
      if (point.measurementTimestamp() != null
          && (latest.measurementTimestamp() == null
              || point.measurementTimestamp().compareTo(latest.measurementTimestamp()) > 0)) {
        latest = point;
      }
    }
    Map<String, Object> metric = new LinkedHashMap<>();
    metric.put("points", points.size());
    metric.put("latest_value", latest.value());
    metric.put("latest_measurement", latest.measurementTimestamp());
    if (pushed != null) {
      metric.put("pushed", pushed);
      if (latest.value() != null && latest.value().longValue() != pushed) {
        notes.add(
            metricName
                + ": latest point "
                + latest.value().longValue()
                + ", pushed "
                + pushed
                + " (a later push or collection may explain it)");
      }
    }
    details.put(metricName, metric);
    return true;
  }

  /** Types compare case-insensitively and without white space. */
  static boolean sameType(String pushed, String seen) {
    if (pushed == null || seen == null) {
      return pushed == null && seen == null;
    }
    return normalize(pushed).equals(normalize(seen));
  }

  private static String normalize(String type) {
    return type.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }
}
