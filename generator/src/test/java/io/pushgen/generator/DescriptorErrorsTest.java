package io.pushgen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.descriptor.DescriptorException;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.descriptor.LoadedDescriptor;
import io.pushgen.generator.descriptor.SchemaValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorErrorsTest {
  @TempDir Path tmp;

  private static String sample() throws Exception {
    return Files.readString(TestSupport.resource("descriptors/sample.yaml"), StandardCharsets.UTF_8);
  }

  /** Writes a broken variant, runs generate and checks the single error line. */
  private void expectOneError(String yaml, String expectedPrefix, String expectedText)
      throws Exception {
    Path file = tmp.resolve("broken.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    Path out = tmp.resolve("out");
    TestSupport.Run run = TestSupport.cli("generate", "--descriptor", file.toString(), "--out", out.toString());
    assertEquals(2, run.code(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    String line = run.errLines().get(0);
    assertTrue(line.startsWith(file + ":" + expectedPrefix), line);
    assertTrue(line.contains(expectedText), line);
    assertFalse(Files.exists(out), "nothing may be written");
    assertEquals("", run.out());
  }

  private static int lineOf(String yaml, String text) {
    String before = yaml.substring(0, yaml.indexOf(text));
    return (int) before.chars().filter(c -> c == '\n').count() + 1;
  }

  @Test
  void validSampleLoads() throws Exception {
    LoadedDescriptor d = Descriptors.load("sample.yaml", sample(), null, true);
    assertEquals("sample", d.id());
    assertEquals("Sample DB", d.descriptor().name());
    assertEquals("org.example.Driver", d.descriptor().connection().driver().className());
    assertEquals("5432", d.descriptor().connection().settings().get(1).defaultValue());
    assertEquals(java.util.List.of("metadata"), d.descriptor().flows());
    assertEquals(java.util.List.of("r", "v"),
        java.util.List.copyOf(d.descriptor().tableTypes().map().keySet()));
  }

  @Test
  void aDriverDependencysPurposeBecomesAPomCommentSoItMayNotHoldTwoDashes() throws Exception {
    String yaml =
        sample().replace("    class: org.example.Driver\n",
            "    class: org.example.Driver\n    dependencies:\n"
                + "      - maven: org.example:auth:1.0\n        for: tokens -- for login\n");
    int line = lineOf(yaml, "tokens -- for login");
    expectOneError(yaml, line + ":14: connection.driver.dependencies[0].for: ",
        "must not contain '--': it is written as a comment in the emitted pom.xml");
    Descriptors.load("sample.yaml", yaml.replace("tokens -- for login", "tokens for login"), null, true);
  }

  @Test
  void aHistoryPerDatabaseNeedsAConnectionPerDatabase() throws Exception {
    String yaml =
        sample().replace("  metadata: 50\n", "  metadata: 50\n  lineage: 100\n")
            + "lineage:\n"
            + "  dialect: postgres\n"
            + "  lookback_minutes: 60\n"
            + "  lag_minutes: 0\n"
            + "  statements:\n"
            + "    per_database: true\n"
            + "    sql: SELECT q FROM h WHERE t >= :start_time AND t < :end_time\n"
            + "    map:\n"
            + "      query_text: q\n";
    Descriptors.load("sample.yaml", yaml, null, true);
    String oneConnection = yaml.replace("  database_in_url: true\n", "  database_in_url: false\n");
    expectOneError(oneConnection, lineOf(oneConnection, "per_database: true") + ":5: lineage.statements.per_database: ",
        "a history per database is read over one connection per database: connection kind jdbc"
            + " with database_in_url, and no 'edges'");
  }

  @Test
  void unknownKey() throws Exception {
    String yaml = sample().replace("      type: table_type\n", "      type: table_type\n      rows: n_live\n");
    int line = lineOf(yaml, "rows: n_live");
    expectOneError(yaml, line + ":7: metadata.tables.map: ",
        "unknown key 'rows' (allowed: schema, name, type, database, description, row_count,"
            + " byte_count, last_update_time, view_query, created_on)");
  }

  @Test
  void missingRequiredQuery() throws Exception {
    String yaml = sample();
    int start = yaml.indexOf("  columns:\n    sql: |");
    int end = yaml.indexOf("    map:", start);
    yaml = yaml.substring(0, start) + "  columns:\n" + yaml.substring(end);
    expectOneError(yaml, lineOf(yaml, "  columns:") + ":3: metadata.columns: ",
        "missing required key 'sql'");
  }

  @Test
  void missingSection() throws Exception {
    String yaml = sample();
    yaml = yaml.substring(0, yaml.indexOf("  columns:\n"));
    expectOneError(yaml, lineOf(yaml, "metadata:\n  databases") + ":1: metadata: ",
        "missing required key 'columns'");
  }

  @Test
  void wrongType() throws Exception {
    String yaml = sample().replace("  metadata: 50", "  metadata: fifty");
    expectOneError(yaml, lineOf(yaml, "metadata: fifty") + ":13: batch_size.metadata: ",
        "expected an integer, got the string 'fifty'");
  }

  @Test
  void wrongEnum() throws Exception {
    String yaml = sample().replace("v: VIEW", "v: VIEWS");
    expectOneError(yaml, lineOf(yaml, "map: {r: TABLE") + ":", "table_types.map.v: 'VIEWS' is not allowed (allowed: TABLE, VIEW)");
  }

  @Test
  void yamlSyntaxError() throws Exception {
    String yaml = sample().replace("  quote: '\"'", "  quote: '\"\n  oops: [");
    Path file = tmp.resolve("broken.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    TestSupport.Run run = TestSupport.cli("generate", "--descriptor", file.toString(), "--out", tmp.resolve("o").toString());
    assertEquals(2, run.code());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.errLines().get(0).matches("\\Q" + file + "\\E:\\d+:\\d+: YAML syntax error: .+"),
        run.err());
    assertFalse(Files.exists(tmp.resolve("o")));
  }

  @Test
  void yamlSyntaxErrorLine() throws Exception {
    String yaml = sample().replace("name: Sample DB", "name: Sample DB\n  bad: indent");
    expectOneError(yaml, lineOf(yaml, "  bad: indent") + ":", "YAML syntax error");
  }

  @Test
  void unknownPlaceholder() throws Exception {
    String yaml = sample().replace("FROM pg_class c JOIN", "FROM {{table}}.pg_class c JOIN");
    int line = lineOf(yaml, "{{table}}");
    expectOneError(yaml, line + ":12: metadata.tables.sql: ",
        "unknown placeholder '{{table}}' (known here: database, schema)");
  }

  @Test
  void unknownParameter() throws Exception {
    String yaml = sample().replace("ORDER BY 1, 2, ordinal_position", "WHERE x > :since ORDER BY 1, 2, ordinal_position");
    expectOneError(yaml, lineOf(yaml, ":since") + ":17: metadata.columns.sql: ",
        "unknown placeholder ':since'");
  }

  @Test
  void castsAndQuotedColonsAreNotParameters() throws Exception {
    Descriptors.load("sample.yaml",
        sample().replace("c.relkind::text", "c.relkind::text, ':nope' AS \":x\""), null, true);
  }

  @Test
  void unknownUrlSetting() throws Exception {
    String yaml = sample().replace("{port}", "{prot}");
    expectOneError(yaml, lineOf(yaml, "url:") + ":", "connection.url: unknown setting '{prot}'");
  }

  @Test
  void unknownLogType() throws Exception {
    String yaml = sample().replace("log_type: null", "log_type: hive");
    expectOneError(yaml, "4:11: log_type: ", "'hive' is not a log_type Monte Carlo accepts (allowed: snowflake,");
  }

  @Test
  void idMustMatchFileName() throws Exception {
    DescriptorException e = assertThrows(DescriptorException.class,
        () -> Descriptors.load("warehouses/other.yaml", sample(), null, true));
    assertEquals(java.util.List.of("warehouses/other.yaml:1:5: id: 'sample' must equal the file name 'other'"), e.lines());
  }

  @Test
  void duplicateKey() throws Exception {
    String yaml = sample().replace("name: Sample DB\n", "name: Sample DB\nname: Again\n");
    expectOneError(yaml, "3:1: ", "duplicate key 'name'");
  }

  @Test
  void overrideReplacesAQueryAndItsErrorsNameTheOverride() throws Exception {
    Path base = tmp.resolve("sample.yaml");
    Files.writeString(base, sample(), StandardCharsets.UTF_8);
    Path override = tmp.resolve("override.yaml");
    Files.writeString(override, "metadata:\n  tables:\n    sql: SELECT 1 FROM {{database}}.t\n");
    LoadedDescriptor d = Descriptors.loadFile(base, override, true);
    assertEquals("SELECT 1 FROM {{database}}.t", d.descriptor().metadata().tables().sql());
    assertEquals("schema_name", d.descriptor().metadata().tables().map().get("schema"));

    Files.writeString(override, "metadata:\n  tables:\n    sql: SELECT 1\n    rows: x\n");
    DescriptorException e = assertThrows(DescriptorException.class, () -> Descriptors.loadFile(base, override, true));
    assertEquals(java.util.List.of(override + ":4:5: metadata.tables: unknown key 'rows' (allowed: sql, map, docs, variants)"), e.lines());

    Files.writeString(override, "metadata:\n  tables:\n    sql: SELECT {{nope}}\n");
    e = assertThrows(DescriptorException.class, () -> Descriptors.loadFile(base, override, true));
    assertEquals(1, e.lines().size());
    assertTrue(e.lines().get(0).startsWith(override + ":3:"), e.lines().get(0));
  }

  @Test
  void schemaWithUnsupportedKeywordIsRejected() throws Exception {
    var schema = new ObjectMapper().readTree("{\"type\":\"object\",\"oneOf\":[]}");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SchemaValidator(schema));
    assertTrue(e.getMessage().contains("'oneOf'"), e.getMessage());
  }

  @Test
  void shippedSchemaIsSupported() {
    Descriptors.validator();
  }

  @Test
  void validateCommand() throws Exception {
    Path good = tmp.resolve("sample.yaml");
    Files.writeString(good, sample());
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, sample().replace("  metadata: 50", "  metadata: -1"));
    TestSupport.Run run = TestSupport.cli("validate", good.toString(), bad.toString());
    assertEquals(2, run.code());
    assertEquals("OK " + good + "\n", run.out());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.errLines().get(0).contains("batch_size.metadata: -1 is too small (minimum: 1)"), run.err());
  }

  private static String athena() throws Exception {
    return Files.readString(TestSupport.root().resolve("warehouses/athena.yaml"), StandardCharsets.UTF_8)
        .replace("id: athena\n", "id: broken\n");
  }

  @Test
  void athenaTakesNoCatalogQueries() throws Exception {
    String yaml =
        athena()
            .replace(
                "metadata:\n  glue:\n",
                "metadata:\n  tables:\n    sql: SELECT 1\n    map: {schema: s, name: n, type: t}\n  glue:\n");
    expectOneError(yaml, lineOf(yaml, "metadata:\n  tables:") + ":1: metadata: ",
        "kind athena reads the Glue Data Catalog's API and takes no queries");
  }

  @Test
  void athenaCredentialsAreTheAwsSdks() throws Exception {
    String yaml = athena().replace("credentials: profile\n", "credentials: key-file\n");
    expectOneError(yaml, lineOf(yaml, "key-file\n") + ":22: connection.auth.methods[1].credentials: ",
        "'key-file' is not a credentials kind of connection kind athena (allowed: default-chain, profile)");
  }

  /** The sample with an opt-in {@code sizes} (a flag) and a variant of its tables query. */
  private static String withOption(String option, String variant) throws Exception {
    return sample()
        .replace("log_type: null\n", "log_type: null\noptions:\n" + option)
        .replace("      type: table_type\n", "      type: table_type\n    variants:\n" + variant);
  }

  private static final String FLAG =
      "  - name: sizes\n    env: SAMPLE_SIZES\n    description: Read sizes.\n";
  private static final String CHOICE =
      "  - name: source\n    env: SAMPLE_SOURCE\n    description: Where from.\n"
          + "    values: [live, history]\n";

  @Test
  void anOptInAndItsVariantLoad() throws Exception {
    LoadedDescriptor d =
        Descriptors.load(
            "sample.yaml",
            withOption(FLAG, "      - option: sizes\n        sql: SELECT 1 AS schema_name\n"),
            null,
            true);
    assertEquals("sizes", d.descriptor().options().get(0).name());
    assertTrue(d.descriptor().options().get(0).flag());
    assertEquals("sizes", d.descriptor().metadata().tables().variants().get(0).option());
  }

  @Test
  void aVariantNamesADeclaredOption() throws Exception {
    String yaml =
        withOption(
            FLAG,
            "      - option: sizes\n        sql: SELECT 1\n      - option: size\n        sql: SELECT 2\n");
    expectOneError(yaml, lineOf(yaml, "option: size\n") + ":17: metadata.tables.variants[1].option: ",
        "unknown option 'size' (declared options: sizes)");
  }

  @Test
  void aFlagsVariantTakesNoValue() throws Exception {
    String yaml = withOption(FLAG, "      - option: sizes\n        value: big\n        sql: SELECT 1\n");
    expectOneError(yaml, lineOf(yaml, "value: big") + ":9: metadata.tables.variants[0].value: ",
        "option 'sizes' is a flag: give no 'value'");
  }

  @Test
  void aChoicesVariantTakesOneOfItsOtherValues() throws Exception {
    String yaml = withOption(CHOICE, "      - option: source\n        value: live\n        sql: SELECT 1\n");
    expectOneError(yaml, lineOf(yaml, "value: live") + ":16: metadata.tables.variants[0].value: ",
        "'live' is the default of option 'source': the query itself is that form");
    yaml = withOption(CHOICE, "      - option: source\n        value: archive\n        sql: SELECT 1\n");
    expectOneError(yaml, lineOf(yaml, "value: archive") + ":16: metadata.tables.variants[0].value: ",
        "'archive' is not a value of option 'source' (values: live, history)");
    yaml = withOption(CHOICE, "      - option: source\n        sql: SELECT 1\n");
    expectOneError(yaml, lineOf(yaml, "- option: source") + ":9: metadata.tables.variants[0]: ",
        "option 'source' is a choice: give the 'value' that selects this form (one of history)");
  }

  @Test
  void anOptionMustSelectAVariant() throws Exception {
    String yaml =
        sample()
            .replace("log_type: null\n", "log_type: null\noptions:\n" + FLAG);
    expectOneError(yaml, lineOf(yaml, "name: sizes") + ":11: options[0].name: ",
        "option 'sizes' selects no variant");
  }

  @Test
  void aVariantsSqlUsesTheNamesOfItsQuery() throws Exception {
    String yaml = withOption(FLAG, "      - option: sizes\n        sql: SELECT 1 FROM {{table}}\n");
    expectOneError(yaml, lineOf(yaml, "SELECT 1 FROM {{table}}") + ":",
        "unknown placeholder '{{table}}' (known here: database, schema)");
  }
}
