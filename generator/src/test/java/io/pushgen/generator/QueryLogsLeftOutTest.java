package io.pushgen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse whose log_type is null (PostgreSQL) has a query_logs section Monte Carlo cannot
 * take: without --log-type, --all and a plain --warehouse generate its other flows and say what
 * was left out; naming query_logs in --flows is refused with the reason; --log-type generates it.
 */
class QueryLogsLeftOutTest {
  @TempDir Path tmp;

  private static final String QUERY_LOGS = "src/main/java/io/pushgen/postgres/CollectQueryLogs.java";

  @Test
  void leftOutAndListedUnlessAskedForOrGivenALogType() throws Exception {
    Assumptions.assumeTrue(TestSupport.realTemplatesPresent(), "templates/ not written yet");

    Path all = tmp.resolve("all");
    TestSupport.Run run = TestSupport.cli("generate", "--all", "--out", all.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(Files.exists(all.resolve("postgres/src/main/java/io/pushgen/postgres/CollectMetadata.java")));
    assertFalse(Files.exists(all.resolve("postgres").resolve(QUERY_LOGS)));
    assertTrue(Files.exists(all.resolve("snowflake/src/main/java/io/pushgen/snowflake/CollectQueryLogs.java")));
    assertTrue(run.out().contains("left out the query_logs flow of ") && run.out().contains("postgres"), run.out());
    assertFalse(run.out().contains("snowflake:"), run.out());

    Path one = tmp.resolve("one");
    run = TestSupport.cli("generate", "--warehouse", "postgres", "--out", one.toString());
    assertEquals(0, run.code(), run.err());
    assertFalse(Files.exists(one.resolve(QUERY_LOGS)));
    assertTrue(run.out().contains("left out the query_logs flow of postgres: log_type is null"), run.out());

    run = TestSupport.cli("generate", "--warehouse", "postgres", "--flows", "query_logs", "--out",
        tmp.resolve("refused").toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("refusing to generate the query_logs flow for postgres"), run.err());

    Path typed = tmp.resolve("typed");
    run = TestSupport.cli("generate", "--warehouse", "postgres", "--log-type", "s3", "--out", typed.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(Files.exists(typed.resolve(QUERY_LOGS)));
    assertFalse(run.out().contains("left out"), run.out());
  }
}
