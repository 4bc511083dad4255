package io.pushgen.generator.render;

/** The generator cannot produce correct output (template error, Java that does not parse, ...). */
public final class GenerationException extends Exception {
  private final boolean usage;

  public GenerationException(String message) {
    this(message, false);
  }

  /** @param usage whether the caller asked for something impossible (CLI exit code 2) */
  public GenerationException(String message, boolean usage) {
    super(message);
    this.usage = usage;
  }

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
    this.usage = false;
  }

  /** Whether this is a usage error (the request cannot be satisfied) rather than a generator bug. */
  public boolean usage() {
    return usage;
  }
}
