package io.pushgen.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.cli.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardTest {
  private static String usageError(String shard, Integer shards, Map<String, String> env) {
    return assertThrows(UsageException.class, () -> Shard.resolve(shard, shards, env)).getMessage();
  }

  @Test
  void parsesTheOptionThenShardsWithTheJobIndexThenTheEnvironment() throws Exception {
    assertEquals(new Shard(2, 7), Shard.resolve("2/7", null, Map.of("PUSHGEN_SHARD", "1/3")));
    assertEquals(new Shard(0, 1), Shard.resolve(" 0/1 ", null, Map.of()));
    assertEquals(
        new Shard(4, 5),
        Shard.resolve(null, 5, Map.of("JOB_COMPLETION_INDEX", "4", "PUSHGEN_SHARD", "0/2")));
    assertEquals(new Shard(1, 3), Shard.resolve(null, null, Map.of("PUSHGEN_SHARD", "1/3")));
    assertEquals(Shard.ALL, Shard.resolve(null, null, Map.of()));
    assertEquals(Shard.ALL, Shard.resolve(null, null, Map.of("PUSHGEN_SHARD", " ")));
    assertEquals("2/7", new Shard(2, 7).toString());
  }

  @Test
  void badValuesAreUsageErrorsNamingWhereTheyCameFrom() {
    assertEquals(
        "--shard: shard 3 of 3 does not exist (shards are 0 to 2)", usageError("3/3", null, Map.of()));
    assertEquals(
        "--shard: the number of shards must be at least 1, not 0", usageError("0/0", null, Map.of()));
    for (String malformed : List.of("1", "1/2/3", "a/3", "-1/3", "1/", "/3", "1.0/3", "9999999999/3")) {
      assertEquals(
          "--shard '" + malformed + "' is not I/N (shard I of N, I from 0 to N-1, e.g. 0/4)",
          usageError(malformed, null, Map.of()),
          malformed);
    }
    assertEquals(
        "PUSHGEN_SHARD: shard 5 of 2 does not exist (shards are 0 to 1)",
        usageError(null, null, Map.of("PUSHGEN_SHARD", "5/2")));
    assertEquals(
        "PUSHGEN_SHARD 'x' is not I/N (shard I of N, I from 0 to N-1, e.g. 0/4)",
        usageError(null, null, Map.of("PUSHGEN_SHARD", "x")));
    assertEquals("--shards must be at least 1, not 0", usageError(null, 0, Map.of("JOB_COMPLETION_INDEX", "0")));
    assertEquals(
        "--shards 4 takes the shard from JOB_COMPLETION_INDEX, which is not set (it is set in the"
            + " pods of a Kubernetes Indexed Job); elsewhere give --shard I/N",
        usageError(null, 4, Map.of()));
    assertEquals(
        "JOB_COMPLETION_INDEX with --shards: shard 4 of 4 does not exist (shards are 0 to 3)",
        usageError(null, 4, Map.of("JOB_COMPLETION_INDEX", "4")));
    assertEquals(
        "JOB_COMPLETION_INDEX 'two' is not I/N (shard I of N, I from 0 to N-1, e.g. 0/4)",
        usageError(null, 4, Map.of("JOB_COMPLETION_INDEX", "two")));
    assertEquals("give --shard I/N or --shards N, not both", usageError("0/2", 2, Map.of()));
  }

  @Test
  void theBucketIsFnv1aOfTheUtf8BytesSoItNeverChanges() {
    // FNV-1a 32-bit reference values: "" = 0x811c9dc5, "a" = 0xe40c292c, "foobar" = 0xbf9cf968.
    assertEquals((int) (0x811c9dc5L % 1000), Shard.bucket("", 1000));
    assertEquals((int) (0xe40c292cL % 1000), Shard.bucket("a", 1000));
    assertEquals((int) (0xbf9cf968L % 1000003), Shard.bucket("foobar", 1000003));
    // Non-ASCII names hash their UTF-8 bytes, whatever the platform's default charset.
    // (0xa82b5049; its ISO-8859-1 bytes would give 0x3308be7c).
    assertEquals((int) (0xa82b5049L % 1000003), Shard.bucket("caf\u00e9", 1000003));
  }

  @Test
  void everyNameIsInExactlyOneShard() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      names.add("db_" + i);
    }
    for (int count : new int[] {1, 2, 3, 7}) {
      int[] taken = new int[names.size()];
      for (int index = 0; index < count; index++) {
        Shard shard = new Shard(index, count);
        for (int i = 0; i < names.size(); i++) {
          if (shard.includes(names.get(i))) {
            taken[i]++;
          }
        }
        assertEquals(index == 0, shard.takesAccountWide());
      }
      for (int i = 0; i < names.size(); i++) {
        assertEquals(1, taken[i], names.get(i) + " with " + count + " shards");
      }
    }
    assertFalse(Shard.ALL.isSplit());
    assertTrue(Shard.ALL.includes("anything"));
  }
}
