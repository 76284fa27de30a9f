package io.actorchain.node.view;

import io.actorchain.core.pos.ConsensusConfig;
import java.util.List;

/**
 * What the view of {@code run} knows besides the nodes' statuses: the consensus mode, the merge height, the
 * constants, and the genesis validators in registry order with the node hosting each.
 *
 * @param consensus {@code pow}, {@code pos} or {@code merge}
 * @param mergeAtHeight the terminal PoW height, or -1 when the run does not merge
 */
public record RunInfo(String consensus, long mergeAtHeight, ConsensusConfig config, List<Seat> validators) {

  /** A genesis validator by name and the node that hosts it. */
  public record Seat(String name, int node) {}

  public RunInfo {
    validators = List.copyOf(validators);
  }

  public boolean merges() {
    return mergeAtHeight >= 0;
  }

  /** The name of registry index {@code i}; validators added by deposits have none and show as {@code #i}. */
  public String nameOf(int i) {
    return i < validators.size() ? validators.get(i).name() : "#" + i;
  }

  /** The node hosting registry index {@code i}, or -1 when unknown. */
  public int nodeOf(int i) {
    return i < validators.size() ? validators.get(i).node() : -1;
  }
}
