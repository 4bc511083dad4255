package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.CompiledProjects;
import io.pushgen.generator.cli.PushgenCli;
import io.pushgen.generator.run.EmittedPrograms;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The emitted PostgreSQL programs connect over TLS the way managed services require: the real
 * pgjdbc driver with {@code sslmode=verify-full} and {@code sslrootcert}, against an embedded
 * PostgreSQL that serves a certificate this test made with openssl, and whose pg_hba.conf refuses
 * the collector without TLS. The password comes from {@code PGPASSWORD_FILE} and must appear
 * nowhere in what the programs wrote.
 */
class PostgresTlsEndToEndTest {
  private static final String PASSWORD = "pw-Tls-Collector-7731";

  @TempDir static Path work;
  private static EmbeddedPostgres postgres;
  private static EmittedPrograms programs;
  private static TestCertificates.ServerTls tls;
  private static Path otherCa;
  private static Path passwordFile;

  @BeforeAll
  static void start() throws Exception {
    Path certs = Files.createDirectories(work.resolve("certs"));
    tls = TestCertificates.server(certs, "pg");
    otherCa = TestCertificates.certificateAuthority(certs, "other");
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("ssl", "on")
            .setServerConfig("ssl_cert_file", tls.serverCertificate().toString())
            .setServerConfig("ssl_key_file", tls.serverKey().toString())
            .setDataDirectoryCustomizer(
                data -> {
                  // The collector only over TLS, with its password; everyone else as before.
                  Path hba = data.toPath().resolve("pg_hba.conf");
                  try {
                    Files.writeString(
                        hba,
                        "hostnossl all collector all reject\n"
                            + "hostssl all collector all scram-sha-256\n"
                            + Files.readString(hba));
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("SET password_encryption = 'scram-sha-256'");
      s.execute("CREATE ROLE collector LOGIN PASSWORD '" + PASSWORD + "'");
      s.execute("CREATE TABLE public.orders (id integer, amount numeric)");
      s.execute("GRANT SELECT ON public.orders TO collector");
    }
    passwordFile =
        Files.writeString(Files.createDirectories(work.resolve("secrets")).resolve("pg-password"), PASSWORD + "\n");
    programs = CompiledProjects.generate(work, "postgres", "--flows", "metadata");
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static Map<String, String> environment(String host, Path rootCertificate) {
    Map<String, String> env = new HashMap<>();
    env.put("PGHOST", host);
    env.put("PGPORT", Integer.toString(postgres.getPort()));
    env.put("PGUSER", "collector");
    env.put("PGPASSWORD_FILE", passwordFile.toString());
    env.put("PGSSLMODE", "verify-full");
    env.put("PGSSLROOTCERT", rootCertificate.toString());
    return env;
  }

  private static EmittedPrograms.Run collect(Map<String, String> env, String manifestName) throws Exception {
    Path manifest = work.resolve("out").resolve(manifestName);
    Files.createDirectories(manifest.getParent());
    EmittedPrograms.Run run =
        programs.run("io.pushgen.postgres.CollectMetadata", env,
            List.of("--databases", "postgres", "--output-file", manifest.toString()));
    assertFalse(run.output().contains(PASSWORD), run.output());
    return run;
  }

  @Test
  void verifyFullWithTheServersCertificateAuthorityConnectsAndCollects() throws Exception {
    EmittedPrograms.Run run = collect(environment("localhost", tls.caCertificate()), "tls.json");
    assertEquals(0, run.exitCode(), run.output());
    String manifest = Files.readString(work.resolve("out").resolve("tls.json"));
    assertTrue(manifest.contains("\"orders\""), manifest);
    assertFalse(TestCertificates.everythingWritten(work.resolve("out")).contains(PASSWORD));
  }

  @Test
  void withoutTlsTheServerRefusesTheCollector() throws Exception {
    Map<String, String> env = environment("localhost", tls.caCertificate());
    env.put("PGSSLMODE", "disable");
    EmittedPrograms.Run run = collect(env, "plain.json");
    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.output().contains("no encryption"), run.output());
  }

  @Test
  void aCertificateFromAnotherAuthorityIsRejected() throws Exception {
    EmittedPrograms.Run run = collect(environment("localhost", otherCa), "other-ca.json");
    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.output().contains("cannot connect to jdbc:postgresql://localhost:"), run.output());
    assertTrue(run.output().contains("PKIX path"), run.output());
  }

  @Test
  void verifyFullChecksTheHostName() throws Exception {
    // The certificate names localhost only.
    EmittedPrograms.Run run = collect(environment("127.0.0.1", tls.caCertificate()), "ip.json");
    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.output().contains("hostname 127.0.0.1 could not be verified"), run.output());
  }

  @Test
  void missingRootCertificateAndPasswordFilesFailBeforeConnectingWithExit2() throws Exception {
    Path missing = work.resolve("no-such-ca.crt");
    EmittedPrograms.Run run = collect(environment("localhost", missing), "missing-ca.json");
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(run.output().contains("error: --sslrootcert " + missing + " does not exist"), run.output());

    Map<String, String> env = environment("localhost", tls.caCertificate());
    env.put("PGPASSWORD_FILE", work.resolve("no-such-password").toString());
    run = collect(env, "missing-password.json");
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(
        run.output().contains("error: PGPASSWORD_FILE " + work.resolve("no-such-password") + " does not exist"),
        run.output());
  }
}
