package io.pushgen.runtime.model;

/**
 * A key/value tag on an asset.
 *
 * @param key the tag key (required)
 * @param value the tag value, or null for a key-only tag
 */
public record Tag(String key, String value) {

  /** A key-only tag. */
  public Tag(String key) {
    this(key, null);
  }
}
