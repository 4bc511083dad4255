package io.pushgen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.descriptor.Descriptor;
import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.descriptor.LoadedDescriptor;
import io.pushgen.generator.render.Generator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The emitted pom keeps the programs' own libraries consistent. A vendor BOM (BigQuery's
 * libraries-bom) once pulled jackson-annotations 2.18 under jackson-databind 2.19, and the
 * programs failed at run time with NoSuchMethodError; Maven takes the first import that manages
 * an artifact, so Jackson's BOM must come first.
 */
class EmittedPomTest {
  static Stream<String> shipped() {
    return Descriptors.shippedIds().stream();
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void jacksonIsManagedBeforeAnyVendorBom(String id) throws Exception {
    LoadedDescriptor d = Descriptors.loadShipped(id, null);
    String pom =
        new Generator().render(d, new Generator.Options(null, false, null, "s3")).get("pom.xml");
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8)));
    NodeList managed =
        ((Element) xml.getElementsByTagName("dependencyManagement").item(0))
            .getElementsByTagName("dependency");
    assertTrue(managed.getLength() >= 1, "a dependencyManagement section");
    Element first = (Element) managed.item(0);
    assertEquals("jackson-bom", text(first, "artifactId"));
    assertEquals("import", text(first, "scope"));
  }

  /**
   * A driver's {@code dependencies} (libraries its pom declares optional) follow the driver in the
   * emitted pom's own dependencies, with their versions and exclusions.
   */
  @ParameterizedTest
  @MethodSource("shipped")
  void theDriversDeclaredDependenciesFollowIt(String id) throws Exception {
    LoadedDescriptor d = Descriptors.loadShipped(id, null);
    Descriptor.Driver driver = d.descriptor().connection().driver();
    String pom =
        new Generator().render(d, new Generator.Options(null, false, null, "s3")).get("pom.xml");
    Element project =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8)))
            .getDocumentElement();
    List<String> declared = new ArrayList<>();
    NodeList dependencies = project.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (dependency.getParentNode().getParentNode() != project) {
        continue; // a BOM import under dependencyManagement
      }
      StringBuilder entry =
          new StringBuilder(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
      if (dependency.getElementsByTagName("version").getLength() > 0) {
        entry.append(':').append(text(dependency, "version"));
      }
      NodeList exclusions = dependency.getElementsByTagName("exclusion");
      for (int j = 0; j < exclusions.getLength(); j++) {
        Element e = (Element) exclusions.item(j);
        entry.append(j == 0 ? " without " : ",").append(text(e, "groupId")).append(':').append(text(e, "artifactId"));
      }
      declared.add(entry.toString());
    }
    List<String> expected = new ArrayList<>();
    if (driver != null) {
      String[] coordinates = driver.maven().split(":");
      int at =
          declared.indexOf(
              declared.stream()
                  .filter(e -> e.startsWith(coordinates[0] + ":" + coordinates[1] + ":" + coordinates[2]))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError(id + ": no driver in " + declared)));
      for (Descriptor.DriverDependency dependency :
          driver.dependencies() == null ? List.<Descriptor.DriverDependency>of() : driver.dependencies()) {
        expected.add(
            dependency.maven()
                + (dependency.exclude() == null || dependency.exclude().isEmpty()
                    ? ""
                    : " without " + String.join(",", dependency.exclude())));
      }
      assertEquals(expected, declared.subList(at + 1, at + 1 + expected.size()), id + ": " + declared);
    }
    if ("sqlserver".equals(id)) {
      assertEquals(
          List.of(
              "com.azure:azure-identity:1.18.4 without com.azure:azure-core-http-netty",
              "com.azure:azure-core-http-jdk-httpclient:1.1.4"),
          expected);
    }
  }

  private static String text(Element element, String tag) {
    return element.getElementsByTagName(tag).item(0).getTextContent().strip();
  }
}
