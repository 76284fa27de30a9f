package io.actorchain.node.conformance;

import java.util.List;

/** Every case's outcome, in run order. */
public record SuiteReport(List<CaseOutcome> cases) {
  public SuiteReport {
    cases = List.copyOf(cases);
  }

  public long passed() {
    return cases.stream().filter(CaseOutcome::passed).count();
  }

  public long failed() {
    return cases.size() - passed();
  }

  /** Success means at least one case ran and none failed. */
  public boolean succeeded() {
    return failed() == 0 && passed() > 0;
  }

  /** The last line the command prints: {@code N passed, M failed}. */
  public String summary() {
    return passed() + " passed, " + failed() + " failed";
  }
}
