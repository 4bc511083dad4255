// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.collect;

import java.util.Locale;
import java.util.Map;

/** Keeps secret values out of messages that reach the console. */
public final class Secrets {
  private Secrets() {}

  /** The message with every value of the given map that looks secret replaced by {@code ****}. */
  public static String redact(String message, Map<String, String> values) {
    if (message == null) {
      return "";
    }
    String redacted = message;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String value = entry.getValue();
      if (value != null && value.length() >= 3 && isSecretKey(entry.getKey())) {
        redacted = redacted.replace(value, "****");
      }
    }
    return redacted;
  }

  private static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("secret") || k.contains("token") || k.equals("pwd");
  }
}
