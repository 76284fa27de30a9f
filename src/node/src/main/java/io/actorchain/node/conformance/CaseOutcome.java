package io.actorchain.node.conformance;

import java.util.List;

/**
 * One vector case's outcome.
 *
 * @param details the differences (or the error) when it failed; empty when it passed
 * @param summary a short description of the pre-state, for {@code --verbose}
 */
public record CaseOutcome(String preset, String step, String caseName, boolean passed, List<String> details,
    String summary, long millis) {
  public CaseOutcome {
    details = List.copyOf(details);
  }

  /** {@code preset/step/case}. */
  public String id() {
    return preset + "/" + step + "/" + caseName;
  }

  /** {@code PASS id} or {@code FAIL id : diff; diff}. */
  public String line() {
    return passed ? "PASS " + id() : "FAIL " + id() + " : " + String.join("; ", details);
  }
}
