package io.actorchain.node.embedded;

import io.actorchain.core.pos.block.TransitionMemo;
import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.NodeContext;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeSpec;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.FaultReply;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * N nodes in one actor system, wired with PeerLinkActors along a topology (ARCHITECTURE.md,
 * "Embedded"). The same NodeGuardian runs here and in a cluster process; only the wiring differs.
 */
public final class EmbeddedNetwork extends AbstractBehavior<EmbeddedNetwork.Command> {

  public sealed interface Command extends LocalOnly {}

  public record GetNodes(ActorRef<Nodes> replyTo) implements Command {}

  public record Nodes(Map<Integer, ActorRef<NodeGuardian.Command>> nodes) implements LocalOnly {}

  /** Cut every link between different groups; nodes in no group are cut from everyone. */
  public record Partition(List<Set<Integer>> groups) implements Command {}

  /** Restore every link. */
  public enum Heal implements Command { INSTANCE }

  /** Every node stops producing blocks. */
  public enum StopProducing implements Command { INSTANCE }

  /** A link fault on every link of the network. */
  public record AllLinks(LinkFault fault) implements Command {}

  /**
   * Inject a fault where it belongs: a validator fault into the node hosting that validator, a node or PoW fault into
   * that node, a link fault into every node. {@code replyTo} (nullable) learns whether it was accepted, or why not
   * (an unknown validator or node is named); a refusal is also logged as a {@code fault_rejected} event.
   */
  public record InjectFault(Fault fault, ActorRef<FaultReply> replyTo) implements Command {}

  /** End a fault injected before; routed as {@link InjectFault}. */
  public record ClearFault(Fault fault, ActorRef<FaultReply> replyTo) implements Command {}

  private record NodeReplied(Fault fault, boolean inject, FaultReply reply, ActorRef<FaultReply> replyTo)
      implements Command {}

  static final Duration FAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);

  private final Clock clock;
  private final ActorRef<NodeEvent> events;
  private final Map<Integer, ActorRef<NodeGuardian.Command>> nodes = new TreeMap<>();
  /** The node hosting each validator, in genesis order. */
  private final Map<String, Integer> hostOf = new LinkedHashMap<>();

  public static Behavior<Command> create(ChainSettings settings, List<NodeSpec> specs, Clock clock,
      ActorRef<NodeEvent> events, long seed) {
    return Behaviors.setup(ctx -> new EmbeddedNetwork(ctx, settings, specs, clock, events, seed));
  }

  private EmbeddedNetwork(ActorContext<Command> ctx, ChainSettings settings, List<NodeSpec> specs, Clock clock,
      ActorRef<NodeEvent> events, long seed) {
    super(ctx);
    this.clock = clock;
    this.events = events;
    TransitionMemo transitions = new TransitionMemo(); // the nodes of this network share their state transitions
    for (NodeSpec spec : specs) {
      NodeContext node = new NodeContext(spec.nodeId(), clock, events, settings, seed, transitions);
      nodes.put(spec.nodeId(), ctx.spawn(NodeGuardian.create(node, spec, false), NodeSpec.actorName(spec.nodeId())));
      spec.validators().forEach(v -> hostOf.put(v, spec.nodeId()));
    }
    for (NodeSpec spec : specs) {
      for (Map.Entry<Integer, ActorRef<NodeGuardian.Command>> peer : nodes.entrySet()) {
        if (spec.mayLinkTo(peer.getKey())) {
          nodes.get(spec.nodeId()).tell(new NodeGuardian.Connect(peer.getKey(), peer.getValue()));
        }
      }
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetNodes.class, g -> {
          g.replyTo().tell(new Nodes(java.util.Collections.unmodifiableMap(new TreeMap<>(nodes))));
          return this;
        })
        .onMessage(Partition.class, this::onPartition)
        .onMessageEquals(Heal.INSTANCE, this::onHeal)
        .onMessageEquals(StopProducing.INSTANCE, () -> {
          nodes.values().forEach(n -> n.tell(NodeGuardian.StopProducing.INSTANCE));
          return this;
        })
        .onMessage(AllLinks.class, a -> {
          nodes.values().forEach(n -> n.tell(new NodeGuardian.ApplyLinkFault(null, a.fault())));
          return this;
        })
        .onMessage(InjectFault.class, f -> onFault(f.fault(), true, f.replyTo()))
        .onMessage(ClearFault.class, c -> onFault(c.fault(), false, c.replyTo()))
        .onMessage(NodeReplied.class, this::onNodeReplied)
        .build();
  }

  private Behavior<Command> onFault(Fault fault, boolean inject, ActorRef<FaultReply> replyTo) {
    String problem = problemOf(fault);
    if (problem != null) {
      return onNodeReplied(new NodeReplied(fault, inject, FaultReply.refused(problem), replyTo));
    }
    if (fault instanceof Fault.ValidatorFault v) {
      return askNode(hostOf.get(v.validator()), fault, inject, replyTo);
    } else if (fault instanceof Fault.NodeFault n) {
      return askNode(n.node(), fault, inject, replyTo);
    } else if (fault instanceof Fault.Partition p && inject) {
      List<Set<Integer>> groups = new ArrayList<>();
      p.groups().forEach(g -> groups.add(new TreeSet<>(g)));
      onPartition(new Partition(groups));
    } else if (fault instanceof Fault.Link l && l.fault() instanceof LinkFault.Heal) {
      if (inject) {
        onHeal();
      }
    } else {
      nodes.values().forEach(n -> n.tell(inject ? new NodeGuardian.InjectFault(fault, null)
          : new NodeGuardian.ClearFault(fault, null)));
    }
    if (replyTo != null) {
      replyTo.tell(FaultReply.accepted(fault.describe() + (inject ? "" : " cleared") + " on every node"));
    }
    return this;
  }

  /** What makes {@code fault} impossible here, naming the unknown validator or node; null if nothing. */
  private String problemOf(Fault fault) {
    try {
      Fault.validate(fault);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (fault instanceof Fault.ValidatorFault v && !hostOf.containsKey(v.validator())) {
      return "unknown validator '" + v.validator() + "'; " + (hostOf.isEmpty() ? "this network has no validators"
          : "the validators are " + String.join(", ", List.copyOf(hostOf.keySet()).subList(0, Math.min(8, hostOf.size())))
          + (hostOf.size() > 8 ? ", … (" + hostOf.size() + ")" : ""));
    }
    List<Integer> named = new ArrayList<>();
    if (fault instanceof Fault.NodeFault n) {
      named.add(n.node());
    } else if (fault instanceof Fault.Partition p) {
      p.groups().forEach(named::addAll);
    }
    for (int n : named) {
      if (!nodes.containsKey(n)) {
        return "unknown node " + n + "; the nodes are 0.." + (nodes.size() - 1);
      }
    }
    return null;
  }

  private Behavior<Command> askNode(int nodeId, Fault fault, boolean inject, ActorRef<FaultReply> replyTo) {
    getContext().ask(FaultReply.class, nodes.get(nodeId), FAULT_REPLY_TIMEOUT,
        r -> inject ? new NodeGuardian.InjectFault(fault, r) : new NodeGuardian.ClearFault(fault, r),
        (reply, failure) -> new NodeReplied(fault, inject, reply != null ? reply
            : FaultReply.refused("node " + nodeId + " did not answer: " + failure), replyTo));
    return this;
  }

  private Behavior<Command> onNodeReplied(NodeReplied r) {
    if (!r.reply().accepted()) {
      getContext().getLog().warn("{} {} refused: {}", r.inject() ? "inject" : "clear", r.fault().describe(),
          r.reply().detail());
      events.tell(NodeEvent.of(clock.nowMillis(), -1, "fault_rejected", "kind", r.fault().kind(),
          "fault", r.fault().describe(), "action", r.inject() ? "inject" : "clear", "detail", r.reply().detail()));
    }
    if (r.replyTo() != null) {
      r.replyTo().tell(r.reply());
    }
    return this;
  }

  private Behavior<Command> onPartition(Partition p) {
    Map<Integer, Integer> groupOf = new TreeMap<>();
    for (int g = 0; g < p.groups().size(); g++) {
      for (int n : p.groups().get(g)) {
        groupOf.put(n, g);
      }
    }
    for (int a : nodes.keySet()) {
      for (int b : nodes.keySet()) {
        Integer ga = groupOf.get(a);
        Integer gb = groupOf.get(b);
        if (a != b && (ga == null || gb == null || !ga.equals(gb))) {
          nodes.get(a).tell(new NodeGuardian.ApplyLinkFault(b, new LinkFault.Partition()));
        }
      }
    }
    events.tell(NodeEvent.of(clock.nowMillis(), -1, "partition", "groups", p.groups().toString()));
    return this;
  }

  private Behavior<Command> onHeal() {
    nodes.values().forEach(n -> n.tell(new NodeGuardian.ApplyLinkFault(null, new LinkFault.Heal())));
    events.tell(NodeEvent.of(clock.nowMillis(), -1, "heal"));
    return this;
  }
}
