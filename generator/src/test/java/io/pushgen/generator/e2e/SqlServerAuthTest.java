package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * SQL Server's methods at the driver boundary: SQL login (password from a file), a Microsoft Entra
 * service principal (secret from a file), the managed identity (system- and user-assigned) and
 * ActiveDirectoryDefault; the exact URL and connection properties {@code SQLServerDriver} receives,
 * no secret in anything the program wrote (the boundary's refusal echoes every property, as many
 * drivers' messages do), and settings that are missing or fit two methods refused with exit 2
 * before connecting. That the driver then reaches its token request with the libraries the
 * emitted pom adds is {@link SqlServerEntraTest}'s.
 */
class SqlServerAuthTest {
  private static final String HOST = "sales.database.windows.net";
  private static final String URL = "jdbc:sqlserver://" + HOST + ":1433";
  private static final String PASSWORD = "pw-SECRET-mssql-27;}";
  private static final String CLIENT_ID = "6f1b3c2a-94d1-4e0b-9a55-2f3e8c7d1a01";
  private static final String CLIENT_SECRET = "Zx8Q~SECRET-entra-client-secret-41";
  private static final String IDENTITY = "0c5d2e4f-7a8b-4c9d-8e1f-3a2b5c6d7e8f";

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static DriverBoundary boundary;
  private static Path secrets;

  @BeforeAll
  static void setUp() throws Exception {
    secrets = Files.createDirectories(work.resolve("secrets"));
    Files.writeString(secrets.resolve("password"), PASSWORD + "\n");
    Files.writeString(secrets.resolve("client-secret"), CLIENT_SECRET + "\n");
    programs = InProcessPrograms.generate(work, "sqlserver", "--flows", "metadata");
    boundary =
        DriverBoundary.replace(
            "com.microsoft.sqlserver.jdbc.SQLServerDriver", "jdbc:sqlserver:", URL);
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

  /** Runs CollectMetadata on HOST with {@code auth}; checks that no secret reached any output. */
  private static DriverBoundary.Output collect(String... auth) throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    List<String> args =
        new ArrayList<>(List.of("--host", HOST, "--output-file", out.resolve("manifest.json").toString()));
    args.addAll(List.of(auth));
    DriverBoundary.Output output =
        DriverBoundary.capture(() -> programs.run("CollectMetadata", args.toArray(String[]::new)));
    String written = output.all() + TestCertificates.everythingWritten(out);
    for (String secret : List.of(PASSWORD, CLIENT_SECRET)) {
      assertFalse(written.contains(secret), "secret " + secret + " leaked:\n" + output.all());
    }
    return output;
  }

  /** The properties of the one connection attempt a run that failed to connect made. */
  private static Map<String, String> connected(int before, DriverBoundary.Output output) {
    assertEquals(1, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("error: cannot connect to " + URL), output.all());
    List<DriverBoundary.Call> calls = boundary.calls();
    assertEquals(before + 1, calls.size(), "one connection attempt");
    DriverBoundary.Call call = calls.get(before);
    assertEquals(URL, call.url(), "the database and credentials go as properties, never in the URL");
    Map<String, String> properties = new TreeMap<>();
    call.properties().forEach((k, v) -> properties.put((String) k, (String) v));
    return properties;
  }

  @Test
  void sqlLoginWithThePasswordFromAFile() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        collect("--user", "collector", "--password-file", secrets.resolve("password").toString());
    assertEquals(
        Map.of("databaseName", "master", "user", "collector", "password", PASSWORD),
        connected(before, output));
  }

  @Test
  void servicePrincipalWithTheSecretFromAFile() throws Exception {
    int before = boundary.calls().size();
    DriverBoundary.Output output =
        collect("--client-id", CLIENT_ID, "--client-secret-file", secrets.resolve("client-secret").toString());
    assertEquals(
        Map.of(
            "databaseName", "master",
            "authentication", "ActiveDirectoryServicePrincipal",
            "user", CLIENT_ID,
            "password", CLIENT_SECRET),
        connected(before, output));
  }

  @Test
  void theSystemAssignedManagedIdentityIsTheMethodWithoutSettings() throws Exception {
    int before = boundary.calls().size();
    assertEquals(
        Map.of("databaseName", "master", "authentication", "ActiveDirectoryManagedIdentity"),
        connected(before, collect()));
  }

  @Test
  void aUserAssignedManagedIdentityByItsClientId() throws Exception {
    int before = boundary.calls().size();
    assertEquals(
        Map.of(
            "databaseName", "master",
            "authentication", "ActiveDirectoryManagedIdentity",
            "msiClientId", IDENTITY),
        connected(before, collect("--managed-identity-client-id", IDENTITY)));
  }

  @Test
  void activeDirectoryDefaultOnlyWhenChosen() throws Exception {
    int before = boundary.calls().size();
    assertEquals(
        Map.of("databaseName", "master", "authentication", "ActiveDirectoryDefault"),
        connected(before, collect("--auth", "default")));
    before = boundary.calls().size();
    assertEquals(
        Map.of(
            "databaseName", "master",
            "authentication", "ActiveDirectoryDefault",
            "msiClientId", IDENTITY),
        connected(before, collect("--auth", "default", "--managed-identity-client-id", IDENTITY)));
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
}
