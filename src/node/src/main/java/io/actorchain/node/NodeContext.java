package io.actorchain.node;

import io.actorchain.core.pos.block.TransitionMemo;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.store.NodeStores;
import io.actorchain.node.time.Clock;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What every actor of one node shares: its id, its clock, where its events go, the chain settings, the seed its
 * actors derive their own random generators from, the state-transition memo it shares with the other nodes of its
 * network in this JVM (one per network, so that separate networks, e.g. tests, never share states), and its stores
 * (the block store and the slashing-protection database: RocksDB under {@code --data-dir} in node mode, in memory in
 * embedded runs, where they outlive a crashed node's actors so that it restarts from them).
 */
public record NodeContext(int nodeId, Clock clock, ActorRef<NodeEvent> events, ChainSettings settings, long seed,
    TransitionMemo transitions, NodeStores stores) {

  public NodeContext {
    Objects.requireNonNull(transitions, "transitions");
    Objects.requireNonNull(stores, "stores");
  }

  /** A node with a memo of its own (a network of one in this JVM) and stores in memory. */
  public NodeContext(int nodeId, Clock clock, ActorRef<NodeEvent> events, ChainSettings settings, long seed) {
    this(nodeId, clock, events, settings, seed, new TransitionMemo(), NodeStores.inMemory());
  }

  /** A node with stores in memory. */
  public NodeContext(int nodeId, Clock clock, ActorRef<NodeEvent> events, ChainSettings settings, long seed,
      TransitionMemo transitions) {
    this(nodeId, clock, events, settings, seed, transitions, NodeStores.inMemory());
  }

  public void emit(String type, Object... keyValues) {
    events.tell(NodeEvent.of(clock.nowMillis(), nodeId, type, keyValues));
  }

  /** A seed for one actor of this node, stable across runs: mixes the node seed with a label. */
  public long seedFor(String label) {
    long h = seed ^ (0x9E3779B97F4A7C15L * (nodeId + 1));
    for (int i = 0; i < label.length(); i++) {
      h = (h ^ label.charAt(i)) * 0x100000001B3L;
    }
    return h;
  }
}
