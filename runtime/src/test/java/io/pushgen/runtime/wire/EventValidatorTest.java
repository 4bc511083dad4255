package io.pushgen.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pushgen.runtime.model.Flow;
import io.pushgen.runtime.model.LineageEvent.ColumnLineageField;
import io.pushgen.runtime.model.LineageEvent.ColumnLineageSourceField;
import io.pushgen.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.runtime.model.LineageEvent;
import io.pushgen.runtime.model.QueryLogEntry;
import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset.Tag;
import io.pushgen.runtime.model.RelationalAsset;
import io.pushgen.runtime.wire.EventValidator.InvalidEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
  private static final String UUID = "3f1a2b4c-0000-4000-8000-00000000abcd";
  private static final Instant T = Instant.parse("2024-03-01T10:00:00Z");

  private static RelationalAsset table(String name) {
    return new RelationalAsset("TABLE", new AssetMetadata(name, "d", "s"), List.of());
  }

  private static String message(Flow flow, String resource, List<?> events) {
    return assertThrows(
            InvalidEventException.class,
            () -> EventValidator.validate(flow, UUID, resource, events))
        .getMessage();
  }

  @Test
  void namesTheEventIndexAndTheAssetType() {
    List<RelationalAsset> assets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      assets.add(table("t" + i));
    }
    assets.add(new RelationalAsset("BASE TABLE", new AssetMetadata("t3", "d", "s"), List.of()));
    assertEquals(
        "events[3].type: 'BASE TABLE' is not an asset type (TABLE or VIEW)",
        message(Flow.METADATA, "postgres", assets));
    InvalidEventException e =
        assertThrows(
            InvalidEventException.class,
            () -> EventValidator.validate(Flow.METADATA, UUID, "postgres", assets));
    assertEquals("events[3].type", e.path());
  }

  @Test
  void refusesMissingTypeNameDatabaseOrSchema() {
    assertEquals(
        "events[0].type: missing (TABLE or VIEW)",
        message(
            Flow.METADATA,
            "pg",
            List.of(new RelationalAsset(null, new AssetMetadata("t", "d", "s"), List.of()))));
    assertEquals(
        "events[0].metadata: missing",
        message(Flow.METADATA, "pg", List.of(new RelationalAsset("TABLE", null, List.of()))));
    assertEquals(
        "events[1].metadata.name: missing",
        message(
            Flow.METADATA,
            "pg",
            List.of(
                table("a"),
                new RelationalAsset("VIEW", new AssetMetadata(null, "d", "s"), List.of()))));
    assertEquals(
        "events[0].metadata.database: missing",
        message(
            Flow.METADATA,
            "pg",
            List.of(new RelationalAsset("VIEW", new AssetMetadata("v", null, "s"), List.of()))));
    assertEquals(
        "events[0].metadata.schema: missing",
        message(
            Flow.METADATA,
            "pg",
            List.of(new RelationalAsset("VIEW", new AssetMetadata("v", "d", null), List.of()))));
  }

  @Test
  void refusesBlankNames() {
    RelationalAsset blankColumn =
        new RelationalAsset(
            "TABLE",
            new AssetMetadata("t", "d", "s"),
            List.of(new AssetField("a", "INT"), new AssetField(" ", "INT")));
    assertEquals(
        "events[0].fields[1].name: blank name ' '",
        message(Flow.METADATA, "pg", List.of(blankColumn)));
    RelationalAsset blankTag =
        new RelationalAsset(
            "TABLE", new AssetMetadata("t", "d", "s"), List.of(new Tag("")), List.of(), null, null);
    assertEquals(
        "events[0].tags[0].key: blank name ''", message(Flow.METADATA, "pg", List.of(blankTag)));
    assertEquals(
        "events[0].metadata.name: blank name ''", message(Flow.METADATA, "pg", List.of(table(""))));
  }

  @Test
  void acceptsEmptyDatabaseAndValidEvents() {
    EventValidator.validate(
        Flow.METADATA,
        UUID,
        "pg",
        List.of(new RelationalAsset("VIEW", new AssetMetadata("v", "", "s"), List.of())));
  }

  @Test
  void refusesColumnLineageToUndeclaredAssets() {
    LineageEvent event =
        new LineageEvent(
            new LineageAssetRef("TABLE", "dst", "d", "s", "dest"),
            List.of(new LineageAssetRef("TABLE", "src", "d", "s", "src1")),
            List.of(
                new ColumnLineageField(
                    "a",
                    List.of(
                        new ColumnLineageSourceField("src1", "x"),
                        new ColumnLineageSourceField("dest", "y"))),
                new ColumnLineageField("b", List.of(new ColumnLineageSourceField("src2", "z")))));
    assertEquals(
        "events[0].fields[1].source_fields[0].asset_id: 'src2' is not the asset_id of the"
            + " destination or of a source of this event",
        message(Flow.LINEAGE, "snowflake", List.of(event)));
  }

  @Test
  void refusesBlankLineageFieldNamesAndMissingRefs() {
    LineageAssetRef dst = new LineageAssetRef("TABLE", "dst", "d", "s", "dst");
    assertEquals(
        "events[0].fields[0].source_fields[0].field_name: blank name ''",
        message(
            Flow.LINEAGE,
            "snowflake",
            List.of(
                new LineageEvent(
                    dst,
                    List.of(),
                    List.of(
                        new ColumnLineageField(
                            "a", List.of(new ColumnLineageSourceField("dst", ""))))))));
    assertEquals(
        "events[0].destination: missing",
        message(Flow.LINEAGE, "snowflake", List.of(new LineageEvent(null, List.of()))));
    assertEquals(
        "events[0].sources[1].schema: missing",
        message(
            Flow.LINEAGE,
            "snowflake",
            List.of(
                new LineageEvent(
                    dst,
                    List.of(
                        new LineageAssetRef("EXTERNAL", "a", "d", "s"),
                        new LineageAssetRef("TABLE", "b", "d", null))))));
  }

  @Test
  void refusesUnknownLogTypesAndMissingQueryFields() {
    List<QueryLogEntry> ok = List.of(new QueryLogEntry(T, T, "select 1"));
    assertEquals(
        "resource.log_type: 'hive' is not a log_type Monte Carlo accepts (snowflake, bigquery,"
            + " databricks, redshift, hive-s3, athena, teradata, clickhouse,"
            + " databricks-metastore-sql-warehouse, s3, presto-s3)",
        message(Flow.QUERY_LOGS, "hive", ok));
    EventValidator.validate(Flow.QUERY_LOGS, UUID, "hive-s3", ok);
    assertEquals(
        "events[0].start_time: missing",
        message(Flow.QUERY_LOGS, "snowflake", List.of(new QueryLogEntry(null, T, "q"))));
    assertEquals(
        "events[0].end_time: missing",
        message(Flow.QUERY_LOGS, "snowflake", List.of(new QueryLogEntry(T, null, "q"))));
    assertEquals(
        "events[0].query_text: missing",
        message(Flow.QUERY_LOGS, "snowflake", List.of(new QueryLogEntry(T, T, null))));
  }

  @Test
  void refusesEmptyListsAndMissingResource() {
    assertEquals(
        "events: no events; a request must carry at least one",
        message(Flow.METADATA, "pg", List.of()));
    assertEquals(
        "resource.resource_type: missing", message(Flow.METADATA, " ", List.of(table("t"))));
    assertEquals(
        "resource.uuid: missing",
        assertThrows(
                InvalidEventException.class,
                () -> EventValidator.validate(Flow.LINEAGE, "", "pg", List.of()))
            .getMessage());
  }

  @Test
  void reportsMissingValuesAsShapeProblems() {
    List<EventValidator.Problem> problems =
        EventValidator.problems(
            Flow.METADATA,
            new RelationalAsset("VIEWS", new AssetMetadata(null, "d", "s"), List.of()));
    assertEquals(
        List.of(
            new EventValidator.Problem(
                "type", "'VIEWS' is not an asset type (TABLE or VIEW)", false),
            new EventValidator.Problem("metadata.name", "missing", true)),
        problems);
  }

  @Test
  void refusesAnEventOfAnotherFlow() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EventValidator.problems(Flow.LINEAGE, table("t")));
    assertEquals("a lineage event must be a LineageEvent, not RelationalAsset", e.getMessage());
  }
}
