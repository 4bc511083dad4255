package io.pushgen.generator.descriptor;

/**
 * One descriptor problem, printed as {@code file:line:column: field: message}.
 *
 * @param file the file as the user named it (or the shipped path, e.g. {@code warehouses/x.yaml})
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param field the dotted field path ({@code metadata.tables.map}), empty for the whole document
 * @param message what is wrong and what is allowed
 */
public record Problem(String file, int line, int column, String field, String message) {

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line).append(':').append(Math.max(column, 1));
    }
    sb.append(": ");
    if (!field.isEmpty()) {
      sb.append(field).append(": ");
    }
    return sb.append(message).toString();
  }
}
