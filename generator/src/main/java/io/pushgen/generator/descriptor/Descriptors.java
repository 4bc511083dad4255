package io.pushgen.generator.descriptor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.pushgen.generator.resources.Resources;
import io.pushgen.runtime.collect.Sql;
import io.pushgen.runtime.wire.Contract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads descriptors: YAML with positions, optional override merged on top, JSON-Schema
 * validation against {@code warehouses/descriptor.schema.json}, binding to {@link Descriptor},
 * then the semantic checks the schema cannot express. Every problem is reported as one line
 * {@code file:line:column: field: message}.
 */
public final class Descriptors {
  /** Where shipped descriptors and the schema live on the classpath. */
  public static final String RESOURCE_DIR = "pushgen/warehouses";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper BIND =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static volatile SchemaValidator validator;

  private Descriptors() {}

  /** The validator for the shipped schema (loaded once from the classpath). */
  public static SchemaValidator validator() {
    if (validator == null) {
      try {
        String schema = Resources.read(RESOURCE_DIR + "/descriptor.schema.json");
        validator = new SchemaValidator(JSON.readTree(schema));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the descriptor schema", e);
      }
    }
    return validator;
  }

  /** Ids of the shipped descriptors, sorted. */
  public static List<String> shippedIds() {
    List<String> ids = new ArrayList<>();
    for (String name : Resources.list(RESOURCE_DIR)) {
      if (name.endsWith(".yaml") && !name.contains("/")) {
        ids.add(name.substring(0, name.length() - ".yaml".length()));
      }
    }
    ids.sort(null);
    return List.copyOf(ids);
  }

  /** Loads the shipped descriptor {@code id}, with an optional override file on top. */
  public static LoadedDescriptor loadShipped(String id, Path override) throws DescriptorException {
    String resource = RESOURCE_DIR + "/" + id + ".yaml";
    if (!id.matches("[a-z][a-z0-9-]*") || !Resources.exists(resource)) {
      throw new DescriptorException(
          new Problem("warehouses/" + id + ".yaml", 0, 0, "",
              "no such warehouse '" + id + "' (shipped: " + String.join(", ", shippedIds()) + ")"));
    }
    String text;
    try {
      text = Resources.read(resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return load("warehouses/" + id + ".yaml", text, override, true, true);
  }

  /**
   * Loads a descriptor file.
   *
   * @param requireIdMatchesFile whether the id must equal the file name without {@code .yaml}
   */
  public static LoadedDescriptor loadFile(Path file, Path override, boolean requireIdMatchesFile)
      throws DescriptorException {
    return loadFile(file, override, requireIdMatchesFile, false);
  }

  /**
   * Loads a descriptor file.
   *
   * @param requireIdMatchesFile whether the id must equal the file name without {@code .yaml}
   * @param shipped whether it is held to the shipped descriptors' rules (a {@code docs} URL on
   *     every query)
   */
  public static LoadedDescriptor loadFile(
      Path file, Path override, boolean requireIdMatchesFile, boolean shipped)
      throws DescriptorException {
    return load(file.toString(), readFile(file), override, requireIdMatchesFile, shipped);
  }

  /**
   * Loads a descriptor from text.
   *
   * @param file the name used in messages; its last path element is the {@code source}
   */
  public static LoadedDescriptor load(
      String file, String text, Path override, boolean requireIdMatchesFile)
      throws DescriptorException {
    return load(file, text, override, requireIdMatchesFile, false);
  }

  private static LoadedDescriptor load(
      String file, String text, Path override, boolean requireIdMatchesFile, boolean shipped)
      throws DescriptorException {
    YamlTree tree = YamlTree.parse(file, text);
    if (override != null) {
      YamlTree over = YamlTree.parse(override.toString(), readFile(override));
      if (!over.root().isObject()) {
        YamlTree.Pos at = over.valuePos("");
        throw new DescriptorException(
            new Problem(at.file(), at.line(), at.column(), "", "an override must be a mapping"));
      }
      tree = YamlTree.merge(tree, over);
    }
    return validate(tree, requireIdMatchesFile, shipped);
  }

  private static String readFile(Path file) throws DescriptorException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DescriptorException(
          new Problem(file.toString(), 0, 0, "", "cannot read the file: " + e));
    }
  }

  /** Schema check, binding and semantic checks of a parsed (possibly merged) document. */
  public static LoadedDescriptor validate(
      YamlTree tree, boolean requireIdMatchesFile, boolean shipped) throws DescriptorException {
    List<Problem> problems = new ArrayList<>();
    for (SchemaValidator.Violation v : validator().validate(tree.root())) {
      YamlTree.Pos at = v.atKey() ? tree.keyPos(v.pointer()) : tree.valuePos(v.pointer());
      problems.add(new Problem(at.file(), at.line(), at.column(),
          YamlTree.display(v.fieldPointer()), v.message()));
    }
    if (!problems.isEmpty()) {
      throw new DescriptorException(problems);
    }
    Descriptor d;
    try {
      d = BIND.treeToValue(tree.root(), Descriptor.class);
    } catch (IOException e) {
      // The schema should make this impossible; report it rather than crash.
      throw new DescriptorException(
          new Problem(tree.file(), 1, 1, "", "cannot bind the descriptor: " + e.getMessage()));
    }
    new Semantics(tree, d, requireIdMatchesFile, shipped, problems).check();
    if (!problems.isEmpty()) {
      throw new DescriptorException(problems);
    }
    String source = Path.of(tree.file()).getFileName().toString();
    @SuppressWarnings("unchecked")
    Map<String, Object> model = (Map<String, Object>) toModel(tree.root());
    return new LoadedDescriptor(d, model, source, tree);
  }

  /** A Jackson tree as plain Java: LinkedHashMap, ArrayList, String, Long/BigInteger, BigDecimal, Boolean, null. */
  public static Object toModel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        map.put(e.getKey(), toModel(e.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(toModel(n)));
      return list;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.asLong() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return null;
  }

  /** Names a query may use as {@code {{name}}} or {@code :name}, by JSON pointer. */
  static final Map<String, Set<String>> PLACEHOLDERS =
      Map.ofEntries(
          Map.entry("/metadata/databases/sql", Set.of()),
          Map.entry("/metadata/tables/sql", Set.of("database", "schema")),
          Map.entry("/metadata/columns/sql", Set.of("database", "schema")),
          Map.entry("/metadata/table_detail/sql", Set.of("database", "schema", "table")),
          Map.entry("/metadata/per_schema/schemas/sql", Set.of("database")),
          Map.entry("/metadata/per_schema/tables_sql", Set.of("database", "schema")),
          Map.entry("/metadata/per_schema/columns_sql", Set.of("database", "schema")),
          Map.entry("/lineage/views/sql", Set.of("database")),
          Map.entry("/lineage/edges/sql", Set.of("start_time", "end_time")),
          Map.entry("/lineage/statements/sql", Set.of("start_time", "end_time")),
          Map.entry("/query_logs/sql", Set.of("start_time", "end_time")),
          Map.entry("/lineage/jobs/sql", Set.of("start_time", "end_time")),
          Map.entry("/lineage/links/sql", Set.of()));

  /**
   * Names every query of a kind bigquery descriptor may use besides those above: the project
   * ({@code {{database}}}), the {@code `region-<r>`} qualifier ({@code {{region}}}), and the
   * {@code --datasets}/{@code --tables} filters, bound as arrays ({@code :datasets}, {@code :tables}).
   */
  static final Set<String> BIGQUERY_PLACEHOLDERS = Set.of("database", "region", "datasets", "tables");

  /** The {@code credentials} an auth method may name, by the connection kinds that have them. */
  static final Map<String, Set<String>> CREDENTIALS =
      Map.of(
          "bigquery", Set.of("application-default", "key-file", "impersonated"),
          "athena", Set.of("default-chain", "profile"));

  private static final class Semantics {
    private final YamlTree tree;
    private final Descriptor d;
    private final boolean requireIdMatchesFile;
    private final boolean shipped;
    private final List<Problem> problems;

    Semantics(
        YamlTree tree,
        Descriptor d,
        boolean requireIdMatchesFile,
        boolean shipped,
        List<Problem> problems) {
      this.tree = tree;
      this.d = d;
      this.requireIdMatchesFile = requireIdMatchesFile;
      this.shipped = shipped;
      this.problems = problems;
    }

    private void add(String pointer, boolean atKey, String message) {
      add(atKey ? tree.keyPos(pointer) : tree.valuePos(pointer), pointer, message);
    }

    private void add(YamlTree.Pos at, String pointer, String message) {
      problems.add(new Problem(at.file(), at.line(), at.column(), YamlTree.display(pointer), message));
    }

    void check() {
      if (requireIdMatchesFile) {
        String stem = Path.of(tree.file()).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!stem.equals(d.id())) {
          add("/id", false, "'" + d.id() + "' must equal the file name '" + stem + "'");
        }
      }
      if (d.logType() != null && !Contract.LOG_TYPES.contains(d.logType())) {
        add("/log_type", false, "'" + d.logType() + "' is not a log_type Monte Carlo accepts"
            + " (allowed: " + String.join(", ", Contract.LOG_TYPES) + ", or null)");
      }
      Descriptor.Connection c = d.connection();
      boolean clientKind = "bigquery".equals(c.kind()) || "athena".equals(c.kind());
      if (clientKind && c.client() == null) {
        add("/connection", true, "missing required key 'client' (required for kind " + c.kind() + ")");
      }
      if (c.client() != null && !clientKind) {
        add("/connection/client", true, "'client' is for connection kinds bigquery and athena");
      }
      if (c.driver() != null && c.driver().dependencies() != null) {
        for (int i = 0; i < c.driver().dependencies().size(); i++) {
          if (c.driver().dependencies().get(i).purpose().contains("--")) {
            add("/connection/driver/dependencies/" + i + "/for", false,
                "must not contain '--': it is written as a comment in the emitted pom.xml");
          }
        }
      }
      if ("jdbc".equals(c.kind())) {
        if (c.driver() == null) {
          add("/connection", true, "missing required key 'driver' (required for kind jdbc)");
        }
        if (c.url() == null) {
          add("/connection", true, "missing required key 'url' (required for kind jdbc)");
        }
      }
      Descriptor.Metadata md = d.metadata();
      if ("jdbc-metadata".equals(c.kind())) {
        if (c.url() == null) {
          add("/connection", true, "missing required key 'url' (required for kind jdbc-metadata)");
        }
        if (md != null && (md.databases() != null || md.tables() != null || md.columns() != null)) {
          add("/metadata", true, "kind jdbc-metadata reads java.sql.DatabaseMetaData and takes no"
              + " queries: write 'metadata: {}'");
        }
      } else if ("athena".equals(c.kind())) {
        if (md != null && md.glue() == null) {
          add("/metadata", true, "missing required key 'glue' (kind athena reads the Glue Data"
              + " Catalog's API, not queries)");
        }
        if (md != null && (md.databases() != null || md.tables() != null || md.columns() != null)) {
          add("/metadata", true, "kind athena reads the Glue Data Catalog's API and takes no"
              + " queries: give 'glue' only");
        }
      } else if (md != null) {
        if (md.glue() != null) {
          add("/metadata/glue", true, "'glue' is for connection kind athena");
        }
        for (String key : List.of("tables", "columns")) {
          if (!tree.root().path("metadata").has(key)) {
            add("/metadata", true, "missing required key '" + key + "'");
          }
        }
      }
      Set<String> settingNames = new java.util.LinkedHashSet<>();
      for (int i = 0; i < c.settings().size(); i++) {
        String name = c.settings().get(i).name();
        if (!settingNames.add(name)) {
          add("/connection/settings/" + i + "/name", false, "duplicate setting '" + name + "'");
        }
      }
      checkAuth(c, settingNames);
      if (c.url() != null) {
        // {name} is URL-encoded, {+name} inserted as it is (runtime Jdbc.url).
        Matcher m = Pattern.compile("\\{\\+?([^{}]*)}").matcher(c.url());
        while (m.find()) {
          if (!settingNames.contains(m.group(1))) {
            add(positionIn("/connection/url", m.start()), "/connection/url",
                "unknown setting '{" + m.group(1) + "}' (declared settings: "
                    + String.join(", ", settingNames) + ")");
          }
        }
      }
      if (d.tableTypes() != null) {
        Set<String> seen = new java.util.HashSet<>();
        for (String key : d.tableTypes().map().keySet()) {
          if (!seen.add(key.toLowerCase(java.util.Locale.ROOT))) {
            add("/table_types/map/" + YamlTree.escape(key), true,
                "'" + key + "' is listed twice (keys are case-insensitive)");
          }
        }
      }
      for (Map.Entry<String, Set<String>> e : new java.util.TreeMap<>(PLACEHOLDERS).entrySet()) {
        JsonNode sql = tree.root().at(e.getKey());
        if (sql.isTextual()) {
          Set<String> known = e.getValue();
          if (e.getKey().equals("/query_logs/sql") && d.queryLogs().parameters() != null) {
            known = new java.util.HashSet<>(known);
            for (Descriptor.Parameter parameter : d.queryLogs().parameters()) {
              known.add(parameter.name());
            }
          }
          if ("bigquery".equals(c.kind())) {
            known = new java.util.HashSet<>(known);
            known.addAll(BIGQUERY_PLACEHOLDERS);
          }
          checkSql(e.getKey(), sql.asText(), known);
        }
      }
      checkOptions(c);
      if (shipped) {
        checkDocs();
      }
      for (String flow : d.flows()) {
        if (!tree.root().path("batch_size").has(flow)) {
          add("/batch_size", true, "missing key '" + flow + "' (the descriptor has a "
              + flow + " section)");
        }
      }
      Descriptor.QueryLogs q = d.queryLogs();
      if (q != null) {
        String kind = q.kind() != null ? q.kind() : c.kind();
        if ("jdbc".equals(kind) || "bigquery".equals(kind)) {
          if (q.sql() == null || q.map() == null) {
            add("/query_logs", true, "kind " + kind + " needs 'sql' and 'map'");
          }
        } else if ("athena".equals(kind)) {
          if (!"athena".equals(c.kind())) {
            add("/query_logs/kind", false, "kind athena needs connection kind athena");
          }
          if (q.sql() != null || q.map() != null) {
            add("/query_logs", true, "kind athena reads Athena's query executions and takes no"
                + " 'sql' or 'map' (name the API's fields in 'extra')");
          }
        } else if ("log-file".equals(kind)) {
          if (q.logFormat() == null) {
            add("/query_logs", true, "kind log-file needs 'log_format'");
          }
        } else {
          add("/query_logs", true, "query logs cannot come from a " + kind + " connection;"
              + " set kind: jdbc or log-file");
        }
      }
      Descriptor.Lineage l = d.lineage();
      if (l != null) {
        if (l.views() == null && l.edges() == null && l.statements() == null
            && l.logFormat() == null && l.jobs() == null && l.links() == null
            && l.glueViews() == null && l.queryExecutions() == null) {
          add("/lineage", true,
              "needs at least one of 'views', 'edges', 'statements' or 'log_format'");
        }
        if ((l.glueViews() != null || l.queryExecutions() != null) != "athena".equals(c.kind())) {
          add("/lineage", true, "connection kind athena reads lineage from 'glue_views' and"
              + " 'query_executions' only, and only it has them");
        }
        if ((l.jobs() != null || l.links() != null) && !"bigquery".equals(c.kind())) {
          add("/lineage", true, "'jobs' and 'links' are read with the BigQuery client:"
              + " connection kind bigquery only");
        }
        if (l.windowed() && (l.lookbackMinutes() == null || l.lagMinutes() == null)) {
          add("/lineage", true, "edges, statements and logs cover a window: set"
              + " 'lookback_minutes' and 'lag_minutes'");
        }
        if (l.statements() != null && Boolean.TRUE.equals(l.statements().perDatabase())
            && (!"jdbc".equals(c.kind()) || !Boolean.TRUE.equals(c.databaseInUrl())
                || l.edges() != null)) {
          add("/lineage/statements/per_database", true, "a history per database is read over one"
              + " connection per database: connection kind jdbc with database_in_url, and no"
              + " 'edges'");
        }
        if (l.edges() != null) {
          for (String side : List.of("target", "source")) {
            Map<String, String> map = l.edges().map();
            boolean qualified = map.containsKey(side);
            boolean parts = map.containsKey(side + "_table");
            if (qualified == parts) {
              add("/lineage/edges/map", true, "give the " + side + " either as '" + side
                  + "' (one qualified name) or as '" + side + "_database', '" + side
                  + "_schema' and '" + side + "_table'");
            }
          }
        }
      }
    }

    /**
     * The queries that may have variants, by JSON pointer, with the names their SQL may use (those
     * of the query itself).
     */
    private static final Map<String, String> VARIANT_QUERIES =
        Map.of("/metadata/tables", "/metadata/tables/sql", "/query_logs", "/query_logs/sql");

    /**
     * Options and the variants that name them: every variant names a declared option (and, for a
     * choice, one of its values other than the default), no two variants of a query are selected
     * the same way or render to the same constant, each variant's SQL uses only the names its
     * query may use, and every option selects at least one variant.
     */
    private void checkOptions(Descriptor.Connection c) {
      Map<String, Descriptor.Option> options = new LinkedHashMap<>();
      List<Descriptor.Option> declared = d.options() == null ? List.of() : d.options();
      for (int i = 0; i < declared.size(); i++) {
        Descriptor.Option o = declared.get(i);
        String at = "/options/" + i;
        if (options.putIfAbsent(o.name(), o) != null) {
          add(at + "/name", false, "duplicate option '" + o.name() + "'");
        }
        if (o.values() != null && new java.util.HashSet<>(o.values()).size() != o.values().size()) {
          add(at + "/values", false, "a value is listed twice");
        }
        if (c.settings().stream().anyMatch(s -> s.name().equals(o.name()))) {
          add(at + "/name", false, "'" + o.name() + "' is also a connection setting: the options"
              + " would clash");
        }
      }
      Set<String> used = new java.util.HashSet<>();
      for (Map.Entry<String, String> query : new java.util.TreeMap<>(VARIANT_QUERIES).entrySet()) {
        JsonNode variants = tree.root().at(query.getKey() + "/variants");
        if (!variants.isArray()) {
          continue;
        }
        String owner = query.getKey();
        boolean jdbc = "jdbc".equals(c.kind())
            && !(owner.equals("/query_logs") && d.queryLogs().kind() != null
                && !"jdbc".equals(d.queryLogs().kind()));
        if (!jdbc) {
          add(owner + "/variants", true, "variants are for queries of connection kind jdbc");
          continue;
        }
        if (owner.equals("/metadata/tables") && d.metadata().perSchema() != null) {
          add(owner + "/variants", true, "variants of the tables query cannot be combined with"
              + " metadata.per_schema, whose per-schema queries have none");
        }
        Set<String> known = PLACEHOLDERS.get(query.getValue());
        if (owner.equals("/query_logs") && d.queryLogs().parameters() != null) {
          known = new java.util.HashSet<>(known);
          for (Descriptor.Parameter parameter : d.queryLogs().parameters()) {
            known.add(parameter.name());
          }
        }
        Set<String> suffixes = new java.util.HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
          String at = owner + "/variants/" + i;
          JsonNode v = variants.get(i);
          String name = v.path("option").asText();
          String value = v.hasNonNull("value") ? v.get("value").asText() : null;
          checkSql(at + "/sql", v.path("sql").asText(), known);
          Descriptor.Option o = options.get(name);
          if (o == null) {
            add(at + "/option", false, "unknown option '" + name + "' ("
                + (options.isEmpty() ? "the descriptor declares no options"
                    : "declared options: " + String.join(", ", options.keySet())) + ")");
            continue;
          }
          used.add(name);
          if (o.flag() && value != null) {
            add(at + "/value", true, "option '" + name + "' is a flag: give no 'value'");
            continue;
          }
          if (!o.flag()) {
            if (value == null) {
              add(at, true, "option '" + name + "' is a choice: give the 'value' that selects"
                  + " this form (one of " + String.join(", ", o.values().subList(1, o.values().size())) + ")");
              continue;
            }
            if (value.equals(o.values().get(0))) {
              add(at + "/value", false, "'" + value + "' is the default of option '" + name
                  + "': the query itself is that form");
              continue;
            }
            if (!o.values().contains(value)) {
              add(at + "/value", false, "'" + value + "' is not a value of option '" + name
                  + "' (values: " + String.join(", ", o.values()) + ")");
              continue;
            }
          }
          if (!suffixes.add(o.flag() ? name : value)) {
            add(at, true, "another variant of this query is selected by "
                + (o.flag() ? "option '" + name + "'" : "the value '" + value + "'"));
          }
        }
      }
      for (int i = 0; i < declared.size(); i++) {
        if (!used.contains(declared.get(i).name())) {
          add("/options/" + i + "/name", false, "option '" + declared.get(i).name()
              + "' selects no variant: name it in a query's 'variants' (metadata.tables,"
              + " query_logs) or remove it");
        }
      }
    }

    /** The names an auth section and the settings refer to must exist, and fit together. */
    private void checkAuth(Descriptor.Connection c, Set<String> settingNames) {
      boolean urlParameters = false;
      for (int i = 0; i < c.settings().size(); i++) {
        Descriptor.Setting s = c.settings().get(i);
        String at = "/connection/settings/" + i;
        if (s.passphrase() != null) {
          if (!"pkcs8-private-key".equals(s.file())) {
            add(at + "/passphrase", true, "'passphrase' goes with file: pkcs8-private-key");
          } else if (!settingNames.contains(s.passphrase())) {
            add(at + "/passphrase", false, unknownSetting(s.passphrase(), settingNames));
          }
        }
        if (s.requiredUnless() != null) {
          if (!Boolean.TRUE.equals(s.required())) {
            add(at + "/required_unless", true, "'required_unless' goes with required: true");
          } else if (!settingNames.contains(s.requiredUnless())) {
            add(at + "/required_unless", false, unknownSetting(s.requiredUnless(), settingNames));
          }
        }
        if (s.urlParameter() != null) {
          urlParameters = true;
          if (s.property() != null) {
            add(at, true, "give either 'property' or 'url_parameter', not both");
          }
        }
      }
      if (c.urlVariants() != null) {
        for (int i = 0; i < c.urlVariants().size(); i++) {
          Descriptor.UrlVariant v = c.urlVariants().get(i);
          String at = "/connection/url_variants/" + i;
          if (!settingNames.contains(v.when())) {
            add(at + "/when", false, unknownSetting(v.when(), settingNames));
          }
          checkUrlPlaceholders(at + "/url", v.url(), settingNames);
        }
      }
      Descriptor.Auth auth = c.auth();
      if (auth != null) {
        for (Descriptor.AuthMethod m : auth.methods()) {
          urlParameters |= m.urlParameters() != null && !m.urlParameters().isEmpty();
        }
      }
      if (urlParameters && c.urlParameters() == null) {
        add("/connection", true,
            "settings or methods have URL parameters: set 'url_parameters' (query or semicolon)");
      }
      if (auth == null) {
        return;
      }
      Set<String> methodNames = new java.util.LinkedHashSet<>();
      for (int i = 0; i < auth.methods().size(); i++) {
        Descriptor.AuthMethod m = auth.methods().get(i);
        String at = "/connection/auth/methods/" + i;
        if (!methodNames.add(m.name())) {
          add(at + "/name", false, "duplicate method '" + m.name() + "'");
        }
        for (String key : List.of("requires", "optional")) {
          List<String> names = "requires".equals(key) ? m.requires() : m.optional();
          if (names == null) {
            continue;
          }
          for (int j = 0; j < names.size(); j++) {
            if (!settingNames.contains(names.get(j))) {
              add(at + "/" + key + "/" + j, false, unknownSetting(names.get(j), settingNames));
            }
          }
        }
        Set<String> credentials = CREDENTIALS.get(c.kind());
        if (m.credentials() != null && credentials == null) {
          add(at + "/credentials", true, "'credentials' is for connection kinds bigquery and athena");
        } else if (m.credentials() != null && !credentials.contains(m.credentials())) {
          add(at + "/credentials", false, "'" + m.credentials() + "' is not a credentials kind of"
              + " connection kind " + c.kind() + " (allowed: "
              + String.join(", ", new java.util.TreeSet<>(credentials)) + ")");
        }
        if (credentials != null && m.credentials() == null) {
          add(at, true, "missing required key 'credentials' (required for kind " + c.kind() + ")");
        }
        if (m.url() != null) {
          checkUrlPlaceholders(at + "/url", m.url(), settingNames);
        }
        if ("kerberos-keytab".equals(m.login())) {
          List<String> requires = m.requires() == null ? List.of() : m.requires();
          if (!requires.containsAll(List.of("client_principal", "keytab"))) {
            add(at + "/login", true, "login kerberos-keytab needs 'requires' to list client_principal and keytab");
          }
          c.settings().stream()
              .filter(s -> "keytab".equals(s.name()) && !"keytab".equals(s.file()))
              .findFirst()
              .ifPresent(s -> add(at + "/login", true, "login kerberos-keytab needs the setting keytab to have file: keytab"));
        }
      }
      if (!methodNames.contains(auth.scheduled().method())) {
        add("/connection/auth/scheduled/method", false, "unknown method '" + auth.scheduled().method()
            + "' (methods: " + String.join(", ", methodNames) + ")");
      }
    }

    private void checkUrlPlaceholders(String at, String url, Set<String> settingNames) {
      Matcher u = Pattern.compile("\\{\\+?([^{}]*)}").matcher(url);
      while (u.find()) {
        if (!settingNames.contains(u.group(1))) {
          add(at, false, unknownSetting(u.group(1), settingNames));
        }
      }
    }

    private static String unknownSetting(String name, Set<String> settingNames) {
      return "unknown setting '" + name + "' (declared settings: " + String.join(", ", settingNames) + ")";
    }

    /**
     * A shipped descriptor names, next to every catalog and history query, the vendor
     * documentation page it relies on, so that a reader can check the query against it.
     */
    private void checkDocs() {
      for (String pointer : new java.util.TreeSet<>(PLACEHOLDERS.keySet())) {
        String owner = pointer.substring(0, pointer.lastIndexOf('/'));
        if (tree.root().at(pointer).isTextual() && !tree.root().at(owner).has("docs")) {
          add(owner, true, "missing key 'docs': the URL of the vendor documentation this"
              + " query relies on (required in shipped descriptors)");
        }
      }
      for (String query : new java.util.TreeSet<>(VARIANT_QUERIES.keySet())) {
        JsonNode variants = tree.root().at(query + "/variants");
        for (int i = 0; i < variants.size(); i++) {
          if (!variants.get(i).has("docs")) {
            add(query + "/variants/" + i, true, "missing key 'docs': the URL of the vendor"
                + " documentation this form of the query relies on (required in shipped descriptors)");
          }
        }
      }
    }

    private void checkSql(String pointer, String sql, Set<String> known) {
      Sql parsed;
      try {
        parsed = Sql.of(sql);
      } catch (IllegalArgumentException e) {
        int offset = sql.indexOf("{{");
        add(positionIn(pointer, Math.max(offset, 0)), pointer, e.getMessage());
        return;
      }
      List<String> allowed = known.stream().sorted().toList();
      for (String name : parsed.identifierNames()) {
        if (!known.contains(name)) {
          int offset = indexOf(sql, Pattern.compile("\\{\\{\\s*" + Pattern.quote(name) + "\\s*}}"));
          add(positionIn(pointer, offset), pointer, "unknown placeholder '{{" + name
              + "}}' (known here: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")");
        }
      }
      for (String name : parsed.parameterNames()) {
        if (!known.contains(name)) {
          int offset = indexOf(sql, Pattern.compile("(?<![:\\w]):" + Pattern.quote(name) + "\\b"));
          add(positionIn(pointer, offset), pointer, "unknown placeholder ':" + name
              + "' (known here: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")");
        }
      }
    }

    private static int indexOf(String text, Pattern pattern) {
      Matcher m = pattern.matcher(text);
      return m.find() ? m.start() : 0;
    }

    /**
     * The position of character {@code offset} of the string at {@code pointer}: exact for
     * literal block scalars ({@code |}) and single-line plain scalars, else the value's start.
     */
    private YamlTree.Pos positionIn(String pointer, int offset) {
      YamlTree.Pos start = tree.valuePos(pointer);
      String source = tree.sourceText(start.file());
      String value = tree.root().at(pointer).asText();
      if (source == null || start.line() <= 0) {
        return start;
      }
      String[] lines = source.split("\n", -1);
      if (start.line() > lines.length) {
        return start;
      }
      String line = lines[start.line() - 1];
      int col = start.column() - 1;
      int lineInValue = 0;
      int lineStart = 0;
      for (int i = 0; i < offset && i < value.length(); i++) {
        if (value.charAt(i) == '\n') {
          lineInValue++;
          lineStart = i + 1;
        }
      }
      int colInValue = offset - lineStart;
      if (col < line.length() && line.charAt(col) == '|') {
        for (int l = start.line(); l < lines.length; l++) {
          String content = lines[l];
          if (!content.isBlank()) {
            int indent = content.length() - content.stripLeading().length();
            int target = start.line() + 1 + lineInValue;
            return new YamlTree.Pos(start.file(), target, indent + colInValue + 1);
          }
        }
        return start;
      }
      if (lineInValue == 0 && col < line.length() && line.startsWith(value, col)) {
        return new YamlTree.Pos(start.file(), start.line(), start.column() + offset);
      }
      return start;
    }
  }
}
