package io.pushgen.runtime.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A destination column and the columns it is derived from.
 *
 * <p>{@code sourceFields} is never null and is always written, even when empty.
 *
 * @param name the destination column
 * @param sourceFields the source columns, possibly empty
 */
public record ColumnLineageField(
    String name, @JsonProperty("source_fields") List<ColumnLineageSourceField> sourceFields) {

  /** Copies the list; its elements must not be null. */
  public ColumnLineageField {
    sourceFields = sourceFields == null ? List.of() : List.copyOf(sourceFields);
  }
}
