package io.pushgen.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.auth.Authentication.Setting;
import io.pushgen.runtime.auth.SettingValues.Scrubber;
import io.pushgen.runtime.cli.Console;
import io.pushgen.runtime.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

class SettingValuesTest {
  static final Setting PASSWORD = Setting.of("password", "PGPASSWORD").asSecret().property("password");

  @TempDir Path dir;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final Console console =
      new Console(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          false);

  @Command
  static class Program {
    @Spec CommandSpec spec;

    @Option(names = "--password")
    String password;

    @Option(names = "--password-file")
    String passwordFile;
  }

  /** Parses a command line and returns the program, as picocli leaves it before call(). */
  static Program parse(String... args) {
    Program program = new Program();
    new CommandLine(program).parseArgs(args);
    return program;
  }

  @Test
  void aSecretFileIsReadOnceWithItsTrailingLineBreaksRemoved() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "p@ss word\r\n\n");
    Program program = parse("--password-file", file.toString());
    SettingValues values = new SettingValues(program.spec, console);
    values.secret(PASSWORD, program.password, program.passwordFile);
    assertEquals("p@ss word", values.get("password"));
    assertTrue(values.secrets().contains("p@ss word"));
    Files.delete(file); // read once: the value stays
    assertEquals("p@ss word", values.get("password"));
    console.info("connecting with p@ss word");
    assertEquals("connecting with ****\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8), "a file on the command line is not a leak");
  }

  @Test
  void aSecretOnTheCommandLineWarnsAndIsMasked() throws Exception {
    Program program = parse("--password", "hunter22");
    SettingValues values = new SettingValues(program.spec, console);
    values.secret(PASSWORD, program.password, program.passwordFile);
    assertEquals("hunter22", values.get("password"));
    String warning = err.toString(StandardCharsets.UTF_8);
    assertTrue(warning.contains("--password on the command line is visible"), warning);
    assertTrue(warning.contains("--password-file"), warning);
    assertFalse(warning.contains("hunter22"));
  }

  @Test
  void theCommandLineWinsOverTheEnvironmentAndBothAtOneLevelIsAnError() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
    // --password on the command line, PGPASSWORD_FILE in the environment: the command line wins.
    assertEquals("cli", SettingValues.resolve(PASSWORD, "cli", true, file.toString(), false));
    // --password-file on the command line, PGPASSWORD in the environment: the file wins.
    assertEquals("from-file", SettingValues.resolve(PASSWORD, "env", false, file.toString(), true));
    // Only PGPASSWORD_FILE.
    assertEquals("from-file", SettingValues.resolve(PASSWORD, null, false, file.toString(), false));
    UsageException both =
        assertThrows(
            UsageException.class,
            () -> SettingValues.resolve(PASSWORD, "env", false, file.toString(), false));
    assertEquals("both PGPASSWORD and PGPASSWORD_FILE are set; unset one of them", both.getMessage());
    UsageException cli =
        assertThrows(
            UsageException.class,
            () -> SettingValues.resolve(PASSWORD, "x", true, file.toString(), true));
    assertEquals("give --password or --password-file, not both", cli.getMessage());
    assertNull(SettingValues.resolve(PASSWORD, null, false, null, false));
  }

  @Test
  void unreadableSecretFilesNameTheFileAndTheWayItWasGiven() throws Exception {
    Path missing = dir.resolve("nope");
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> SettingValues.resolve(PASSWORD, null, false, missing.toString(), false));
    assertEquals("PGPASSWORD_FILE " + missing + " does not exist", e.getMessage());
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    e =
        assertThrows(
            UsageException.class,
            () -> SettingValues.resolve(PASSWORD, null, false, empty.toString(), true));
    assertEquals("--password-file " + empty + " is empty", e.getMessage());
    e =
        assertThrows(
            UsageException.class,
            () -> SettingValues.resolve(PASSWORD, null, false, dir.toString(), true));
    assertEquals("--password-file " + dir + " is a directory, not a file", e.getMessage());
  }

  @Test
  void theScrubberRemovesSecretsAlsoInTheirUrlEncodedForm() {
    Scrubber scrubber = new Scrubber(java.util.Arrays.asList("p@ss word", null, " "));
    assertEquals(
        "jdbc:x://h/?password=**** failed: bad password ****",
        scrubber.scrub("jdbc:x://h/?password=p%40ss+word failed: bad password p@ss word"));
    assertEquals("a ****", scrubber.scrub("a p%40ss%20word"));
    assertNull(scrubber.scrub(null));
  }
}
