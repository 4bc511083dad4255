package io.pushgen.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One GraphQL call the local gateway answered.
 *
 * @param operation the root field called, e.g. {@code getTable} or {@code deletePushIngestedTables}
 * @param variables the request's variables (an empty object when none)
 * @param status the HTTP status answered
 * @param errors whether the answer carried {@code errors}
 */
public record GraphQlCall(String operation, JsonNode variables, int status, boolean errors) {}
