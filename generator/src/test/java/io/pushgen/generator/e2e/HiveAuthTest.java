package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.testsupport.ScriptedDriver;
import io.pushgen.generator.InProcessPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HiveServer2 authentication and transport at the driver boundary: the exact JDBC URL (Kerberos
 * principal, HTTP transport, TLS trust store, as HiveServer2 URL parameters) and properties the
 * Hive driver receives. The 70 MB standalone Hive driver stays off this JVM (see {@link
 * HiveMetadataTest}); the boundary stands in for it at {@code jdbc:hive2:}.
 */
class HiveAuthTest {
  private static final String TRUSTSTORE_PASSWORD = "ts-SECRET-hive-88";
  private static final String PASSWORD = "ldap-SECRET-hive-13";

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static DriverBoundary boundary;

  @BeforeAll
  static void setUp() throws Exception {
    programs = InProcessPrograms.generate(work, "hive", "--flows", "metadata",
        "--override", HiveMetadataTest.driverOverride(work).toString());
    boundary = DriverBoundary.replace(ScriptedDriver.class.getName(), "jdbc:hive2:",
        "jdbc:hive2://hs2.example.com:10000/default");
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

  private static DriverBoundary.Output run(String... auth) throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    List<String> args = new ArrayList<>(List.of("--host", "hs2.example.com",
        "--output-file", out.resolve("manifest.json").toString()));
    args.addAll(List.of(auth));
    DriverBoundary.Output output =
        DriverBoundary.capture(() -> programs.run("CollectMetadata", args.toArray(String[]::new)));
    String written = output.all() + TestCertificates.everythingWritten(out);
    assertFalse(written.contains(TRUSTSTORE_PASSWORD), output.all());
    assertFalse(written.contains(PASSWORD), output.all());
    return output;
  }

  private static DriverBoundary.Call collect(String... auth) throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output = run(auth);
    assertEquals(1, output.exitCode(), output.all());
    assertEquals(before + 1, boundary.calls().size());
    return boundary.calls().get(before);
  }

  private static Map<String, String> map(java.util.Properties properties) {
    Map<String, String> map = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    return map;
  }

  @Test
  void kerberosOverHttpWithTlsPutsEverythingInTheUrlAndScrubsTheTrustStorePassword() throws Exception {
    Path truststore = Files.write(work.resolve("truststore.jks"), new byte[] {(byte) 0xfe, (byte) 0xed});
    Path password = Files.writeString(work.resolve("ts-password"), TRUSTSTORE_PASSWORD + "\n");
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        run("--principal", "hive/_HOST@EXAMPLE.COM", "--transport-mode", "http", "--http-path", "cliservice",
            "--port", "10001", "--ssl", "true", "--ssl-truststore", truststore.toString(),
            "--truststore-password-file", password.toString());
    assertEquals(1, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("trustStorePassword=****"), output.all());
    DriverBoundary.Call call = boundary.calls().get(before);
    assertEquals(
        "jdbc:hive2://hs2.example.com:10001/default;principal=hive/_HOST@EXAMPLE.COM;transportMode=http;"
            + "httpPath=cliservice;ssl=true;sslTrustStore=" + truststore + ";trustStorePassword=" + TRUSTSTORE_PASSWORD,
        call.url());
    assertEquals(Map.of(), map(call.properties()), "Kerberos sends no user name or password");
  }

  @Test
  void ldapSendsUserAndPassword() throws Exception {
    Path password = Files.writeString(work.resolve("ldap-password"), PASSWORD + "\n");
    DriverBoundary.Call call = collect("--user", "collector", "--password-file", password.toString());
    assertEquals("jdbc:hive2://hs2.example.com:10000/default", call.url());
    assertEquals(Map.of("user", "collector", "password", PASSWORD), map(call.properties()));
  }

  @Test
  void noAuthenticationIsTheDefaultWithTheDefaultUser() throws Exception {
    DriverBoundary.Call call = collect();
    assertEquals("jdbc:hive2://hs2.example.com:10000/default", call.url());
    assertEquals(Map.of("user", "hadoop"), map(call.properties()));
  }

  @Test
  void aMissingTrustStoreFailsBeforeConnecting() throws Exception {
    int before = boundary.calls().size();
    Path missing = work.resolve("missing.jks");
    DriverBoundary.Output output = run("--ssl", "true", "--ssl-truststore", missing.toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("error: --ssl-truststore " + missing + " does not exist"), output.all());
    assertEquals(before, boundary.calls().size());
  }
}
