package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazon.redshift.Driver;
import com.amazon.redshift.util.RedshiftProperties;
import io.pushgen.generator.InProcessPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redshift IAM (provisioned cluster and Serverless, named profile or default credential chain)
 * and password at the driver boundary: the exact URL and properties the Redshift JDBC driver
 * receives, and the URL read back through the driver's own parser. The IAM exchange itself is
 * the driver's (it calls AWS), so it is not run here.
 */
class RedshiftAuthTest {
  private static final String PASSWORD = "pw-SECRET-redshift-61";
  private static final String SERVERLESS = "etl.123456789012.us-east-1.redshift-serverless.amazonaws.com";

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static DriverBoundary boundary;

  @BeforeAll
  static void setUp() throws Exception {
    programs = InProcessPrograms.generate(work, "redshift", "--flows", "metadata");
    boundary = DriverBoundary.replace("com.amazon.redshift.jdbc42.Driver", "jdbc:redshift:",
        "jdbc:redshift:iam://examplecluster:us-west-2/dev", "jdbc:redshift://example.com:5439/dev");
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
    return boundary.refusedCollect(
        programs, Files.createDirectories(work.resolve("out")), List.of(auth),
        "error: cannot connect to jdbc:redshift:", PASSWORD);
  }

  private static Map<String, String> map(Properties properties) {
    Map<String, String> map = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    return map;
  }

  /** What the Redshift driver reads from the URL alone. */
  private static Map<String, String> parsed(String url) throws Exception {
    return map(Driver.parseURL(url, new RedshiftProperties()));
  }

  @Test
  void iamForAProvisionedClusterWithANamedProfile() throws Exception {
    DriverBoundary.Call call =
        collect("--cluster-id", "examplecluster", "--region", "us-west-2", "--profile", "etl",
            "--db-user", "collector");
    assertEquals("jdbc:redshift:iam://examplecluster:us-west-2/dev", call.url());
    assertEquals(Map.of("Profile", "etl", "DbUser", "collector"), map(call.properties()));
    Map<String, String> url = parsed(call.url());
    assertEquals("true", url.get("iamauth"));
    assertEquals("examplecluster", url.get("clusterid"));
    assertEquals("us-west-2", url.get("region"));
  }

  @Test
  void iamWithTheDefaultCredentialChainSendsNoCredentials() throws Exception {
    DriverBoundary.Call call = collect("--cluster-id", "examplecluster", "--region", "us-west-2");
    assertEquals("jdbc:redshift:iam://examplecluster:us-west-2/dev", call.url());
    assertEquals(Map.of(), map(call.properties()));
  }

  @Test
  void iamForAServerlessWorkgroup() throws Exception {
    DriverBoundary.Call call = collect("--host", SERVERLESS, "--workgroup", "etl", "--profile", "etl");
    assertEquals("jdbc:redshift:iam://" + SERVERLESS + ":5439/dev", call.url());
    assertEquals(
        Map.of("isServerless", "true", "serverlessWorkGroup", "etl", "Profile", "etl"),
        map(call.properties()));
    Map<String, String> url = parsed(call.url());
    assertEquals("etl", url.get("serverlessworkgroup"));
    assertEquals("123456789012", url.get("serverlessacctid"));
    assertEquals("us-east-1", url.get("region"));
  }

  @Test
  void passwordFromAFile() throws Exception {
    Path file = Files.writeString(work.resolve("redshift-password"), PASSWORD + "\n");
    DriverBoundary.Call call =
        collect("--host", "examplecluster.abc123.us-west-2.redshift.amazonaws.com", "--user", "collector",
            "--password-file", file.toString());
    assertEquals("jdbc:redshift://examplecluster.abc123.us-west-2.redshift.amazonaws.com:5439/dev", call.url());
    assertEquals(Map.of("user", "collector", "password", PASSWORD), map(call.properties()));
  }
}
