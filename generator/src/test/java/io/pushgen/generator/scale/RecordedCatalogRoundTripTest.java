package io.pushgen.generator.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.descriptor.Descriptor;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.runtime.collect.Quoting;
import io.pushgen.runtime.collect.Sql;
import io.pushgen.testsupport.ScriptedDriver.Column;
import io.pushgen.testsupport.ScriptedDriver.Table;
import io.pushgen.testsupport.ScriptedDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped JDBC descriptor that has no engine running here (Snowflake, Databricks, Redshift,
 * Hive, the Hive metastore, ClickHouse, Teradata, and any added later): its emitted {@code CollectMetadata} run on
 * catalog rows recorded for 10 and for 1,000 tables, built from the descriptor's own queries and
 * column mappings and served by {@link ScriptedDriver}, which records every statement. The counts
 * must be equal, and {@code --only-freshness-and-volume} must drop exactly the columns queries.
 *
 * <p>A new descriptor of kind {@code jdbc} is covered without changes here; one with a real
 * engine in the tests belongs in {@link #REAL_ENGINES} with its own test in this package.
 */
class RecordedCatalogRoundTripTest {
  /** Descriptors counted on a real engine by their own test in this package. */
  static final Map<String, String> REAL_ENGINES =
      Map.of(
          "postgres", "PostgresRoundTripTest",
          "mysql", "MariaDbRoundTripTest",
          "duckdb", "DuckDbRoundTripTest",
          "jdbc", "GenericJdbcRoundTripTest");

  /**
   * Kinds without JDBC catalog queries: {@code bigquery} (the vendor client, faked at its API by
   * the e2e tests' {@code FakeBigQuery}: {@code
   * BigQueryMetadataTest.theNumberOfQueriesDoesNotGrowWithTheNumberOfTables} counts its queries at
   * 10 and 1,000 tables), {@code athena} (the AWS SDK's Glue client against the e2e tests' {@code
   * FakeAws}: {@code AthenaProgramsTest.requestsGrowWithPagesNeverWithTables} counts its requests
   * at 10 and 1,000 tables) and {@code log-file} (no metadata).
   */
  static final Set<String> OTHER_KINDS = Set.of("bigquery", "athena", "log-file");

  private static final List<String> DATABASES = List.of("ANALYTICS", "Sales \"Db\"");
  private static final String[] COLUMN_TYPES = {"integer", "varchar", "decimal", "timestamp", "boolean"};

  @TempDir Path work;

  static Stream<String> recordedDescriptors() throws Exception {
    List<String> ids = new ArrayList<>();
    for (String id : Descriptors.shippedIds()) {
      Descriptor d = Descriptors.loadShipped(id, null).descriptor();
      if (!REAL_ENGINES.containsKey(id) && "jdbc".equals(d.connection().kind()) && d.metadata() != null) {
        ids.add(id);
      }
    }
    return ids.stream();
  }

  @Test
  void everyShippedDescriptorWithMetadataHasARoundTripTest() throws Exception {
    List<String> recorded = recordedDescriptors().toList();
    assertTrue(recorded.contains("snowflake"), recorded.toString());
    for (String id : Descriptors.shippedIds()) {
      Descriptor d = Descriptors.loadShipped(id, null).descriptor();
      boolean covered =
          REAL_ENGINES.containsKey(id)
              || recorded.contains(id)
              || OTHER_KINDS.contains(d.connection().kind())
              || d.metadata() == null;
      if (!covered) {
        fail(id + " (kind " + d.connection().kind() + ") has no catalog round-trip test");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordedDescriptors")
  void catalogRoundTripsDoNotGrowWithTables(String id) throws Exception {
    Descriptor d = Descriptors.loadShipped(id, null).descriptor();
    try (InProcessPrograms programs =
        InProcessPrograms.generateWithStubDriver(work, id, d.connection().driver().className())) {
      String tablesSql = d.metadata().tables().sql();
      RoundTrips.Collection small = collect(programs, d, tablesSql, RoundTrips.SMALL, List.of());
      RoundTrips.Collection large = collect(programs, d, tablesSql, RoundTrips.LARGE, List.of());
      RoundTrips.assertConstant(id, small, large, tables -> (long) tables * DATABASES.size());
      RoundTrips.Collection light =
          collect(programs, d, tablesSql, RoundTrips.LARGE, List.of("--only-freshness-and-volume"));
      assertEquals(
          large.statements().size() - DATABASES.size(),
          light.statements().size(),
          id + ": --only-freshness-and-volume skips the columns query of each database");

      // An opt-in's form of the tables query (e.g. Oracle's --segment-sizes) costs no more round
      // trips: the same count at 10 and 1,000 tables, and as many statements as the default form.
      for (Descriptor.Variant variant : variants(d)) {
        List<String> option = optionArguments(d, variant);
        RoundTrips.Collection smallVariant =
            collect(programs, d, variant.sql(), RoundTrips.SMALL, option);
        RoundTrips.Collection largeVariant =
            collect(programs, d, variant.sql(), RoundTrips.LARGE, option);
        RoundTrips.assertConstant(
            id + " " + String.join(" ", option), smallVariant, largeVariant,
            tables -> (long) tables * DATABASES.size());
        assertEquals(
            large.statements().size(),
            largeVariant.statements().size(),
            id + " " + String.join(" ", option) + ": as many statements as without it");
      }

      if (d.metadata().tableDetail() != null) {
        // A per-table query exists only as an opt-in, and --help says what it costs.
        InProcessPrograms.Run help = programs.capture("CollectMetadata", List.of("--help"));
        String option = "--" + d.metadata().tableDetail().option();
        assertTrue(help.output().contains(option), help.output());
        assertTrue(
            help.output().replaceAll("\\s+", " ").contains("Off by default: one more query per table"),
            help.output());
      }
    }
  }

  /** The variants of the tables query (descriptor options), none for most descriptors. */
  private static List<Descriptor.Variant> variants(Descriptor d) {
    List<Descriptor.Variant> variants = d.metadata().tables().variants();
    return variants == null ? List.of() : variants;
  }

  /** The command-line option that selects {@code variant}: {@code --name} or {@code --name value}. */
  private static List<String> optionArguments(Descriptor d, Descriptor.Variant variant) {
    String option = "--" + variant.option().replace('_', '-');
    return variant.value() == null ? List.of(option) : List.of(option, variant.value());
  }

  private RoundTrips.Collection collect(
      InProcessPrograms programs, Descriptor d, String tablesSql, int tables, List<String> extra)
      throws Exception {
    ScriptedDriver.Script script = script(d, tablesSql, tables);
    Path manifest =
        work.resolve(d.id() + "-" + tables + "-" + String.join("", extra).replaceAll("[^a-z]", "") + ".json");
    List<String> arguments = new ArrayList<>(List.of("--jdbc-url", script.url()));
    // Required settings, and those of the first authentication method that names no file.
    java.util.Set<String> needed = new java.util.HashSet<>();
    if (d.connection().auth() != null) {
      d.connection().auth().methods().stream()
          .filter(m -> m.requires() != null && m.requires().stream().noneMatch(name ->
              d.connection().settings().stream().anyMatch(s -> s.name().equals(name) && s.file() != null)))
          .findFirst()
          .ifPresent(m -> {
            arguments.addAll(List.of("--auth", m.name()));
            needed.addAll(m.requires());
          });
    }
    for (Descriptor.Setting setting : d.connection().settings()) {
      if (Boolean.TRUE.equals(setting.required()) || needed.contains(setting.name())) {
        arguments.add("--" + setting.name().replace('_', '-'));
        arguments.add("x");
      }
    }
    arguments.addAll(List.of("--output-file", manifest.toString()));
    arguments.addAll(extra);
    InProcessPrograms.Run run = programs.capture("CollectMetadata", arguments);
    assertEquals(0, run.exitCode(), d.id() + ":\n" + run.output());
    List<String> statements = script.executed().stream().map(ScriptedDriver.Executed::sql).toList();
    return new RoundTrips.Collection(tables, statements, RoundTrips.assets(manifest));
  }

  /** Answers the descriptor's catalog queries with {@code tables} tables in each database. */
  private static ScriptedDriver.Script script(Descriptor d, String tablesSql, int tables) {
    Quoting quoting = new Quoting(d.quoting().quote(), d.quoting().escape());
    Descriptor.Metadata md = d.metadata();
    ScriptedDriver.Script script =
        ScriptedDriver.script(d.id().replaceAll("[^a-z0-9]", "") + "-" + tables + "-" + System.nanoTime());
    if (md.databases() != null) {
      List<List<Object>> rows = new ArrayList<>();
      DATABASES.forEach(db -> rows.add(List.of(db)));
      script.answer(
          Sql.of(md.databases().sql()).render(quoting, Map.of()),
          binds -> new Table(List.of(new Column(md.databases().column(), Types.VARCHAR)), rows));
    }
    for (String database : DATABASES) {
      // Statements that differ per database (an identifier) get their own answer; the same text
      // for every database (a bound :database, or the database in the URL) gets one.
      // Two-level names (MySQL, ClickHouse, Teradata): the database is its only schema.
      String onlySchema = twoLevel(d) ? database : null;
      script.answer(
          Sql.of(tablesSql).render(quoting, Map.of("database", database)),
          binds -> tableRows(d, database, tables, onlySchema));
      script.answer(
          Sql.of(md.columns().sql()).render(quoting, Map.of("database", database)),
          binds -> columnRows(md.columns().map(), tables, onlySchema));
    }
    return script;
  }

  /** True when the tables query gives the database as the schema too (two-level names). */
  private static boolean twoLevel(Descriptor d) {
    Map<String, String> map = d.metadata().tables().map();
    return map.get("database") != null && map.get("database").equalsIgnoreCase(map.get("schema"));
  }

  /**
   * (schema, table, is view), in binary order of schema then table: tables in the schemas finance
   * and sales, or all in {@code onlySchema} when it is not null.
   */
  private static List<Object[]> names(int tables, String onlySchema) {
    List<Object[]> names = new ArrayList<>();
    for (String schema : List.of("finance", "sales")) {
      for (int i = 1; i <= tables; i++) {
        if ((i % 2 == 0) == schema.equals("sales")) {
          boolean view = i % 10 == 0;
          String name = String.format(Locale.ROOT, "%s_%06d", view ? "v" : "t", i);
          names.add(new Object[] {onlySchema == null ? schema : onlySchema, name, view});
        }
      }
    }
    names.sort((a, b) -> ((String) a[0] + "." + a[1]).compareTo((String) b[0] + "." + b[1]));
    return names;
  }

  private static String nativeType(Descriptor d, String canonical) {
    return d.tableTypes().map().entrySet().stream()
        .filter(e -> e.getValue().equals(canonical))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  private static Table tableRows(Descriptor d, String database, int tables, String onlySchema) {
    Map<String, String> map = d.metadata().tables().map();
    List<Column> columns = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    map.forEach(
        (field, label) -> {
          if (columns.stream().noneMatch(c -> c.label().equalsIgnoreCase(label))) {
            columns.add(new Column(label, jdbcType(field)));
            fields.add(field);
          }
        });
    List<List<Object>> rows = new ArrayList<>();
    Timestamp time = Timestamp.from(Instant.parse("2026-03-12T14:30:00Z"));
    for (Object[] name : names(tables, onlySchema)) {
      boolean view = (Boolean) name[2];
      List<Object> row = new ArrayList<>();
      for (String field : fields) {
        row.add(
            switch (field) {
              case "schema" -> name[0];
              case "name" -> name[1];
              case "type" -> nativeType(d, view ? "VIEW" : "TABLE");
              case "database" -> database;
              case "description" -> "Recorded " + name[1];
              case "row_count" -> view ? null : new BigDecimal(1000);
              case "byte_count" -> view ? null : new BigDecimal(65536);
              case "view_query" -> view ? "SELECT 1" : null;
              case "last_update_time", "created_on" -> time;
              default -> null;
            });
      }
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  private static Table columnRows(Map<String, String> map, int tables, String onlySchema) {
    List<Column> columns = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    map.forEach(
        (field, label) -> {
          columns.add(new Column(label, Types.VARCHAR));
          fields.add(field);
        });
    List<List<Object>> rows = new ArrayList<>();
    for (Object[] name : names(tables, onlySchema)) {
      for (int c = 0; c < COLUMN_TYPES.length; c++) {
        List<Object> row = new ArrayList<>();
        for (String field : fields) {
          row.add(
              switch (field) {
                case "schema" -> name[0];
                case "table" -> name[1];
                case "name" -> "c" + c;
                case "type" -> COLUMN_TYPES[c];
                case "description" -> c == 0 ? "Primary key" : null;
                default -> null;
              });
        }
        rows.add(row);
      }
    }
    return new Table(columns, rows);
  }

  private static int jdbcType(String field) {
    return switch (field) {
      case "row_count", "byte_count" -> Types.DECIMAL;
      case "last_update_time", "created_on" -> Types.TIMESTAMP;
      default -> Types.VARCHAR;
    };
  }
}
