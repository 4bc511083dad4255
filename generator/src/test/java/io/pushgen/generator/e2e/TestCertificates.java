package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys and certificates made with the openssl command line, as a customer makes them: a test
 * certificate authority and a server certificate for {@code localhost} that it signs, PKCS#8
 * private keys (Snowflake's key-pair guide), nothing hand-written.
 */
final class TestCertificates {
  private TestCertificates() {}

  /** A certificate authority and a server certificate it signed. */
  record ServerTls(Path caCertificate, Path serverCertificate, Path serverKey) {}

  /** Runs openssl with the arguments in {@code dir} and fails the test when it fails. */
  static void openssl(Path dir, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), "openssl " + String.join(" ", arguments) + " failed: " + output);
  }

  /** A self-signed certificate authority {@code <name>-ca.crt} (and its key). */
  static Path certificateAuthority(Path dir, String name) throws IOException, InterruptedException {
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-keyout", name + "-ca.key", "-out", name + "-ca.crt", "-subj", "/CN=" + name + " test CA");
    return dir.resolve(name + "-ca.crt");
  }

  /**
   * A server certificate for {@code localhost} (subject alternative name DNS:localhost only, so
   * that verifying the host name fails for 127.0.0.1), signed by a new authority {@code name}.
   * The key is readable by its owner only, as database servers demand.
   */
  static ServerTls server(Path dir, String name) throws IOException, InterruptedException {
    Path ca = certificateAuthority(dir, name);
    Files.writeString(dir.resolve(name + "-ext.cnf"), "subjectAltName=DNS:localhost\n");
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + "-server.key",
        "-out", name + "-server.csr", "-subj", "/CN=localhost");
    openssl(dir, "x509", "-req", "-in", name + "-server.csr", "-CA", ca.getFileName().toString(),
        "-CAkey", name + "-ca.key", "-CAcreateserial", "-days", "2", "-extfile", name + "-ext.cnf",
        "-out", name + "-server.crt");
    Path key = dir.resolve(name + "-server.key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    return new ServerTls(ca, dir.resolve(name + "-server.crt"), key);
  }

  /** An RSA private key in PKCS#8 PEM, encrypted with {@code passphrase} when it is not null. */
  static Path pkcs8Key(Path dir, String name, String passphrase) throws IOException, InterruptedException {
    openssl(dir, "genrsa", "-out", name + ".pkcs1", "2048");
    if (passphrase == null) {
      openssl(dir, "pkcs8", "-topk8", "-inform", "PEM", "-in", name + ".pkcs1", "-out", name + ".p8", "-nocrypt");
    } else {
      openssl(dir, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-inform", "PEM", "-in", name + ".pkcs1",
          "-out", name + ".p8", "-passout", "pass:" + passphrase);
    }
    return dir.resolve(name + ".p8");
  }

  /** Everything under {@code dir} as text, to look for a secret that must not be there. */
  static String everythingWritten(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (var files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        all.append(file).append('\n').append(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
