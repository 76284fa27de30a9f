package io.actorchain.node.sim;

import java.util.List;

/** A bad scenario: one line per problem, each naming the key path and what is allowed (exit 2). */
public final class ScenarioException extends RuntimeException {
  private final List<String> problems;

  public ScenarioException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
