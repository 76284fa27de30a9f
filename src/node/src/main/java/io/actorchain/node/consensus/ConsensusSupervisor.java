package io.actorchain.node.consensus;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.NodeContext;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.pos.EpochActor;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.config.PowMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Owns the node's block producers (ARCHITECTURE.md). It starts with the proof-of-work engine — one
 * MinerActor per hosted miner — and is where the merge will swap them for the proof-of-stake engine.
 */
public final class ConsensusSupervisor extends AbstractBehavior<ConsensusSupervisor.Command> {
  /** Real-mode miners run on their own dispatcher, away from the actors of the node. */
  public static final String MINING_DISPATCHER = "actorchain.mining-dispatcher";

  public sealed interface Command extends LocalOnly {}

  public record GetMinerStats(ActorRef<MinerStats> replyTo) implements Command {}

  public record MinerStats(List<ActorRef<MinerActor.Command>> miners) implements LocalOnly {}

  /** Stops every miner: used by crash faults and at the end of a simulation. */
  public enum StopMining implements Command { INSTANCE }

  private record ChainNews(ChainEvent event) implements Command {}

  private final NodeContext node;
  private final List<String> validators;
  private final ActorRef<ChainActor.Command> chain;
  private final ActorRef<MempoolActor.Command> mempool;
  private final List<ActorRef<MinerActor.Command>> miners = new ArrayList<>();
  private ActorRef<EpochActor.Command> posEngine;

  public static Behavior<Command> create(NodeContext node, List<MinerSpec> specs, List<String> validators,
      ActorRef<ChainActor.Command> chain, ActorRef<MempoolActor.Command> mempool) {
    return Behaviors.setup(ctx -> new ConsensusSupervisor(ctx, node, specs, validators, chain, mempool));
  }

  private ConsensusSupervisor(ActorContext<Command> ctx, NodeContext node, List<MinerSpec> specs, List<String> validators,
      ActorRef<ChainActor.Command> chain, ActorRef<MempoolActor.Command> mempool) {
    super(ctx);
    this.node = node;
    this.validators = List.copyOf(validators);
    this.chain = chain;
    this.mempool = mempool;
    chain.tell(new ChainActor.Subscribe(ctx.messageAdapter(ChainEvent.class, ChainNews::new), true));
    PowMode mode = node.settings().powMode();
    DispatcherSelector dispatcher = mode == PowMode.REAL
        ? DispatcherSelector.fromConfig(MINING_DISPATCHER)
        : DispatcherSelector.sameAsParent();
    for (MinerSpec spec : specs) {
      Behavior<MinerActor.Command> miner = Behaviors.supervise(MinerActor.create(node, spec, mode, chain, mempool))
          .onFailure(SupervisorStrategy.restart());
      miners.add(ctx.spawn(miner, "miner-" + spec.name(), dispatcher));
    }
    ctx.getLog().info("node {}: PoW engine with {} {} miner(s)", node.nodeId(), specs.size(), mode.configName());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetMinerStats.class, g -> {
          g.replyTo().tell(new MinerStats(List.copyOf(miners)));
          return this;
        })
        .onMessageEquals(StopMining.INSTANCE, () -> {
          stopMiners();
          return this;
        })
        .onMessage(ChainNews.class, this::onChainNews)
        .build();
  }

  private void stopMiners() {
    miners.forEach(m -> getContext().stop(m));
    miners.clear();
  }

  /** The merge is a real swap (ARCHITECTURE.md): the PoW children stop, the PoS engine starts. */
  private Behavior<Command> onChainNews(ChainNews n) {
    if (n.event() instanceof ChainEvent.Merged m && posEngine == null) {
      int stopped = miners.size();
      stopMiners();
      posEngine = getContext().spawn(EpochActor.create(node, node.settings().consensus().config(),
          m.genesisTimeSeconds(), validators, chain, mempool), "epoch");
      getContext().getLog().info("node {}: stopped {} miner(s); PoS engine started with {} hosted validator(s)",
          node.nodeId(), stopped, validators.size());
    }
    return this;
  }
}
