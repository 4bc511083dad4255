package io.pushgen.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContractValidatorTest {
  private final ContractValidator validator = new ContractValidator();

  static List<Goldens.Golden> goldens() {
    return Goldens.all();
  }

  static List<Mutations.Mutation> mutations() {
    return Mutations.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void everyGoldenBodyIsValid(Goldens.Golden golden) {
    assertEquals(List.of(), validator.validate(golden.path(), golden.body()));
  }

  @Test
  void thereAreGoldensForEveryFlow() {
    for (Flow flow : Flow.values()) {
      assertTrue(
          goldens().stream().anyMatch(g -> g.path().equals(flow.path())), "no golden for " + flow);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void mutationIsRejectedWithAPreciseMessage(Mutations.Mutation mutation) {
    Goldens.Golden mutated = mutation.mutated();
    List<String> problems = validator.validate(mutated.path(), mutated.body());
    assertFalse(problems.isEmpty(), "accepted: " + mutated.body());
    assertEquals(mutation.message(), problems.get(0), "all problems: " + problems);
  }

  @Test
  void reportsEveryProblemNotOnlyTheFirst() {
    ObjectNode body = Goldens.get("metadata_view_query_and_batch").copy();
    Mutations.obj(body, "/events/0/relational_asset").put("type", "view");
    Mutations.obj(body, "/events/2/relational_asset/metadata").put("schema", 5);
    assertEquals(
        List.of(
            "events[0].relational_asset.type: 'view' is not TABLE or VIEW",
            "events[2].relational_asset.metadata.schema: expected a string, got number 5"),
        validator.validate(Flow.METADATA, body));
  }

  @Test
  void lenientTimestampsAcceptAnyOffsetButNotNaiveTimes() {
    ObjectNode body = Goldens.get("querylogs_basic_utc").copy();
    Mutations.obj(body, "/events/0").put("start_time", "2024-03-01T12:00:00.12+02:00");
    ContractValidator lenient = new ContractValidator(false);
    assertEquals(List.of(), lenient.validate(Flow.QUERY_LOGS, body));
    assertEquals(1, validator.validate(Flow.QUERY_LOGS, body).size());

    Mutations.obj(body, "/events/0").put("start_time", "2024-03-01T10:00:00");
    assertEquals(
        List.of(
            "events[0].start_time: '2024-03-01T10:00:00' is not an ISO-8601 timestamp with an"
                + " offset (such as 2024-03-01T10:00:05Z)"),
        lenient.validate(Flow.QUERY_LOGS, body));
  }

  @Test
  void sdkTimestampFormsAreAccepted() {
    ObjectNode body = Goldens.get("querylogs_basic_utc").copy();
    for (String ts : List.of("2024-03-01T10:00:05Z", "2024-03-01T10:00:05.120000Z")) {
      Mutations.obj(body, "/events/0").put("start_time", ts);
      assertEquals(List.of(), validator.validate(Flow.QUERY_LOGS, body), ts);
    }
    Mutations.obj(body, "/events/0").put("start_time", "2024-02-30T10:00:05Z");
    assertEquals(1, validator.validate(Flow.QUERY_LOGS, body).size(), "February 30th");
  }

  @Test
  void columnLineageWithoutFieldsAndEmptySourcesIsValid() {
    ObjectNode body = Goldens.get("lineage_table_level").copy();
    body.put("event_type", "COLUMN_LINEAGE");
    Mutations.obj(body, "/events/0").putArray("sources");
    assertEquals(List.of(), validator.validate(Flow.LINEAGE, body));
  }

  @Test
  void sourceFieldMayReferToTheDestination() {
    ObjectNode body = Goldens.get("lineage_column_level").copy();
    Mutations.obj(body, "/events/0/fields/0/source_fields/0").put("asset_id", "dest");
    assertEquals(List.of(), validator.validate(Flow.LINEAGE, body));
  }

  @Test
  void extraIsFreeFormNullsIncluded() {
    ObjectNode body = Goldens.get("querylogs_errors_and_extra").copy();
    Mutations.obj(body, "/events/1/extra").putNull("anything").putArray("x").addNull();
    assertEquals(List.of(), validator.validate(Flow.QUERY_LOGS, body));
  }

  @Test
  void unknownPathIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> validator.validate("/ingest/v1/other", Goldens.MAPPER.createObjectNode()));
  }

  @Test
  void nonObjectBody() {
    assertEquals(
        List.of("$: the body must be a JSON object, got an array"),
        validator.validate(Flow.METADATA, Goldens.MAPPER.createArrayNode()));
  }

  @Test
  void problemCountIsCapped() {
    ObjectNode body = Goldens.get("metadata_minimal_view").copy();
    var events = body.putArray("events");
    for (int i = 0; i < 200; i++) {
      events.addObject().put("junk", i);
    }
    assertEquals(ContractValidator.MAX_ERRORS, validator.validate(Flow.METADATA, body).size());
  }
}
