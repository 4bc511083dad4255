package io.pushgen.generator.render;

import io.pushgen.generator.resources.Resources;
import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;

/** The generator's version, from the pom (a filtered resource). */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try {
      Properties p = new Properties();
      p.load(new StringReader(Resources.read("pushgen/version.properties")));
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
