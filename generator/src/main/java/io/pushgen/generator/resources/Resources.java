package io.pushgen.generator.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The generator's embedded resources ({@code pushgen/templates}, {@code pushgen/warehouses},
 * {@code pushgen/runtime-src}), read from the classpath: from {@code target/classes} during
 * development and tests, from the jar when installed.
 */
public final class Resources {
  private Resources() {}

  private static ClassLoader loader() {
    return Resources.class.getClassLoader();
  }

  public static boolean exists(String name) {
    return loader().getResource(name) != null;
  }

  /** A resource as UTF-8 text. */
  public static String read(String name) throws IOException {
    try (InputStream in = loader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource not found: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The files below a resource folder, as '/'-separated paths relative to it, sorted. Empty when
   * the folder does not exist.
   */
  public static List<String> list(String folder) {
    URL url = loader().getResource(folder);
    if (url == null) {
      return List.of();
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          fs = FileSystems.newFileSystem(uri, Map.of());
        }
        return walk(fs.getPath(folder));
      }
      return walk(Path.of(uri));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> walk(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile)
          .forEach(p -> {
            List<String> parts = new ArrayList<>();
            for (Path part : root.relativize(p)) {
              parts.add(part.toString().replace("/", ""));
            }
            out.add(String.join("/", parts));
          });
    }
    out.sort(null);
    return out;
  }
}
