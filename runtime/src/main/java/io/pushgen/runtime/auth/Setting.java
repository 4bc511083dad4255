package io.pushgen.runtime.auth;

import java.util.Locale;

/**
 * One connection setting as the warehouse's descriptor declares it: the option {@code --<name>}
 * with an environment-variable fallback, and where its value goes (a JDBC connection property,
 * a URL parameter, or only a placeholder of the URL template).
 *
 * <p>A secret also accepts {@code --<name>-file PATH} and {@code <ENV>_FILE}: the value is read
 * from that file (containers mount secrets as files).
 *
 * @param name the setting name, e.g. {@code private_key_file}
 * @param env the environment variable the option falls back to
 * @param secret whether the value must never be printed, logged or written
 * @param check what the value names and is checked before connecting ({@link FileCheck#NONE}:
 *     a plain value)
 * @param passphrase for {@link FileCheck#PKCS8_PRIVATE_KEY}: the setting holding the key's
 *     passphrase, or null
 * @param property the JDBC connection property the value is passed as, or null
 * @param urlParameter the URL parameter the value is appended as, or null
 */
public record Setting(
    String name,
    String env,
    boolean secret,
    FileCheck check,
    String passphrase,
    String property,
    String urlParameter) {

  /** A plain value used only in the URL template; the withers below add the rest. */
  public static Setting of(String name, String env) {
    return new Setting(name, env, false, FileCheck.NONE, null, null, null);
  }

  /** This setting as a secret. */
  public Setting asSecret() {
    return new Setting(name, env, true, check, passphrase, property, urlParameter);
  }

  /** This setting naming a file checked as {@code check} before connecting. */
  public Setting file(FileCheck check) {
    return new Setting(name, env, secret, check, passphrase, property, urlParameter);
  }

  /** This setting naming a PKCS#8 key whose passphrase is the setting {@code passphrase}. */
  public Setting privateKey(String passphrase) {
    return new Setting(
        name, env, secret, FileCheck.PKCS8_PRIVATE_KEY, passphrase, property, urlParameter);
  }

  /** This setting passed as the JDBC connection property {@code property}. */
  public Setting property(String property) {
    return new Setting(name, env, secret, check, passphrase, property, urlParameter);
  }

  /** This setting appended to the URL as the parameter {@code parameter}. */
  public Setting urlParameter(String parameter) {
    return new Setting(name, env, secret, check, passphrase, property, parameter);
  }

  /** The option, e.g. {@code --private-key-file}. */
  public String option() {
    return "--" + name.replace('_', '-').toLowerCase(Locale.ROOT);
  }

  /** The option naming a file that holds a secret's value, e.g. {@code --password-file}. */
  public String fileOption() {
    return option() + "-file";
  }

  /** The environment variable naming a file that holds a secret's value, e.g. {@code PGPASSWORD_FILE}. */
  public String fileEnv() {
    return env + "_FILE";
  }

  /** How a user gives the setting, for messages: {@code --password (or PGPASSWORD)}. */
  public String how() {
    return option() + " (or " + env + ")";
  }
}
