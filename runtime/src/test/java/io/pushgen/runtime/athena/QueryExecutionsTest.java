package io.pushgen.runtime.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.runtime.model.ErrorCode;
import io.pushgen.runtime.model.QueryLogEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.QueryExecution;

class QueryExecutionsTest {
  private static QueryExecution execution(String state) {
    return QueryExecution.builder()
        .queryExecutionId("q1")
        .query("SELECT 1")
        .statementType("DML")
        .status(
            s ->
                s.state(state)
                    .submissionDateTime(Instant.parse("2026-03-01T10:00:00Z"))
                    .completionDateTime(Instant.parse("2026-03-01T10:00:01.5Z"))
                    .stateChangeReason("reason"))
        .statistics(s -> s.dataScannedInBytes(42L))
        .build();
  }

  @Test
  void fieldsAreCheckedAgainstTheSdkModelAndReadByPath() {
    Map<String, QueryExecutions.Fields> extra = new LinkedHashMap<>();
    extra.put("bytes_scanned", QueryExecutions.Fields.of("Statistics.DataScannedInBytes"));
    extra.put("submitted", QueryExecutions.Fields.of("Status.SubmissionDateTime"));
    extra.put("reused", QueryExecutions.Fields.of("Statistics.ResultReuseInformation.ReusedPreviousResult"));
    QueryLogEntry entry = QueryExecutions.entry(execution("SUCCEEDED"), extra);
    assertEquals(42L, entry.extra().get("bytes_scanned"));
    assertEquals("2026-03-01T10:00:00Z", entry.extra().get("submitted"));
    assertTrue(entry.extra().containsKey("reused"));
    assertNull(entry.extra().get("reused"));
    assertNull(entry.errorCode());
    assertNull(entry.user());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> QueryExecutions.Fields.of("Statistics.BytesScanned"));
    assertTrue(e.getMessage().contains("no 'BytesScanned'") && e.getMessage().contains("DataScannedInBytes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> QueryExecutions.Fields.of("Query.Text"));
  }

  @Test
  void aFailureWithoutAthenaErrorCarriesItsStateAndReason() {
    QueryLogEntry entry = QueryExecutions.entry(execution("FAILED"), Map.of());
    assertEquals(ErrorCode.of("FAILED"), entry.errorCode());
    assertEquals("reason", entry.errorText());
    assertEquals(Instant.parse("2026-03-01T10:00:01.5Z"), entry.endTime());
    assertNull(entry.extra());
  }
}
