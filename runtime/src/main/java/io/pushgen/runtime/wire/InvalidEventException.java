package io.pushgen.runtime.wire;

/**
 * An event or a request parameter that Monte Carlo would refuse, caught before sending. The message
 * starts with the JSON path of the offending value, e.g. {@code events[3].type: 'BASE TABLE' is not
 * an asset type (TABLE or VIEW)}.
 */
public class InvalidEventException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * @param path where the problem is, e.g. {@code events[3].metadata.name} or {@code
   *     resource.log_type}
   * @param problem what is wrong with the value there
   */
  public InvalidEventException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /** Where the problem is, e.g. {@code events[3].metadata.name}. */
  public String path() {
    return path;
  }
}
