package io.actorchain.node;

import io.actorchain.node.consensus.ConsensusSupervisor;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.FaultReply;
import io.actorchain.node.fault.Publish;
import io.actorchain.node.net.LinkFault;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Where a {@link NodeGuardian} sends the faults injected into its node (ARCHITECTURE.md, "Faults"): validator and PoW
 * faults to the consensus supervisor (on to the ValidatorActor or the miners), link faults to the PeerLinkActors; a
 * crash stops the guardian itself (an embedded network crashes its nodes from outside instead). A
 * plain helper the guardian owns; it runs only on the guardian's turn, and decides nothing but the route.
 */
final class NodeFaults {
  private final ActorContext<NodeGuardian.Command> ctx;
  private final NodeContext node;
  private final PeerLinks peers;
  private final ActorRef<ConsensusSupervisor.Command> consensus;
  private final ActorRef<Publish> publish;
  private final Consumer<NodeGuardian.ApplyLinkFault> links;

  NodeFaults(ActorContext<NodeGuardian.Command> ctx, NodeContext node, PeerLinks peers,
      ActorRef<ConsensusSupervisor.Command> consensus, ActorRef<Publish> publish,
      Consumer<NodeGuardian.ApplyLinkFault> links) {
    this.ctx = ctx;
    this.node = node;
    this.peers = peers;
    this.consensus = consensus;
    this.publish = publish;
    this.links = links;
  }

  /**
   * Routes {@code f}, or answers why not; true if it is a crash of this node, which the guardian then carries out by
   * stopping (its whole tree with it) with a {@link NodeCrash}.
   */
  boolean inject(NodeGuardian.InjectFault f) {
    Optional<String> bad = problem(f.fault());
    if (bad.isPresent()) {
      reply(f.replyTo(), FaultReply.refused(bad.get()));
      return false;
    }
    Fault fault = f.fault();
    if (fault instanceof Fault.ValidatorFault || fault instanceof Fault.PowFault) {
      consensus.tell(new ConsensusSupervisor.InjectFault(fault, publish, f.replyTo())); // it replies
      return false;
    } else if (fault instanceof Fault.Crash) {
      reply(f.replyTo(), FaultReply.accepted(fault.describe() + ": its actors stop now; it starts again from its "
          + (node.stores().dataDir().isPresent() ? "data dir " + node.stores().dataDir().get() : "stores")
          + " when restarted"));
      node.emit("node_crashed", "by", "fault");
      return true;
    } else if (fault instanceof Fault.Link l) {
      links.accept(new NodeGuardian.ApplyLinkFault(null, l.fault()));
    } else if (fault instanceof Fault.Partition p) {
      int mine = p.groupOf(node.nodeId());
      for (int peer : peers.ids()) {
        if (mine < 0 || p.groupOf(peer) != mine) {
          links.accept(new NodeGuardian.ApplyLinkFault(peer, new LinkFault.Partition()));
        }
      }
    } else {
      throw new IllegalStateException("no route for fault " + fault);
    }
    reply(f.replyTo(), FaultReply.accepted(fault.describe() + " on node " + node.nodeId()));
    return false;
  }

  void clear(NodeGuardian.ClearFault c) {
    Optional<String> bad = problem(c.fault());
    if (bad.isPresent()) {
      reply(c.replyTo(), FaultReply.refused(bad.get()));
      return;
    }
    Fault fault = c.fault();
    if (fault instanceof Fault.ValidatorFault || fault instanceof Fault.PowFault) {
      consensus.tell(new ConsensusSupervisor.ClearFault(fault, c.replyTo())); // it replies
      return;
    } else if (fault instanceof Fault.Link l && !(l.fault() instanceof LinkFault.Heal)) {
      links.accept(new NodeGuardian.ApplyLinkFault(null, new LinkFault.Clear(l.kind())));
    } else if (fault instanceof Fault.Partition) {
      links.accept(new NodeGuardian.ApplyLinkFault(null, new LinkFault.Clear("partition")));
    } else if (fault instanceof Fault.Crash) {
      reply(c.replyTo(), FaultReply.refused("node " + node.nodeId() + " is running, not crashed: a crashed node is "
          + "restarted by its network (embedded) or by 'scripts/cluster restart' (cluster)"));
      return;
    }
    reply(c.replyTo(), FaultReply.accepted(fault.describe() + " cleared on node " + node.nodeId()));
  }

  /** What is wrong with {@code fault} for this node, if anything: it is invalid, or names another node. */
  private Optional<String> problem(Fault fault) {
    try {
      Fault.validate(fault);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    if (fault instanceof Fault.NodeFault n && n.node() != node.nodeId()) {
      return Optional.of(fault.kind() + " names node " + n.node() + "; this is node " + node.nodeId());
    }
    return Optional.empty();
  }

  private void reply(ActorRef<FaultReply> replyTo, FaultReply reply) {
    ctx.getLog().info("node {}: {}", node.nodeId(), reply.detail());
    if (replyTo != null) {
      replyTo.tell(reply);
    }
  }
}
