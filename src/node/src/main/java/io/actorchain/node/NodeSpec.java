package io.actorchain.node;

import io.actorchain.node.consensus.MinerSpec;
import java.util.List;
import java.util.Set;

/**
 * What one node hosts (miners; validators by name, whose keys derive from the chain seed) and whom it links to.
 *
 * @param allowedPeers the peers this node may link to, or null for every node it discovers
 */
public record NodeSpec(int nodeId, List<MinerSpec> miners, List<String> validators, Set<Integer> allowedPeers,
    boolean relayAttestations) {

  /**
   * A node in a full mesh: every peer hears each attestation from its originator, so nodes relay blocks but not
   * attestations (flooding them again would cost N² messages each and add nothing).
   */
  public NodeSpec(int nodeId, List<MinerSpec> miners, List<String> validators, Set<Integer> allowedPeers) {
    this(nodeId, miners, validators, allowedPeers, false);
  }

  public NodeSpec {
    miners = List.copyOf(miners);
    validators = List.copyOf(validators);
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
