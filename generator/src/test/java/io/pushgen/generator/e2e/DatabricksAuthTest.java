package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.databricks.jdbc.api.impl.DatabricksConnectionContextFactory;
import com.databricks.jdbc.api.internal.IDatabricksConnectionContext;
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
 * Databricks OAuth machine-to-machine and personal access tokens at the driver boundary: the exact
 * URL and properties the Databricks JDBC driver receives, read back through the driver's own
 * connection-context parser (AuthMech, Auth_Flow, client id and secret as it understands them),
 * and the secrets absent from everything the program printed or wrote.
 */
class DatabricksAuthTest {
  private static final String CLIENT_SECRET = "dose-SECRET-m2m-0c1d";
  private static final String TOKEN = "dapi-SECRET-pat-77";
  private static final String URL =
      "jdbc:databricks://dbc-a1b2.cloud.databricks.com:443/default;transportMode=http;ssl=1;"
          + "httpPath=/sql/1.0/warehouses/abc123;IgnoreTransactions=1";

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static DriverBoundary boundary;
  private static Path secrets;

  @BeforeAll
  static void setUp() throws Exception {
    secrets = Files.createDirectories(work.resolve("secrets"));
    Files.writeString(secrets.resolve("client-secret"), CLIENT_SECRET + "\n");
    programs = InProcessPrograms.generate(work, "databricks", "--flows", "metadata");
    boundary = DriverBoundary.replace("com.databricks.client.jdbc.Driver", "jdbc:databricks:", URL);
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

  private static DriverBoundary.Call collect(String... auth) throws Exception {
    List<String> args = new ArrayList<>(List.of(
        "--host", "dbc-a1b2.cloud.databricks.com", "--http-path", "/sql/1.0/warehouses/abc123"));
    args.addAll(List.of(auth));
    DriverBoundary.Call call =
        boundary.refusedCollect(
            programs, Files.createDirectories(work.resolve("out")), args,
            "error: cannot connect to " + URL, CLIENT_SECRET, TOKEN);
    assertEquals(URL, call.url());
    return call;
  }

  private static Map<String, String> map(java.util.Properties properties) {
    Map<String, String> map = new TreeMap<>();
    properties.forEach((k, v) -> map.put((String) k, (String) v));
    return map;
  }

  @Test
  void oauthMachineToMachineHandsTheDriverTheServicePrincipal() throws Exception {
    DriverBoundary.Call call =
        collect("--client-id", "6f1c2d3e-0000-4000-8000-00000000c11d",
            "--client-secret-file", secrets.resolve("client-secret").toString());
    assertEquals(
        Map.of(
            "AuthMech", "11",
            "Auth_Flow", "1",
            "OAuth2ClientId", "6f1c2d3e-0000-4000-8000-00000000c11d",
            "OAuth2Secret", CLIENT_SECRET),
        map(call.properties()));
    IDatabricksConnectionContext context = DatabricksConnectionContextFactory.create(call.url(), call.properties());
    assertEquals("OAUTH", context.getAuthMech().name());
    assertEquals("CLIENT_CREDENTIALS", context.getAuthFlow().name());
    assertEquals("6f1c2d3e-0000-4000-8000-00000000c11d", context.getClientId());
    assertEquals(CLIENT_SECRET, context.getClientSecret());
    assertEquals("/sql/1.0/warehouses/abc123", context.getHttpPath());
  }

  @Test
  void personalAccessTokenIsThePasswordOfUserToken() throws Exception {
    DriverBoundary.Call call = collect("--token", TOKEN);
    assertEquals(Map.of("AuthMech", "3", "UID", "token", "PWD", TOKEN), map(call.properties()));
    IDatabricksConnectionContext context = DatabricksConnectionContextFactory.create(call.url(), call.properties());
    assertEquals("PAT", context.getAuthMech().name());
    assertEquals(TOKEN, context.getToken());
  }
}
