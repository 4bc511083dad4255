package io.pushgen.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Checks a request body against Monte Carlo's push-ingestion contract (docs: {@code
 * shared/spec/ingest-api.md}), independently of the runtime's models and serializer.
 *
 * <p>Every problem is reported as {@code <json path>: <what is wrong>}, for example {@code
 * events[2].relational_asset.type: 'BASE TABLE' is not TABLE or VIEW}. The checks:
 *
 * <ul>
 *   <li>the envelope: {@code event_type} matching the path, {@code resource} with a UUID {@code
 *       uuid} and {@code resource_type} (or {@code log_type} for query logs, one of {@link
 *       Contract#LOG_TYPES}), and a non-empty {@code events} array;
 *   <li>every model's fields: required fields present, JSON types right, unknown fields rejected,
 *       {@code null} rejected (the SDK omits null optionals) except inside {@code extra};
 *   <li>asset types TABLE/VIEW; integer counts not negative; {@code error_code} a string or an
 *       integer; {@code start_time}/{@code end_time} ISO-8601 timestamps (by default exactly in the
 *       SDK's UTC form, {@code 2024-03-01T10:00:05Z} or {@code 2024-03-01T10:00:05.120000Z});
 *   <li>lineage: {@code sources} always present, column {@code source_fields[].asset_id} declared
 *       by a ref of the same event, and no column fields in a {@code LINEAGE} request.
 * </ul>
 *
 * <p>Thread-safe and stateless apart from its configuration.
 */
public final class ContractValidator {

  /** At most this many problems are reported for one body. */
  public static final int MAX_ERRORS = 50;

  private static final Pattern UUID_PATTERN =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern SDK_TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?Z");
  private static final Pattern LINEAGE_REF_TYPE = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final boolean sdkTimestamps;

  /** A validator that requires query-log timestamps in the SDK's exact UTC form. */
  public ContractValidator() {
    this(true);
  }

  /**
   * @param sdkTimestamps true: {@code start_time}/{@code end_time} must be exactly in the SDK's
   *     UTC form ({@code Z}, no or six fractional digits); false: any ISO-8601 date-time with an
   *     offset is accepted
   */
  public ContractValidator(boolean sdkTimestamps) {
    this.sdkTimestamps = sdkTimestamps;
  }

  /**
   * Checks the telemetry headers as the SDK sends them: {@code x-mcd-telemetry-reason} is {@code
   * user} (a person made the request) or {@code service} (a program made it), and a {@code
   * service} request names the calling program in {@code x-mcd-telemetry-service}. Both headers
   * are optional.
   *
   * @param reason the {@code x-mcd-telemetry-reason} header, or null
   * @param service the {@code x-mcd-telemetry-service} header, or null
   * @return the problem, or null when the headers are fine
   */
  public static String telemetryProblem(String reason, String service) {
    if (reason != null && !reason.equals("user") && !reason.equals("service")) {
      return Contract.HEADER_TELEMETRY_REASON
          + " must be 'user' or 'service', got "
          + quote(reason)
          + " (the calling program's name belongs in "
          + Contract.HEADER_TELEMETRY_SERVICE
          + ")";
    }
    if ("service".equals(reason) && (service == null || service.isBlank())) {
      return Contract.HEADER_TELEMETRY_SERVICE
          + " must name the calling program when "
          + Contract.HEADER_TELEMETRY_REASON
          + " is 'service'";
    }
    return null;
  }

  /** The flow served at an ingest path, or null when the path is not an ingest endpoint. */
  public static Flow flowForPath(String path) {
    for (Flow flow : Flow.values()) {
      if (flow.path().equals(path)) {
        return flow;
      }
    }
    return null;
  }

  /**
   * Validates a body posted to an ingest path.
   *
   * @throws IllegalArgumentException when the path is not an ingest endpoint
   */
  public List<String> validate(String path, JsonNode body) {
    Flow flow = flowForPath(path);
    if (flow == null) {
      throw new IllegalArgumentException("not an ingest path: " + path);
    }
    return validate(flow, body);
  }

  /** Validates a body for a flow; returns the problems found (empty when the body is valid). */
  public List<String> validate(Flow flow, JsonNode body) {
    Errors errors = new Errors();
    try {
      new Run(flow, errors).envelope(body);
    } catch (TooManyErrors e) {
      // enough said
    }
    return errors.list();
  }

  // ---------------------------------------------------------------------------------------------

  private static final class TooManyErrors extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyErrors() {
      super(null, null, false, false);
    }
  }

  private static final class Errors {
    private final List<String> list = new ArrayList<>();

    void add(String path, String message) {
      if (list.size() >= MAX_ERRORS) {
        throw new TooManyErrors();
      }
      list.add((path.isEmpty() ? "$" : path) + ": " + message);
    }

    List<String> list() {
      return Collections.unmodifiableList(list);
    }
  }

  /** How a field's value is checked: (path, value) with value neither missing nor null. */
  private interface Check extends BiConsumer<String, JsonNode> {}

  private record Field(boolean required, Check check) {}

  private final class Run {
    private final Flow flow;
    private final Errors errors;
    private String bodyEventType;

    Run(Flow flow, Errors errors) {
      this.flow = flow;
      this.errors = errors;
    }

    // --- envelope ---------------------------------------------------------------------------

    void envelope(JsonNode body) {
      if (body == null || !body.isObject()) {
        errors.add("", "the body must be a JSON object, got " + describe(body));
        return;
      }
      JsonNode type = body.get("event_type");
      bodyEventType = type != null && type.isTextual() ? type.textValue() : null;
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("event_type", new Field(true, this::eventType));
      fields.put("resource", new Field(true, this::resource));
      fields.put("events", new Field(true, this::events));
      object("", body, fields);
    }

    private void eventType(String path, JsonNode value) {
      if (!string(path, value)) {
        return;
      }
      String type = value.textValue();
      boolean ok =
          switch (flow) {
            case METADATA -> type.equals("METADATA");
            case LINEAGE -> type.equals(Contract.LINEAGE) || type.equals(Contract.COLUMN_LINEAGE);
            case QUERY_LOGS -> type.equals("QUERY_LOG");
          };
      if (!ok) {
        String expected =
            switch (flow) {
              case METADATA -> "METADATA";
              case LINEAGE -> "LINEAGE or COLUMN_LINEAGE";
              case QUERY_LOGS -> "QUERY_LOG";
            };
        errors.add(
            path,
            quote(type) + " is not valid for " + flow.path() + " (expected " + expected + ")");
      }
    }

    private void resource(String path, JsonNode value) {
      if (!objectType(path, value)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("uuid", new Field(true, this::uuid));
      if (flow == Flow.QUERY_LOGS) {
        fields.put("log_type", new Field(true, this::logType));
      } else {
        fields.put("resource_type", new Field(true, this::nonEmptyString));
      }
      object(path, value, fields);
    }

    private void uuid(String path, JsonNode value) {
      if (string(path, value) && !UUID_PATTERN.matcher(value.textValue()).matches()) {
        errors.add(path, quote(value.textValue()) + " is not a UUID");
      }
    }

    private void logType(String path, JsonNode value) {
      if (string(path, value) && !Contract.LOG_TYPES.contains(value.textValue())) {
        errors.add(
            path,
            "Unsupported ingest query-log log_type "
                + quote(value.textValue())
                + " (supported: "
                + String.join(", ", Contract.LOG_TYPES)
                + ")");
      }
    }

    private void events(String path, JsonNode value) {
      if (!value.isArray()) {
        errors.add(path, "expected an array, got " + describe(value));
        return;
      }
      if (value.isEmpty()) {
        errors.add(path, "must not be empty");
        return;
      }
      for (int i = 0; i < value.size(); i++) {
        String at = path + "[" + i + "]";
        JsonNode event = value.get(i);
        switch (flow) {
          case METADATA -> metadataEvent(at, event);
          case LINEAGE -> lineageEvent(at, event);
          case QUERY_LOGS -> queryLogEntry(at, event);
        }
      }
      if (flow == Flow.LINEAGE) {
        tableLineageHasNoFields(path, value);
      }
    }

    // --- metadata -------------------------------------------------------------------------

    private void metadataEvent(String path, JsonNode event) {
      if (event == null || event.isNull()) {
        errors.add(path, "expected an object, got null");
        return;
      }
      if (event.isObject() && !event.has("relational_asset") && event.has("metadata")) {
        errors.add(
            path,
            "metadata events are wrapped: expected {\"relational_asset\": {...}}, got a bare asset");
        return;
      }
      if (!objectType(path, event)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("relational_asset", new Field(true, this::relationalAsset));
      object(path, event, fields);
    }

    private void relationalAsset(String path, JsonNode value) {
      if (!objectType(path, value)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("type", new Field(true, this::assetType));
      fields.put("metadata", new Field(true, this::assetMetadata));
      fields.put("tags", new Field(false, (p, v) -> arrayOf(p, v, this::tag)));
      fields.put("fields", new Field(false, (p, v) -> arrayOf(p, v, this::assetField)));
      fields.put("volume", new Field(false, this::volume));
      fields.put("freshness", new Field(false, this::freshness));
      object(path, value, fields);
    }

    private void assetType(String path, JsonNode value) {
      if (string(path, value) && !Contract.ASSET_TYPES.contains(value.textValue())) {
        errors.add(path, quote(value.textValue()) + " is not TABLE or VIEW");
      }
    }

    private void assetMetadata(String path, JsonNode value) {
      if (!objectType(path, value)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("name", new Field(true, this::nonEmptyString));
      fields.put("database", new Field(true, this::string0));
      fields.put("schema", new Field(true, this::string0));
      fields.put("description", new Field(false, this::string0));
      fields.put("view_query", new Field(false, this::string0));
      fields.put("created_on", new Field(false, this::string0));
      object(path, value, fields);
    }

    private void tag(String path, JsonNode value) {
      if (!objectType(path, value)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("key", new Field(true, this::nonEmptyString));
      fields.put("value", new Field(false, this::string0));
      object(path, value, fields);
    }

    private void assetField(String path, JsonNode value) {
      if (!objectType(path, value)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("name", new Field(true, this::nonEmptyString));
      fields.put("type", new Field(true, this::nonEmptyString));
      fields.put("description", new Field(false, this::string0));
      object(path, value, fields);
    }

    private void volume(String path, JsonNode value) {
      if (!objectType(path, value)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("row_count", new Field(false, this::count));
      fields.put("byte_count", new Field(false, this::count));
      object(path, value, fields);
    }

    private void freshness(String path, JsonNode value) {
      if (!objectType(path, value)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("last_update_time", new Field(false, this::string0));
      object(path, value, fields);
    }

    // --- lineage --------------------------------------------------------------------------

    private void lineageEvent(String path, JsonNode event) {
      if (!objectType(path, event)) {
        return;
      }
      Set<String> declared = new HashSet<>();
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("destination", new Field(true, (p, v) -> assetRef(p, v, declared)));
      fields.put(
          "sources", new Field(true, (p, v) -> arrayOf(p, v, (pp, vv) -> assetRef(pp, vv, declared))));
      fields.put("fields", new Field(false, (p, v) -> arrayOf(p, v, this::columnField)));
      object(path, event, fields);
      // References are checked once every ref of the event has been seen.
      JsonNode columnFields = event.get("fields");
      if (columnFields == null || !columnFields.isArray()) {
        return;
      }
      for (int i = 0; i < columnFields.size(); i++) {
        JsonNode sourceFields = columnFields.get(i).path("source_fields");
        if (!sourceFields.isArray()) {
          continue;
        }
        for (int j = 0; j < sourceFields.size(); j++) {
          JsonNode assetId = sourceFields.get(j).path("asset_id");
          if (assetId.isTextual()
              && !assetId.textValue().isEmpty()
              && !declared.contains(assetId.textValue())) {
            errors.add(
                path + ".fields[" + i + "].source_fields[" + j + "].asset_id",
                quote(assetId.textValue())
                    + " is not the asset_id of the destination or of a source of this event"
                    + (declared.isEmpty()
                        ? " (no ref of this event has an asset_id)"
                        : " (declared: " + String.join(", ", sorted(declared)) + ")"));
          }
        }
      }
    }

    private void assetRef(String path, JsonNode value, Set<String> declared) {
      if (!objectType(path, value)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("type", new Field(true, this::lineageRefType));
      fields.put("name", new Field(true, this::nonEmptyString));
      fields.put("database", new Field(true, this::string0));
      fields.put("schema", new Field(true, this::string0));
      fields.put(
          "asset_id",
          new Field(
              false,
              (p, v) -> {
                if (nonEmptyString(p, v)) {
                  declared.add(v.textValue());
                }
              }));
      object(path, value, fields);
    }

    private void lineageRefType(String path, JsonNode value) {
      if (nonEmptyString(path, value) && !LINEAGE_REF_TYPE.matcher(value.textValue()).matches()) {
        errors.add(
            path,
            quote(value.textValue())
                + " is not a lineage asset type (upper case, such as TABLE, VIEW, EXTERNAL, WILDCARD)");
      }
    }

    private void columnField(String path, JsonNode value) {
      if (!objectType(path, value)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("name", new Field(true, this::nonEmptyString));
      fields.put("source_fields", new Field(true, (p, v) -> arrayOf(p, v, this::sourceField)));
      object(path, value, fields);
    }

    private void sourceField(String path, JsonNode value) {
      if (!objectType(path, value)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("asset_id", new Field(true, this::nonEmptyString));
      fields.put("field_name", new Field(true, this::nonEmptyString));
      object(path, value, fields);
    }

    private void tableLineageHasNoFields(String path, JsonNode events) {
      if (!Contract.LINEAGE.equals(bodyEventType)) {
        return;
      }
      for (int i = 0; i < events.size(); i++) {
        JsonNode fields = events.get(i).path("fields");
        if (fields.isArray() && !fields.isEmpty()) {
          errors.add(
              path + "[" + i + "].fields",
              "a LINEAGE (table-level) request must not carry column fields;"
                  + " send it as COLUMN_LINEAGE");
        }
      }
    }

    // --- query logs -----------------------------------------------------------------------

    private void queryLogEntry(String path, JsonNode value) {
      if (!objectType(path, value)) {
        return;
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      fields.put("start_time", new Field(true, this::timestamp));
      fields.put("end_time", new Field(true, this::timestamp));
      fields.put("query_text", new Field(true, this::string0));
      fields.put("query_id", new Field(false, this::string0));
      fields.put("user", new Field(false, this::string0));
      fields.put("error_code", new Field(false, this::errorCode));
      fields.put("error_text", new Field(false, this::string0));
      fields.put("returned_rows", new Field(false, this::count));
      fields.put("extra", new Field(false, this::objectType));
      object(path, value, fields);
    }

    private void timestamp(String path, JsonNode value) {
      if (!string(path, value)) {
        return;
      }
      String text = value.textValue();
      try {
        OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException e) {
        errors.add(
            path,
            quote(text)
                + " is not an ISO-8601 timestamp with an offset (such as 2024-03-01T10:00:05Z)");
        return;
      }
      if (sdkTimestamps && !SDK_TIMESTAMP.matcher(text).matches()) {
        errors.add(
            path,
            quote(text)
                + " is not in the SDK's UTC form (2024-03-01T10:00:05Z, or with exactly six"
                + " fractional digits: 2024-03-01T10:00:05.120000Z)");
      }
    }

    private void errorCode(String path, JsonNode value) {
      if (value.isTextual()) {
        return;
      }
      if (value.isIntegralNumber()) {
        if (!value.canConvertToLong()) {
          errors.add(path, "integer " + value.asText() + " is out of range");
        }
        return;
      }
      errors.add(path, "expected a string or an integer, got " + describe(value));
    }

    // --- generic helpers ------------------------------------------------------------------

    /** Checks required/unknown fields and nulls, then each present field's own check. */
    private void object(String path, JsonNode node, Map<String, Field> fields) {
      for (Map.Entry<String, Field> entry : fields.entrySet()) {
        String name = entry.getKey();
        String at = child(path, name);
        JsonNode value = node.get(name);
        if (value == null) {
          if (entry.getValue().required()) {
            errors.add(at, "required field is missing");
          }
        } else if (value.isNull()) {
          errors.add(
              at,
              entry.getValue().required()
                  ? "required field is null"
                  : "null is not allowed (omit the field instead)");
        } else {
          entry.getValue().check().accept(at, value);
        }
      }
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!fields.containsKey(name)) {
          errors.add(
              child(path, name),
              "unknown field (expected one of: " + String.join(", ", fields.keySet()) + ")");
        }
      }
    }

    private void arrayOf(String path, JsonNode value, Check element) {
      if (!value.isArray()) {
        errors.add(path, "expected an array, got " + describe(value));
        return;
      }
      for (int i = 0; i < value.size(); i++) {
        String at = path + "[" + i + "]";
        JsonNode item = value.get(i);
        if (item.isNull()) {
          errors.add(at, "expected an object, got null");
        } else {
          element.accept(at, item);
        }
      }
    }

    private boolean objectType(String path, JsonNode value) {
      if (value == null || !value.isObject()) {
        errors.add(path, "expected an object, got " + describe(value));
        return false;
      }
      return true;
    }

    private boolean string(String path, JsonNode value) {
      if (!value.isTextual()) {
        errors.add(path, "expected a string, got " + describe(value));
        return false;
      }
      return true;
    }

    /** Any string, the empty one included. */
    private void string0(String path, JsonNode value) {
      string(path, value);
    }

    private boolean nonEmptyString(String path, JsonNode value) {
      if (!string(path, value)) {
        return false;
      }
      if (value.textValue().isBlank()) {
        errors.add(path, "must not be empty");
        return false;
      }
      return true;
    }

    /** A non-negative integer (row and byte counts, returned rows). */
    private void count(String path, JsonNode value) {
      if (!value.isIntegralNumber()) {
        errors.add(path, "expected an integer, got " + describe(value));
      } else if (!value.canConvertToLong()) {
        errors.add(path, "integer " + value.asText() + " is out of range");
      } else if (value.longValue() < 0) {
        errors.add(path, value.longValue() + " is negative (omit the field when unknown)");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static String child(String path, String name) {
    String key = SIMPLE_KEY.matcher(name).matches() ? name : null;
    if (key == null) {
      return path + "[\"" + truncate(name.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"]";
    }
    return path.isEmpty() ? key : path + "." + key;
  }

  private static List<String> sorted(Set<String> values) {
    List<String> list = new ArrayList<>(values);
    Collections.sort(list);
    return list;
  }

  static String quote(String text) {
    return "'" + truncate(text) + "'";
  }

  private static String truncate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "string " + quote(value.textValue());
    }
    if (value.isNumber()) {
      return "number " + truncate(value.asText());
    }
    if (value.isBoolean()) {
      return "boolean " + value.asText();
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isObject()) {
      return "an object";
    }
    return value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }
}
