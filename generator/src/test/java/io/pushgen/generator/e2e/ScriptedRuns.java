package io.pushgen.generator.e2e;

import io.pushgen.gateway.LocalGateway;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows and command lines that the tests of warehouses served by ScriptedDriver share. */
final class ScriptedRuns {
  private ScriptedRuns() {}

  /** The resource uuid every push of these tests names. */
  static final String RESOURCE_UUID = "3f1a2b4c-0000-4000-8000-00000000abcd";

  /** A row of a scripted result, nulls allowed. */
  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** A {@code TIMESTAMP} value as a driver returns it. */
  static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  /** The push options for {@code gateway} with an ingestion key and the resource uuid, then more. */
  static String[] push(LocalGateway gateway, String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--key-id", "kid",
                "--key-token", "ktok",
                "--resource-uuid", RESOURCE_UUID,
                "--endpoint", gateway.baseUrl()));
    arguments.addAll(List.of(more));
    return arguments.toArray(String[]::new);
  }

  /** {@code a} followed by {@code b}. */
  static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
