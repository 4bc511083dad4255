package io.pushgen.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pushgen.runtime.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks run before connecting, on keys made with openssl as Snowflake's guide does. */
class FileChecksTest {
  static final String OPTION = "--private-key-file";
  static final String PASSPHRASE_HOW = "--private-key-passphrase (or KEY_PASSPHRASE)";

  @TempDir static Path dir;
  static Path plainKey;
  static Path encryptedKey;

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  /** Runs openssl, the tool Snowflake's key-pair guide uses to make keys. */
  static void openssl(String... arguments) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("openssl"));
    command.addAll(java.util.List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), "openssl failed: " + output);
  }

  @BeforeAll
  static void keys() throws Exception {
    plainKey = dir.resolve("plain.p8");
    encryptedKey = dir.resolve("encrypted.p8");
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", plainKey.toString());
    openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plainKey.toString(),
        "-out", encryptedKey.toString(), "-passout", "pass:s3cret");
  }

  static String failure(org.junit.jupiter.api.function.Executable check) {
    return assertThrows(UsageException.class, check).getMessage();
  }

  @Test
  void pkcs8KeysPassWithTheirPassphraseWhenEncrypted() throws Exception {
    FileChecks.pkcs8PrivateKey(plainKey, OPTION, null, PASSPHRASE_HOW);
    FileChecks.pkcs8PrivateKey(encryptedKey, OPTION, "s3cret", PASSPHRASE_HOW);
  }

  @Test
  void keyFileProblemsNameTheFileAndTheProblem() throws Exception {
    Path missing = dir.resolve("missing.p8");
    assertEquals(OPTION + " " + missing + " does not exist",
        failure(() -> FileChecks.pkcs8PrivateKey(missing, OPTION, null, PASSPHRASE_HOW)));
    assertEquals(
        OPTION + " " + encryptedKey + " is encrypted and needs its passphrase: give " + PASSPHRASE_HOW,
        failure(() -> FileChecks.pkcs8PrivateKey(encryptedKey, OPTION, null, PASSPHRASE_HOW)));
    assertEquals(OPTION + " " + encryptedKey + " cannot be decrypted with the passphrase given",
        failure(() -> FileChecks.pkcs8PrivateKey(encryptedKey, OPTION, "wrong", PASSPHRASE_HOW)));
    Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"),
        Files.readString(plainKey).replace("PRIVATE KEY", "RSA PRIVATE KEY"));
    assertEquals(
        OPTION + " " + pkcs1 + " is a PKCS#1 key (BEGIN RSA PRIVATE KEY), not PKCS#8; convert it with"
            + " openssl pkcs8 -topk8 -in KEY -out KEY.p8",
        failure(() -> FileChecks.pkcs8PrivateKey(pkcs1, OPTION, null, PASSPHRASE_HOW)));
    Path cert = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", new byte[] {1, 2, 3}));
    assertEquals(OPTION + " " + cert + " holds a CERTIFICATE, not a PKCS#8 private key",
        failure(() -> FileChecks.pkcs8PrivateKey(cert, OPTION, null, PASSPHRASE_HOW)));
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    assertEquals(OPTION + " " + text + " is not a PEM private key (no -----BEGIN ...----- block)",
        failure(() -> FileChecks.pkcs8PrivateKey(text, OPTION, null, PASSPHRASE_HOW)));
    Path garbage = Files.writeString(dir.resolve("garbage.p8"), pem("PRIVATE KEY", new byte[] {1, 2, 3}));
    assertEquals(0, failure(() -> FileChecks.pkcs8PrivateKey(garbage, OPTION, null, PASSPHRASE_HOW))
        .indexOf(OPTION + " " + garbage + " is not a PKCS#8 RSA private key"));
  }

  @Test
  void keytabsAreRecognisedByTheirFormatVersion() throws Exception {
    Path keytab = Files.write(dir.resolve("svc.keytab"), new byte[] {5, 2, 0, 0, 0, 0});
    FileChecks.keytab(keytab, "--keytab");
    Path notOne = Files.writeString(dir.resolve("svc.txt"), "principal");
    assertEquals("--keytab " + notOne + " is not a Kerberos keytab (create one with ktutil or kadmin)",
        failure(() -> FileChecks.keytab(notOne, "--keytab")));
    Path unreadable = Files.write(dir.resolve("locked.keytab"), new byte[] {5, 2});
    if (unreadable.toFile().setReadable(false) && !Files.isReadable(unreadable)) {
      assertEquals("--keytab " + unreadable + " cannot be read: permission denied",
          failure(() -> FileChecks.keytab(unreadable, "--keytab")));
    }
  }

  @Test
  void googleCredentialFilesAreRecognisedByType() throws Exception {
    Path serviceAccount = Files.writeString(dir.resolve("sa.json"),
        "{\"type\":\"service_account\",\"client_email\":\"a@p.iam.gserviceaccount.com\",\"private_key\":\"x\"}");
    FileChecks.googleCredentials(serviceAccount, "--credentials-file");
    Path noKey = Files.writeString(dir.resolve("nokey.json"),
        "{\"type\":\"service_account\",\"client_email\":\"a@p.iam.gserviceaccount.com\"}");
    assertEquals("--credentials-file " + noKey + " is a service_account file without \"private_key\"",
        failure(() -> FileChecks.googleCredentials(noKey, "--credentials-file")));
    Path other = Files.writeString(dir.resolve("other.json"), "{\"name\":\"x\"}");
    assertEquals("--credentials-file " + other + " is not a Google credentials file: \"type\" is missing"
            + " (expected service_account, external_account, authorized_user or impersonated_service_account)",
        failure(() -> FileChecks.googleCredentials(other, "--credentials-file")));
    Path yaml = Files.writeString(dir.resolve("sa.yaml"), "type: service_account\n");
    assertEquals("--credentials-file " + yaml + " is not a Google credentials file: not JSON",
        failure(() -> FileChecks.googleCredentials(yaml, "--credentials-file")));
  }
}
