package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.InProcessPrograms;
import io.pushgen.testsupport.ScriptedDriver;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HiveServer2 Kerberos from a keytab against a real KDC (Apache Kerby's, in this JVM): the emitted
 * program logs in with the JDK's Krb5LoginModule from the keytab the KDC exported, and opens the
 * connection inside {@code Subject.doAs}; the driver boundary records the URL ({@code
 * kerberosAuthType=fromSubject}, the server principal) and the Subject the connection was opened
 * as, which must hold the client's ticket-granting ticket from that KDC. Keytab errors fail before
 * anything connects. The JVM's Kerberos configuration points at the KDC only for this class and is
 * re-read before and after it.
 */
class HiveKerberosTest {
  private static final String REALM = "EXAMPLE.COM";
  private static final String CLIENT = "collector@" + REALM;
  private static final String SERVER = "hive/hs2.example.com@" + REALM;
  private static final String KRB5_CONF = "java.security.krb5.conf";
  private static final String TRUSTSTORE_PASSWORD = "ts-SECRET-kerberos-31";

  @TempDir static Path work;
  private static SimpleKdcServer kdc;
  private static Path krb5Conf;
  private static Path keytab;
  private static String previousKrb5Conf;
  private static InProcessPrograms programs;
  private static DriverBoundary boundary;

  @BeforeAll
  static void setUp() throws Exception {
    Path kdcDir = Files.createDirectories(work.resolve("kdc"));
    kdc = new SimpleKdcServer();
    kdc.setWorkDir(kdcDir.toFile());
    kdc.setKdcHost("localhost");
    kdc.setKdcRealm(REALM);
    kdc.setAllowUdp(false);
    kdc.setKdcTcpPort(freePort());
    kdc.init();
    kdc.start();
    kdc.createPrincipal(CLIENT);
    kdc.createPrincipal(SERVER);
    keytab = work.resolve("collector.keytab");
    kdc.exportPrincipal(CLIENT, keytab.toFile());
    krb5Conf = kdcDir.resolve("krb5.conf");
    assertTrue(Files.isRegularFile(krb5Conf), "Kerby writes krb5.conf into its work folder");
    previousKrb5Conf = System.getProperty(KRB5_CONF);
    System.setProperty(KRB5_CONF, krb5Conf.toString());
    refreshKerberosConfig();
    programs =
        InProcessPrograms.generate(work, "hive", "--flows", "metadata",
            "--override", HiveMetadataTest.driverOverride(work).toString());
    boundary = DriverBoundary.replace(ScriptedDriver.class.getName(), "jdbc:hive2:",
        "jdbc:hive2://hs2.example.com:10000/default");
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      if (boundary != null) {
        boundary.close();
      }
      if (programs != null) {
        programs.close();
      }
      if (kdc != null) {
        kdc.stop();
      }
    } finally {
      if (previousKrb5Conf == null) {
        System.clearProperty(KRB5_CONF);
      } else {
        System.setProperty(KRB5_CONF, previousKrb5Conf);
      }
      refreshKerberosConfig();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Makes the JDK read its Kerberos configuration again (it keeps the first one it read), through
   * the documented {@code refreshKrb5Config} option of its own login module; the login that follows
   * fails, having no keys to log in with.
   */
  private static void refreshKerberosConfig() {
    Configuration refresh =
        new Configuration() {
          @Override
          public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {
              new AppConfigurationEntry(
                  "com.sun.security.auth.module.Krb5LoginModule",
                  AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                  Map.of("refreshKrb5Config", "true", "doNotPrompt", "true", "useTicketCache", "false"))
            };
          }
        };
    try {
      new LoginContext("refresh", new Subject(), null, refresh).login();
    } catch (LoginException expected) {
      // Nothing to log in with: only the refresh was wanted.
    }
  }

  private static DriverBoundary.Output run(Path out, String... arguments) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--output-file", Files.createDirectories(out).resolve("manifest.json").toString()));
    args.addAll(List.of(arguments));
    DriverBoundary.Output output =
        DriverBoundary.capture(() -> programs.run("CollectMetadata", args.toArray(String[]::new)));
    String written = output.all() + TestCertificates.everythingWritten(out);
    assertFalse(written.contains(TRUSTSTORE_PASSWORD), output.all());
    return output;
  }

  private static void assertLoggedInAsTheClient(Subject subject) {
    assertNotNull(subject, "the connection is opened inside Subject.doAs");
    assertTrue(subject.getPrincipals().contains(new KerberosPrincipal(CLIENT)), subject.getPrincipals().toString());
    List<KerberosTicket> tickets = new ArrayList<>(subject.getPrivateCredentials(KerberosTicket.class));
    assertEquals(1, tickets.size(), "one ticket-granting ticket");
    KerberosTicket tgt = tickets.get(0);
    assertEquals(new KerberosPrincipal(CLIENT), tgt.getClient());
    assertEquals(new KerberosPrincipal("krbtgt/" + REALM + "@" + REALM), tgt.getServer());
    assertTrue(tgt.isCurrent(), "issued by the KDC just now");
  }

  @Test
  void logsInFromTheKeytabAndConnectsAsThatSubjectWithFromSubjectInTheUrl() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        run(work.resolve("out-binary"), "--host", "hs2.example.com", "--principal", SERVER,
            "--client-principal", CLIENT, "--keytab", keytab.toString());
    assertEquals(1, output.exitCode(), output.all());
    assertEquals(before + 1, boundary.calls().size(), output.all());
    DriverBoundary.Call call = boundary.calls().get(before);
    assertEquals(
        "jdbc:hive2://hs2.example.com:10000/default;kerberosAuthType=fromSubject;principal=" + SERVER,
        call.url());
    assertEquals(List.of(), List.copyOf(call.properties().stringPropertyNames()), "no user name or password");
    assertLoggedInAsTheClient(call.subject());
  }

  @Test
  void zooKeeperDiscoveryOverHttpWithTlsAndAKeytabLogin() throws Exception {
    Path truststore = Files.write(work.resolve("truststore.jks"), new byte[] {(byte) 0xfe, (byte) 0xed});
    Path password = Files.writeString(work.resolve("ts-password"), TRUSTSTORE_PASSWORD + "\n");
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        run(work.resolve("out-zk"), "--auth", "kerberos-keytab", "--zookeeper-quorum", "zk1:2181,zk2:2181,zk3:2181",
            "--principal", SERVER, "--client-principal", CLIENT, "--keytab", keytab.toString(),
            "--transport-mode", "http", "--http-path", "cliservice", "--ssl", "true",
            "--ssl-truststore", truststore.toString(), "--truststore-password-file", password.toString());
    assertEquals(1, output.exitCode(), output.all());
    DriverBoundary.Call call = boundary.calls().get(before);
    assertEquals(
        "jdbc:hive2://zk1:2181,zk2:2181,zk3:2181/default;serviceDiscoveryMode=zooKeeper;zooKeeperNamespace=hiveserver2"
            + ";kerberosAuthType=fromSubject;principal=" + SERVER + ";transportMode=http;httpPath=cliservice;ssl=true"
            + ";sslTrustStore=" + truststore + ";trustStorePassword=" + TRUSTSTORE_PASSWORD,
        call.url());
    assertLoggedInAsTheClient(call.subject());
  }

  @Test
  void theTicketCacheMethodConnectsWithoutASubjectOfItsOwn() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        run(work.resolve("out-cache"), "--host", "hs2.example.com", "--principal", SERVER);
    assertEquals(1, output.exitCode(), output.all());
    DriverBoundary.Call call = boundary.calls().get(before);
    assertEquals("jdbc:hive2://hs2.example.com:10000/default;principal=" + SERVER, call.url());
    assertEquals(null, call.subject(), "the driver reads the ticket cache itself");
  }

  @Test
  void keytabProblemsFailBeforeConnectingAndNameTheFile() throws Exception {
    Path serverKeytab = work.resolve("hive.keytab");
    kdc.exportPrincipal(SERVER, serverKeytab.toFile());
    Path notAKeytab = Files.writeString(work.resolve("collector.txt"), "not a keytab\n");
    Path missing = work.resolve("missing.keytab");
    Map<Path, String> problems =
        Map.of(
            missing, "error: --keytab " + missing + " does not exist",
            notAKeytab, "error: --keytab " + notAKeytab + " is not a Kerberos keytab",
            serverKeytab, "error: --keytab " + serverKeytab + " holds no keys for " + CLIENT);
    int before = boundary.calls().size();
    for (Map.Entry<Path, String> problem : problems.entrySet()) {
      DriverBoundary.Output output =
          run(work.resolve("out-errors"), "--host", "hs2.example.com", "--principal", SERVER,
              "--client-principal", CLIENT, "--keytab", problem.getKey().toString());
      assertEquals(2, output.exitCode(), output.all());
      assertTrue(output.stderr().contains(problem.getValue()), output.all());
      assertFalse(output.stderr().contains("\tat "), "no stack trace: " + output.all());
    }
    assertEquals(before, boundary.calls().size(), "nothing connected");
  }

  @Test
  void aKeytabTheKdcNoLongerAcceptsFailsTheLoginNamingPrincipalAndKeytab() throws Exception {
    String retired = "retired@" + REALM;
    kdc.createPrincipal(retired);
    Path stale = work.resolve("retired.keytab");
    kdc.exportPrincipal(retired, stale.toFile());
    kdc.deletePrincipal(retired);
    kdc.createPrincipal(retired); // new random keys: the exported ones are stale
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        run(work.resolve("out-stale"), "--host", "hs2.example.com", "--principal", SERVER,
            "--client-principal", retired, "--keytab", stale.toString());
    assertEquals(1, output.exitCode(), output.all());
    assertTrue(
        output.stderr().contains("Kerberos login of " + retired + " from --keytab " + stale + " failed: "),
        output.all());
    assertEquals(before, boundary.calls().size(), "the driver is not reached without a login");
  }

  /**
   * On Java 24 and later {@code Subject.getSubject} always throws, so Hive's driver cannot read the
   * login: the program says so before connecting (the JVM does not even start with {@code
   * -Djava.security.manager=allow}, which only Java 23 honours). Runs when a JDK 24+ is installed
   * beside this one (the machine's {@code /usr/lib/jvm}).
   */
  @Test
  void onJava24AndLaterTheKeytabMethodStopsBeforeConnectingAndSaysWhichJavaWorks() throws Exception {
    Optional<Path> java = newerJava();
    Assumptions.assumeTrue(java.isPresent(), "no JDK 24 or later in /usr/lib/jvm");
    Path manifest = work.resolve("out-java24/manifest.json");
    List<String> command =
        List.of(java.get().toString(), "-D" + KRB5_CONF + "=" + krb5Conf, "-cp",
            programs.compiled().classes() + File.pathSeparator + System.getProperty("java.class.path"),
            "io.pushgen.hive.CollectMetadata", "--host", "hs2.example.com", "--principal", SERVER,
            "--client-principal", CLIENT, "--keytab", keytab.toString(), "--output-file", manifest.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, process.exitValue(), output);
    assertTrue(output.contains("error: --auth kerberos-keytab: the JDBC driver reads the Kerberos login with"
        + " Subject.getSubject, which Java "), output);
    assertTrue(output.contains("run the programs on Java 17 to 22, or on Java 23 with -Djava.security.manager=allow"), output);
    assertFalse(output.contains("\tat "), "no stack trace: " + output);
    assertFalse(Files.exists(manifest));
  }

  private static Optional<Path> newerJava() throws Exception {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        Path java = home.resolve("bin/java");
        if (Files.isRegularFile(release) && Files.isExecutable(java)) {
          for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=\"")) {
              String version = line.substring("JAVA_VERSION=\"".length()).replaceAll("[^0-9].*", "");
              if (!version.isEmpty() && Integer.parseInt(version) >= 24) {
                return Optional.of(java);
              }
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
