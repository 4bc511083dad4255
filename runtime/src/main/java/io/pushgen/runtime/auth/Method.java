package io.pushgen.runtime.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One authentication method of a warehouse, as its descriptor declares it.
 *
 * @param name the value of {@code --auth}, e.g. {@code key-pair}
 * @param description one line for {@code --help} and messages
 * @param requires the settings that must all have a value
 * @param optional further settings the method uses when they have a value
 * @param properties fixed JDBC connection properties, e.g. {@code authenticator=SNOWFLAKE_JWT}
 * @param url the URL template of this method, or null for the connection's
 * @param systemProperties JVM system properties the driver reads for this method, set before it
 *     connects unless already set (e.g. with {@code -D})
 */
public record Method(
    String name,
    String description,
    List<String> requires,
    List<String> optional,
    Map<String, String> properties,
    String url,
    Map<String, String> systemProperties) {

  public Method {
    requires = List.copyOf(requires);
    optional = List.copyOf(optional);
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(systemProperties));
  }

  /** Every setting this method uses: required ones first. */
  public Set<String> uses() {
    Set<String> uses = new LinkedHashSet<>(requires);
    uses.addAll(optional);
    return uses;
  }

  /** Sets the {@link #systemProperties()} that are not set yet. */
  public void applySystemProperties() {
    systemProperties.forEach(
        (name, value) -> {
          if (System.getProperty(name) == null) {
            System.setProperty(name, value);
          }
        });
  }

  /** Whether the method needs no setting at all, and so is the default when nothing else fits. */
  public boolean isFallback() {
    return requires.isEmpty();
  }
}
