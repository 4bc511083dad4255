// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.snowflake.runtime.manifest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import io.pushgen.snowflake.runtime.cli.AtomicFiles;
import io.pushgen.snowflake.runtime.wire.Timestamps;
import io.pushgen.snowflake.runtime.wire.WireJson;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streams a manifest to disk, one event at a time.
 *
 * <p>The manifest is written to a temporary file next to the target and moved into place only by
 * {@link #commit()}. Closing a writer that was not committed (because an exception left the try
 * block) deletes the temporary file, so a failed collect never leaves a half-written manifest
 * behind, nor replaces a previous one:
 *
 * <pre>{@code
 * try (ManifestWriter writer = ManifestWriter.open(path, header)) {
 *   for (...) {
 *     writer.write(asset);
 *   }
 *   writer.commit();
 * }
 * }</pre>
 *
 * <p>Sections written in parallel go to {@link ManifestPart}s ({@link #newPart()}), appended in a
 * fixed order with {@link #append(ManifestPart)}, so the manifest's content does not depend on
 * which thread finished first.
 */
public final class ManifestWriter implements ManifestSink, Closeable {

  /** At most this many report entries of each kind are listed; all are counted. */
  public static final int MAX_REPORT_ENTRIES = 1_000;

  private final Path target;
  private final Path temp;
  private final FileOutputStream file;
  private final JsonGenerator json;
  private final Class<?> eventClass;
  private final Map<String, Long> reportCounts = new TreeMap<>();
  private final Map<String, List<ReportEntry>> reportEntries = new TreeMap<>();
  private final List<ManifestPart> parts = new ArrayList<>();
  private long events;
  private boolean finished;

  private ManifestWriter(Path target, Path temp, FileOutputStream file, ManifestHeader header)
      throws IOException {
    this.target = target;
    this.temp = temp;
    this.file = file;
    this.eventClass = header.flow().eventClass();
    this.json =
        WireJson.mapper()
            .createGenerator(new BufferedOutputStream(file, 1 << 16), JsonEncoding.UTF8);
    json.setPrettyPrinter(new ManifestPrettyPrinter());
  }

  /**
   * Starts a manifest: creates the folder if needed, opens a temporary file next to {@code target}
   * and writes the header.
   */
  public static ManifestWriter open(Path target, ManifestHeader header) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".partial");
    ManifestWriter writer = null;
    try {
      writer = new ManifestWriter(absolute, temp, new FileOutputStream(temp.toFile()), header);
      writer.writeHeader(header);
      return writer;
    } catch (IOException | RuntimeException e) {
      if (writer != null) {
        writer.abort();
      } else {
        Files.deleteIfExists(temp);
      }
      throw e;
    }
  }

  private void writeHeader(ManifestHeader header) throws IOException {
    json.writeStartObject();
    json.writeNumberField("format_version", header.formatVersion());
    json.writeStringField("flow", header.flow().id());
    json.writeStringField("warehouse", header.warehouse());
    json.writeStringField(header.flow().resourceKey(), header.resourceValue());
    json.writeStringField("collected_at", Timestamps.format(header.collectedAt()));
    json.writeFieldName("window");
    if (header.hasWindow()) {
      json.writeStartObject();
      json.writeStringField("start", Timestamps.format(header.windowStart()));
      json.writeStringField("end", Timestamps.format(header.windowEnd()));
      json.writeEndObject();
    } else {
      json.writeNull();
    }
    if (header.shard() != null) {
      json.writeFieldName("shard");
      json.writeStartObject();
      json.writeNumberField("index", header.shard().index());
      json.writeNumberField("count", header.shard().count());
      json.writeEndObject();
    }
    json.writeFieldName("events");
    json.writeStartArray();
  }

  /**
   * Appends an event: a model record of the header's flow, written in its wire shape (a metadata
   * asset without the {@code relational_asset} wrapper).
   */
  @Override
  public void write(Object event) throws IOException {
    requireOpen();
    if (!eventClass.isInstance(event)) {
      throw new IllegalArgumentException(
          "this manifest holds "
              + eventClass.getSimpleName()
              + " events, not "
              + (event == null ? "null" : event.getClass().getSimpleName()));
    }
    try {
      json.writeObject(event);
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
    events++;
  }

  /**
   * Records something that was not collected, described in one text.
   *
   * @param kind a category such as {@code failed_databases}
   * @param subject what it is about and why, e.g. {@code analytics: permission denied}
   */
  @Override
  public void report(String kind, String subject) {
    report(kind, subject, null);
  }

  /**
   * Records something that was not collected.
   *
   * @param kind a category such as {@code skipped} or {@code unparsed}
   * @param subject what it is about, e.g. a qualified table name or a query id
   * @param reason why, or null
   */
  @Override
  public void report(String kind, String subject, String reason) {
    requireOpen();
    checkKind(kind);
    reportCounts.merge(kind, 1L, Long::sum);
    keep(new ReportEntry(kind, subject, reason));
  }

  /**
   * Adds to a count of the manifest's {@code counts} that lists no report entries (such as how
   * many statements were read).
   */
  public void count(String kind, long n) {
    requireOpen();
    checkKind(kind);
    reportCounts.merge(kind, n, Long::sum);
  }

  private void keep(ReportEntry entry) {
    List<ReportEntry> entries = reportEntries.computeIfAbsent(entry.kind(), k -> new ArrayList<>());
    if (entries.size() < MAX_REPORT_ENTRIES) {
      entries.add(entry);
    }
  }

  static void checkKind(String kind) {
    if (kind == null || kind.isBlank() || kind.equals("events")) {
      throw new IllegalArgumentException("not a report kind: '" + kind + "'");
    }
  }

  /**
   * A new part of this manifest, for events written apart (by another thread) and appended later
   * with {@link #append(ManifestPart)}. Its events wait in a temporary file next to the manifest;
   * aborting the manifest deletes the parts not yet appended.
   */
  public synchronized ManifestPart newPart() throws IOException {
    requireOpen();
    Path file = Files.createTempFile(temp.getParent(), "." + target.getFileName() + ".", ".part");
    ManifestPart part;
    try {
      part = new ManifestPart(file, eventClass);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    parts.add(part);
    return part;
  }

  /**
   * Appends a part's events after those written so far, and its report entries after those
   * reported so far, then deletes the part. The part must not be written to any more.
   */
  public void append(ManifestPart part) throws IOException {
    requireOpen();
    synchronized (this) {
      if (!parts.remove(part)) {
        throw new IllegalArgumentException("not an open part of this manifest");
      }
    }
    try {
      part.finish();
      try (BufferedReader lines = part.events()) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (!line.isEmpty()) {
            json.writeRawValue(line);
          }
        }
      }
      events += part.eventCount();
      part.reportCounts().forEach((kind, count) -> reportCounts.merge(kind, count, Long::sum));
      part.reports().forEach(this::keep);
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    } finally {
      part.close();
    }
  }

  /** How many events have been written. */
  public long eventCount() {
    return events;
  }

  /**
   * Writes the counts and the report, syncs the file to disk and moves it into place, replacing any
   * previous manifest at the target.
   */
  public void commit() throws IOException {
    requireOpen();
    try {
      json.writeEndArray();
      json.writeFieldName("counts");
      json.writeStartObject();
      json.writeNumberField("events", events);
      for (Map.Entry<String, Long> count : reportCounts.entrySet()) {
        json.writeNumberField(count.getKey(), count.getValue());
      }
      json.writeEndObject();
      if (!reportEntries.isEmpty()) {
        json.writeFieldName("report");
        json.writeStartObject();
        for (Map.Entry<String, List<ReportEntry>> kind : reportEntries.entrySet()) {
          json.writeArrayFieldStart(kind.getKey());
          for (ReportEntry entry : kind.getValue()) {
            json.writeStartObject();
            json.writeStringField("subject", entry.subject());
            if (entry.reason() != null) {
              json.writeStringField("reason", entry.reason());
            }
            json.writeEndObject();
          }
          json.writeEndArray();
        }
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeRaw('\n');
      json.flush();
      file.getFD().sync();
      json.close();
      AtomicFiles.replace(temp, target);
      finished = true;
      List<ManifestPart> unappended;
      synchronized (this) {
        unappended = new ArrayList<>(parts);
        parts.clear();
      }
      unappended.forEach(ManifestPart::close);
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  /** Discards the manifest: closes and deletes the temporary file. Does nothing once finished. */
  public void abort() {
    if (finished) {
      return;
    }
    finished = true;
    List<ManifestPart> unappended;
    synchronized (this) {
      unappended = new ArrayList<>(parts);
      parts.clear();
    }
    unappended.forEach(ManifestPart::close);
    discard(json, file, temp);
  }

  /**
   * Closes a half-written file and deletes it. Failures to close change nothing, since the file
   * goes anyway; one that cannot be deleted now is deleted when the program exits.
   */
  static void discard(JsonGenerator json, FileOutputStream out, Path path) {
    try {
      json.close();
    } catch (IOException | RuntimeException e) {
      // deleted below
    }
    try {
      out.close();
    } catch (IOException e) {
      // deleted below
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      path.toFile().deleteOnExit();
    }
  }

  /** Aborts unless {@link #commit()} succeeded. */
  @Override
  public void close() {
    abort();
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("the manifest " + target.getFileName() + " is closed");
    }
  }

  /**
   * Something a collect run did not turn into an event, such as a skipped table or an unparsed
   * statement.
   *
   * @param kind the category, e.g. {@code skipped} or {@code unparsed}
   * @param subject what it is about, e.g. {@code analytics.public.orders} or a query id
   * @param reason why it was not collected, or null when the subject says it all
   */
  public record ReportEntry(String kind, String subject, String reason) {}

  /**
   * Lays a manifest out for people and for line-numbered error messages: each top-level key on its
   * own line, each element of a top-level array (each event) on its own line, and everything inside
   * an event compact.
   */
  static final class ManifestPrettyPrinter implements PrettyPrinter {
    private int depth;

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
      depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      if (depth == 1) {
        g.writeRaw("\n  ");
      }
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(depth == 1 ? ": " : ":");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(depth == 1 ? ",\n  " : ",");
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
      depth--;
      g.writeRaw(depth == 0 && nrOfEntries > 0 ? "\n}" : "}");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
      depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      if (depth == 2) {
        g.writeRaw("\n    ");
      }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(depth == 2 ? ",\n    " : ",");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      depth--;
      g.writeRaw(depth == 1 && nrOfValues > 0 ? "\n  ]" : "]");
    }
  }
}
