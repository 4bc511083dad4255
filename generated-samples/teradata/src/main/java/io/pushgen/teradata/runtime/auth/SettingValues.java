// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.auth;

import io.pushgen.teradata.runtime.auth.Authentication.Setting;
import io.pushgen.teradata.runtime.cli.Console;
import io.pushgen.teradata.runtime.cli.UsageException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
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

  /** Reads a secret from a file, the way containers hand secrets over (mounted files). */
  public static final class SecretFiles {
    private SecretFiles() {}

    /**
     * The file's content as UTF-8, without its trailing line break(s); read once by the caller.
     *
     * @param origin how the file was named, for messages, e.g. {@code --password-file}
     * @throws UsageException naming the file and the problem; never the content
     */
    public static String read(Path file, String origin) throws UsageException {
      String text;
      try {
        if (Files.isDirectory(file)) {
          throw new UsageException(origin + " " + file + " is a directory, not a file");
        }
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UsageException(origin + " " + file + " does not exist");
      } catch (AccessDeniedException e) {
        throw new UsageException(origin + " " + file + " cannot be read: permission denied");
      } catch (java.nio.charset.MalformedInputException e) {
        throw new UsageException(origin + " " + file + " is not UTF-8 text");
      } catch (IOException e) {
        throw new UsageException(origin + " " + file + " cannot be read: " + e.getClass().getSimpleName());
      }
      int end = text.length();
      while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
        end--;
      }
      String secret = text.substring(0, end);
      if (secret.isEmpty()) {
        throw new UsageException(origin + " " + file + " is empty");
      }
      return secret;
    }
  }

  /**
   * Removes secret values from text before it reaches the console, a log or a file: driver
   * exception messages often echo the URL or the properties they were given.
   */
  public static final class Scrubber {
    /** What replaces a secret. */
    public static final String MASK = "****";

    private final Set<String> secrets = new LinkedHashSet<>();

    /** @param secrets the values to remove; null and blank values are ignored */
    public Scrubber(Collection<String> secrets) {
      for (String secret : secrets) {
        if (secret != null && !secret.isBlank()) {
          this.secrets.add(secret);
          // The same value as it appears inside a URL.
          this.secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
          this.secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        }
      }
    }

    /** The text with every secret replaced by {@link #MASK}; null stays null. */
    public String scrub(String text) {
      if (text == null) {
        return null;
      }
      String scrubbed = text;
      for (String secret : secrets) {
        scrubbed = scrubbed.replace(secret, MASK);
      }
      return scrubbed;
    }

    /** Whether there is nothing to remove. */
    public boolean isEmpty() {
      return secrets.isEmpty();
    }
  }
}
