package io.pushgen.runtime.model;

/**
 * A column of an asset.
 *
 * @param name the column name (required, not blank)
 * @param type the column type as pushed, e.g. {@code VARCHAR} (required)
 * @param description the column comment, or null
 */
public record AssetField(String name, String type, String description) {

  /** A column without a description. */
  public AssetField(String name, String type) {
    this(name, type, null);
  }
}
