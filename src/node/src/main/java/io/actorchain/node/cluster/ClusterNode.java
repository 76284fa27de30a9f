package io.actorchain.node.cluster;

import io.actorchain.core.codec.Sha256;
import io.actorchain.node.NodeContext;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeSpec;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.consensus.MinerSpec;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.time.SystemClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The root of a cluster member process hosting one node (ARCHITECTURE.md, "Cluster"): the node's
 * {@link NodeGuardian} (named {@code node-<id>}, discovering its peers through the Receptionist), its
 * miners, the {@link EventBuffer} its events go to, and the {@link Membership} view. If the node's
 * guardian stops, the process has nothing left to do and shuts down.
 */
public final class ClusterNode {

  public sealed interface Command {}

  public record GetParts(ActorRef<Parts> replyTo) implements Command {}

  public record Parts(int nodeId, ActorRef<NodeGuardian.Command> guardian, ActorRef<Membership.Command> membership,
      ActorRef<EventBuffer.Command> events) {}

  /** Reported when the NodeGuardian stops: the node is gone, so the process leaves and stops too. */
  public enum NodeStopped implements CoordinatedShutdown.Reason { INSTANCE }

  private ClusterNode() {}

  public static Behavior<Command> create(int nodeId, ChainSettings settings) {
    return Behaviors.setup(ctx -> {
      ActorRef<EventBuffer.Command> events = ctx.spawn(EventBuffer.create(EventBuffer.DEFAULT_CAPACITY), "events");
      ActorRef<NodeEvent> inbox = ctx.spawn(EventBuffer.inbox(events), "events-inbox");
      NodeContext node = new NodeContext(nodeId, SystemClock.INSTANCE, inbox, settings, seedOf(settings));
      NodeSpec spec = new NodeSpec(nodeId, miners(nodeId, settings), List.of(), null);
      ActorRef<NodeGuardian.Command> guardian = ctx.spawn(NodeGuardian.create(node, spec, true),
          NodeSpec.actorName(nodeId));
      ctx.watch(guardian);
      ActorRef<Membership.Command> membership = ctx.spawn(Membership.create(), "membership");
      Parts parts = new Parts(nodeId, guardian, membership, events);
      return Behaviors.receive(Command.class)
          .onMessage(GetParts.class, g -> {
            g.replyTo().tell(parts);
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            ctx.getLog().error("node {}: its NodeGuardian stopped; leaving the cluster and shutting down", nodeId);
            CoordinatedShutdown.get(ctx.getSystem()).runAll(NodeStopped.INSTANCE);
            return Behaviors.same();
          })
          .build();
    });
  }

  /** {@code miners-per-node} miners named {@code miner-<id>-<k>}, each at {@code miner-hashrate}. */
  public static List<MinerSpec> miners(int nodeId, ChainSettings settings) {
    List<MinerSpec> miners = new ArrayList<>();
    for (int k = 0; k < settings.minersPerNode(); k++) {
      miners.add(new MinerSpec("miner-" + nodeId + "-" + k, settings.minerHashrate()));
    }
    return List.copyOf(miners);
  }

  /** Every process of one network derives the same base seed from the chain seed; nodes differ by id. */
  static long seedOf(ChainSettings settings) {
    return Sha256.hash(("cluster-node-seed" + settings.chainSeed()).getBytes(StandardCharsets.UTF_8)).firstU64le();
  }
}
