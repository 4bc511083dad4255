package io.pushgen.generator.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The set-up of the tests that run the emitted PostgreSQL programs as a customer would: an
 * embedded server on which the test itself is the trusted superuser and every other role logs in
 * with a password over TCP (scram-sha-256).
 */
final class PasswordPostgres {
  private PasswordPostgres() {}

  /** A server builder whose pg_hba.conf (written into {@code dir}) asks every role but postgres for its password. */
  static EmbeddedPostgres.Builder builder(Path dir) throws IOException {
    Path hba =
        Files.writeString(
            dir.resolve("pg_hba.conf"),
            """
            local all all trust
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """);
    return EmbeddedPostgres.builder().setServerConfig("hba_file", hba.toString());
  }

}
