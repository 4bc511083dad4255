// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.hive.runtime.auth;

import io.pushgen.hive.runtime.cli.UsageException;
import java.nio.file.Path;
import java.security.AccessController;
import java.security.PrivilegedAction;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.sql.SQLException;
import java.util.Map;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * A Kerberos login from a keytab, made by the program itself with the JDK's {@code
 * Krb5LoginModule}, for drivers that connect as the caller's JAAS Subject (HiveServer2's {@code
 * kerberosAuthType=fromSubject}): no {@code kinit}, no ticket cache, nothing written to disk. The
 * realm and its KDC come from the JVM's Kerberos configuration ({@code krb5.conf}, or {@code
 * -Djava.security.krb5.conf=FILE}).
 */
public final class KerberosLogin {
  private static final String MODULE = "com.sun.security.auth.module.Krb5LoginModule";

  private final String principal;
  private final Path keytab;
  private final String keytabOption;
  private Subject subject;

  private KerberosLogin(String principal, Path keytab, String keytabOption) {
    this.principal = principal;
    this.keytab = keytab;
    this.keytabOption = keytabOption;
  }

  /**
   * Checks, before anything connects, that the keytab holds keys of the principal; the login
   * itself waits for the first connection.
   *
   * @param principal the client principal, e.g. {@code collector@EXAMPLE.COM}
   * @param keytab a file already checked to be a keytab ({@link FileChecks#keytab})
   * @throws UsageException naming the keytab and the principal it lacks
   */
  public static KerberosLogin fromKeytab(
      String principal, Path keytab, String principalOption, String keytabOption)
      throws UsageException {
    KerberosPrincipal client;
    try {
      client = new KerberosPrincipal(principal);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          principalOption
              + " '"
              + principal
              + "' is not a Kerberos principal with a realm the JVM knows: write it as"
              + " name@REALM, or name krb5.conf's default realm");
    }
    KerberosKey[] keys = KeyTab.getInstance(client, keytab.toFile()).getKeys(client);
    if (keys.length == 0) {
      throw new UsageException(
          keytabOption
              + " "
              + keytab
              + " holds no keys for "
              + client.getName()
              + " (list its principals with klist -k "
              + keytab
              + ")");
    }
    // Only their presence was needed: the login module reads the keytab itself.
    for (KerberosKey key : keys) {
      try {
        key.destroy();
      } catch (DestroyFailedException e) {
        // The key is left to the garbage collector.
      }
    }
    return new KerberosLogin(client.getName(), keytab, keytabOption);
  }

  /**
   * Checks that this JVM lets a driver read the caller's Subject with {@code
   * Subject.getSubject(AccessController.getContext())}: Java 23 allows it only when started with
   * {@code -Djava.security.manager=allow}, Java 24 and later never (and do not start with that
   * option).
   *
   * @throws UsageException saying which Java versions and options work
   */
  @SuppressWarnings("removal")
  public static void checkSubjectFromContext(String method) throws UsageException {
    Subject probe = new Subject();
    try {
      Subject seen =
          Subject.doAs(
              probe, (PrivilegedAction<Subject>) () -> Subject.getSubject(AccessController.getContext()));
      if (seen == probe) {
        return;
      }
    } catch (UnsupportedOperationException e) {
      // Java 23 without -Djava.security.manager=allow, or Java 24 and later.
    }
    int java = Runtime.version().feature();
    throw new UsageException(
        "--auth "
            + method
            + ": the JDBC driver reads the Kerberos login with Subject.getSubject, which Java "
            + java
            + (java == 23
                ? " allows only when started with -Djava.security.manager=allow (java"
                    + " -Djava.security.manager=allow -jar ...)"
                : " does not allow (from Java 24 on it never does, and the JVM refuses to start with"
                    + " that option): run the programs on Java 17 to 22, or on Java 23 with"
                    + " -Djava.security.manager=allow"));
  }

  /**
   * Runs {@code action} (opening a connection) as the logged-in Subject, logging in from the
   * keytab on the first call; the Subject is shared by every later connection of the run.
   *
   * @throws SQLException when the login fails (the KDC's reason, with the principal and keytab) or
   *     the action does
   */
  public <T> T run(PrivilegedExceptionAction<T> action) throws SQLException {
    Subject loggedIn = subject();
    try {
      return Subject.doAs(loggedIn, action);
    } catch (PrivilegedActionException e) {
      if (e.getException() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException(e.getException().getMessage(), e.getException());
    }
  }

  private synchronized Subject subject() throws SQLException {
    if (subject == null) {
      try {
        LoginContext login = new LoginContext("pushgen", new Subject(), null, configuration());
        login.login();
        subject = login.getSubject();
      } catch (LoginException e) {
        throw new SQLException(
            "Kerberos login of "
                + principal
                + " from "
                + keytabOption
                + " "
                + keytab
                + " failed: "
                + e.getMessage(),
            "28000");
      }
    }
    return subject;
  }

  /** The one login module, configured here rather than in a JAAS file. */
  private Configuration configuration() {
    AppConfigurationEntry entry =
        new AppConfigurationEntry(
            MODULE,
            LoginModuleControlFlag.REQUIRED,
            Map.of(
                "principal", principal,
                "useKeyTab", "true",
                "keyTab", keytab.toString(),
                "storeKey", "true",
                "doNotPrompt", "true",
                "useTicketCache", "false",
                "isInitiator", "true"));
    return new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {entry};
      }
    };
  }
}
