package io.pushgen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.descriptor.LoadedDescriptor;
import io.pushgen.generator.render.Generator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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

  private static String text(Element element, String tag) {
    return element.getElementsByTagName(tag).item(0).getTextContent().strip();
  }
}
