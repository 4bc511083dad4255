// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.trino.runtime.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushgen.trino.runtime.cli.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Checks, before a program connects, the files its settings name, so that a wrong file fails at
 * once with its name and the problem instead of as a driver error after a network round trip.
 * Only the JDK's own parsers are used (PEM base64, {@link PKCS8EncodedKeySpec}, {@link
 * EncryptedPrivateKeyInfo}); the driver still reads the file itself.
 */
public final class FileChecks {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  /** Fields a Google credentials file of each type must have (google-auth-library's loaders). */
  private static final Map<String, List<String>> GOOGLE_TYPES =
      Map.of(
          "service_account", List.of("client_email", "private_key"),
          "external_account", List.of("audience", "subject_token_type", "token_url"),
          "authorized_user", List.of("client_id", "client_secret", "refresh_token"),
          "impersonated_service_account",
              List.of("service_account_impersonation_url", "source_credentials"));

  private FileChecks() {}

  /**
   * A regular file this process can read.
   *
   * @throws UsageException naming the option and file
   */
  public static void readable(Path file, String option) throws UsageException {
    if (!Files.exists(file)) {
      throw new UsageException(option + " " + file + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new UsageException(option + " " + file + " is not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new UsageException(option + " " + file + " cannot be read: permission denied");
    }
  }

  /**
   * A PKCS#8 private key in PEM form: {@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED PRIVATE
   * KEY} with a passphrase that decrypts it.
   *
   * @param passphrase the passphrase given, or null
   * @param passphraseHow how to give the passphrase, for the message (null: the key has none)
   * @throws UsageException naming the option, the file and what is wrong with it
   */
  public static void pkcs8PrivateKey(
      Path file, String option, String passphrase, String passphraseHow) throws UsageException {
    readable(file, option);
    String text = text(file, option);
    Matcher pem = PEM.matcher(text);
    if (!pem.find()) {
      throw new UsageException(
          option + " " + file + " is not a PEM private key (no -----BEGIN ...----- block)");
    }
    String label = pem.group(1);
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.group(2).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + " " + file + " has a damaged PEM block (bad base64)");
    }
    switch (label) {
      case "PRIVATE KEY" -> {
        try {
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
          throw new UsageException(
              option + " " + file + " is not a PKCS#8 RSA private key: " + e.getMessage());
        }
      }
      case "ENCRYPTED PRIVATE KEY" -> {
        if (passphrase == null) {
          throw new UsageException(
              option
                  + " "
                  + file
                  + " is encrypted and needs its passphrase"
                  + (passphraseHow == null ? "" : ": give " + passphraseHow));
        }
        decrypt(file, option, der, passphrase);
      }
      case "RSA PRIVATE KEY", "ENCRYPTED RSA PRIVATE KEY" ->
          throw new UsageException(
              option
                  + " "
                  + file
                  + " is a PKCS#1 key (BEGIN RSA PRIVATE KEY), not PKCS#8; convert it with"
                  + " openssl pkcs8 -topk8 -in KEY -out KEY.p8");
      default ->
          throw new UsageException(
              option + " " + file + " holds a " + label + ", not a PKCS#8 private key");
    }
  }

  private static void decrypt(Path file, String option, byte[] der, String passphrase)
      throws UsageException {
    EncryptedPrivateKeyInfo info;
    try {
      info = new EncryptedPrivateKeyInfo(der);
    } catch (IOException e) {
      throw new UsageException(
          option + " " + file + " is not an encrypted PKCS#8 key: " + e.getMessage());
    }
    // PBES2 keys name their real algorithm in the parameters, e.g. PBEWithHmacSHA256AndAES_256.
    String algorithm =
        info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
    try {
      SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
      Cipher cipher = Cipher.getInstance(algorithm);
      cipher.init(
          Cipher.DECRYPT_MODE,
          factory.generateSecret(new PBEKeySpec(passphrase.toCharArray())),
          info.getAlgParameters());
      KeyFactory.getInstance("RSA").generatePrivate(info.getKeySpec(cipher));
    } catch (NoSuchAlgorithmException e) {
      // An encryption this JDK does not know: leave the verdict to the driver.
    } catch (GeneralSecurityException e) {
      throw new UsageException(
          option + " " + file + " cannot be decrypted with the passphrase given");
    }
  }

  /**
   * A Kerberos keytab: a readable file starting with the keytab format's version bytes (0x05
   * 0x01 or 0x05 0x02).
   *
   * @throws UsageException naming the option and file
   */
  public static void keytab(Path file, String option) throws UsageException {
    readable(file, option);
    byte[] head = new byte[2];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, 2);
    } catch (IOException e) {
      throw new UsageException(option + " " + file + " cannot be read: " + e.getMessage());
    }
    if (read < 2 || head[0] != 0x05 || (head[1] != 0x01 && head[1] != 0x02)) {
      throw new UsageException(
          option + " " + file + " is not a Kerberos keytab (create one with ktutil or kadmin)");
    }
  }

  /**
   * A Google credentials JSON file: a service-account key, an external-account (workload
   * identity federation) configuration, authorized-user credentials or an impersonation
   * configuration, with the fields its type needs.
   *
   * @throws UsageException naming the option, the file and the problem
   */
  public static void googleCredentials(Path file, String option) throws UsageException {
    readable(file, option);
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(text(file, option));
    } catch (IOException e) {
      throw new UsageException(
          option + " " + file + " is not a Google credentials file: not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new UsageException(
          option + " " + file + " is not a Google credentials file: not a JSON object");
    }
    String type = json.path("type").asText("");
    List<String> needed = GOOGLE_TYPES.get(type);
    if (needed == null) {
      throw new UsageException(
          option
              + " "
              + file
              + " is not a Google credentials file: \"type\" is "
              + (type.isEmpty() ? "missing" : "'" + type + "'")
              + " (expected service_account, external_account, authorized_user or"
              + " impersonated_service_account)");
    }
    for (String field : needed) {
      if (json.path(field).isMissingNode() || json.path(field).isNull()) {
        throw new UsageException(
            option + " " + file + " is a " + type + " file without \"" + field + "\"");
      }
    }
  }

  private static String text(Path file, String option) throws UsageException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException(option + " " + file + " cannot be read as text");
    }
  }

  /** What a setting's value names, checked before the program connects (see {@link FileChecks}). */
  public enum FileCheck {
    /** A plain value, not a file. */
    NONE,
    /** A file that must exist and be readable (a certificate, a trust store). */
    READABLE,
    /** A PKCS#8 private key in PEM form, encrypted or not. */
    PKCS8_PRIVATE_KEY,
    /** A Kerberos keytab. */
    KEYTAB,
    /** A Google credentials JSON file (service-account key or external-account configuration). */
    GOOGLE_CREDENTIALS
  }
}
