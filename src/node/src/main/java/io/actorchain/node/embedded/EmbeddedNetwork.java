package io.actorchain.node.embedded;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.NodeContext;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeSpec;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

  private final Clock clock;
  private final ActorRef<NodeEvent> events;
  private final Map<Integer, ActorRef<NodeGuardian.Command>> nodes = new TreeMap<>();

  public static Behavior<Command> create(ChainSettings settings, List<NodeSpec> specs, Clock clock,
      ActorRef<NodeEvent> events, long seed) {
    return Behaviors.setup(ctx -> new EmbeddedNetwork(ctx, settings, specs, clock, events, seed));
  }

  private EmbeddedNetwork(ActorContext<Command> ctx, ChainSettings settings, List<NodeSpec> specs, Clock clock,
      ActorRef<NodeEvent> events, long seed) {
    super(ctx);
    this.clock = clock;
    this.events = events;
    for (NodeSpec spec : specs) {
      NodeContext node = new NodeContext(spec.nodeId(), clock, events, settings, seed);
      nodes.put(spec.nodeId(), ctx.spawn(NodeGuardian.create(node, spec, false), NodeSpec.actorName(spec.nodeId())));
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
        .build();
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
