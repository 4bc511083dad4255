// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.athena.runtime.collect;

import io.pushgen.athena.runtime.cli.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * One of {@code count} parts of an account, so that {@code count} jobs (a Kubernetes Indexed Job,
 * several cron entries) together collect it exactly once: shard {@code index} takes the names
 * whose {@link #bucket bucket} is {@code index}.
 *
 * <p>A name's bucket is the FNV-1a 32-bit hash of its UTF-8 bytes, read as an unsigned number,
 * modulo {@code count}. It depends on nothing but the name as the warehouse lists it (not on the
 * JVM, the platform, the other names or their order), so every job of a run, and every run,
 * puts a name in the same shard; adding a database never moves another one.
 *
 * @param index this shard, from 0
 * @param count how many shards the account is split into
 */
public record Shard(int index, int count) {
  /** The whole account: no sharding. */
  public static final Shard ALL = new Shard(0, 1);

  /** The environment variable read when neither option is given: {@code I/N}. */
  public static final String ENV = "PUSHGEN_SHARD";

  /** Kubernetes' index of an Indexed Job's pod, the shard with {@code --shards N}. */
  public static final String JOB_COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

  private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  /** @throws IllegalArgumentException unless {@code 0 <= index < count} */
  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("no shard " + index + "/" + count);
    }
  }

  /** Whether the name belongs to this shard. */
  public boolean includes(String name) {
    return count == 1 || bucket(name, count) == index;
  }

  /**
   * Whether this shard collects what cannot be split by name (an account-wide query history):
   * shard 0 does, so that the shards together still collect it once.
   */
  public boolean takesAccountWide() {
    return index == 0;
  }

  /** Whether the account is split at all. */
  public boolean isSplit() {
    return count > 1;
  }

  /** The shard a name falls in, out of {@code count}: FNV-1a 32 of its UTF-8 bytes, unsigned. */
  public static int bucket(String name, int count) {
    int hash = FNV_OFFSET_BASIS;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return (int) (Integer.toUnsignedLong(hash) % count);
  }

  /** {@code I/N}, as the options take it. */
  @Override
  public String toString() {
    return index + "/" + count;
  }

  /**
   * Parses {@code I/N}.
   *
   * @param source what the value came from, for the message ({@code --shard}, the variable)
   * @throws UsageException naming the source when the value is malformed or out of range
   */
  public static Shard parse(String value, String source) throws UsageException {
    String[] parts = value.strip().split("/", -1);
    if (parts.length != 2) {
      throw new UsageException(
          source + " '" + value + "' is not I/N (shard I of N, I from 0 to N-1, e.g. 0/4)");
    }
    int count = number(parts[1], source, value);
    int index = number(parts[0], source, value);
    return checked(index, count, source);
  }

  /**
   * The shard the options and the environment select: {@code --shard I/N}; else {@code --shards
   * N} with I from {@value #JOB_COMPLETION_INDEX}; else {@value #ENV}; else the whole account.
   *
   * @throws UsageException for a malformed or out-of-range value, both options given, or {@code
   *     --shards} without {@value #JOB_COMPLETION_INDEX}
   */
  public static Shard resolve(String shardOption, Integer shardsOption, Map<String, String> env)
      throws UsageException {
    if (shardOption != null && shardsOption != null) {
      throw new UsageException("give --shard I/N or --shards N, not both");
    }
    if (shardOption != null) {
      return parse(shardOption, "--shard");
    }
    if (shardsOption != null) {
      if (shardsOption < 1) {
        throw new UsageException("--shards must be at least 1, not " + shardsOption);
      }
      String index = env.get(JOB_COMPLETION_INDEX);
      if (index == null || index.isBlank()) {
        throw new UsageException(
            "--shards "
                + shardsOption
                + " takes the shard from "
                + JOB_COMPLETION_INDEX
                + ", which is not set (it is set in the pods of a Kubernetes Indexed Job);"
                + " elsewhere give --shard I/N");
      }
      return checked(
          number(index, JOB_COMPLETION_INDEX, index), shardsOption, JOB_COMPLETION_INDEX + " with --shards");
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return parse(fromEnv, ENV);
    }
    return ALL;
  }

  private static Shard checked(int index, int count, String source) throws UsageException {
    if (count < 1) {
      throw new UsageException(source + ": the number of shards must be at least 1, not " + count);
    }
    if (index >= count) {
      throw new UsageException(
          source + ": shard " + index + " of " + count + " does not exist (shards are 0 to " + (count - 1) + ")");
    }
    return new Shard(index, count);
  }

  private static int number(String text, String source, String value) throws UsageException {
    String digits = text.strip();
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 9) {
      throw new UsageException(
          source + " '" + value + "' is not I/N (shard I of N, I from 0 to N-1, e.g. 0/4)");
    }
    return Integer.parseInt(digits);
  }

  /**
   * The {@code --shard}/{@code --shards} options of a collect program, as a picocli mixin.
   * Databases (or, where the warehouse has one database, schemas) are split by {@link #bucket};
   * an account-wide history is collected by shard 0 alone.
   */
  public static final class Options {
    @Option(
        names = "--shard",
        paramLabel = "I/N",
        description =
            "Collect shard I of N (I from 0): databases are split by a stable hash of their name,"
                + " so N runs cover the account once (default: env " + ENV + ", else everything).")
    String shard;

    @Option(
        names = "--shards",
        paramLabel = "N",
        description =
            "Split into N shards and take I from " + JOB_COMPLETION_INDEX
                + " (a Kubernetes Indexed Job's pod index).")
    Integer shards;

    /** The selected shard, from the options, then the environment. */
    public Shard resolve() throws UsageException {
      return Shard.resolve(shard, shards, System.getenv());
    }
  }
}
