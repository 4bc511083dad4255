// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.postgres.runtime.logs;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Finds and opens the log files of one collection.
 *
 * <p>{@code --log-file} names a file, a directory or a glob:
 *
 * <ul>
 *   <li>a file: that file and its rotated copies next to it, whose names continue the file's name
 *       after a dot or a dash ({@code hiveserver2.log.1}, {@code hiveserver2.log.2024-03-01.gz},
 *       {@code postgresql.csv-20240301.gz});
 *   <li>a directory: the files in it (not in sub-directories) whose names the format accepts
 *       ({@code *.csv*} for PostgreSQL, {@code *.log*} for HiveServer2);
 *   <li>a glob ({@code *}, {@code ?}, {@code [..]}, <code>{a,b}</code>), e.g. {@code
 *       /var/log/hive/hiveserver2.log*}: every regular file it matches.
 * </ul>
 *
 * <p>Files are read in the order of their first record's time (whatever the rotation scheme
 * names them), then by modification time and name. Gzip-compressed files are recognised by
 * their content, not their name, and decompressed while they are read: nothing is held in memory
 * beyond one record.
 */
public final class LogFiles {
  private LogFiles() {}

  /** One log file: its path and last-modified time. */
  public record LogFile(Path path, Instant modified) {}

  /**
   * The files {@code spec} names (see the class comment), unordered.
   *
   * @throws NoSuchFileException when nothing matches
   */
  public static List<LogFile> find(String spec, LogFormat format) throws IOException {
    if (spec == null || spec.isBlank()) {
      throw new NoSuchFileException("no log file given (--log-file)");
    }
    List<Path> paths = new ArrayList<>();
    Path plain = isGlob(spec) ? null : Path.of(spec);
    if (plain != null && Files.isDirectory(plain)) {
      try (Stream<Path> files = Files.list(plain)) {
        files
            .filter(Files::isRegularFile)
            .filter(f -> format.isLogFileName(f.getFileName().toString()))
            .forEach(paths::add);
      }
    } else if (plain != null) {
      Path folder = plain.toAbsolutePath().getParent();
      String name = plain.getFileName().toString();
      if (Files.isRegularFile(plain)) {
        paths.add(plain);
      }
      if (folder != null && Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          files
              .filter(Files::isRegularFile)
              .filter(f -> isRotatedCopy(f.getFileName().toString(), name))
              .forEach(f -> paths.add(plain.resolveSibling(f.getFileName())));
        }
      }
    } else {
      paths.addAll(glob(spec));
    }
    if (paths.isEmpty()) {
      throw new NoSuchFileException(
          "no " + format.name() + " log files at '" + spec + "' (a file, a directory or a glob)");
    }
    List<LogFile> files = new ArrayList<>();
    for (Path path : paths) {
      FileTime modified = Files.getLastModifiedTime(path);
      files.add(new LogFile(path, modified.toInstant()));
    }
    return files;
  }

  /** Puts {@code files} in the order of their first record's time, then modification, name. */
  public static List<LogFile> inOrder(List<LogFile> files, LogFormat format, ZoneId zone)
      throws IOException {
    record Keyed(LogFile file, Instant first) {}
    List<Keyed> keyed = new ArrayList<>();
    for (LogFile file : files) {
      Instant first;
      try (BufferedReader reader = open(file.path())) {
        first = format.firstTime(reader, zone);
      }
      keyed.add(new Keyed(file, first));
    }
    keyed.sort(
        Comparator.comparing(Keyed::first, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(k -> k.file().modified())
            .thenComparing(k -> k.file().path().toString()));
    return keyed.stream().map(Keyed::file).toList();
  }

  /**
   * Opens a log file for reading as UTF-8 text (malformed bytes become U+FFFD rather than
   * failing), decompressing it when it is gzip-compressed.
   */
  public static BufferedReader open(Path path) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    try {
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      if (b1 == 0x1f && b2 == 0x8b) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      return new BufferedReader(
          new InputStreamReader(
              in,
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPLACE)
                  .onUnmappableCharacter(CodingErrorAction.REPLACE)),
          1 << 16);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  static boolean isRotatedCopy(String candidate, String name) {
    return candidate.length() > name.length() + 1
        && candidate.startsWith(name)
        && (candidate.charAt(name.length()) == '.' || candidate.charAt(name.length()) == '-');
  }

  private static boolean isGlob(String spec) {
    for (char c : spec.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }

  /** Regular files matching a glob; the part before the first segment with a glob is walked. */
  private static List<Path> glob(String spec) throws IOException {
    String separator = FileSystems.getDefault().getSeparator();
    String normalized = spec.replace(separator, "/");
    int firstGlob = 0;
    while (firstGlob < normalized.length() && "*?[{".indexOf(normalized.charAt(firstGlob)) < 0) {
      firstGlob++;
    }
    int cut = normalized.lastIndexOf('/', firstGlob);
    Path base = cut < 0 ? Path.of("") : Path.of(cut == 0 ? "/" : normalized.substring(0, cut));
    String rest = cut < 0 ? normalized : normalized.substring(cut + 1);
    int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/", -1).length;
    Path absoluteBase = base.toAbsolutePath();
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    List<Path> matches = new ArrayList<>();
    if (!Files.isDirectory(absoluteBase)) {
      return matches;
    }
    try (Stream<Path> files = Files.walk(absoluteBase, depth)) {
      files
          .filter(Files::isRegularFile)
          .filter(f -> matcher.matches(absoluteBase.relativize(f)))
          .forEach(f -> matches.add(base.resolve(absoluteBase.relativize(f))));
    }
    return matches;
  }
}
