package io.actorchain.node;

import io.actorchain.node.cluster.Seniority;
import io.actorchain.node.net.GenesisCheck;
import io.actorchain.node.net.GenesisMismatch;
import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.net.Wire;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * A {@link NodeGuardian}'s side of the genesis handshake (ARCHITECTURE.md, "Shared genesis"): the Hello it sends each
 * peer it links to, and what it makes of a peer's. On a mismatch the younger member stops, naming the difference; the
 * older one drops the link and keeps going. A plain helper the guardian owns; it runs only on the guardian's turn.
 */
final class GenesisHandshake {
  /** A genesis mismatch waits this long, at most {@link #HELLO_RECHECKS} times, for both members' ages to be known. */
  static final Duration HELLO_RECHECK = Duration.ofMillis(500);
  static final int HELLO_RECHECKS = 20;

  /** A peer's mismatching Hello, decided again once both members' ages are known. */
  record RecheckHello(int fromNode, Wire.Hello hello, int attempt, boolean wasLinked)
      implements NodeGuardian.Command, LocalOnly {}

  private final ActorContext<NodeGuardian.Command> ctx;
  private final NodeContext node;
  private final PeerLinks peers;
  /** This node's Hello: built once, again only when the node switches to PoS. */
  private Wire.Hello hello;

  GenesisHandshake(ActorContext<NodeGuardian.Command> ctx, NodeContext node, PeerLinks peers) {
    this.ctx = ctx;
    this.node = node;
    this.peers = peers;
    this.hello = GenesisCheck.helloOf(node.settings(), false);
  }

  /** From now on this node greets its peers as a PoS node. */
  void switchToPos() {
    hello = GenesisCheck.helloOf(node.settings(), true);
  }

  /** Sends this node's Hello to {@code peerId}, the first message on a new link. */
  void greet(int peerId) {
    peers.send(peerId, hello, null);
  }

  /**
   * Whether {@code payload} from {@code fromNode} is dropped: its genesis differs (its Hello, the first message on its
   * link, said so), and a process started with other stakes would otherwise reach the chain, the mempool and the
   * slasher, and its votes could get ours slashed.
   */
  boolean drops(int fromNode, Wire payload) {
    if (!peers.isMismatched(fromNode)) {
      return false;
    }
    ctx.getLog().debug("node {}: dropped {} from node {}, whose genesis differs", node.nodeId(),
        payload.getClass().getSimpleName(), fromNode);
    return true;
  }

  /** A peer's Hello, the first time it arrives. */
  void onHello(int fromNode, Wire.Hello theirs) {
    decide(fromNode, theirs, 0, false);
  }

  void onRecheck(RecheckHello r) {
    decide(r.fromNode(), r.hello(), r.attempt(), r.wasLinked());
  }

  /**
   * A peer that leaves (or never links) before the ages are known is forgotten: gone, it can do no harm, and this node
   * must not stop for it.
   *
   * @throws GenesisMismatch when this node is the younger of the two, to stop it
   */
  private void decide(int fromNode, Wire.Hello theirs, int attempt, boolean wasLinked) {
    Optional<String> difference = GenesisCheck.mismatch(hello, theirs);
    peers.greeted(fromNode, difference.isEmpty());
    if (difference.isEmpty()) {
      ctx.getLog().debug("node {}: node {} has the same genesis", node.nodeId(), fromNode);
      return;
    }
    String line = "genesis mismatch with node " + fromNode + ": " + difference.get();
    Optional<ActorRef<NodeGuardian.Command>> peer = peers.guardianOf(fromNode);
    if (peer.isEmpty() && (wasLinked || attempt >= HELLO_RECHECKS)) {
      // It left (or was never linked) before the ages could be compared: nothing to refuse, and no reason to stop.
      ctx.getLog().warn("node {}: {}; node {} left before the older of the two was known, so it is ignored",
          node.nodeId(), line, fromNode);
      node.emit("peer_rejected", "peer", fromNode, "detail", difference.get());
      return;
    }
    Seniority.Verdict verdict = peer
        .map(ref -> Seniority.of(ctx.getSystem(), ref.path().address()))
        .orElse(Seniority.Verdict.UNDECIDED);
    if (verdict == Seniority.Verdict.SELF_OLDER) {
      ctx.getLog().warn("node {}: {}; node {} joined later, so it stops and this node ignores it",
          node.nodeId(), line, fromNode);
      node.emit("peer_rejected", "peer", fromNode, "detail", difference.get());
      peers.refuse(fromNode);
      return;
    }
    if (verdict == Seniority.Verdict.UNDECIDED && attempt < HELLO_RECHECKS) {
      ctx.scheduleOnce(HELLO_RECHECK, ctx.getSelf(),
          new RecheckHello(fromNode, theirs, attempt + 1, wasLinked || peer.isPresent()));
      return;
    }
    ctx.getLog().error("node {}: {}; stopping the node", node.nodeId(), line);
    node.emit("genesis_mismatch", "peer", fromNode, "detail", difference.get());
    throw new GenesisMismatch(line);
  }
}
