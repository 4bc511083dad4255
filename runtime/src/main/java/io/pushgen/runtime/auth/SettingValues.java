package io.pushgen.runtime.auth;

import io.pushgen.runtime.cli.Console;
import io.pushgen.runtime.cli.UsageException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The values of a program's connection settings, each resolved once: from its option, else its
 * environment variable (picocli's default), and for a secret also from the file named by {@code
 * --<name>-file} or {@code <ENV>_FILE}. Secrets are registered with the console, which masks them
 * in everything it prints, and kept for {@link #scrubber()}.
 */
public final class SettingValues {
  private final ParseResult parsed;
  private final Console console;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> secrets = new LinkedHashSet<>();

  /**
   * @param spec the command whose parse result tells which options were on the command line (may
   *     be null: then every value counts as coming from the environment)
   */
  public SettingValues(CommandSpec spec, Console console) {
    this.parsed =
        spec == null || spec.commandLine() == null ? null : spec.commandLine().getParseResult();
    this.console = console;
  }

  private boolean onCommandLine(String option) {
    return parsed != null && parsed.hasMatchedOption(option);
  }

  /** Records a plain setting's value (null or blank: not set). */
  public void plain(Setting setting, String value) {
    values.put(setting.name(), blankToNull(value));
  }

  /**
   * Resolves a secret from its value ({@code --<name>} or {@code <ENV>}) and its file ({@code
   * --<name>-file} or {@code <ENV>_FILE}); the command line wins over the environment, and giving
   * both forms at the same level is an error. A value given on the command line draws a warning:
   * other users of the machine can see it in the process list.
   *
   * @throws UsageException when both forms are given, or the file cannot be read
   */
  public void secret(Setting setting, String value, String file) throws UsageException {
    String resolved =
        resolve(
            setting,
            blankToNull(value),
            onCommandLine(setting.option()),
            blankToNull(file),
            onCommandLine(setting.fileOption()));
    values.put(setting.name(), resolved);
    if (resolved != null) {
      secrets.add(resolved);
      console.addSecret(resolved);
      if (onCommandLine(setting.option())) {
        console.warn(
            setting.option()
                + " on the command line is visible to other processes; prefer "
                + setting.fileOption()
                + " or the environment variable "
                + setting.env());
      }
    }
  }

  /**
   * The secret's value: the command line before the environment, the value or the file (read
   * once, trailing line breaks removed), never both at the same level.
   */
  static String resolve(
      Setting setting, String value, boolean valueOnCommandLine, String file, boolean fileOnCommandLine)
      throws UsageException {
    if (value != null && file != null) {
      if (valueOnCommandLine && fileOnCommandLine) {
        throw new UsageException(
            "give " + setting.option() + " or " + setting.fileOption() + ", not both");
      }
      if (valueOnCommandLine) {
        return value;
      }
      if (!fileOnCommandLine) {
        throw new UsageException(
            "both " + setting.env() + " and " + setting.fileEnv() + " are set; unset one of them");
      }
    }
    if (file != null) {
      return SecretFiles.read(
          Path.of(file), fileOnCommandLine ? setting.fileOption() : setting.fileEnv());
    }
    return value;
  }

  /** The value of a setting, or null when it has none. */
  public String get(String name) {
    return values.get(name);
  }

  /** Every setting's value by name (null: not set), in declaration order. */
  public Map<String, String> values() {
    return Collections.unmodifiableMap(values);
  }

  /** The secret values resolved so far. */
  public Set<String> secrets() {
    return Collections.unmodifiableSet(secrets);
  }

  /** Removes every secret resolved so far from a text. */
  public Scrubber scrubber() {
    return new Scrubber(secrets);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
