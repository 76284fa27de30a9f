package io.actorchain.node;

import io.actorchain.node.consensus.MinerSpec;
import java.util.List;
import java.util.Set;

/**
 * What one node hosts and whom it links to.
 *
 * @param allowedPeers the peers this node may link to, or null for every node it discovers
 */
public record NodeSpec(int nodeId, List<MinerSpec> miners, Set<Integer> allowedPeers) {
  public NodeSpec {
    miners = List.copyOf(miners);
    allowedPeers = allowedPeers == null ? null : Set.copyOf(allowedPeers);
  }

  public boolean mayLinkTo(int peer) {
    return peer != nodeId && (allowedPeers == null || allowedPeers.contains(peer));
  }

  /** The actor name of node {@code id}; peers learn each other's ids from it. */
  public static String actorName(int id) {
    return "node-" + id;
  }

  /** The id in an actor name made by {@link #actorName}, or -1. */
  public static int idFromActorName(String name) {
    if (!name.startsWith("node-")) {
      return -1;
    }
    try {
      return Integer.parseInt(name.substring(5));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
