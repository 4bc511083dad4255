package io.pushgen.generator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.ImpersonatedCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import io.pushgen.generator.InProcessPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BigQuery credentials as the emitted programs build them with google-auth-library, captured in
 * the {@link BigQueryOptions} handed to the client: a generated service-account key file loaded
 * by the library (its RSA key parsed), impersonated credentials over it, Application Default
 * Credentials from gcloud's well-known file, and a file that is not a credentials file refused
 * before anything runs.
 */
class BigQueryAuthTest {
  private static final String EMAIL = "collector@acme-data.iam.gserviceaccount.com";
  private static final String TARGET = "reader@acme-data.iam.gserviceaccount.com";

  @TempDir static Path work;
  private static InProcessPrograms programs;
  private static Path keyFile;
  private static String keyBody;
  private static final List<BigQueryOptions> seen = new ArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    Path keys = Files.createDirectories(work.resolve("keys"));
    String pem = Files.readString(TestCertificates.pkcs8Key(keys, "sa", null));
    keyBody = pem.lines().skip(1).findFirst().orElseThrow();
    Map<String, String> json = new LinkedHashMap<>();
    json.put("type", "service_account");
    json.put("project_id", "acme-data");
    json.put("private_key_id", "k1");
    json.put("private_key", pem);
    json.put("client_email", EMAIL);
    json.put("client_id", "1234567890");
    json.put("token_uri", "https://oauth2.googleapis.com/token");
    keyFile = keys.resolve("collector.json");
    new ObjectMapper().writeValue(keyFile.toFile(), json);
    programs = InProcessPrograms.generate(work, "bigquery", "--flows", "metadata");
    Function<BigQueryOptions, BigQuery> capture =
        options -> {
          seen.add(options);
          throw new IllegalStateException("no BigQuery here");
        };
    programs.load("Warehouse").getField("clients").set(null, capture);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (programs != null) {
      programs.close();
    }
  }

  private static DriverBoundary.Output collect(String... auth) throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    List<String> args = new ArrayList<>(List.of("--project-id", "acme-data",
        "--output-file", out.resolve("manifest.json").toString()));
    args.addAll(List.of(auth));
    DriverBoundary.Output output =
        DriverBoundary.capture(() -> programs.run("CollectMetadata", args.toArray(String[]::new)));
    assertFalse((output.all() + TestCertificates.everythingWritten(out)).contains(keyBody), output.all());
    return output;
  }

  private static BigQueryOptions captured(int before, DriverBoundary.Output output) {
    assertEquals(1, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("no BigQuery here"), output.all());
    assertEquals(before + 1, seen.size());
    BigQueryOptions options = seen.get(before);
    assertEquals("acme-data", options.getProjectId());
    return options;
  }

  @Test
  void aServiceAccountKeyFileIsLoadedByGoogleAuth() throws Exception {
    int before = seen.size();
    BigQueryOptions options =
        captured(before, collect("--credentials-file", keyFile.toString(), "--region", "europe-west1"));
    assertEquals("europe-west1", options.getLocation(), "jobs run in the region collected");
    ServiceAccountCredentials credentials = assertInstanceOf(ServiceAccountCredentials.class, options.getCredentials());
    assertEquals(EMAIL, credentials.getClientEmail());
    assertEquals("RSA", credentials.getPrivateKey().getAlgorithm());
  }

  @Test
  void impersonationWrapsTheKeyFilesCredentials() throws Exception {
    int before = seen.size();
    BigQueryOptions options =
        captured(before, collect("--impersonate-service-account", TARGET, "--credentials-file", keyFile.toString()));
    ImpersonatedCredentials credentials = assertInstanceOf(ImpersonatedCredentials.class, options.getCredentials());
    assertEquals(TARGET, credentials.getAccount());
    ServiceAccountCredentials source =
        assertInstanceOf(ServiceAccountCredentials.class, credentials.getSourceCredentials());
    assertEquals(EMAIL, source.getClientEmail());
    assertNotNull(source.getPrivateKey());
  }

  @Test
  void applicationDefaultCredentialsComeFromGcloudsWellKnownFile() throws Exception {
    Assumptions.assumeTrue(System.getenv("GOOGLE_APPLICATION_CREDENTIALS") == null
        && System.getenv("CLOUDSDK_CONFIG") == null, "the environment names other credentials");
    Path home = Files.createDirectories(work.resolve("home"));
    Files.copy(keyFile, Files.createDirectories(home.resolve(".config/gcloud"))
        .resolve("application_default_credentials.json"));
    String oldHome = System.getProperty("user.home");
    int before = seen.size();
    BigQueryOptions options;
    try {
      System.setProperty("user.home", home.toString());
      options = captured(before, collect());
    } finally {
      System.setProperty("user.home", oldHome);
    }
    ServiceAccountCredentials credentials = assertInstanceOf(ServiceAccountCredentials.class, options.getCredentials());
    assertEquals(EMAIL, credentials.getClientEmail());
  }

  @Test
  void aFileThatIsNotACredentialsFileFailsBeforeRunning() throws Exception {
    int before = seen.size();
    Path notOne = Files.writeString(work.resolve("keys").resolve("notes.json"), "{\"name\": \"collector\"}");
    DriverBoundary.Output output = collect("--credentials-file", notOne.toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(output.stderr().contains("error: --credentials-file " + notOne
        + " is not a Google credentials file: \"type\" is missing"), output.all());
    assertEquals(before, seen.size());
  }
}
