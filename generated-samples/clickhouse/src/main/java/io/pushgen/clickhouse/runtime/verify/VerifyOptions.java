// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.clickhouse.runtime.verify;

import io.pushgen.clickhouse.runtime.cli.UsageException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every verification program shares, as a picocli mixin: which manifest (and
 * optionally which push result) to check, sampling, and the output form.
 */
public class VerifyOptions {
  @Option(
      names = {"--manifest", "--input-file"},
      paramLabel = "FILE",
      description = "The manifest that was pushed (default: the program's <flow>_manifest.json).")
  private Path manifest;

  @Option(
      names = "--result",
      paramLabel = "FILE",
      description =
          "The push's result file: only the events of batches it records as sent are checked,"
              + " and its finish time dates the push.")
  private Path result;

  @Option(
      names = "--sample",
      paramLabel = "N",
      description = "Check a random sample of N items instead of all (for big manifests).")
  private Integer sample;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the random sample, to repeat a sample (default: random).")
  private Long seed;

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  private boolean json;

  /** {@code --manifest}, or {@code fallback} when not given. */
  public Path manifest(Path fallback) {
    return manifest != null ? manifest : fallback;
  }

  /** {@code --result}, or null. */
  public Path result() {
    return result;
  }

  /** {@code --sample}, or null for all. */
  public Integer sample() {
    return sample;
  }

  /** {@code --seed}, or null. */
  public Long seed() {
    return seed;
  }

  public boolean json() {
    return json;
  }

  /** Checks the values. */
  public void validate() throws UsageException {
    if (sample != null && sample < 1) {
      throw new UsageException("--sample must be at least 1, not " + sample);
    }
  }

  /** Sets the values (for callers that do not parse a command line). */
  public VerifyOptions set(Path manifest, Path result, Integer sample, Long seed, boolean json) {
    this.manifest = manifest;
    this.result = result;
    this.sample = sample;
    this.seed = seed;
    this.json = json;
    return this;
  }
}
