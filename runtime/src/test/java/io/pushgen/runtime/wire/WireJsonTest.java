package io.pushgen.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.pushgen.runtime.model.ErrorCode;
import io.pushgen.runtime.model.LineageEvent.ColumnLineageField;
import io.pushgen.runtime.model.LineageEvent.ColumnLineageSourceField;
import io.pushgen.runtime.model.LineageEvent.LineageAssetRef;
import io.pushgen.runtime.model.LineageEvent;
import io.pushgen.runtime.model.QueryLogEntry;
import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetFreshness;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset.AssetVolume;
import io.pushgen.runtime.model.RelationalAsset.Tag;
import io.pushgen.runtime.model.RelationalAsset;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The serialisation rules of the wire contract, one by one. */
class WireJsonTest {
  private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");

  private static String json(Object value) {
    return new String(WireJson.toBytes(value), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static <T> T read(String json, Class<T> type) throws IOException {
    return WireJson.mapper().readValue(json, type);
  }

  @Test
  void omitsNullOptionalValues() {
    assertEquals(
        "{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"}",
        json(new AssetMetadata("t", "d", "s")));
    assertEquals("{\"name\":\"c\",\"type\":\"INT\"}", json(new AssetField("c", "INT")));
    assertEquals("{\"key\":\"pii\"}", json(new Tag("pii")));
  }

  @Test
  void keepsEmptyStringZeroAndFalse() {
    assertEquals(
        "{\"name\":\"t\",\"database\":\"\",\"schema\":\"s\",\"description\":\"\"}",
        json(new AssetMetadata("t", "", "s", "", null, null)));
    assertEquals("{\"row_count\":0,\"byte_count\":0}", json(new AssetVolume(0L, 0L)));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("cached", false);
    QueryLogEntry entry =
        new QueryLogEntry(START, START, "", "", "", ErrorCode.of(0), "", 0L, extra);
    assertEquals(
        "{\"start_time\":\"2024-03-01T10:00:00Z\",\"end_time\":\"2024-03-01T10:00:00Z\","
            + "\"query_text\":\"\",\"query_id\":\"\",\"user\":\"\",\"error_code\":0,"
            + "\"error_text\":\"\",\"returned_rows\":0,\"extra\":{\"cached\":false}}",
        json(entry));
  }

  @Test
  void keepsAllNullOptionalObjectsAsEmptyObjects() {
    RelationalAsset asset =
        new RelationalAsset(
            "TABLE",
            new AssetMetadata("t", "d", "s"),
            List.of(),
            new AssetVolume(null, null),
            new AssetFreshness(null));
    assertEquals(
        "{\"type\":\"TABLE\",\"metadata\":{\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\"},"
            + "\"volume\":{},\"freshness\":{}}",
        json(asset));
  }

  @Test
  void omitsEmptyOrNullTagsAndFields() {
    String expected =
        "{\"type\":\"VIEW\",\"metadata\":{\"name\":\"v\",\"database\":\"d\",\"schema\":\"s\"}}";
    AssetMetadata metadata = new AssetMetadata("v", "d", "s");
    assertEquals(expected, json(new RelationalAsset("VIEW", metadata, List.of())));
    assertEquals(expected, json(new RelationalAsset("VIEW", metadata, null, null, null, null)));
  }

  @Test
  void alwaysWritesSourcesAndSourceFieldsButOmitsEmptyLineageFields() {
    LineageAssetRef destination = new LineageAssetRef("TABLE", "t", "d", "s", "t");
    assertEquals(
        "{\"destination\":{\"type\":\"TABLE\",\"name\":\"t\",\"database\":\"d\",\"schema\":\"s\","
            + "\"asset_id\":\"t\"},\"sources\":[]}",
        json(new LineageEvent(destination, null, null)));
    LineageEvent column =
        new LineageEvent(destination, List.of(), List.of(new ColumnLineageField("x", null)));
    assertEquals(
        "[{\"name\":\"x\",\"source_fields\":[]}]",
        WireJson.mapper().valueToTree(column).get("fields").toString());
  }

  @Test
  void writesExtraAsGivenWithNulls() throws IOException {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("none", null);
    nested.put("list", Arrays.asList(1, null, "x"));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("warehouse_name", null);
    extra.put("bytes_scanned", 1024000L);
    extra.put("nested", nested);
    QueryLogEntry entry =
        new QueryLogEntry(START, START, "select 1", null, null, null, null, null, extra);
    String written = json(entry);
    assertEquals(
        "{\"start_time\":\"2024-03-01T10:00:00Z\",\"end_time\":\"2024-03-01T10:00:00Z\","
            + "\"query_text\":\"select 1\",\"extra\":{\"warehouse_name\":null,"
            + "\"bytes_scanned\":1024000,\"nested\":{\"none\":null,\"list\":[1,null,\"x\"]}}}",
        written);
    QueryLogEntry back = read(written, QueryLogEntry.class);
    assertEquals(written, json(back));
  }

  @Test
  void writesTimestampsInUtcLikePython() {
    QueryLogEntry entry =
        new QueryLogEntry(
            Instant.parse("2024-03-01T10:00:05.12Z"),
            Instant.parse("2024-03-01T10:00:06.123456789Z"),
            "q");
    JsonNode node = WireJson.mapper().valueToTree(entry);
    assertEquals("2024-03-01T10:00:05.120000Z", node.get("start_time").asText());
    assertEquals("2024-03-01T10:00:06.123456Z", node.get("end_time").asText());
  }

  @Test
  void writesErrorCodesInTheirOwnType() {
    assertEquals("1064", json(ErrorCode.of(1064)));
    assertEquals("\"1064\"", json(ErrorCode.of("1064")));
  }

  @Test
  void readsTheSameShapeWithNullsAndMissingOptionals() throws IOException {
    RelationalAsset asset =
        read(
            "{\"metadata\":{\"schema\":\"s\",\"name\":\"t\",\"database\":\"d\","
                + "\"description\":null},"
                + "\"type\":\"TABLE\",\"tags\":null,\"volume\":{\"row_count\":5}}",
            RelationalAsset.class);
    assertEquals(
        new RelationalAsset(
            "TABLE",
            new AssetMetadata("t", "d", "s"),
            List.of(),
            List.of(),
            new AssetVolume(5L, null),
            null),
        asset);
    QueryLogEntry entry =
        read(
            "{\"start_time\":\"2024-03-01T12:00:00+02:00\",\"end_time\":\"2024-03-01T10:00:01\","
                + "\"query_text\":\"q\",\"error_code\":\"E42\"}",
            QueryLogEntry.class);
    assertEquals(START, entry.startTime());
    assertEquals(Instant.parse("2024-03-01T10:00:01Z"), entry.endTime());
    assertEquals(ErrorCode.of("E42"), entry.errorCode());
    assertEquals(
        ErrorCode.of(7),
        read(
                "{\"start_time\":\"2024-03-01T10:00:00Z\",\"end_time\":\"2024-03-01T10:00:00Z\","
                    + "\"query_text\":\"q\",\"error_code\":7}",
                QueryLogEntry.class)
            .errorCode());
    LineageEvent event =
        read(
            "{\"destination\":{\"type\":\"TABLE\",\"name\":\"a\",\"database\":\"d\","
                + "\"schema\":\"s\"},"
                + "\"sources\":[],\"fields\":[{\"name\":\"x\",\"source_fields\":"
                + "[{\"asset_id\":\"a\",\"field_name\":\"y\"}]}]}",
            LineageEvent.class);
    assertEquals(
        List.of(new ColumnLineageField("x", List.of(new ColumnLineageSourceField("a", "y")))),
        event.fields());
  }

  @Test
  void refusesWrongTypesOnRead() {
    assertThrows(
        MismatchedInputException.class,
        () -> read("{\"name\":5,\"database\":\"d\",\"schema\":\"s\"}", AssetMetadata.class));
    assertThrows(
        MismatchedInputException.class, () -> read("{\"row_count\":\"5\"}", AssetVolume.class));
    assertThrows(
        MismatchedInputException.class, () -> read("{\"row_count\":1.5}", AssetVolume.class));
    assertThrows(
        MismatchedInputException.class,
        () ->
            read(
                "{\"start_time\":5,\"end_time\":\"2024-03-01T10:00:00Z\",\"query_text\":\"q\"}",
                QueryLogEntry.class));
    assertThrows(
        UnrecognizedPropertyException.class,
        () -> read("{\"row_count\":1,\"rows\":2}", AssetVolume.class));
    assertThrows(
        ValueInstantiationException.class,
        () ->
            read(
                "{\"start_time\":\"2024-03-01T10:00:00Z\",\"end_time\":\"2024-03-01T10:00:00Z\","
                    + "\"query_text\":\"q\",\"error_code\":1.5}",
                QueryLogEntry.class));
  }
}
