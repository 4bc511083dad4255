package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.InProcessPrograms;
import io.trino.jdbc.TrinoDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trino's authentication methods at the driver boundary: the exact URL and connection properties
 * trino-jdbc receives for password, JWT, Kerberos and no authentication, each then accepted by the
 * real driver's own parser (it refuses unknown or conflicting parameters before any network
 * traffic), and the secrets absent from everything the program printed or wrote. The same programs
 * run against a real server in {@link TrinoEndToEndTest}.
 */
class TrinoAuthTest {
  private static final String PASSWORD = "pw-SECRET-trino-1";
  private static final String TOKEN = "eyJ-SECRET-jwt-2";
  private static final String URL = "jdbc:trino://trino.example.com:443";

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static DriverBoundary boundary;
  private static Path secrets;

  @BeforeAll
  static void setUp() throws Exception {
    secrets = Files.createDirectories(work.resolve("secrets"));
    Files.writeString(secrets.resolve("password"), PASSWORD + "\n");
    Files.writeString(secrets.resolve("token"), TOKEN + "\n");
    // A keytab's format version bytes (0x05 0x02), which the programs check before connecting.
    Files.write(secrets.resolve("collector.keytab"), new byte[] {5, 2, 0, 0});
    programs = InProcessPrograms.generate(work, "trino", "--flows", "metadata");
    boundary = DriverBoundary.replace("io.trino.jdbc.TrinoDriver", "jdbc:trino:", URL);
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

  private static Map<String, String> collect(String... auth) throws Exception {
    List<String> args = new ArrayList<>(List.of("--host", "trino.example.com"));
    args.addAll(List.of(auth));
    DriverBoundary.Call call =
        boundary.refusedCollect(
            programs, Files.createDirectories(work.resolve("out")), args,
            "error: cannot connect to " + URL, PASSWORD, TOKEN);
    assertEquals(URL, call.url());
    // The real driver parses the URL and properties when connecting, before any request.
    try (Connection accepted = new TrinoDriver().connect(call.url(), call.properties())) {
      assertTrue(accepted != null, "trino-jdbc accepts the URL");
    }
    Map<String, String> map = new TreeMap<>();
    call.properties().forEach((k, v) -> map.put((String) k, (String) v));
    return map;
  }

  @Test
  void passwordGoesOverHttpsAsUserAndPassword() throws Exception {
    assertEquals(
        Map.of("SSL", "true", "timezone", "UTC", "user", "collector", "password", PASSWORD),
        collect("--auth", "password", "--user", "collector",
            "--password-file", secrets.resolve("password").toString()));
  }

  @Test
  void jwtIsTheAccessToken() throws Exception {
    assertEquals(
        Map.of("SSL", "true", "timezone", "UTC", "accessToken", TOKEN),
        collect("--auth", "jwt", "--access-token-file", secrets.resolve("token").toString()));
  }

  @Test
  void kerberosNamesThePrincipalTheServiceAndTheKeytab() throws Exception {
    Path keytab = secrets.resolve("collector.keytab");
    assertEquals(
        Map.of(
            "SSL", "true",
            "timezone", "UTC",
            "KerberosPrincipal", "collector@EXAMPLE.COM",
            "KerberosRemoteServiceName", "trino",
            "KerberosKeytabPath", keytab.toString()),
        collect("--auth", "kerberos", "--kerberos-principal", "collector@EXAMPLE.COM",
            "--kerberos-service-name", "trino", "--kerberos-keytab", keytab.toString()));
  }

  @Test
  void noAuthenticationSendsTheUserOverPlainHttpWhenAsked() throws Exception {
    assertEquals(
        Map.of("SSL", "false", "timezone", "UTC", "user", "alice"),
        collect("--auth", "none", "--user", "alice", "--ssl", "false"));
  }
}
