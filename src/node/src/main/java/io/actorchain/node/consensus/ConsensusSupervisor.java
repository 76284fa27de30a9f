package io.actorchain.node.consensus;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.NodeContext;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.pos.DutyReport;
import io.actorchain.node.pos.EpochActor;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.config.PowMode;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.FaultReply;
import io.actorchain.node.fault.Publish;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  /**
   * A validator fault (to the EpochActor, or held until proof of stake starts) or a PoW fault (to the miners and their
   * withholder); {@code publish} floods what a fault behaviour signs; {@code replyTo} may be null.
   */
  public record InjectFault(Fault fault, ActorRef<Publish> publish, ActorRef<FaultReply> replyTo) implements Command {}

  public record ClearFault(Fault fault, ActorRef<FaultReply> replyTo) implements Command {}

  /** What each hosted validator signed last; before proof of stake, only their names (and faults waiting for it). */
  public record GetDuties(ActorRef<DutyReport> replyTo) implements Command {}

  private record ChainNews(ChainEvent event) implements Command {}

  private final NodeContext node;
  private final List<String> validators;
  private final ActorRef<ChainActor.Command> chain;
  private final ActorRef<MempoolActor.Command> mempool;
  private final List<ActorRef<MinerActor.Command>> miners = new ArrayList<>();
  private ActorRef<EpochActor.Command> posEngine;
  /** Validator faults injected before proof of stake started, by validator: swapped in when it starts. */
  private final Map<String, InjectFault> pendingValidatorFaults = new TreeMap<>();
  private ActorRef<WithholdingActor.Command> withholder;
  private Fault.PowFault powFault;

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
        .onMessage(InjectFault.class, this::onInjectFault)
        .onMessage(ClearFault.class, this::onClearFault)
        .onMessage(GetDuties.class, this::onGetDuties)
        .build();
  }

  private void stopMiners() {
    miners.forEach(m -> getContext().stop(m));
    miners.clear();
    if (withholder != null) {
      getContext().stop(withholder); // what it still withholds is never published
      withholder = null;
      powFault = null;
    }
  }

  private Behavior<Command> onInjectFault(InjectFault f) {
    if (f.fault() instanceof Fault.ValidatorFault v) {
      if (!validators.contains(v.validator())) {
        reply(f.replyTo(), FaultReply.refused(notHosted(v)));
      } else if (posEngine != null) {
        posEngine.tell(new EpochActor.InjectFault(v, f.publish(), f.replyTo()));
      } else {
        pendingValidatorFaults.put(v.validator(), f);
        reply(f.replyTo(), FaultReply.accepted(v.describe() + " on node " + node.nodeId()
            + "; it acts once proof of stake starts"));
      }
    } else if (f.fault() instanceof Fault.PowFault p) {
      if (posEngine != null) {
        reply(f.replyTo(), FaultReply.refused("node " + node.nodeId() + " has merged: " + p.kind()
            + " needs proof-of-work miners"));
      } else if (miners.isEmpty()) {
        reply(f.replyTo(), FaultReply.refused("node " + node.nodeId() + " hosts no miner: " + p.kind() + " needs one"));
      } else {
        if (withholder == null) {
          withholder = getContext().spawn(WithholdingActor.create(node, chain), "withholder");
        }
        withholder.tell(new WithholdingActor.Start(p, f.publish()));
        miners.forEach(m -> m.tell(new MinerActor.WithholdTo(withholder)));
        powFault = p;
        reply(f.replyTo(), FaultReply.accepted(p.describe() + ": " + miners.size() + " miner(s) withhold"));
      }
    } else {
      reply(f.replyTo(), FaultReply.refused(f.fault().kind() + " is not a consensus fault"));
    }
    return this;
  }

  private Behavior<Command> onClearFault(ClearFault c) {
    if (c.fault() instanceof Fault.ValidatorFault v) {
      if (!validators.contains(v.validator())) {
        reply(c.replyTo(), FaultReply.refused(notHosted(v)));
      } else if (posEngine != null) {
        posEngine.tell(new EpochActor.ClearFault(v, c.replyTo()));
      } else {
        InjectFault pending = pendingValidatorFaults.get(v.validator());
        boolean was = pending != null && pending.fault().equals(v);
        if (was) {
          pendingValidatorFaults.remove(v.validator());
        }
        reply(c.replyTo(), was ? FaultReply.accepted(v.describe() + " cleared on node " + node.nodeId())
            : FaultReply.refused("validator " + v.validator() + " has no " + v.kind() + " fault on node " + node.nodeId()));
      }
    } else if (c.fault() instanceof Fault.PowFault p) {
      if (!p.equals(powFault)) {
        reply(c.replyTo(), FaultReply.refused("node " + node.nodeId() + " has no " + p.describe() + " fault"));
      } else {
        miners.forEach(m -> m.tell(MinerActor.Honest.INSTANCE));
        withholder.tell(WithholdingActor.Release.INSTANCE);
        powFault = null;
        reply(c.replyTo(), FaultReply.accepted(p.describe() + " cleared: withheld blocks published"));
      }
    } else {
      reply(c.replyTo(), FaultReply.refused(c.fault().kind() + " is not a consensus fault"));
    }
    return this;
  }

  private Behavior<Command> onGetDuties(GetDuties g) {
    if (posEngine != null) {
      posEngine.tell(new EpochActor.GetDuties(g.replyTo()));
      return this;
    }
    List<DutyReport.Duties> waiting = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(validators)) {
      InjectFault pending = pendingValidatorFaults.get(name);
      waiting.add(DutyReport.Duties.unknown(name, pending == null ? null : pending.fault().kind()));
    }
    g.replyTo().tell(new DutyReport(node.nodeId(), waiting));
    return this;
  }

  private String notHosted(Fault.ValidatorFault v) {
    return "validator " + v.validator() + " is not hosted on node " + node.nodeId();
  }

  private void reply(ActorRef<FaultReply> replyTo, FaultReply reply) {
    getContext().getLog().info("node {}: {}", node.nodeId(), reply.detail());
    if (replyTo != null) {
      replyTo.tell(reply);
    }
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
      pendingValidatorFaults.values().forEach(f ->
          posEngine.tell(new EpochActor.InjectFault((Fault.ValidatorFault) f.fault(), f.publish(), null)));
      pendingValidatorFaults.clear();
    }
    return this;
  }
}
