// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.verify;

import io.pushgen.teradata.runtime.cli.UsageException;
import io.pushgen.teradata.runtime.manifest.ManifestReader;
import io.pushgen.teradata.runtime.model.Flow;
import io.pushgen.teradata.runtime.push.PushResult;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The events of a manifest a verification checks: those of the batches a result file records as
 * sent (all of them without a result file), or a random sample of them.
 */
public final class ManifestSelection {
  private final ManifestReader reader;
  private final PushResult result;
  private final List<long[]> sentRanges;
  private final List<Indexed> events = new ArrayList<>();
  private long eligible;
  private long notSent;

  /** An event and its index in the manifest. */
  public record Indexed(long index, Object event) {}

  private ManifestSelection(ManifestReader reader, PushResult result) {
    this.reader = reader;
    this.result = result;
    this.sentRanges = new ArrayList<>();
    if (result != null) {
      for (PushResult.BatchRecord batch : result.batches()) {
        if (batch.status() == PushResult.Status.SENT) {
          sentRanges.add(new long[] {batch.firstEvent(), batch.lastEvent()});
        }
      }
    }
  }

  /**
   * Reads the manifest and result file the options name and selects the events as they ask ({@code
   * --sample}, {@code --seed}); without {@code --manifest}, the program's {@code
   * <flow>_manifest.json}.
   *
   * @param expected the flow the program verifies
   * @throws UsageException when a file is missing, of another flow, or the result file belongs to
   *     another manifest
   */
  public static ManifestSelection read(VerifyOptions options, Flow expected)
      throws IOException, UsageException {
    return read(
        options.manifest(Path.of(expected.id() + "_manifest.json")),
        options.result(),
        expected,
        options.sample(),
        options.seed());
  }

  /**
   * Reads the manifest (and result file) and selects the events.
   *
   * @param expected the flow the program verifies
   * @throws UsageException when a file is missing, of another flow, or the result file belongs to
   *     another manifest
   */
  public static ManifestSelection read(
      Path manifest, Path resultFile, Flow expected, Integer sample, Long seed)
      throws IOException, UsageException {
    ManifestReader reader;
    try {
      reader = ManifestReader.open(manifest);
    } catch (NoSuchFileException e) {
      throw new UsageException("no such manifest: " + manifest);
    }
    if (reader.header().flow() != expected) {
      throw new UsageException(
          manifest
              + " is a "
              + reader.header().flow().id()
              + " manifest; this program verifies "
              + expected.id()
              + " manifests");
    }
    PushResult result = null;
    if (resultFile != null) {
      try {
        result = PushResult.read(resultFile);
      } catch (NoSuchFileException e) {
        throw new UsageException("no such result file: " + resultFile);
      }
      if (!reader.sha256().equals(result.manifestSha256())) {
        throw new UsageException(
            resultFile
                + " records a push of another manifest (its manifest_sha256 differs from "
                + manifest
                + ")");
      }
    }
    ManifestSelection selection = new ManifestSelection(reader, result);
    selection.select(sample, seed);
    return selection;
  }

  private void select(Integer sample, Long seed) throws IOException {
    Random random = seed == null ? new Random() : new Random(seed);
    try (ManifestReader.Events iterator = reader.events()) {
      while (iterator.hasNext()) {
        Object event = iterator.next();
        long index = iterator.index();
        if (!sent(index)) {
          notSent++;
          continue;
        }
        eligible++;
        if (sample == null || events.size() < sample) {
          events.add(new Indexed(index, event));
        } else {
          long slot = (long) (random.nextDouble() * eligible);
          if (slot < sample) {
            events.set((int) slot, new Indexed(index, event));
          }
        }
      }
    }
    events.sort((a, b) -> Long.compare(a.index(), b.index()));
  }

  private boolean sent(long index) {
    if (result == null) {
      return true;
    }
    for (long[] range : sentRanges) {
      if (index >= range[0] && index <= range[1]) {
        return true;
      }
    }
    return false;
  }

  public ManifestReader reader() {
    return reader;
  }

  /** The result file, or null. */
  public PushResult result() {
    return result;
  }

  /** The selected events in manifest order. */
  public List<Indexed> events() {
    return events;
  }

  /** How many events were eligible (sent) before sampling. */
  public long eligible() {
    return eligible;
  }

  /** How many events the result file records as not sent. */
  public long notSent() {
    return notSent;
  }

  /** The resource uuid the result file records, or null. */
  public String resultResourceUuid() {
    return result == null ? null : result.resourceUuid();
  }

  /**
   * When the data was pushed: the result file's finish (or start) time, else the manifest's
   * collection time.
   */
  public Instant pushedAt() {
    if (result != null) {
      for (String value : new String[] {result.finishedAt(), result.startedAt()}) {
        if (value != null) {
          try {
            return Instant.parse(value);
          } catch (DateTimeParseException e) {
            // try the next
          }
        }
      }
    }
    return reader.header().collectedAt();
  }

  /**
   * An empty report on these events, named after the manifest's flow and headed by the facts of
   * {@link #describe}.
   *
   * @param columns the report's columns
   * @param sample the sample size asked for, or null
   */
  public VerifyReport report(List<String> columns, Integer sample) {
    VerifyReport report = new VerifyReport(reader.header().flow().id(), columns);
    describe(report, sample);
    return report;
  }

  /** Facts for the report. */
  public void describe(VerifyReport report, Integer sample) {
    report.fact("manifest", reader.file().toString());
    if (result != null) {
      report.fact("result", "sent batches only (" + notSent + " events not sent are not checked)");
    }
    if (sample != null && eligible > sample) {
      report.fact("sample", events.size() + " of " + eligible + " events, chosen at random");
    }
  }
}
