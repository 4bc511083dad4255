// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.oracle.runtime.manifest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.pushgen.oracle.runtime.manifest.ManifestWriter.ReportEntry;
import io.pushgen.oracle.runtime.wire.WireJson;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A section of a manifest written on its own, typically by another thread, and appended to its
 * {@link ManifestWriter} later with {@link ManifestWriter#append(ManifestPart)}: how databases
 * collected in parallel still land in the manifest in a fixed order.
 *
 * <p>Events go to a temporary file next to the manifest (one compact JSON document a line), so a
 * part holds no events in memory; its report entries are kept (at most {@link
 * ManifestWriter#MAX_REPORT_ENTRIES} of each kind, all counted) and merged on append. A part is
 * used by one thread at a time. Closing it deletes its file; appending closes it.
 */
public final class ManifestPart implements ManifestSink, Closeable {
  private final Class<?> eventClass;
  private final Path file;
  private final FileOutputStream out;
  private final JsonGenerator json;
  private final List<ReportEntry> reports = new ArrayList<>();
  private final Map<String, Long> reportCounts = new TreeMap<>();
  private long events;
  private boolean closed;
  private boolean finished;

  ManifestPart(Path file, Class<?> eventClass) throws IOException {
    this.file = file;
    this.eventClass = eventClass;
    this.out = new FileOutputStream(file.toFile());
    try {
      this.json =
          WireJson.mapper()
              .createGenerator(new BufferedOutputStream(out, 1 << 16), JsonEncoding.UTF8);
      // One document a line: the root separator is the line break.
      json.setRootValueSeparator(new SerializedString("\n"));
    } catch (IOException | RuntimeException e) {
      out.close();
      Files.deleteIfExists(file);
      throw e;
    }
  }

  @Override
  public void write(Object event) throws IOException {
    requireWritable();
    if (!eventClass.isInstance(event)) {
      throw new IllegalArgumentException(
          "this manifest holds "
              + eventClass.getSimpleName()
              + " events, not "
              + (event == null ? "null" : event.getClass().getSimpleName()));
    }
    json.writeObject(event);
    events++;
  }

  @Override
  public void report(String kind, String subject, String reason) {
    requireWritable();
    ManifestWriter.checkKind(kind);
    long count = reportCounts.merge(kind, 1L, Long::sum);
    if (count <= ManifestWriter.MAX_REPORT_ENTRIES) {
      reports.add(new ReportEntry(kind, subject, reason));
    }
  }

  /** How many events have been written. */
  public long eventCount() {
    return events;
  }

  /** Ends writing and closes the file; the events stay on disk until appended or closed. */
  public void finish() throws IOException {
    if (!finished) {
      finished = true;
      json.flush();
      json.close();
    }
  }

  /** The report entries kept, in the order they were reported. */
  List<ReportEntry> reports() {
    return reports;
  }

  /** How many entries of each kind were reported (including those not kept). */
  Map<String, Long> reportCounts() {
    return reportCounts;
  }

  /** Reads the events back, one compact JSON document a line. */
  BufferedReader events() throws IOException {
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }

  /** Deletes the part's file. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    finished = true;
    ManifestWriter.discard(json, out, file);
  }

  private void requireWritable() {
    if (finished) {
      throw new IllegalStateException("this manifest part is closed");
    }
  }
}
