package io.pushgen.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pushgen.runtime.auth.Authentication.Method;
import io.pushgen.runtime.auth.Authentication.Setting;
import io.pushgen.runtime.auth.FileChecks.FileCheck;
import io.pushgen.runtime.cli.UsageException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
  /** Snowflake-like: four methods, no fallback. */
  static final Authentication SNOWFLAKE =
      new Authentication(
          "SNOWFLAKE_AUTH",
          List.of(
              Setting.of("account", "SNOWFLAKE_ACCOUNT"),
              Setting.of("user", "SNOWFLAKE_USER").property("user"),
              Setting.of("password", "SNOWFLAKE_PASSWORD").asSecret().property("password"),
              new Setting(
                  "private_key_file",
                  "SNOWFLAKE_PRIVATE_KEY_FILE",
                  false,
                  FileCheck.PKCS8_PRIVATE_KEY,
                  "private_key_passphrase",
                  "private_key_file",
                  null),
              Setting.of("private_key_passphrase", "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE").asSecret().property("private_key_file_pwd"),
              Setting.of("oauth_token", "SNOWFLAKE_OAUTH_TOKEN").asSecret().property("token"),
              Setting.of("warehouse", "SNOWFLAKE_WAREHOUSE").property("warehouse")),
          List.of(
              new Method(
                  "key-pair",
                  "key pair",
                  List.of("user", "private_key_file"),
                  List.of("private_key_passphrase"),
                  Map.of("authenticator", "SNOWFLAKE_JWT"),
                  null,
                  Map.of()),
              new Method("password", "password", List.of("user", "password"), List.of(), Map.of(), null, Map.of()),
              new Method(
                  "oauth",
                  "OAuth",
                  List.of("oauth_token"),
                  List.of("user"),
                  Map.of("authenticator", "oauth"),
                  null,
                  Map.of())));

  /** Hive-like: a fallback without settings and URL parameters. */
  static final Authentication HIVE =
      new Authentication(
          "HIVE_AUTH",
          List.of(
              Setting.of("host", "HIVE_HOST"),
              Setting.of("user", "HIVE_USER").property("user"),
              Setting.of("password", "HIVE_PASSWORD").asSecret().property("password"),
              new Setting("principal", "HIVE_PRINCIPAL", false, FileCheck.NONE, null, null, "principal"),
              new Setting(
                  "transport_mode", "HIVE_TRANSPORT_MODE", false, FileCheck.NONE, null, null, "transportMode"),
              new Setting(
                  "truststore_password", "HIVE_TRUSTSTORE_PASSWORD", true, FileCheck.NONE, null, null,
                  "trustStorePassword")),
          List.of(
              new Method("none", "none", List.of(), List.of("user"), Map.of(), null, Map.of()),
              new Method("ldap", "LDAP", List.of("user", "password"), List.of(), Map.of(), null, Map.of()),
              new Method("kerberos", "Kerberos", List.of("principal"), List.of(), Map.of(), null, Map.of())));

  static Map<String, String> values(String... pairs) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return values;
  }

  @Test
  void theSettingsGivenImplyTheMethod() throws Exception {
    assertEquals("password", SNOWFLAKE.select(null, values("user", "u", "password", "p")).name());
    assertEquals(
        "key-pair", SNOWFLAKE.select("", values("user", "u", "private_key_file", "/k.p8")).name());
    assertEquals("oauth", SNOWFLAKE.select(null, values("oauth_token", "t")).name());
    assertEquals("none", HIVE.select(null, values("user", "hadoop")).name());
    assertEquals("ldap", HIVE.select(null, values("user", "hadoop", "password", "p")).name());
  }

  @Test
  void theMoreSpecificOfTwoCompleteMethodsWins() throws Exception {
    Authentication google =
        new Authentication(
            "BIGQUERY_AUTH",
            List.of(
                Setting.of("credentials_file", "BQ_CREDENTIALS_FILE"),
                Setting.of("impersonate", "BQ_IMPERSONATE")),
            List.of(
                new Method("application-default", "ADC", List.of(), List.of(), Map.of(), null, Map.of()),
                new Method("key-file", "file", List.of("credentials_file"), List.of(), Map.of(), null, Map.of()),
                new Method(
                    "impersonation", "imp", List.of("impersonate"), List.of("credentials_file"), Map.of(), null,
                    Map.of())));
    assertEquals("key-file", google.select(null, values("credentials_file", "/k.json")).name());
    assertEquals(
        "impersonation",
        google.select(null, values("credentials_file", "/k.json", "impersonate", "sa@p.iam")).name());
    assertEquals("application-default", google.select(null, values()).name());
  }

  @Test
  void theFirstMethodWithoutSettingsIsTheDefaultALaterOneIsUsedOnlyWhenRequested() throws Exception {
    // SQL Server: managed-identity and default (ActiveDirectoryDefault) both need no settings.
    Authentication sqlServer =
        new Authentication(
            "MSSQL_AUTH",
            List.of(
                Setting.of("client_id", "MSSQL_CLIENT_ID").property("user"),
                Setting.of("client_secret", "MSSQL_CLIENT_SECRET").asSecret().property("password"),
                Setting.of("managed_identity_client_id", "MSSQL_MANAGED_IDENTITY_CLIENT_ID").property("msiClientId")),
            List.of(
                new Method(
                    "service-principal", "sp", List.of("client_id", "client_secret"), List.of(), Map.of(), null,
                    Map.of()),
                new Method(
                    "managed-identity", "mi", List.of(), List.of("managed_identity_client_id"), Map.of(), null,
                    Map.of()),
                new Method(
                    "default", "chain", List.of(), List.of("managed_identity_client_id"), Map.of(), null,
                    Map.of())));
    assertEquals("managed-identity", sqlServer.select(null, values()).name());
    assertEquals(
        "managed-identity", sqlServer.select(null, values("managed_identity_client_id", "0c5d")).name());
    assertEquals("default", sqlServer.select("default", values()).name());
    assertEquals(
        "service-principal", sqlServer.select(null, values("client_id", "c", "client_secret", "s")).name());
  }

  @Test
  void ambiguousSettingsListTheMethodsAndHowToChoose() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> SNOWFLAKE.select(null, values("user", "u", "password", "p", "private_key_file", "k")));
    assertEquals(
        "the settings given fit several authentication methods (key-pair, password);"
            + " choose one with --auth or SNOWFLAKE_AUTH",
        e.getMessage());
  }

  @Test
  void incompleteSettingsSayWhatEachMethodNeeds() {
    UsageException e =
        assertThrows(UsageException.class, () -> SNOWFLAKE.select(null, values("user", "u")));
    assertEquals(
        "incomplete authentication settings: key-pair needs --private-key-file (or"
            + " SNOWFLAKE_PRIVATE_KEY_FILE); password needs --password (or SNOWFLAKE_PASSWORD);"
            + " oauth needs --oauth-token (or SNOWFLAKE_OAUTH_TOKEN) (methods: key-pair, password,"
            + " oauth; choose one with --auth or SNOWFLAKE_AUTH)",
        e.getMessage());
    // A setting of a method other than the fallback: no silent fallback.
    e = assertThrows(UsageException.class, () -> HIVE.select(null, values("password", "p")));
    assertEquals(
        "incomplete authentication settings: ldap needs --user (or HIVE_USER) (methods: none, ldap,"
            + " kerberos; choose one with --auth or HIVE_AUTH)",
        e.getMessage());
  }

  @Test
  void anExplicitMethodIsCheckedForItsSettings() throws Exception {
    assertEquals(
        "password",
        SNOWFLAKE
            .select("password", values("user", "u", "password", "p", "private_key_file", "k"))
            .name());
    UsageException e =
        assertThrows(UsageException.class, () -> SNOWFLAKE.select("key-pair", values("user", "u")));
    assertEquals(
        "--auth key-pair needs --private-key-file (or SNOWFLAKE_PRIVATE_KEY_FILE)", e.getMessage());
    e = assertThrows(UsageException.class, () -> SNOWFLAKE.select("kerberos", values()));
    assertEquals("unknown --auth 'kerberos' (one of: key-pair, password, oauth)", e.getMessage());
  }

  @Test
  void onlyTheSelectedMethodsSettingsReachTheDriver() throws Exception {
    Map<String, String> given =
        values(
            "account", "acme",
            "user", "svc",
            "password", "left-in-env",
            "private_key_file", "/keys/svc.p8",
            "private_key_passphrase", "pp",
            "warehouse", "wh");
    Method keyPair = SNOWFLAKE.select("key-pair", given);
    Authentication.JdbcTarget target =
        SNOWFLAKE.jdbc(keyPair, "jdbc:snowflake://{account}.snowflakecomputing.com/", null, given, null);
    assertEquals("jdbc:snowflake://acme.snowflakecomputing.com/", target.url());
    assertEquals(
        Map.of(
            "authenticator", "SNOWFLAKE_JWT",
            "user", "svc",
            "private_key_file", "/keys/svc.p8",
            "private_key_file_pwd", "pp",
            "warehouse", "wh"),
        target.properties());
  }

  @Test
  void urlParametersAreAppendedInTheDriversStyle() throws Exception {
    Map<String, String> given =
        values(
            "host", "hs2",
            "user", "hadoop",
            "principal", "hive/_HOST@EXAMPLE.COM",
            "transport_mode", "http",
            "truststore_password", "changeit");
    Method kerberos = HIVE.select(null, given);
    assertEquals("kerberos", kerberos.name());
    Authentication.JdbcTarget target =
        HIVE.jdbc(kerberos, "jdbc:hive2://{host}:10000/default", null, given,
            Authentication.ParameterStyle.SEMICOLON);
    assertEquals(
        "jdbc:hive2://hs2:10000/default;principal=hive/_HOST@EXAMPLE.COM;transportMode=http;"
            + "trustStorePassword=changeit",
        target.url());
    assertEquals(Map.of(), target.properties(), "user belongs to none and ldap only");

    Authentication pg =
        new Authentication(
            "POSTGRES_AUTH",
            List.of(
                Setting.of("host", "PGHOST"),
                new Setting("sslmode", "PGSSLMODE", false, FileCheck.NONE, null, null, "sslmode"),
                new Setting(
                    "sslrootcert", "PGSSLROOTCERT", false, FileCheck.READABLE, null, null, "sslrootcert")),
            List.of(new Method("password", "password", List.of(), List.of(), Map.of(), null, Map.of())));
    Map<String, String> tls = values("host", "db", "sslmode", "verify-full", "sslrootcert", "/c/root ca.pem");
    assertEquals(
        "jdbc:postgresql://db/x?sslmode=verify-full&sslrootcert=%2Fc%2Froot+ca.pem",
        pg.jdbc(pg.select(null, tls), "jdbc:postgresql://{host}/x", null, tls,
                Authentication.ParameterStyle.QUERY)
            .url());
    assertEquals(
        "jdbc:postgresql://other/x?sslmode=verify-full&sslrootcert=%2Fc%2Froot+ca.pem",
        pg.jdbc(pg.select(null, tls), null, "jdbc:postgresql://other/x", tls,
                Authentication.ParameterStyle.QUERY)
            .url(),
        "a whole URL given by the user still gets the settings' parameters");
  }

  /** Hive-like with a keytab method that adds a fixed parameter, and ZooKeeper discovery. */
  static final Authentication HIVE_DISCOVERY =
      new Authentication(
          "HIVE_AUTH",
          List.of(
              Setting.of("host", "HIVE_HOST"),
              Setting.of("zookeeper_quorum", "HIVE_ZOOKEEPER_QUORUM"),
              Setting.of("zookeeper_namespace", "HIVE_ZOOKEEPER_NAMESPACE"),
              Setting.of("principal", "HIVE_PRINCIPAL").urlParameter("principal"),
              Setting.of("client_principal", "HIVE_CLIENT_PRINCIPAL"),
              Setting.of("keytab", "HIVE_KEYTAB").file(FileCheck.KEYTAB),
              Setting.of("transport_mode", "HIVE_TRANSPORT_MODE").urlParameter("transportMode")),
          List.of(
              new Method(
                  "kerberos-keytab", "keytab", List.of("principal", "client_principal", "keytab"), List.of(),
                  Map.of(), null, Map.of(), Map.of("kerberosAuthType", "fromSubject"), "kerberos-keytab", true),
              new Method("kerberos", "cache", List.of("principal"), List.of(), Map.of(), null, Map.of())),
          List.of(
              new Authentication.UrlVariant(
                  "zookeeper_quorum",
                  "jdbc:hive2://{+zookeeper_quorum}/default;serviceDiscoveryMode=zooKeeper;"
                      + "zooKeeperNamespace={zookeeper_namespace}")));

  @Test
  void aMethodsFixedParametersComeFirstAndAUrlVariantReplacesTheTemplate() throws Exception {
    Map<String, String> given =
        values(
            "zookeeper_quorum", "zk1:2181,zk2:2181",
            "zookeeper_namespace", "hs2",
            "principal", "hive/_HOST@R",
            "client_principal", "c@R",
            "keytab", "/k",
            "transport_mode", "http");
    Method keytab = HIVE_DISCOVERY.select(null, given);
    assertEquals("kerberos-keytab", keytab.name(), "the keytab method includes the ticket-cache one's settings");
    assertEquals(
        "jdbc:hive2://zk1:2181,zk2:2181/default;serviceDiscoveryMode=zooKeeper;zooKeeperNamespace=hs2;"
            + "kerberosAuthType=fromSubject;principal=hive/_HOST@R;transportMode=http",
        HIVE_DISCOVERY.jdbc(keytab, "jdbc:hive2://{host}:10000/default", null, given,
            Authentication.ParameterStyle.SEMICOLON).url());
    given.remove("zookeeper_quorum");
    given.put("host", "hs2");
    assertEquals(
        "jdbc:hive2://hs2:10000/default;kerberosAuthType=fromSubject;principal=hive/_HOST@R;transportMode=http",
        HIVE_DISCOVERY.jdbc(keytab, "jdbc:hive2://{host}:10000/default", null, given,
            Authentication.ParameterStyle.SEMICOLON).url());
  }

  @Test
  void aUsersUrlGetsTheParametersItLacksAndRefusesContradictions() throws Exception {
    Map<String, String> given = values("principal", "hive/_HOST@R", "transport_mode", "http");
    Method cache = HIVE_DISCOVERY.select(null, given);
    String custom = "jdbc:hive2://h:10001/db;TransportMode=http?conf=1#var=2";
    HIVE_DISCOVERY.checkUrl(cache, custom, "--jdbc-url", given, Authentication.ParameterStyle.SEMICOLON);
    assertEquals(
        "jdbc:hive2://h:10001/db;TransportMode=http;principal=hive/_HOST@R?conf=1#var=2",
        HIVE_DISCOVERY.jdbc(cache, null, custom, given, Authentication.ParameterStyle.SEMICOLON).url(),
        "names compare without case; the parameters go before ?conf and #vars");
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> HIVE_DISCOVERY.checkUrl(cache, "jdbc:hive2://h/db;transportMode=binary", "--jdbc-url", given,
                Authentication.ParameterStyle.SEMICOLON));
    assertEquals(
        "--jdbc-url has transportMode=binary but --transport-mode gives 'http': give it in one place only",
        e.getMessage());

    Authentication pg =
        new Authentication(
            "POSTGRES_AUTH",
            List.of(
                Setting.of("host", "PGHOST"),
                Setting.of("password", "PGPASSWORD").asSecret().urlParameter("password"),
                new Setting("sslmode", "PGSSLMODE", false, FileCheck.NONE, null, null, "sslmode")),
            List.of(new Method("password", "password", List.of(), List.of(), Map.of(), null, Map.of())));
    Map<String, String> tls = values("sslmode", "verify-full", "password", "p w");
    assertEquals(
        "jdbc:postgresql://other/x?ApplicationName=a&password=p+w&sslmode=verify-full",
        pg.jdbc(pg.select(null, tls), null, "jdbc:postgresql://other/x?ApplicationName=a", tls,
                Authentication.ParameterStyle.QUERY)
            .url());
    pg.checkUrl(pg.select(null, tls), "jdbc:postgresql://o/x?password=p%20w", "--jdbc-url", tls,
        Authentication.ParameterStyle.QUERY);
    e =
        assertThrows(
            UsageException.class,
            () -> pg.checkUrl(pg.select(null, tls), "jdbc:postgresql://o/x?password=other", "--jdbc-url", tls,
                Authentication.ParameterStyle.QUERY));
    assertEquals(
        "--jdbc-url has password=**** but --password gives another value: give it in one place only",
        e.getMessage());
  }
}
