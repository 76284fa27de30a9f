package io.actorchain.node;

import io.actorchain.node.consensus.ConsensusSupervisor;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.FaultReply;
import io.actorchain.node.fault.Publish;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.net.PeerLinkActor;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Where a {@link NodeGuardian} sends the faults injected into its node (ARCHITECTURE.md, "Faults"): validator and PoW
 * faults to the consensus supervisor (on to the ValidatorActor or the miners), link faults to the PeerLinkActors; a
 * crash stops the guardian itself (an embedded network crashes its nodes from outside instead). The faults injected
 * through the node's API go through its {@link FaultDesk} first. A plain helper the guardian owns; it runs only on the
 * guardian's turn, and decides nothing but the route.
 */
final class NodeFaults {
  /** What a fault behaviour signed or withheld, flooded to every peer whatever this node's chain made of it. */
  record PublishOwn(Publish publish) implements NodeGuardian.Command, LocalOnly {}

  private final ActorContext<NodeGuardian.Command> ctx;
  private final NodeContext node;
  private final PeerLinks peers;
  private final ActorRef<ConsensusSupervisor.Command> consensus;
  private final ActorRef<Publish> publish;
  private final IntConsumer offerHead;
  private final FaultDesk desk;

  /**
   * @param offerHead sends this node's head, if it has one, to a peer whose link a fault no longer cuts (it may have
   *     missed blocks)
   */
  NodeFaults(ActorContext<NodeGuardian.Command> ctx, NodeContext node, NodeSpec spec, PeerLinks peers,
      ActorRef<ConsensusSupervisor.Command> consensus, IntConsumer offerHead) {
    this.ctx = ctx;
    this.node = node;
    this.peers = peers;
    this.consensus = consensus;
    this.publish = ctx.messageAdapter(Publish.class, PublishOwn::new);
    this.offerHead = offerHead;
    this.desk = new FaultDesk(ctx, node, spec, peers);
  }

  /**
   * Handles one of the guardian's fault messages: {@link NodeGuardian.InjectFault}, {@link NodeGuardian.ClearFault},
   * {@link NodeGuardian.ApplyLinkFault}, {@link PublishOwn} or a {@link FaultDesk.Command}.
   *
   * @throws NodeCrash when a crash of this node is injected: the guardian stops with it, its whole tree with it
   */
  void on(NodeGuardian.Command c) {
    if (c instanceof NodeGuardian.InjectFault f) {
      if (inject(f)) {
        throw new NodeCrash("node " + node.nodeId() + " crashed: crash fault injected");
      }
    } else if (c instanceof NodeGuardian.ClearFault cl) {
      clear(cl);
    } else if (c instanceof NodeGuardian.ApplyLinkFault f) {
      applyLinkFault(f);
    } else if (c instanceof PublishOwn p) {
      peers.flood(p.publish().payload(), p.publish().id(), -1);
    } else if (c instanceof FaultDesk.Command d) {
      desk.on(d);
    } else {
      throw new IllegalStateException("unhandled fault message " + c);
    }
  }

  /** Routes {@code f}, or answers why not; true if it is a crash of this node. */
  private boolean inject(NodeGuardian.InjectFault f) {
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
      applyLinkFault(new NodeGuardian.ApplyLinkFault(null, l.fault()));
    } else if (fault instanceof Fault.Partition p) {
      int mine = p.groupOf(node.nodeId());
      for (int peer : peers.ids()) {
        if (mine < 0 || p.groupOf(peer) != mine) {
          applyLinkFault(new NodeGuardian.ApplyLinkFault(peer, new LinkFault.Partition()));
        }
      }
    } else {
      throw new IllegalStateException("no route for fault " + fault);
    }
    reply(f.replyTo(), FaultReply.accepted(fault.describe() + " on node " + node.nodeId()));
    return false;
  }

  private void clear(NodeGuardian.ClearFault c) {
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
      applyLinkFault(new NodeGuardian.ApplyLinkFault(null, new LinkFault.Clear(l.kind())));
    } else if (fault instanceof Fault.Partition) {
      applyLinkFault(new NodeGuardian.ApplyLinkFault(null, new LinkFault.Clear("partition")));
    } else if (fault instanceof Fault.Crash) {
      reply(c.replyTo(), FaultReply.refused("node " + node.nodeId() + " is running, not crashed: a crashed node is "
          + "restarted by its network (embedded) or by 'scripts/cluster restart' (cluster)"));
      return;
    }
    reply(c.replyTo(), FaultReply.accepted(fault.describe() + " cleared on node " + node.nodeId()));
  }

  /** Hands a valid link fault to the link to its peer, or to every link; a lifted partition offers this node's head. */
  private void applyLinkFault(NodeGuardian.ApplyLinkFault f) {
    try {
      LinkFault.validate(f.fault());
    } catch (IllegalArgumentException e) {
      ctx.getLog().warn("node {}: ignored link fault {}: {}", node.nodeId(), f.fault(), e.getMessage());
      return;
    }
    List<Integer> targets = f.peer() == null ? peers.ids() : List.of(f.peer());
    for (int peer : targets) {
      Optional<ActorRef<PeerLinkActor.Command>> l = peers.linkTo(peer);
      if (l.isEmpty()) {
        continue;
      }
      l.get().tell(new PeerLinkActor.ApplyFault(f.fault()));
      boolean lifted = f.fault() instanceof LinkFault.Heal
          || (f.fault() instanceof LinkFault.Clear c && c.kind().equals("partition"));
      if (lifted) {
        offerHead.accept(peer);
      }
    }
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
