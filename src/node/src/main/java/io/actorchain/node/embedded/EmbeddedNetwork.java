package io.actorchain.node.embedded;

import io.actorchain.core.pos.block.TransitionMemo;
import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.NodeContext;
import io.actorchain.node.NodeCrash;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeSpec;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.FaultReply;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.store.NodeStores;
import io.actorchain.node.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * N nodes in one actor system, wired with PeerLinkActors along a topology (ARCHITECTURE.md,
 * "Embedded"). The same NodeGuardian runs here and in a cluster process; only the wiring differs.
 *
 * <p>Each node has its stores ({@link NodeStores}, in memory unless given), which outlive its actors: a {@code crash}
 * fault stops the node's guardian, and so its whole tree, and its peers unlink it; clearing the crash starts a new
 * guardian from the same stores (it reloads its chain and its validators' slashing-protection records), links it to
 * its peers again both ways with the link faults in force, and resubscribes its {@link SubscribeChain} watchers. Events
 * {@code node_crashed} and {@code node_restarted}.
 */
public final class EmbeddedNetwork extends AbstractBehavior<EmbeddedNetwork.Command> {

  public sealed interface Command extends LocalOnly {}

  public record GetNodes(ActorRef<Nodes> replyTo) implements Command {}

  /** The nodes that are up (a crashed node is missing until it restarts), by id. */
  public record Nodes(Map<Integer, ActorRef<NodeGuardian.Command>> nodes) implements LocalOnly {}

  /**
   * Subscribe {@code subscriber} to node {@code node}'s chain events (as {@code NodeGuardian.SubscribeChain}), and again
   * each time that node restarts after a crash.
   */
  public record SubscribeChain(int node, ActorRef<ChainEvent> subscriber, boolean headsOnly) implements Command {}

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

  /** A node's guardian stopped: crashed by a fault, or failed on its own. */
  private record NodeStopped(int node, ActorRef<NodeGuardian.Command> guardian) implements Command {}

  /** A crashed node: since when, whether its guardian has stopped yet, and whether it restarts once it has. */
  private record Down(long sinceMillis, boolean stopped, boolean restartWhenStopped) {}

  static final Duration FAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);

  private final Clock clock;
  private final ActorRef<NodeEvent> events;
  private final Map<Integer, NodeSpec> specs = new TreeMap<>();
  private final Map<Integer, NodeContext> contexts = new TreeMap<>();
  /** The live nodes' guardians. */
  private final Map<Integer, ActorRef<NodeGuardian.Command>> nodes = new TreeMap<>();
  private final Map<Integer, Down> down = new TreeMap<>();
  private final Map<Integer, List<SubscribeChain>> watchers = new TreeMap<>();
  private final ActiveLinkFaults linkFaults = new ActiveLinkFaults();
  /** The node hosting each validator, in genesis order. */
  private final Map<String, Integer> hostOf = new LinkedHashMap<>();

  /** Every node with its stores in memory. */
  public static Behavior<Command> create(ChainSettings settings, List<NodeSpec> specs, Clock clock,
      ActorRef<NodeEvent> events, long seed) {
    return create(settings, specs, clock, events, seed, id -> NodeStores.inMemory());
  }

  /** {@code stores} gives each node's stores, by id, once: they serve every incarnation of the node. */
  public static Behavior<Command> create(ChainSettings settings, List<NodeSpec> specs, Clock clock,
      ActorRef<NodeEvent> events, long seed, IntFunction<NodeStores> stores) {
    return Behaviors.setup(ctx -> new EmbeddedNetwork(ctx, settings, specs, clock, events, seed, stores));
  }

  private EmbeddedNetwork(ActorContext<Command> ctx, ChainSettings settings, List<NodeSpec> specs, Clock clock,
      ActorRef<NodeEvent> events, long seed, IntFunction<NodeStores> stores) {
    super(ctx);
    this.clock = clock;
    this.events = events;
    TransitionMemo transitions = new TransitionMemo(); // the nodes of this network share their state transitions
    specs.forEach(s -> this.specs.put(s.nodeId(), s));
    for (NodeSpec spec : specs) {
      contexts.put(spec.nodeId(), new NodeContext(spec.nodeId(), clock, events, settings, seed, transitions,
          stores.apply(spec.nodeId())));
      spawn(spec.nodeId());
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

  /** A guardian for node {@code id} from its context (and so its stores), watched. */
  private ActorRef<NodeGuardian.Command> spawn(int id) {
    Behavior<NodeGuardian.Command> guardian = Behaviors.supervise(NodeGuardian.create(contexts.get(id), specs.get(id),
        false)).onFailure(NodeCrash.class, SupervisorStrategy.stop().withLoggingEnabled(false));
    ActorRef<NodeGuardian.Command> ref = getContext().spawn(guardian, NodeSpec.actorName(id));
    getContext().watchWith(ref, new NodeStopped(id, ref));
    nodes.put(id, ref);
    return ref;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(SubscribeChain.class, this::onSubscribeChain)
        .onMessage(NodeStopped.class, this::onNodeStopped)
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
          linkFaults.onAllLinks(a.fault());
          nodes.values().forEach(n -> n.tell(new NodeGuardian.ApplyLinkFault(null, a.fault())));
          return this;
        })
        .onMessage(InjectFault.class, f -> onFault(f.fault(), true, f.replyTo()))
        .onMessage(ClearFault.class, c -> onFault(c.fault(), false, c.replyTo()))
        .onMessage(NodeReplied.class, this::onNodeReplied)
        .build();
  }

  private Behavior<Command> onSubscribeChain(SubscribeChain s) {
    watchers.computeIfAbsent(s.node(), n -> new ArrayList<>()).add(s);
    ActorRef<NodeGuardian.Command> node = nodes.get(s.node());
    if (node != null) {
      node.tell(new NodeGuardian.SubscribeChain(s.subscriber(), s.headsOnly()));
    }
    return this;
  }

  private Behavior<Command> onFault(Fault fault, boolean inject, ActorRef<FaultReply> replyTo) {
    String problem = problemOf(fault);
    if (problem != null) {
      return onNodeReplied(new NodeReplied(fault, inject, FaultReply.refused(problem), replyTo));
    }
    if (fault instanceof Fault.Crash c) {
      FaultReply reply = inject ? crash(c.node()) : restart(c.node());
      return onNodeReplied(new NodeReplied(fault, inject, reply, replyTo));
    }
    linkFaults.onEveryNode(fault, inject);
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
      if (!specs.containsKey(n)) {
        return "unknown node " + n + "; the nodes are 0.." + (specs.size() - 1);
      }
    }
    Integer target = fault instanceof Fault.ValidatorFault v ? hostOf.get(v.validator())
        : fault instanceof Fault.NodeFault n && !(fault instanceof Fault.Crash) ? n.node() : null;
    if (target != null && !nodes.containsKey(target)) {
      return "node " + target + " is down (crashed); clear its crash first: " + fault.describe() + " needs it running";
    }
    return null;
  }

  /** Stops node {@code id}'s guardian, and so its whole tree; its stores stay. */
  private FaultReply crash(int id) {
    if (down.containsKey(id)) {
      return FaultReply.refused("node " + id + " is down already (since " + down.get(id).sinceMillis() + " ms)");
    }
    ActorRef<NodeGuardian.Command> guardian = nodes.remove(id);
    down.put(id, new Down(clock.nowMillis(), false, false));
    getContext().stop(guardian);
    nodes.values().forEach(peer -> peer.tell(new NodeGuardian.Disconnect(id)));
    getContext().getLog().info("node {} crashed (crash fault); its stores ({}) stay", id,
        contexts.get(id).stores().chain().location());
    events.tell(NodeEvent.of(clock.nowMillis(), id, "node_crashed"));
    return FaultReply.accepted("crash node " + id + ": its actors stop; it restarts from its stores when the crash is "
        + "cleared");
  }

  /** Starts a crashed node again from its stores, once its old guardian has stopped. */
  private FaultReply restart(int id) {
    Down d = down.get(id);
    if (d == null) {
      return FaultReply.refused("node " + id + " is not crashed: only a crashed node restarts");
    }
    if (!d.stopped()) {
      down.put(id, new Down(d.sinceMillis(), false, true));
      return FaultReply.accepted("crash node " + id + " cleared: it restarts once its actors have stopped");
    }
    start(id);
    return FaultReply.accepted("crash node " + id + " cleared: restarted from its stores");
  }

  private void start(int id) {
    Down d = down.remove(id);
    ActorRef<NodeGuardian.Command> guardian = spawn(id);
    for (Map.Entry<Integer, ActorRef<NodeGuardian.Command>> peer : nodes.entrySet()) {
      int p = peer.getKey();
      if (p == id) {
        continue;
      }
      if (specs.get(id).mayLinkTo(p)) {
        guardian.tell(new NodeGuardian.Connect(p, peer.getValue()));
      }
      if (specs.get(p).mayLinkTo(id)) {
        peer.getValue().tell(new NodeGuardian.Connect(id, guardian));
      }
    }
    linkFaults.reapply(id, guardian, nodes);
    watchers.getOrDefault(id, List.of()).forEach(w ->
        guardian.tell(new NodeGuardian.SubscribeChain(w.subscriber(), w.headsOnly())));
    getContext().getLog().info("node {} restarted from its stores after {} ms down", id, clock.nowMillis() - d.sinceMillis());
    events.tell(NodeEvent.of(clock.nowMillis(), id, "node_restarted", "downMillis", clock.nowMillis() - d.sinceMillis()));
  }

  private Behavior<Command> onNodeStopped(NodeStopped s) {
    Down d = down.get(s.node());
    if (d != null && !d.stopped()) {
      if (d.restartWhenStopped()) {
        down.put(s.node(), new Down(d.sinceMillis(), true, false));
        start(s.node());
      } else {
        down.put(s.node(), new Down(d.sinceMillis(), true, false));
      }
    } else if (s.guardian().equals(nodes.get(s.node()))) {
      // It stopped itself (a crash fault sent to it, or a vital actor failed; it logged why): down until a clear.
      nodes.remove(s.node());
      down.put(s.node(), new Down(clock.nowMillis(), true, false));
      nodes.values().forEach(peer -> peer.tell(new NodeGuardian.Disconnect(s.node())));
      getContext().getLog().warn("node {} stopped; it stays down until its crash is cleared", s.node());
    }
    return this;
  }

  /**
   * Hands {@code fault} to node {@code nodeId}; its answer (or, after {@link #FAULT_REPLY_TIMEOUT}, a refusal) comes
   * back as a {@link NodeReplied} through a one-off child rather than {@code ask}, whose Java form completes on the
   * common pool, off the virtual-time loop: a refusal's {@code fault_rejected} event keeps its virtual time.
   */
  private Behavior<Command> askNode(int nodeId, Fault fault, boolean inject, ActorRef<FaultReply> replyTo) {
    ActorRef<Command> self = getContext().getSelf();
    FaultReply silence = FaultReply.refused("node " + nodeId + " did not answer within "
        + FAULT_REPLY_TIMEOUT.toSeconds() + " s");
    ActorRef<FaultReply> answer = getContext().spawnAnonymous(Behaviors.<FaultReply>withTimers(timers -> {
      timers.startSingleTimer(silence, FAULT_REPLY_TIMEOUT);
      return Behaviors.receive(FaultReply.class).onMessage(FaultReply.class, reply -> {
        self.tell(new NodeReplied(fault, inject, reply, replyTo));
        return Behaviors.stopped();
      }).build();
    }));
    nodes.get(nodeId).tell(inject ? new NodeGuardian.InjectFault(fault, answer) : new NodeGuardian.ClearFault(fault, answer));
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
    linkFaults.partitioned(p.groups());
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
    linkFaults.healed();
    nodes.values().forEach(n -> n.tell(new NodeGuardian.ApplyLinkFault(null, new LinkFault.Heal())));
    events.tell(NodeEvent.of(clock.nowMillis(), -1, "heal"));
    return this;
  }
}
