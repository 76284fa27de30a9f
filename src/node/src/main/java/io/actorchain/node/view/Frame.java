package io.actorchain.node.view;

import io.actorchain.node.NodeStatus;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.net.LocalOnly;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one refresh of the view knows: every node's last status, and node 0's PoS view (its head state holds the
 * validators' balances), or null before the merge.
 */
public record Frame(Map<Integer, NodeStatus> statuses, PosCommand.PosStatus pos) implements LocalOnly {

  public Frame {
    statuses = Collections.unmodifiableMap(new TreeMap<>(statuses));
  }

  /** True once any node runs proof of stake. */
  public boolean merged() {
    return pos != null || statuses.values().stream().anyMatch(s -> s.slot() != null);
  }
}
