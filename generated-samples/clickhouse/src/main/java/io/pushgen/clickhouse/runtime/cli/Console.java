// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where an emitted program talks to its user: progress on stdout, {@code warning: ...} and {@code
 * error: ...} lines on stderr.
 *
 * <p>Errors are one line each; stack traces are printed only in verbose mode ({@code --verbose}, or
 * the environment variable {@code PUSHGEN_DEBUG} set to anything but empty, {@code 0} or {@code
 * false}). Secrets registered with {@link #addSecret(String)} are masked in every line, stack
 * traces included. All methods are thread-safe.
 */
public final class Console {
  /** The environment variable that turns on verbose mode. */
  public static final String ENV_DEBUG = "PUSHGEN_DEBUG";

  private final PrintStream out;
  private final PrintStream err;
  private final boolean verbose;
  private final List<String> secrets = new CopyOnWriteArrayList<>();

  /**
   * @param out where progress goes
   * @param err where warnings and errors go
   * @param verbose whether to print stack traces
   */
  public Console(PrintStream out, PrintStream err, boolean verbose) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.verbose = verbose;
  }

  /** A console on {@code System.out} and {@code System.err}, verbose if asked or if debugging. */
  public static Console system(boolean verbose) {
    return new Console(System.out, System.err, verbose || debugFromEnvironment());
  }

  /** Whether {@code PUSHGEN_DEBUG} asks for verbose output. */
  public static boolean debugFromEnvironment() {
    String value = System.getenv(ENV_DEBUG);
    return value != null
        && !value.isBlank()
        && !value.strip().equals("0")
        && !value.strip().equalsIgnoreCase("false");
  }

  public boolean verbose() {
    return verbose;
  }

  /** Masks {@code secret} in everything printed from now on. Blank values are ignored. */
  public void addSecret(String secret) {
    if (secret != null && !secret.isBlank()) {
      secrets.add(secret);
    }
  }

  /** A progress line on stdout. */
  public void info(String line) {
    print(out, line);
  }

  /** A line on stdout only in verbose mode. */
  public void debug(String line) {
    if (verbose) {
      print(out, line);
    }
  }

  /** {@code warning: ...} on stderr. */
  public void warn(String message) {
    print(err, "warning: " + message);
  }

  /** {@code error: ...} on stderr. */
  public void error(String message) {
    print(err, "error: " + message);
  }

  /**
   * {@code error: <message>} on stderr, where the message is the throwable's own (or its type when
   * it has none); its stack trace follows in verbose mode only.
   */
  public void error(Throwable failure) {
    String message = failure.getMessage();
    error(message == null || message.isBlank() ? failure.getClass().getName() : message);
    if (verbose) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      print(err, trace.toString().stripTrailing());
    }
  }

  private void print(PrintStream stream, String line) {
    String text = line;
    for (String secret : secrets) {
      text = text.replace(secret, "****");
    }
    synchronized (stream) {
      stream.println(text);
      stream.flush();
    }
  }
}
