package io.pushgen.runtime.auth;

import io.pushgen.runtime.cli.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a secret from a file, the way containers hand secrets over (mounted files). */
public final class SecretFiles {
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
