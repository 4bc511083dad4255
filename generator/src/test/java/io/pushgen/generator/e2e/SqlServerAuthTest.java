package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.run.EmittedPrograms;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * SQL Server's authentication methods, at the driver boundary and with the real driver.
 *
 * <p>At the boundary ({@link DriverBoundary}): SQL login (password from a file), a Microsoft Entra
 * service principal (secret from a file), the managed identity (system- and user-assigned) and
 * ActiveDirectoryDefault; the exact URL and connection properties {@code SQLServerDriver}
 * receives, no secret in anything the program wrote (the boundary's refusal echoes every property,
 * as many drivers' messages do), and settings that are missing or fit two methods refused with
 * exit 2 before connecting.
 *
 * <p>With the real driver and the identity libraries the emitted pom adds (azure-identity with
 * msal4j, the JDK HTTP client instead of Netty), in child JVMs on this test's class path, which
 * holds the same artifacts at the same versions (checked first). The server is {@link
 * FakeTdsServer}: TLS first ({@code --encrypt strict}, its certificate authority in {@code
 * --trust-store}), then it asks for federated authentication and names the token service and
 * resource, as Azure SQL does. A service principal gets as far as msal4j's token request to
 * login.microsoftonline.com, which fails here for want of a network; a managed identity (App
 * Service's local token endpoint, played by an HTTP stub) and ActiveDirectoryDefault (whose chain
 * finds that managed identity) get a token from the stub through azure-identity and hand it to the
 * server. Without the libraries the driver stops before any token request, which the last test
 * shows, so that the others can fail.
 */
class SqlServerAuthTest {
  private static final String HOST = "sales.database.windows.net";
  private static final String URL = "jdbc:sqlserver://" + HOST + ":1433";
  private static final String PASSWORD = "pw-SECRET-mssql-27;}";
  private static final String CLIENT_ID = "6f1b3c2a-94d1-4e0b-9a55-2f3e8c7d1a01";
  private static final String CLIENT_SECRET = "Zx8Q~SECRET-entra-client-secret-41";
  private static final String IDENTITY = "0c5d2e4f-7a8b-4c9d-8e1f-3a2b5c6d7e8f";
  private static final String STS = "https://login.microsoftonline.com/3c1e9f4a-5b2d-4e8f-9a7c-1d2e3f4a5b6c";
  private static final String SPN = "https://database.windows.net/";
  private static final String IDENTITY_HEADER = "identity-header-SECRET-77";
  private static final String ACCESS_TOKEN = "eyJ0eXAiOiJKV1QifQ.managed-identity-TOKEN.sig";
  private static final List<String> SECRETS = List.of(PASSWORD, CLIENT_SECRET, IDENTITY_HEADER, ACCESS_TOKEN);
  private static final String MAIN = "io.pushgen.sqlserver.CollectMetadata";

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static DriverBoundary boundary;
  private static Path secrets;
  private static FakeTdsServer server;
  private static HttpServer identityEndpoint;
  private static final List<Map<String, String>> tokenRequests = Collections.synchronizedList(new ArrayList<>());
  private static Path trustStore;
  private static Path secretFile;

  @BeforeAll
  static void setUp() throws Exception {
    secrets = Files.createDirectories(work.resolve("secrets"));
    Files.writeString(secrets.resolve("password"), PASSWORD + "\n");
    secretFile = Files.writeString(secrets.resolve("client-secret"), CLIENT_SECRET + "\n");
    Files.createDirectories(work.resolve("out"));
    programs = InProcessPrograms.generate(work, "sqlserver", "--flows", "metadata");
    boundary =
        DriverBoundary.replace(
            "com.microsoft.sqlserver.jdbc.SQLServerDriver", "jdbc:sqlserver:", URL);
    Path tlsDir = Files.createDirectories(work.resolve("tls"));
    TestCertificates.ServerTls tls = TestCertificates.server(tlsDir, "mssql");
    TestCertificates.openssl(tlsDir, "pkcs12", "-export", "-in", tls.serverCertificate().toString(),
        "-inkey", tls.serverKey().toString(), "-out", "server.p12", "-passout", "pass:changeit");
    KeyStore trust = KeyStore.getInstance("JKS");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(tls.caCertificate())) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    trustStore = tlsDir.resolve("trust.jks");
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trust.store(out, "changeit".toCharArray());
    }
    server = new FakeTdsServer(STS, SPN, tlsDir.resolve("server.p12"), "changeit".toCharArray());

    // App Service's managed identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER).
    identityEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    identityEndpoint.createContext(
        "/msi/token",
        exchange -> {
          Map<String, String> request = new TreeMap<>();
          for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            request.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
          }
          request.put("X-IDENTITY-HEADER", exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"));
          tokenRequests.add(request);
          long expires = System.currentTimeMillis() / 1000 + 3600;
          byte[] body =
              ("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_on\":\"" + expires
                      + "\",\"resource\":\"" + SPN + "\",\"token_type\":\"Bearer\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    identityEndpoint.start();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (identityEndpoint != null) {
      identityEndpoint.stop(0);
    }
    if (server != null) {
      server.close();
    }
    if (boundary != null) {
      boundary.close();
    }
    if (programs != null) {
      programs.close();
    }
  }

  /** Runs CollectMetadata on HOST with {@code auth}; checks that no secret reached any output. */
  private static DriverBoundary.Output collect(String... auth) throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    List<String> args =
        new ArrayList<>(List.of("--host", HOST, "--output-file", out.resolve("manifest.json").toString()));
    args.addAll(List.of(auth));
    DriverBoundary.Output output =
        DriverBoundary.capture(() -> programs.run("CollectMetadata", args.toArray(String[]::new)));
    String written = output.all() + TestCertificates.everythingWritten(out);
    for (String secret : SECRETS) {
      assertFalse(written.contains(secret), "secret " + secret + " leaked:\n" + output.all());
    }
    return output;
  }

  /**
   * Runs CollectMetadata on HOST with {@code auth}, which fails to connect; checks that no secret
   * reached any output, and returns the properties of its one connection attempt.
   */
  private static Map<String, String> connected(String... auth) throws Exception {
    List<String> args = new ArrayList<>(List.of("--host", HOST));
    args.addAll(List.of(auth));
    DriverBoundary.Call call =
        boundary.refusedCollect(
            programs,
            Files.createDirectories(work.resolve("out")),
            args,
            "error: cannot connect to " + URL,
            SECRETS.toArray(String[]::new));
    assertEquals(URL, call.url(), "the database and credentials go as properties, never in the URL");
    Map<String, String> properties = new TreeMap<>();
    call.properties().forEach((k, v) -> properties.put((String) k, (String) v));
    return properties;
  }

  @Test
  void sqlLoginWithThePasswordFromAFile() throws Exception {
    assertEquals(
        Map.of("databaseName", "master", "user", "collector", "password", PASSWORD),
        connected("--user", "collector", "--password-file", secrets.resolve("password").toString()));
  }

  @Test
  void servicePrincipalWithTheSecretFromAFile() throws Exception {
    assertEquals(
        Map.of(
            "databaseName", "master",
            "authentication", "ActiveDirectoryServicePrincipal",
            "user", CLIENT_ID,
            "password", CLIENT_SECRET),
        connected(
            "--client-id", CLIENT_ID, "--client-secret-file", secrets.resolve("client-secret").toString()));
  }

  @Test
  void theSystemAssignedManagedIdentityIsTheMethodWithoutSettings() throws Exception {
    assertEquals(
        Map.of("databaseName", "master", "authentication", "ActiveDirectoryManagedIdentity"),
        connected());
  }

  @Test
  void aUserAssignedManagedIdentityByItsClientId() throws Exception {
    assertEquals(
        Map.of(
            "databaseName", "master",
            "authentication", "ActiveDirectoryManagedIdentity",
            "msiClientId", IDENTITY),
        connected("--managed-identity-client-id", IDENTITY));
  }

  @Test
  void activeDirectoryDefaultOnlyWhenChosen() throws Exception {
    assertEquals(
        Map.of("databaseName", "master", "authentication", "ActiveDirectoryDefault"),
        connected("--auth", "default"));
    assertEquals(
        Map.of(
            "databaseName", "master",
            "authentication", "ActiveDirectoryDefault",
            "msiClientId", IDENTITY),
        connected("--auth", "default", "--managed-identity-client-id", IDENTITY));
  }

  @Test
  void missingOrAmbiguousSettingsStopBeforeConnecting() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output = collect("--auth", "service-principal", "--client-id", CLIENT_ID);
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains(
        "error: --auth service-principal needs --client-secret (or MSSQL_CLIENT_SECRET)"), output.all());

    output = collect("--auth", "password", "--password-file", secrets.resolve("password").toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("error: --auth password needs --user (or MSSQL_USER)"), output.all());

    output = collect("--client-secret-file", secrets.resolve("client-secret").toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("error: incomplete authentication settings: service-principal"
        + " needs --client-id (or MSSQL_CLIENT_ID) (methods: password, service-principal,"
        + " managed-identity, default; choose one with --auth or MSSQL_AUTH)"), output.all());

    output =
        collect("--user", "collector", "--password-file", secrets.resolve("password").toString(),
            "--client-id", CLIENT_ID, "--client-secret-file", secrets.resolve("client-secret").toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("error: the settings given fit several authentication methods"
        + " (password, service-principal); choose one with --auth or MSSQL_AUTH"), output.all());

    output = collect("--auth", "kerberos");
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("kerberos"), output.all());
    assertTrue(output.stderr().contains("password, service-principal, managed-identity, default"), output.all());
    assertEquals(before, boundary.calls().size(), "nothing connected");
  }

  // The real driver, in child JVMs, against the fake server.

  /** The connection settings of every run: TLS 8.0 to the fake server, trusting its authority. */
  private static List<String> arguments(String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--host", "localhost",
                "--port", Integer.toString(server.port()),
                "--encrypt", "strict",
                "--trust-store", trustStore.toString(),
                "--output-file", work.resolve("out").resolve("manifest.json").toString()));
    arguments.addAll(List.of(more));
    return arguments;
  }

  private static Map<String, String> managedIdentityEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("IDENTITY_ENDPOINT", "http://127.0.0.1:" + identityEndpoint.getAddress().getPort() + "/msi/token");
    env.put("IDENTITY_HEADER", IDENTITY_HEADER);
    return env;
  }

  /** Checks that a run failed at the login, not before, and that no secret reached its output. */
  private static void assertFailedAtTheServer(EmittedPrograms.Run run) throws Exception {
    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.stderr().contains("error: cannot connect to jdbc:sqlserver://localhost:"), run.output());
    for (String missing : List.of("NoClassDefFoundError", "ClassNotFoundException", "MSAL4J")) {
      assertFalse(run.output().contains(missing), run.output());
    }
    String written = run.output() + TestCertificates.everythingWritten(work.resolve("out"));
    for (String secret : SECRETS) {
      assertFalse(written.contains(secret), "secret " + secret + " leaked:\n" + run.output());
    }
  }

  /** The server's record of the login made since {@code before} logins (it ends just after the child). */
  private static FakeTdsServer.Login loginAfter(int before) throws InterruptedException {
    for (int i = 0; i < 100 && server.logins().size() <= before; i++) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    List<FakeTdsServer.Login> logins = server.logins();
    assertEquals(before + 1, logins.size(), "one login: " + logins);
    return logins.get(before);
  }

  @Test
  void theEmittedPomDeclaresTheLibrariesTheseRunsUse() throws Exception {
    Element project =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(work.resolve("sqlserver").resolve("pom.xml").toFile())
            .getDocumentElement();
    Map<String, String> declared = new TreeMap<>();
    NodeList dependencies = project.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (dependency.getParentNode().getParentNode() != project) {
        continue; // managed (a BOM import), not declared
      }
      String artifact = text(dependency, "artifactId");
      if (artifact.startsWith("azure-")) {
        NodeList exclusions = dependency.getElementsByTagName("exclusion");
        List<String> excluded = new ArrayList<>();
        for (int j = 0; j < exclusions.getLength(); j++) {
          Element e = (Element) exclusions.item(j);
          excluded.add(text(e, "groupId") + ":" + text(e, "artifactId"));
        }
        declared.put(text(dependency, "groupId") + ":" + artifact + ":" + text(dependency, "version"),
            String.join(",", excluded));
      }
    }
    assertEquals(
        Map.of(
            "com.azure:azure-identity:1.18.4", "com.azure:azure-core-http-netty",
            "com.azure:azure-core-http-jdk-httpclient:1.1.4", ""),
        declared);
    // This JVM's class path (and so the child JVMs') holds them, and no Netty client for Azure.
    List<String> jars =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).getFileName().toString())
            .toList();
    assertTrue(jars.contains("azure-identity-1.18.4.jar"), jars.toString());
    assertTrue(jars.contains("azure-core-http-jdk-httpclient-1.1.4.jar"), jars.toString());
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("msal4j-1.")), jars.toString());
    assertFalse(jars.stream().anyMatch(j -> j.startsWith("azure-core-http-netty")), jars.toString());
  }

  private static String text(Element element, String tag) {
    return element.getElementsByTagName(tag).item(0).getTextContent().strip();
  }

  @Test
  void aServicePrincipalGetsAsFarAsItsTokenRequest() throws Exception {
    int before = server.logins().size();
    // connectRetryCount=0: the driver would otherwise repeat the whole login once.
    EmittedPrograms.Run run =
        programs.compiled().run(
            MAIN,
            Map.of("MSSQL_CLIENT_ID", CLIENT_ID, "MSSQL_CLIENT_SECRET_FILE", secretFile.toString()),
            arguments("--jdbc-url", "jdbc:sqlserver://localhost:" + server.port() + ";connectRetryCount=0"));
    assertFailedAtTheServer(run);
    assertTrue(run.stderr().contains("Failed to authenticate the user " + CLIENT_ID
        + " in Active Directory (Authentication=ActiveDirectoryServicePrincipal)"), run.output());
    assertTrue(run.stderr().contains("UnknownHostException: login.microsoftonline.com"), run.output());
    FakeTdsServer.Login login = loginAfter(before);
    assertEquals(List.of(0x12, 0x10), login.messageTypes(), "pre-login and LOGIN7, then no token");
    assertNull(login.accessToken());
  }

  @Test
  void aUserAssignedManagedIdentityHandsItsTokenToTheServer() throws Exception {
    int before = server.logins().size();
    int requests = tokenRequests.size();
    Map<String, String> env = managedIdentityEnvironment();
    env.put("MSSQL_MANAGED_IDENTITY_CLIENT_ID", IDENTITY);
    assertFailedAtTheServer(programs.compiled().run(MAIN, env, arguments()));
    assertEquals(
        List.of(
            Map.of(
                "api-version", "2019-08-01",
                "resource", SPN,
                "client_id", IDENTITY,
                "X-IDENTITY-HEADER", IDENTITY_HEADER)),
        tokenRequests.subList(requests, tokenRequests.size()));
    FakeTdsServer.Login login = loginAfter(before);
    assertEquals(List.of(0x12, 0x10, 0x08), login.messageTypes());
    assertEquals(ACCESS_TOKEN, login.accessToken());
  }

  @Test
  void activeDirectoryDefaultFindsTheManagedIdentityInItsChain() throws Exception {
    int before = server.logins().size();
    int requests = tokenRequests.size();
    Map<String, String> env = managedIdentityEnvironment();
    env.put("MSSQL_AUTH", "default");
    assertFailedAtTheServer(programs.compiled().run(MAIN, env, arguments()));
    assertEquals(
        List.of(Map.of("api-version", "2019-08-01", "resource", SPN, "X-IDENTITY-HEADER", IDENTITY_HEADER)),
        tokenRequests.subList(requests, tokenRequests.size()));
    assertEquals(ACCESS_TOKEN, loginAfter(before).accessToken());
  }

  @Test
  void withoutTheLibrariesTheDriverStopsBeforeAnyTokenRequest() throws Exception {
    String classPath =
        programs.compiled().classes()
            + File.pathSeparator
            + Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().matches("(azure-|msal4j).*"))
                .reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath, MAIN));
    int before = server.logins().size();
    command.addAll(
        arguments("--client-id", CLIENT_ID, "--client-secret-file", secretFile.toString(),
            "--jdbc-url", "jdbc:sqlserver://localhost:" + server.port() + ";connectRetryCount=0"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES));
    assertEquals(1, process.exitValue(), output);
    assertTrue(output.contains(
        "Failed to load MSAL4J Java library for performing ActiveDirectoryServicePrincipal authentication."),
        output);
    assertFalse(output.contains(CLIENT_SECRET), output);
    assertEquals(List.of(0x12, 0x10), loginAfter(before).messageTypes());
  }
}
