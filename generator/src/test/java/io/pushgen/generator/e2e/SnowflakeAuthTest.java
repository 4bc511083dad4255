package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.InProcessPrograms;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Snowflake authentication method of the emitted programs, at the driver boundary: the URL
 * and connection properties the Snowflake JDBC driver would receive, the key files checked before
 * connecting, and the secrets absent from everything the program printed or wrote. The key-pair
 * properties are then handed to the real driver's own key loader, which parses the generated
 * (encrypted) PKCS#8 key and signs its login JWT with it, without a network.
 */
class SnowflakeAuthTest {
  private static final String PASSPHRASE = "Key-Pass-3141";
  private static final String PAT = "pat-SECRET-9a8b7c";
  private static final String OAUTH = "oauth-SECRET-1f2e3d";
  private static final String PASSWORD = "pw-SECRET-snow-42";
  private static final List<String> SECRETS = List.of(PASSPHRASE, PAT, OAUTH, PASSWORD);

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static DriverBoundary boundary;
  private static Path plainKey;
  private static Path encryptedKey;
  private static Path secrets;

  @BeforeAll
  static void setUp() throws Exception {
    Path keys = Files.createDirectories(work.resolve("keys"));
    plainKey = TestCertificates.pkcs8Key(keys, "plain", null);
    encryptedKey = TestCertificates.pkcs8Key(keys, "encrypted", PASSPHRASE);
    secrets = Files.createDirectories(work.resolve("secrets"));
    Files.writeString(secrets.resolve("passphrase"), PASSPHRASE + "\n");
    Files.writeString(secrets.resolve("pat"), PAT + "\n");
    programs = InProcessPrograms.generate(work, "snowflake", "--flows", "metadata");
    boundary = DriverBoundary.replace("net.snowflake.client.jdbc.SnowflakeDriver", "jdbc:snowflake:",
        "jdbc:snowflake://acme-prod.snowflakecomputing.com/");
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (boundary != null) {
      boundary.close();
    }
    if (programs != null) {
      programs.close();
    }
  }

  /** Runs CollectMetadata with the account settings and {@code auth}; checks no secret leaked. */
  private static DriverBoundary.Output collect(String... auth) throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    List<String> args = new ArrayList<>(List.of(
        "--account", "acme-prod", "--warehouse", "COMPUTE_WH",
        "--output-file", out.resolve("manifest.json").toString()));
    args.addAll(List.of(auth));
    DriverBoundary.Output output =
        DriverBoundary.capture(() -> programs.run("CollectMetadata", args.toArray(String[]::new)));
    String written = output.all() + TestCertificates.everythingWritten(out);
    for (String secret : SECRETS) {
      assertFalse(written.contains(secret), "secret " + secret + " leaked:\n" + output.all());
    }
    return output;
  }

  /** The properties of the one connection attempt since {@code before} attempts. */
  private static Map<String, String> lastProperties(int before) {
    List<DriverBoundary.Call> calls = boundary.calls();
    assertEquals(before + 1, calls.size(), "one connection attempt");
    DriverBoundary.Call call = calls.get(before);
    assertEquals("jdbc:snowflake://acme-prod.snowflakecomputing.com/", call.url());
    Map<String, String> properties = new TreeMap<>();
    call.properties().forEach((k, v) -> properties.put((String) k, (String) v));
    // The descriptor's session properties go with every method; the rest is the method's.
    assertEquals("UTC", properties.remove("TIMEZONE"));
    assertEquals("TIMESTAMP_LTZ", properties.remove("CLIENT_TIMESTAMP_TYPE_MAPPING"));
    return properties;
  }

  /** The Snowflake driver's own key-pair loader (package-private), as the driver calls it at login. */
  private static String driverJwt(String keyFile, String passphrase) throws Exception {
    Class<?> type = Class.forName("net.snowflake.client.core.SessionUtilKeyPair");
    Constructor<?> constructor =
        type.getDeclaredConstructor(
            PrivateKey.class, String.class, String.class, String.class, String.class, String.class);
    constructor.setAccessible(true);
    Object keyPair;
    try {
      keyPair = constructor.newInstance(null, keyFile, null, passphrase, "ACME-PROD", "COLLECTOR");
    } catch (InvocationTargetException e) {
      // The driver's SFException is a Throwable, not an Exception.
      throw new IllegalStateException("the driver refused the key: " + e.getCause(), e.getCause());
    }
    java.lang.reflect.Method issue = type.getMethod("issueJwtToken");
    issue.setAccessible(true);
    return (String) issue.invoke(keyPair);
  }

  @Test
  void keyPairWithAnEncryptedKeyUsesTheJwtAuthenticatorAndTheDriverReadsTheKey() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        collect("--user", "COLLECTOR", "--private-key-file", encryptedKey.toString(),
            "--private-key-passphrase-file", secrets.resolve("passphrase").toString());
    assertEquals(1, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("error: cannot connect to jdbc:snowflake://acme-prod"), output.all());
    assertTrue(output.stderr().contains("private_key_file_pwd=****"), "scrubbed: " + output.all());
    Map<String, String> properties = lastProperties(before);
    assertEquals(
        Map.of(
            "authenticator", "SNOWFLAKE_JWT",
            "user", "COLLECTOR",
            "private_key_file", encryptedKey.toString(),
            "private_key_file_pwd", PASSPHRASE,
            "warehouse", "COMPUTE_WH"),
        properties);
    // The program turned on the driver's BouncyCastle key decryption, which PBES2 keys need.
    assertEquals("true", System.getProperty("net.snowflake.jdbc.enableBouncyCastle"));
    String jwt = driverJwt(properties.get("private_key_file"), properties.get("private_key_file_pwd"));
    assertEquals(3, jwt.split("\\.").length, jwt);
    // The driver really decrypts: the wrong passphrase fails inside it too.
    assertThrows(IllegalStateException.class, () -> driverJwt(encryptedKey.toString(), "wrong"));
  }

  @Test
  void keyPairWithAnUnencryptedKeySendsNoPassphrase() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        collect("--user", "COLLECTOR", "--private-key-file", plainKey.toString());
    assertEquals(1, output.exitCode(), output.all());
    Map<String, String> properties = lastProperties(before);
    assertEquals(
        Map.of(
            "authenticator", "SNOWFLAKE_JWT",
            "user", "COLLECTOR",
            "private_key_file", plainKey.toString(),
            "warehouse", "COMPUTE_WH"),
        properties);
    assertEquals(3, driverJwt(properties.get("private_key_file"), null).split("\\.").length);
  }

  @Test
  void keyFileProblemsFailBeforeConnectingWithExit2() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        collect("--user", "COLLECTOR", "--private-key-file", encryptedKey.toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("error: --private-key-file " + encryptedKey
        + " is encrypted and needs its passphrase: give --private-key-passphrase (or"
        + " SNOWFLAKE_PRIVATE_KEY_PASSPHRASE)"), output.all());

    Path missing = work.resolve("keys").resolve("missing.p8");
    output = collect("--user", "COLLECTOR", "--private-key-file", missing.toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("error: --private-key-file " + missing + " does not exist"), output.all());

    Path wrongPassphrase = Files.writeString(secrets.resolve("wrong"), "not-the-passphrase\n");
    output = collect("--user", "COLLECTOR", "--private-key-file", encryptedKey.toString(),
        "--private-key-passphrase-file", wrongPassphrase.toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains(
        "error: --private-key-file " + encryptedKey + " cannot be decrypted with the passphrase given"), output.all());

    Path certificate = Files.writeString(work.resolve("keys").resolve("cert.pem"),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    output = collect("--user", "COLLECTOR", "--private-key-file", certificate.toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains(
        "error: --private-key-file " + certificate + " holds a CERTIFICATE, not a PKCS#8 private key"), output.all());
    assertEquals(before, boundary.calls().size(), "nothing connected");
  }

  @Test
  void programmaticAccessTokenFromAFile() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        collect("--user", "COLLECTOR", "--token-file", secrets.resolve("pat").toString());
    assertEquals(1, output.exitCode(), output.all());
    assertEquals(
        Map.of(
            "authenticator", "PROGRAMMATIC_ACCESS_TOKEN",
            "user", "COLLECTOR",
            "token", PAT,
            "warehouse", "COMPUTE_WH"),
        lastProperties(before));
  }

  @Test
  void oauthTokenNeedsNoUserAndWarnsWhenOnTheCommandLine() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output = collect("--oauth-token", OAUTH);
    assertEquals(1, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("warning: --oauth-token on the command line is visible"), output.all());
    assertEquals(
        Map.of("authenticator", "oauth", "token", OAUTH, "warehouse", "COMPUTE_WH"),
        lastProperties(before));
  }

  @Test
  void passwordLeavesTheOtherMethodsSettingsOut() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        collect("--auth", "password", "--user", "COLLECTOR", "--password", PASSWORD,
            "--private-key-file", plainKey.toString());
    assertEquals(1, output.exitCode(), output.all());
    assertEquals(
        Map.of("user", "COLLECTOR", "password", PASSWORD, "warehouse", "COMPUTE_WH"),
        lastProperties(before));
  }

  @Test
  void ambiguousOrIncompleteSettingsListTheMethods() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        collect("--user", "COLLECTOR", "--password", PASSWORD, "--private-key-file", plainKey.toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("error: the settings given fit several authentication methods"
        + " (key-pair, password); choose one with --auth or SNOWFLAKE_AUTH"), output.all());

    output = collect("--user", "COLLECTOR");
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("error: incomplete authentication settings: key-pair needs"
        + " --private-key-file (or SNOWFLAKE_PRIVATE_KEY_FILE); programmatic-access-token needs --token (or"
        + " SNOWFLAKE_TOKEN); oauth needs --oauth-token (or SNOWFLAKE_OAUTH_TOKEN); password needs"
        + " --password (or SNOWFLAKE_PASSWORD)"), output.all());
    assertEquals(before, boundary.calls().size(), "nothing connected");
  }
}
