package io.actorchain.node.cluster;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.pos.block.TransitionMemo;
import io.actorchain.node.NodeContext;
import io.actorchain.node.NodeCrash;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeSpec;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.consensus.MinerSpec;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.net.GenesisMismatch;
import io.actorchain.node.store.NodeStores;
import io.actorchain.node.time.SystemClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The root of a cluster member process hosting one node (ARCHITECTURE.md, "Cluster"): the node's
 * {@link NodeGuardian} (named {@code node-<id>}, discovering its peers through the Receptionist), its
 * miners and validators, the {@link EventBuffer} its events go to, and the {@link Membership} view. If the node's
 * guardian stops, the process has nothing left to do and shuts down; a genesis mismatch with a peer is the reason it
 * gives then, so that {@code node} can print it.
 */
public final class ClusterNode {

  /** Never leaves the process. */
  public sealed interface Command extends LocalOnly {}

  public record GetParts(ActorRef<Parts> replyTo) implements Command {}

  public record Parts(int nodeId, ActorRef<NodeGuardian.Command> guardian, ActorRef<Membership.Command> membership,
      ActorRef<EventBuffer.Command> events) implements LocalOnly {}

  /** Reported when the NodeGuardian stops: the node is gone, so the process leaves and stops too. */
  public enum NodeStopped implements CoordinatedShutdown.Reason { INSTANCE }

  /** Reported when the NodeGuardian stopped because a peer built another genesis; {@code line} names the difference. */
  public record GenesisMismatchReason(String line) implements CoordinatedShutdown.Reason {}

  /** Reported when a crash fault stopped the NodeGuardian: the process exits as if killed, its data dir kept. */
  public record CrashedReason(String line) implements CoordinatedShutdown.Reason {}

  private ClusterNode() {}

  /**
   * @param validators the genesis validators this node hosts, by name
   * @param startInPos start the PoS chain from the PoW genesis block at once ({@code node --pos})
   */
  public static Behavior<Command> create(int nodeId, ChainSettings settings, List<String> validators,
      boolean startInPos) {
    return create(nodeId, settings, validators, startInPos, NodeStores.inMemory());
  }

  /**
   * @param stores the node's block store and slashing-protection database (its data dir, opened and bound to this
   *     genesis by the caller, who closes them once the actor system has terminated)
   */
  public static Behavior<Command> create(int nodeId, ChainSettings settings, List<String> validators,
      boolean startInPos, NodeStores stores) {
    return Behaviors.setup(ctx -> {
      ActorRef<EventBuffer.Command> events = ctx.spawn(EventBuffer.create(EventBuffer.DEFAULT_CAPACITY), "events");
      ActorRef<NodeEvent> inbox = ctx.spawn(EventBuffer.inbox(events), "events-inbox");
      NodeContext node = new NodeContext(nodeId, SystemClock.INSTANCE, inbox, settings, seedOf(settings),
          new TransitionMemo(), stores);
      NodeSpec spec = new NodeSpec(nodeId, startInPos ? List.of() : miners(nodeId, settings), validators, null);
      // The guardian logs the mismatch itself, in one line; the supervisor need not add a stack trace.
      Behavior<NodeGuardian.Command> supervised = Behaviors.supervise(Behaviors.supervise(
              NodeGuardian.create(node, spec, true))
          .onFailure(GenesisMismatch.class, SupervisorStrategy.stop().withLoggingEnabled(false)))
          .onFailure(NodeCrash.class, SupervisorStrategy.stop().withLoggingEnabled(false));
      ActorRef<NodeGuardian.Command> guardian = ctx.spawn(supervised, NodeSpec.actorName(nodeId));
      ctx.watch(guardian);
      if (startInPos) {
        guardian.tell(NodeGuardian.StartPos.INSTANCE);
      }
      ActorRef<Membership.Command> membership = ctx.spawn(Membership.create(), "membership");
      Parts parts = new Parts(nodeId, guardian, membership, events);
      return Behaviors.receive(Command.class)
          .onMessage(GetParts.class, g -> {
            g.replyTo().tell(parts);
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            CoordinatedShutdown.Reason reason = NodeStopped.INSTANCE;
            if (t instanceof ChildFailed f && f.getCause() instanceof GenesisMismatch g) {
              reason = new GenesisMismatchReason(g.getMessage());
            } else if (t instanceof ChildFailed f && f.getCause() instanceof NodeCrash c) {
              reason = new CrashedReason(c.getMessage());
            }
            ctx.getLog().error("node {}: its NodeGuardian stopped; leaving the cluster and shutting down", nodeId);
            CoordinatedShutdown.get(ctx.getSystem()).runAll(reason);
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
