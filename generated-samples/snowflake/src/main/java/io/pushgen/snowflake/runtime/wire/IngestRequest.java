// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.snowflake.runtime.wire;

import io.pushgen.snowflake.runtime.model.Flow;

/**
 * One request to the integration gateway: the flow (which gives the path) and the exact JSON
 * body, already serialised.
 *
 * @param flow the flow, which decides the path
 * @param body the UTF-8 JSON body
 * @param eventCount how many events the body carries
 */
public record IngestRequest(Flow flow, byte[] body, int eventCount) {
  public String path() {
    return flow.path();
  }
}
