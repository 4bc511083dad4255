package io.pushgen.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;

/** Invalid variants of golden bodies, with the first problem the gateway must report. */
final class Mutations {
  private Mutations() {}

  /**
   * @param description what is wrong
   * @param golden the golden vector mutated
   * @param path where to post it (null: the golden's path)
   * @param change the mutation
   * @param message the expected first problem, exactly
   */
  record Mutation(
      String description, String golden, String path, Consumer<ObjectNode> change, String message) {
    Goldens.Golden mutated() {
      Goldens.Golden golden = Goldens.get(this.golden);
      ObjectNode body = golden.copy();
      change.accept(body);
      return new Goldens.Golden(description, path == null ? golden.path() : path, body);
    }

    @Override
    public String toString() {
      return description;
    }
  }

  static ObjectNode obj(ObjectNode body, String pointer) {
    return (ObjectNode) body.at(pointer);
  }

  static List<Mutation> all() {
    return List.of(
        new Mutation(
            "unknown field in a relational asset",
            "metadata_full_table",
            null,
            b -> obj(b, "/events/0/relational_asset").put("colour", "red"),
            "events[0].relational_asset.colour: unknown field (expected one of: type, metadata,"
                + " tags, fields, volume, freshness)"),
        new Mutation(
            "unknown envelope field",
            "querylogs_basic_utc",
            null,
            b -> b.put("version", 2),
            "version: unknown field (expected one of: event_type, resource, events)"),
        new Mutation(
            "lower-case table type",
            "metadata_full_table",
            null,
            b -> obj(b, "/events/0/relational_asset").put("type", "table"),
            "events[0].relational_asset.type: 'table' is not TABLE or VIEW"),
        new Mutation(
            "BASE TABLE in the third event",
            "metadata_view_query_and_batch",
            null,
            b -> obj(b, "/events/2/relational_asset").put("type", "BASE TABLE"),
            "events[2].relational_asset.type: 'BASE TABLE' is not TABLE or VIEW"),
        new Mutation(
            "unknown log_type",
            "querylogs_basic_utc",
            null,
            b -> obj(b, "/resource").put("log_type", "hive"),
            "resource.log_type: Unsupported ingest query-log log_type 'hive' (supported:"
                + " snowflake, bigquery, databricks, redshift, hive-s3, athena, teradata,"
                + " clickhouse, databricks-metastore-sql-warehouse, s3, presto-s3)"),
        new Mutation(
            "resource_type instead of log_type",
            "querylogs_basic_utc",
            null,
            b -> {
              obj(b, "/resource").remove("log_type");
              obj(b, "/resource").put("resource_type", "snowflake");
            },
            "resource.log_type: required field is missing"),
        new Mutation(
            "missing end_time",
            "querylogs_errors_and_extra",
            null,
            b -> obj(b, "/events/1").remove("end_time"),
            "events[1].end_time: required field is missing"),
        new Mutation(
            "start_time with milliseconds (Instant.toString)",
            "querylogs_basic_utc",
            null,
            b -> obj(b, "/events/0").put("start_time", "2024-03-01T10:00:00.120Z"),
            "events[0].start_time: '2024-03-01T10:00:00.120Z' is not in the SDK's UTC form"
                + " (2024-03-01T10:00:05Z, or with exactly six fractional digits:"
                + " 2024-03-01T10:00:05.120000Z)"),
        new Mutation(
            "end_time not a timestamp",
            "querylogs_basic_utc",
            null,
            b -> obj(b, "/events/0").put("end_time", "yesterday"),
            "events[0].end_time: 'yesterday' is not an ISO-8601 timestamp with an offset (such as"
                + " 2024-03-01T10:00:05Z)"),
        new Mutation(
            "end_time as epoch number",
            "querylogs_basic_utc",
            null,
            b -> obj(b, "/events/0").put("end_time", 1709287205),
            "events[0].end_time: expected a string, got number 1709287205"),
        new Mutation(
            "error_code as a float",
            "querylogs_errors_and_extra",
            null,
            b -> obj(b, "/events/0").put("error_code", 10.5),
            "events[0].error_code: expected a string or an integer, got number 10.5"),
        new Mutation(
            "extra as a string",
            "querylogs_errors_and_extra",
            null,
            b -> obj(b, "/events/1").put("extra", "{}"),
            "events[1].extra: expected an object, got string '{}'"),
        new Mutation(
            "explicit null optional",
            "querylogs_basic_utc",
            null,
            b -> obj(b, "/events/0").putNull("query_id"),
            "events[0].query_id: null is not allowed (omit the field instead)"),
        new Mutation(
            "wrong event_type for the path",
            "metadata_full_table",
            null,
            b -> b.put("event_type", "QUERY_LOG"),
            "event_type: 'QUERY_LOG' is not valid for /ingest/v1/metadata (expected METADATA)"),
        new Mutation(
            "lineage body posted to the metadata path",
            "lineage_table_level",
            "/ingest/v1/metadata",
            b -> {},
            "event_type: 'LINEAGE' is not valid for /ingest/v1/metadata (expected METADATA)"),
        new Mutation(
            "dangling source asset_id",
            "lineage_column_level",
            null,
            b -> obj(b, "/events/0/fields/1/source_fields/0").put("asset_id", "src9"),
            "events[0].fields[1].source_fields[0].asset_id: 'src9' is not the asset_id of the"
                + " destination or of a source of this event (declared: dest, src1, src2)"),
        new Mutation(
            "column fields in a LINEAGE request",
            "lineage_column_level",
            null,
            b -> b.put("event_type", "LINEAGE"),
            "events[0].fields: a LINEAGE (table-level) request must not carry column fields;"
                + " send it as COLUMN_LINEAGE"),
        new Mutation(
            "missing sources",
            "lineage_table_level",
            null,
            b -> obj(b, "/events/0").remove("sources"),
            "events[0].sources: required field is missing"),
        new Mutation(
            "source_fields not an array",
            "lineage_column_level",
            null,
            b -> obj(b, "/events/0/fields/0").put("source_fields", "src1.id"),
            "events[0].fields[0].source_fields: expected an array, got string 'src1.id'"),
        new Mutation(
            "empty events",
            "metadata_minimal_view",
            null,
            b -> b.putArray("events"),
            "events: must not be empty"),
        new Mutation(
            "non-UUID resource uuid",
            "lineage_table_level",
            null,
            b -> obj(b, "/resource").put("uuid", "warehouse-1"),
            "resource.uuid: 'warehouse-1' is not a UUID"),
        new Mutation(
            "unwrapped metadata event",
            "metadata_minimal_view",
            null,
            b -> {
              ArrayNode events = (ArrayNode) b.get("events");
              events.set(0, events.get(0).get("relational_asset"));
            },
            "events[0]: metadata events are wrapped: expected {\"relational_asset\": {...}}, got a"
                + " bare asset"),
        new Mutation(
            "row_count as a string",
            "metadata_full_table",
            null,
            b -> obj(b, "/events/0/relational_asset/volume").put("row_count", "1500000"),
            "events[0].relational_asset.volume.row_count: expected an integer, got string"
                + " '1500000'"),
        new Mutation(
            "negative row_count",
            "metadata_full_table",
            null,
            b -> obj(b, "/events/0/relational_asset/volume").put("row_count", -1),
            "events[0].relational_asset.volume.row_count: -1 is negative (omit the field when"
                + " unknown)"),
        new Mutation(
            "missing metadata name",
            "metadata_full_table",
            null,
            b -> obj(b, "/events/0/relational_asset/metadata").remove("name"),
            "events[0].relational_asset.metadata.name: required field is missing"),
        new Mutation(
            "event_type as a number",
            "metadata_full_table",
            null,
            b -> {
              b.removeAll();
              b.put("event_type", 1);
            },
            "event_type: expected a string, got number 1"));
  }
}
