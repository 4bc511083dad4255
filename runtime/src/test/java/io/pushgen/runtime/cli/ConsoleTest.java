package io.pushgen.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Console console(boolean verbose) {
    return new Console(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        verbose);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void errorsAreOneLineWithoutAStackTrace() {
    console(false).error(new IllegalStateException("the database is gone"));
    assertEquals("error: the database is gone\n", stderr());
  }

  @Test
  void verboseModeAddsTheStackTrace() {
    console(true).error(new IllegalStateException("the database is gone"));
    assertTrue(
        stderr().startsWith("error: the database is gone\njava.lang.IllegalStateException"),
        stderr());
    assertTrue(stderr().contains("\tat "), stderr());
  }

  @Test
  void anExceptionWithoutMessageIsNamedByItsType() {
    console(false).error(new NullPointerException());
    assertEquals("error: java.lang.NullPointerException\n", stderr());
  }

  @Test
  void secretsAreMaskedEverywhere() {
    Console console = console(true);
    console.addSecret("hunter2-secret");
    console.info("connecting with hunter2-secret");
    console.warn("hunter2-secret");
    console.error(new RuntimeException("bad token hunter2-secret"));
    String all = out.toString(StandardCharsets.UTF_8) + stderr();
    assertFalse(all.contains("hunter2-secret"), all);
    assertTrue(all.contains("connecting with ****"), all);
  }

  @Test
  void warningsAndDebugLines() {
    Console quiet = console(false);
    quiet.warn("careful");
    quiet.debug("details");
    assertEquals("warning: careful\n", stderr());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }
}
