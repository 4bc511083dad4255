package io.pushgen.generator.descriptor;

import java.util.Map;

/**
 * A descriptor that passed validation.
 *
 * @param descriptor the typed view
 * @param model the same document as nested {@code LinkedHashMap}s / {@code ArrayList}s with the
 *     YAML's snake_case keys in YAML order (what templates see as {@code d})
 * @param source the descriptor's file name, e.g. {@code postgres.yaml}
 * @param tree the parsed document with positions
 */
public record LoadedDescriptor(
    Descriptor descriptor, Map<String, Object> model, String source, YamlTree tree) {

  public String id() {
    return descriptor.id();
  }
}
