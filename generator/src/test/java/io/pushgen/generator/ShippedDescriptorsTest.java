package io.pushgen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pushgen.generator.descriptor.Descriptor;
import io.pushgen.generator.descriptor.DescriptorException;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.descriptor.LoadedDescriptor;
import io.pushgen.generator.descriptor.YamlTree;
import io.pushgen.generator.render.Generator;
import io.pushgen.generator.resources.Resources;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real templates with every shipped descriptor and the hostile one: render in memory,
 * deterministically; the hostile project compiles with javac and keeps its strings byte-exact.
 */
class ShippedDescriptorsTest {
  static Stream<String> shipped() {
    return Descriptors.shippedIds().stream();
  }

  static void assumeTemplates() {
    Assumptions.assumeTrue(TestSupport.realTemplatesPresent(), "templates/ not written yet");
  }

  @Test
  void postgresAndSnowflakeAreShipped() {
    assertTrue(Descriptors.shippedIds().containsAll(List.of("postgres", "snowflake")),
        Descriptors.shippedIds().toString());
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void shippedDescriptorIsValid(String id) throws Exception {
    LoadedDescriptor d = Descriptors.loadShipped(id, null);
    assertEquals(id, d.id());
    assertEquals(id + ".yaml", d.source());
  }

  /**
   * Every catalog and history query of a shipped descriptor names the vendor documentation it
   * relies on: one left without it is refused, with the file, line and key.
   */
  @Test
  void aShippedQueryWithoutItsDocumentationIsRefused() throws Exception {
    String text = Resources.read(Descriptors.RESOURCE_DIR + "/snowflake.yaml");
    String undocumented =
        text.replace("    docs: https://docs.snowflake.com/en/sql-reference/sql/show-databases\n", "");
    assertFalse(undocumented.equals(text));
    YamlTree tree = YamlTree.parse("warehouses/snowflake.yaml", undocumented);
    DescriptorException e =
        assertThrows(DescriptorException.class, () -> Descriptors.validate(tree, true, true));
    assertEquals(
        List.of("warehouses/snowflake.yaml:174:3: metadata.databases: missing key 'docs': the URL of"
            + " the vendor documentation this query relies on (required in shipped descriptors)"),
        e.lines());
    // Outside the shipped set (a customer's own descriptor) docs stay optional.
    assertEquals("snowflake", Descriptors.load("warehouses/snowflake.yaml", undocumented, null, true).id());
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void rendersDeterministically(String id) throws Exception {
    assumeTemplates();
    LoadedDescriptor d = Descriptors.loadShipped(id, null);
    Generator.Options options = new Generator.Options(
        null, false, null, d.descriptor().logType() == null ? "s3" : null);
    SortedMap<String, String> files = new Generator().render(d, options);
    assertTrue(files.keySet().stream().anyMatch(p -> p.endsWith("/Warehouse.java")), files.keySet().toString());
    parseXml(files.get("pom.xml"));
    // Compiling every shipped project is the integration tier's work: each checked-in sample
    // (SamplesTest holds them equal to this rendering) builds against its real driver there, and
    // the end-to-end tests compile the --log-type variants.
    // Deterministic: a second, independent rendering is byte-identical.
    assertEquals(files, new Generator().render(Descriptors.loadShipped(id, null), options));
  }

  /**
   * Every secret of every shipped descriptor is also read from {@code --<name>-file} and {@code
   * <ENV>_FILE}, through the one runtime resolver ({@code SettingValues.secret}, whose file rules
   * SettingValuesTest covers; PostgresTlsEndToEndTest runs {@code PGPASSWORD_FILE} in a real
   * program).
   */
  @ParameterizedTest
  @MethodSource("shipped")
  void everySecretAlsoComesFromAFileOptionAndItsEnvironmentVariable(String id) throws Exception {
    assumeTemplates();
    LoadedDescriptor d = Descriptors.loadShipped(id, null);
    Generator.Options options = new Generator.Options(
        null, false, null, d.descriptor().logType() == null ? "s3" : null);
    SortedMap<String, String> files = new Generator().render(d, options);
    String warehouse =
        files.entrySet().stream()
            .filter(e -> e.getKey().endsWith("/Warehouse.java"))
            .findFirst()
            .orElseThrow()
            .getValue();
    for (Descriptor.Setting s : d.descriptor().connection().settings()) {
      if (!Boolean.TRUE.equals(s.secret())) {
        continue;
      }
      String option = "--" + s.name().replace('_', '-');
      assertTrue(warehouse.contains("names = \"" + option + "-file\""), id + ": " + option + "-file");
      assertTrue(warehouse.contains("defaultValue = \"${env:" + s.env() + "_FILE}\""), id + ": " + s.env() + "_FILE");
      assertTrue(warehouse.contains("resolved.secret(AUTH.setting(\"" + s.name() + "\")"), id + ": " + s.name());
    }
  }

  @Test
  void hostileDescriptorRendersCompilesAndKeepsItsStrings() throws Exception {
    assumeTemplates();
    LoadedDescriptor d =
        Descriptors.loadFile(TestSupport.resource("descriptors/hostile.yaml"), null, true);
    SortedMap<String, String> files = new Generator().render(d, Generator.Options.defaults());
    parseXml(files.get("pom.xml"));
    ClassLoader loader = TestSupport.compile(files);

    Set<String> constants = new HashSet<>();
    for (String path : files.keySet()) {
      if (path.endsWith(".java") && !path.contains("/runtime/")) {
        String binary = path.substring("src/main/java/".length(), path.length() - 5).replace('/', '.');
        collectConstants(loader.loadClass(binary), constants, loader);
      }
    }
    Descriptor x = d.descriptor();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("name", x.name());
    expected.put("connection.url", x.connection().url());
    expected.put("metadata.databases.sql", x.metadata().databases().sql());
    expected.put("metadata.tables.sql", x.metadata().tables().sql());
    expected.put("metadata.columns.sql", x.metadata().columns().sql());
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      if (!constants.contains(e.getValue())) {
        missing.add(e.getKey());
      }
    }
    if (!missing.isEmpty()) {
      fail("these descriptor strings are not byte-exact in any static field of the emitted"
          + " programs: " + missing);
    }
    for (String path : files.keySet()) {
      assertFalse(files.get(path).contains("io.pushgen.runtime"), path);
    }
  }

  private static void collectConstants(Class<?> c, Set<String> out, ClassLoader loader)
      throws Exception {
    for (Field f : c.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        collectStrings(f.get(null), out, 0);
      }
    }
    for (Class<?> nested : c.getDeclaredClasses()) {
      collectConstants(nested, out, loader);
    }
  }

  private static void collectStrings(Object value, Set<String> out, int depth) {
    if (value == null || depth > 4) {
      return;
    }
    if (value instanceof String s) {
      out.add(s);
    } else if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        collectStrings(k, out, depth + 1);
        collectStrings(v, out, depth + 1);
      });
    } else if (value instanceof Collection<?> col) {
      col.forEach(v -> collectStrings(v, out, depth + 1));
    } else if (value instanceof Object[] array) {
      for (Object v : array) {
        collectStrings(v, out, depth + 1);
      }
    } else {
      out.add(value.toString());
      for (Field f : value.getClass().getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
          try {
            f.setAccessible(true);
            collectStrings(f.get(value), out, depth + 1);
          } catch (RuntimeException | IllegalAccessException e) {
            // not readable: skip
          }
        }
      }
    }
  }

  static void parseXml(String xml) throws Exception {
    DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
