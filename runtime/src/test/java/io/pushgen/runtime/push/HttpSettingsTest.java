package io.pushgen.runtime.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pushgen.runtime.http.HttpSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {
  @Test
  void hasTheDocumentedDefaults() {
    HttpSettings settings = HttpSettings.defaults();

    assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
    assertEquals(Duration.ofSeconds(30), settings.requestTimeout());
    assertEquals(5, settings.maxAttempts());
    assertEquals(Duration.ofSeconds(1), settings.backoffBase());
    assertEquals(Duration.ofSeconds(30), settings.backoffCap());
    assertEquals(Duration.ofSeconds(120), settings.retryAfterCap());
    assertSame(settings, HttpSettings.defaults());
  }

  @Test
  void keepsWhatItIsGiven() {
    HttpSettings settings =
        HttpSettings.builder()
            .connectTimeout(Duration.ofSeconds(3))
            .requestTimeout(Duration.ofSeconds(9))
            .maxAttempts(2)
            .backoff(Duration.ofMillis(100), Duration.ofMillis(400))
            .retryAfterCap(Duration.ofMinutes(2))
            .random(() -> 0.25)
            .build();

    assertEquals(Duration.ofSeconds(3), settings.connectTimeout());
    assertEquals(Duration.ofSeconds(9), settings.requestTimeout());
    assertEquals(2, settings.maxAttempts());
    assertEquals(Duration.ofMillis(100), settings.backoffBase());
    assertEquals(Duration.ofMillis(400), settings.backoffCap());
    assertEquals(Duration.ofMinutes(2), settings.retryAfterCap());
    assertEquals(0.25, settings.random().getAsDouble());
  }

  @Test
  void rejectsValuesThatMakeNoSense() {
    assertEquals(
        "connect timeout must be positive",
        assertThrows(
                IllegalArgumentException.class,
                () -> HttpSettings.builder().connectTimeout(Duration.ZERO))
            .getMessage());
    assertEquals(
        "request timeout must be positive",
        assertThrows(
                IllegalArgumentException.class,
                () -> HttpSettings.builder().requestTimeout(Duration.ofSeconds(-1)))
            .getMessage());
    assertEquals(
        "max attempts must be at least 1, not 0",
        assertThrows(IllegalArgumentException.class, () -> HttpSettings.builder().maxAttempts(0))
            .getMessage());
    assertEquals(
        "backoff cap must be positive",
        assertThrows(
                IllegalArgumentException.class,
                () -> HttpSettings.builder().backoff(Duration.ofSeconds(1), null))
            .getMessage());
    assertEquals(
        "Retry-After cap must be positive",
        assertThrows(
                IllegalArgumentException.class,
                () -> HttpSettings.builder().retryAfterCap(Duration.ZERO))
            .getMessage());
    assertThrows(NullPointerException.class, () -> HttpSettings.builder().sleeper(null));
  }
}
