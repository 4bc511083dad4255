package io.pushgen.runtime.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Removes secret values from text before it reaches the console, a log or a file: driver
 * exception messages often echo the URL or the properties they were given.
 */
public final class Scrubber {
  /** What replaces a secret. */
  public static final String MASK = "****";

  private final Set<String> secrets = new LinkedHashSet<>();

  /** @param secrets the values to remove; null and blank values are ignored */
  public Scrubber(Collection<String> secrets) {
    for (String secret : secrets) {
      if (secret != null && !secret.isBlank()) {
        this.secrets.add(secret);
        // The same value as it appears inside a URL.
        this.secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        this.secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
  }

  /** The text with every secret replaced by {@link #MASK}; null stays null. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String scrubbed = text;
    for (String secret : secrets) {
      scrubbed = scrubbed.replace(secret, MASK);
    }
    return scrubbed;
  }

  /** Whether there is nothing to remove. */
  public boolean isEmpty() {
    return secrets.isEmpty();
  }
}
