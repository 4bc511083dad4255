package io.pushgen.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

  @Test
  void keepsTheKindOfCodeItWasGiven() {
    assertEquals("E42", ErrorCode.of("E42").value());
    assertEquals(1064L, ErrorCode.of(1064).value());
    assertEquals(ErrorCode.of(7), ErrorCode.fromJson(7));
    assertEquals(ErrorCode.of(7), ErrorCode.fromJson(BigInteger.valueOf(7)));
    assertEquals(ErrorCode.of("7"), ErrorCode.fromJson("7"));
  }

  @Test
  void refusesOtherJsonValues() {
    assertEquals(
        "error_code must be a string or an integer, not a Boolean",
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.fromJson(true)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ErrorCode.fromJson(2.5));
    assertThrows(IllegalArgumentException.class, () -> ErrorCode.fromJson(BigInteger.TWO.pow(70)));
    assertThrows(IllegalArgumentException.class, () -> ErrorCode.of(null));
  }

  @Test
  void modelsNormaliseAbsentListsAndCopyExtra() {
    assertEquals(0, new LineageEvent(null, null, null).sources().size());
    Map<String, Object> extra = new HashMap<>();
    extra.put("k", null);
    QueryLogEntry entry =
        new QueryLogEntry(Instant.EPOCH, Instant.EPOCH, "q", null, null, null, null, null, extra);
    extra.put("later", 1);
    assertEquals(1, entry.extra().size());
    assertEquals(true, entry.extra().containsKey("k"));
  }
}
