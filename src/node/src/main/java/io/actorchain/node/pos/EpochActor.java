package io.actorchain.node.pos;

import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.block.AttestationProduction;
import io.actorchain.core.pos.misc.Committees;
import io.actorchain.core.pos.misc.Proposers;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.node.NodeContext;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.FaultReply;
import io.actorchain.node.fault.Publish;
import io.actorchain.node.net.LocalOnly;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The slot and epoch clock of the PoS engine (ARCHITECTURE.md): at each slot start it tells the chain the slot and
 * hands the proposal to the hosted proposer; at a third of the slot it hands attestation duties to the hosted members
 * of that slot's committees. It also routes votes and epoch transitions to one CheckpointActor per live checkpoint.
 */
public final class EpochActor extends AbstractBehavior<EpochActor.Command> {

  public sealed interface Command extends LocalOnly {}

  /** Swap {@code fault} into the hosted validator it names; {@code replyTo} (nullable) learns whether it is hosted here. */
  public record InjectFault(Fault.ValidatorFault fault, ActorRef<Publish> publish, ActorRef<FaultReply> replyTo)
      implements Command {}

  /** Swap the honest behaviour back into the validator {@code fault} names, if that fault is the one in. */
  public record ClearFault(Fault.ValidatorFault fault, ActorRef<FaultReply> replyTo) implements Command {}

  /** What each hosted validator signed last ({@link DutyReport}), asked of each once. */
  public record GetDuties(ActorRef<DutyReport> replyTo) implements Command {}

  private record SlotStart(long slot) implements Command {}

  private record AttestTime(long slot) implements Command {}

  private record ForProposal(PosCommand.SlotContext context) implements Command {}

  private record ForAttestation(PosCommand.SlotContext context) implements Command {}

  private record ChainNews(ChainEvent event) implements Command {}

  private final NodeContext node;
  private final ConsensusConfig config;
  private final long genesisMillis;
  private final ActorRef<ChainActor.Command> chain;
  private final TimerScheduler<Command> timers;
  private final Map<String, ActorRef<ValidatorActor.Command>> validators = new TreeMap<>();
  private final Map<PubKey, String> hostedByKey = new TreeMap<>();
  private final Map<Checkpoint, ActorRef<CheckpointActor.Command>> checkpoints = new TreeMap<>(
      (a, b) -> a.epoch() != b.epoch() ? Long.compareUnsigned(a.epoch(), b.epoch()) : a.root().compareTo(b.root()));
  private long finalizedEpoch;
  private long spawned;
  /** Registry indices of the hosted validators, resolved once per registry size (deposits only ever append). */
  private int[] hostedIndices = new int[0];
  private String[] hostedNames = new String[0];
  private int resolvedForCount = -1;

  public static Behavior<Command> create(NodeContext node, ConsensusConfig config, long genesisTimeSeconds,
      List<String> hosted, ActorRef<ChainActor.Command> chain, ActorRef<MempoolActor.Command> mempool) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new EpochActor(ctx, node, config, genesisTimeSeconds, hosted, chain, mempool, timers)));
  }

  private EpochActor(ActorContext<Command> ctx, NodeContext node, ConsensusConfig config, long genesisTimeSeconds,
      List<String> hosted, ActorRef<ChainActor.Command> chain, ActorRef<MempoolActor.Command> mempool,
      TimerScheduler<Command> timers) {
    super(ctx);
    this.node = node;
    this.config = config;
    this.genesisMillis = genesisTimeSeconds * 1000;
    this.chain = chain;
    this.timers = timers;
    for (String name : hosted) {
      Behavior<ValidatorActor.Command> v = Behaviors.supervise(ValidatorActor.create(node, name, config, chain, mempool))
          .onFailure(SupervisorStrategy.restart());
      validators.put(name, ctx.spawn(v, "validator-" + name));
      hostedByKey.put(node.settings().key(name).publicKey(), name);
    }
    chain.tell(new ChainActor.Subscribe(ctx.messageAdapter(ChainEvent.class, ChainNews::new), java.util.EnumSet.of(
        ChainEvent.Kind.ATTESTATION, ChainEvent.Kind.LOCAL_ATTESTATION, ChainEvent.Kind.BLOCK_ATTESTATIONS,
        ChainEvent.Kind.EPOCH_TRANSITIONED)));
    long first = config.firstSlotStartingFrom(genesisMillis, node.clock().nowMillis());
    scheduleAt(new SlotStart(first), config.slotStartMillis(genesisMillis, first));
  }

  private void scheduleAt(Command c, long atMillis) {
    timers.startSingleTimer(c, c, Duration.ofMillis(Math.max(0, atMillis - node.clock().nowMillis())));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(SlotStart.class, this::onSlotStart)
        .onMessage(AttestTime.class, this::onAttestTime)
        .onMessage(ForProposal.class, this::onForProposal)
        .onMessage(ForAttestation.class, this::onForAttestation)
        .onMessage(ChainNews.class, this::onChainNews)
        .onMessage(InjectFault.class, f -> routeFault(f.fault(), new ValidatorActor.InjectFault(f.fault(), f.publish()),
            f.replyTo(), "injected"))
        .onMessage(ClearFault.class, c -> routeFault(c.fault(), new ValidatorActor.ClearFault(c.fault()), c.replyTo(),
            "cleared"))
        .onMessage(GetDuties.class, g -> {
          getContext().spawnAnonymous(DutyCollector.create(node.nodeId(), new TreeMap<>(validators), g.replyTo()));
          return this;
        })
        .build();
  }

  private Behavior<Command> routeFault(Fault.ValidatorFault fault, ValidatorActor.Command message,
      ActorRef<FaultReply> replyTo, String done) {
    ActorRef<ValidatorActor.Command> v = validators.get(fault.validator());
    FaultReply reply;
    if (v == null) {
      reply = FaultReply.refused("validator " + fault.validator() + " is not hosted on node " + node.nodeId());
    } else {
      v.tell(message);
      reply = FaultReply.accepted(fault.describe() + " " + done + " on node " + node.nodeId());
    }
    getContext().getLog().info("node {}: {}", node.nodeId(), reply.detail());
    if (replyTo != null) {
      replyTo.tell(reply);
    }
    return this;
  }

  private Behavior<Command> onSlotStart(SlotStart s) {
    long slot = s.slot();
    chain.tell(new PosCommand.SlotTick(slot));
    if (!validators.isEmpty()) {
      chain.tell(new PosCommand.GetSlotContext(slot, getContext().messageAdapter(PosCommand.SlotContext.class, ForProposal::new)));
    }
    scheduleAt(new AttestTime(slot), config.slotStartMillis(genesisMillis, slot) + config.millisPerSlot() / 3);
    scheduleAt(new SlotStart(slot + 1), config.slotStartMillis(genesisMillis, slot + 1));
    return this;
  }

  private Behavior<Command> onForProposal(ForProposal p) {
    BeaconState state = p.context().advancedState();
    if (p.context().slot() == 0) {
      return this; // slot 0 is the anchor's
    }
    int proposer = Proposers.beaconProposerIndex(state, p.context().slot(), config);
    String name = hostedByKey.get(state.validator(proposer).pubkey());
    if (name != null && !state.validator(proposer).slashed()) { // a slashed proposer's block would be invalid
      validators.get(name).tell(new ValidatorActor.Propose(p.context(), proposer));
    }
    return this;
  }

  private Behavior<Command> onAttestTime(AttestTime a) {
    if (!validators.isEmpty()) {
      chain.tell(new PosCommand.GetSlotContext(a.slot(), getContext().messageAdapter(PosCommand.SlotContext.class,
          ForAttestation::new)));
    }
    return this;
  }

  private Behavior<Command> onForAttestation(ForAttestation f) {
    PosCommand.SlotContext ctx = f.context();
    BeaconState state = ctx.advancedState();
    long slot = ctx.slot();
    long epoch = config.epochOf(slot);
    Map<Long, AttestationData> dataByCommittee = new TreeMap<>();
    resolveHosted(state);
    for (int h = 0; h < hostedIndices.length; h++) {
      int index = hostedIndices[h];
      String name = hostedNames[h];
      Optional<Committees.Assignment> duty = Committees.committeeOf(state, epoch, index, config);
      if (duty.isEmpty() || duty.get().slot() != slot) {
        continue;
      }
      long committee = duty.get().committeeIndex();
      AttestationData data = dataByCommittee.computeIfAbsent(committee,
          c -> AttestationProduction.attestationData(state, ctx.headRoot(), slot, c, config));
      validators.get(name).tell(new ValidatorActor.Attest(data, index));
    }
    return this;
  }

  private void resolveHosted(BeaconState state) {
    if (state.validatorCount() == resolvedForCount) {
      return;
    }
    List<Integer> indices = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int index = 0; index < state.validatorCount(); index++) {
      String name = hostedByKey.get(state.validator(index).pubkey());
      if (name != null) {
        indices.add(index);
        names.add(name);
      }
    }
    hostedIndices = indices.stream().mapToInt(Integer::intValue).toArray();
    hostedNames = names.toArray(new String[0]);
    resolvedForCount = state.validatorCount();
  }

  private Behavior<Command> onChainNews(ChainNews n) {
    if (n.event() instanceof ChainEvent.AttestationsImported a) {
      tally(a.attestations());
    } else if (n.event() instanceof ChainEvent.BlockAttestationsImported b) {
      tally(b.attestations());
    } else if (n.event() instanceof ChainEvent.EpochTransitioned t) {
      finalizedEpoch = t.transition().finalized().epoch();
      for (ActorRef<CheckpointActor.Command> c : List.copyOf(checkpoints.values())) {
        c.tell(new CheckpointActor.Transition(t.transition()));
      }
      checkpoints.keySet().removeIf(c -> Long.compareUnsigned(c.epoch(), finalizedEpoch) <= 0);
    }
    return this;
  }

  /** Hands each live target's votes to its CheckpointActor in one message, in the order they came. */
  private void tally(List<ChainEvent.AttestationImported> attestations) {
    Map<Checkpoint, List<CheckpointActor.Vote>> byTarget = new LinkedHashMap<>();
    for (ChainEvent.AttestationImported a : attestations) {
      if (isLive(a.attestation().data().target())) {
        byTarget.computeIfAbsent(a.attestation().data().target(), t -> new ArrayList<>()).add(vote(a));
      }
    }
    byTarget.forEach((target, votes) -> checkpoint(target).tell(new CheckpointActor.Votes(votes)));
  }

  private boolean isLive(Checkpoint target) {
    return Long.compareUnsigned(target.epoch(), finalizedEpoch) > 0 || finalizedEpoch == 0;
  }

  private static CheckpointActor.Vote vote(ChainEvent.AttestationImported a) {
    return new CheckpointActor.Vote((int) a.attestation().validatorIndex(), a.stake());
  }

  private ActorRef<CheckpointActor.Command> checkpoint(Checkpoint c) {
    return checkpoints.computeIfAbsent(c, k -> getContext().spawn(CheckpointActor.create(node, k),
        "checkpoint-" + k.epoch() + "-" + k.root().shortHex() + "-" + (++spawned)));
  }

}
