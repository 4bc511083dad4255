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
    List<String> args = new ArrayList<>(List.of("--host", "hs2.example.com"));
    args.addAll(List.of(auth));
    return runWithout(args.toArray(String[]::new));
  }

  /** Runs CollectMetadata with only the arguments given (no --host). */
  private static DriverBoundary.Output runWithout(String... auth) throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    List<String> args = new ArrayList<>(List.of("--output-file", out.resolve("manifest.json").toString()));
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

  @Test
  void zooKeeperDiscoveryReplacesHostAndPortAndKeepsTheOtherParameters() throws Exception {
    Path password = Files.writeString(work.resolve("ldap-password-zk"), PASSWORD + "\n");
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        runWithout("--zookeeper-quorum", "zk1.example.com:2181,zk2.example.com:2181", "--zookeeper-namespace",
            "hiveserver2-prod", "--transport-mode", "http", "--http-path", "cliservice",
            "--user", "collector", "--password-file", password.toString());
    assertEquals(1, output.exitCode(), output.all());
    DriverBoundary.Call call = boundary.calls().get(before);
    assertEquals(
        "jdbc:hive2://zk1.example.com:2181,zk2.example.com:2181/default;serviceDiscoveryMode=zooKeeper;"
            + "zooKeeperNamespace=hiveserver2-prod;transportMode=http;httpPath=cliservice",
        call.url());
    assertEquals(Map.of("user", "collector", "password", PASSWORD), map(call.properties()));
  }

  @Test
  void zooKeeperNamespaceDefaultsToHiveserver2() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output = runWithout("--zookeeper-quorum", "zk1:2181");
    assertEquals(1, output.exitCode(), output.all());
    assertEquals(
        "jdbc:hive2://zk1:2181/default;serviceDiscoveryMode=zooKeeper;zooKeeperNamespace=hiveserver2",
        boundary.calls().get(before).url());
  }

  @Test
  void withoutHostOrQuorumTheProgramSaysWhichToGive() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output = runWithout();
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains(
        "error: missing --host (or the environment variable HIVE_HOST), or --zookeeper-quorum (or HIVE_ZOOKEEPER_QUORUM)"),
        output.all());
    assertEquals(before, boundary.calls().size());
  }

  @Test
  void aCustomJdbcUrlStillGetsTheParametersItDoesNotHave() throws Exception {
    Path password = Files.writeString(work.resolve("ts-password-custom"), TRUSTSTORE_PASSWORD + "\n");
    Path truststore = Files.write(work.resolve("truststore-custom.jks"), new byte[] {(byte) 0xfe, (byte) 0xed});
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        run("--jdbc-url", "jdbc:hive2://zk9:2181/sales;serviceDiscoveryMode=zooKeeper;transportMode=http?hive.exec.parallel=true",
            "--principal", "hive/_HOST@EXAMPLE.COM", "--transport-mode", "http", "--ssl", "true",
            "--ssl-truststore", truststore.toString(), "--truststore-password-file", password.toString());
    assertEquals(1, output.exitCode(), output.all());
    assertEquals(
        "jdbc:hive2://zk9:2181/sales;serviceDiscoveryMode=zooKeeper;transportMode=http;principal=hive/_HOST@EXAMPLE.COM;"
            + "ssl=true;sslTrustStore=" + truststore + ";trustStorePassword=" + TRUSTSTORE_PASSWORD
            + "?hive.exec.parallel=true",
        boundary.calls().get(before).url(),
        "session parameters go before Hive's ?conf part; transportMode, already there with the same value, once");
  }

  @Test
  void aCustomJdbcUrlThatContradictsASettingIsRefusedBeforeConnecting() throws Exception {
    Path password = Files.writeString(work.resolve("ts-password-conflict"), TRUSTSTORE_PASSWORD + "\n");
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        run("--jdbc-url", "jdbc:hive2://hs2:10000/default;transportMode=binary;trustStorePassword=inline-SECRET-7",
            "--transport-mode", "http");
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains(
        "error: --jdbc-url has transportMode=binary but --transport-mode gives 'http': give it in one place only"),
        output.all());
    output =
        run("--jdbc-url", "jdbc:hive2://hs2:10000/default;trustStorePassword=inline-SECRET-7",
            "--truststore-password-file", password.toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains(
        "error: --jdbc-url has trustStorePassword=**** but --truststore-password gives another value"), output.all());
    assertFalse(output.all().contains("inline-SECRET-7"), output.all());
    assertEquals(before, boundary.calls().size());
  }
}
