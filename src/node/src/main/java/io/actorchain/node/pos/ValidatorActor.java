package io.actorchain.node.pos;

import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.block.BlockProduction;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.node.NodeContext;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.Publish;
import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.store.ProtectionStore;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One hosted validator (CONSENSUS.md §5.7): proposes and attests when on duty. It checks its slashing-protection
 * record and saves the updated one durably in the node's {@code ProtectionStore} before anything is signed, and reads it
 * back when it starts, so an honest validator never signs anything slashable, even after {@code kill -9} mid-slot.
 * An injected fault swaps in another behaviour ({@link FaultyValidator}) until it is cleared; this one stays honest.
 */
public final class ValidatorActor extends AbstractBehavior<ValidatorActor.Command> {

  public sealed interface Command extends LocalOnly {}

  /** Propose at {@code context.slot()}: this validator is its proposer. */
  public record Propose(PosCommand.SlotContext context, int validatorIndex) implements Command {}

  /** Attest to {@code data}: this validator sits in that committee. */
  public record Attest(AttestationData data, int validatorIndex) implements Command {}

  record Candidates(PosCommand.SlotContext context, int validatorIndex, MempoolActor.BeaconCandidates candidates)
      implements Command {}

  /** Swap in {@code fault}'s behaviour; {@code publish} floods what that behaviour signs to every peer of the node. */
  public record InjectFault(Fault.ValidatorFault fault, ActorRef<Publish> publish) implements Command {}

  /** Back to honest duties, keeping the slashing-protection record, if {@code fault} is the one swapped in. */
  public record ClearFault(Fault.ValidatorFault fault) implements Command {}

  /** What this validator signed last, and the fault swapped in if any. */
  public record GetDuties(ActorRef<DutyReport.Duties> replyTo) implements Command {}

  /** The signing desk signed this validator's vote: send it to the chain. */
  record VoteSigned(Attestation attestation) implements Command {}

  final NodeContext node;
  final String name;
  final SigningKey key;
  final ConsensusConfig config;
  final ActorRef<ChainActor.Command> chain;
  private final ActorRef<MempoolActor.Command> mempool;
  private final ProtectionStore protectionStore;
  private final ActorRef<SigningDesk.Command> signer;
  /**
   * The record as last saved: loaded from the node's slashing-protection database at start (and at every restart by
   * the supervisor), and saved there, durably, before each signature ({@link #record}). A swapped-in fault behaviour
   * records what it signs too.
   */
  private SlashingProtectionRecord protection;
  /** Recorded by a swapped-in fault behaviour too. */
  final LastDuties last = new LastDuties();

  public static Behavior<Command> create(NodeContext node, String name, ConsensusConfig config,
      ActorRef<ChainActor.Command> chain, ActorRef<MempoolActor.Command> mempool) {
    return Behaviors.setup(ctx -> new ValidatorActor(ctx, node, name, config, chain, mempool));
  }

  private ValidatorActor(ActorContext<Command> ctx, NodeContext node, String name, ConsensusConfig config,
      ActorRef<ChainActor.Command> chain, ActorRef<MempoolActor.Command> mempool) {
    super(ctx);
    this.node = node;
    this.name = name;
    this.key = node.settings().key(name);
    this.config = config;
    this.chain = chain;
    this.mempool = mempool;
    this.protectionStore = node.stores().protection();
    this.signer = SigningDesk.of(ctx.getSystem());
    this.protection = protectionStore.loadOrEmpty(name);
    if (!protection.equals(SlashingProtectionRecord.empty())) {
      ctx.getLog().info("validator {}: slashing-protection record loaded from {}: last block slot {}, last source {},"
          + " last target {}", name, protectionStore.location(), protection.lastSignedBlockSlot(),
          protection.lastSourceEpoch(), protection.lastTargetEpoch());
    }
  }

  /** The slashing-protection record as last saved. */
  SlashingProtectionRecord protection() {
    return protection;
  }

  /**
   * Saves {@code next} to the slashing-protection database, durable when this returns (CONSENSUS.md §5.7), and only
   * then makes it this validator's record: call it before signing. If the save fails, the actor fails before anything
   * is signed, and its supervisor restarts it from the record last saved.
   */
  void record(SlashingProtectionRecord next) {
    protectionStore.save(name, next);
    protection = next;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Propose.class, this::onPropose)
        .onMessage(Candidates.class, this::onCandidates)
        .onMessage(Attest.class, this::onAttest)
        .onMessage(VoteSigned.class, this::onVoteSigned)
        .onMessage(InjectFault.class, f -> FaultyValidator.swapIn(getContext(), this, f))
        .onMessage(ClearFault.class, c -> this)
        .onMessage(GetDuties.class, g -> {
          g.replyTo().tell(last.report(name, null));
          return this;
        })
        .build();
  }

  Behavior<Command> onPropose(Propose p) {
    if (mayProposeAt(p.context().slot())) {
      requestCandidates(p);
    }
    return this;
  }

  /** Checks and updates the slashing-protection record for a block at {@code slot}. */
  boolean mayProposeAt(long slot) {
    Optional<SlashingProtectionRecord> next = protection.maySignBlock(slot);
    if (next.isEmpty()) {
      getContext().getLog().warn("validator {}: refused to sign a second block at slot {} (slashing protection)", name,
          slot);
      return false;
    }
    record(next.get());
    return true;
  }

  /** Asks the mempool what the block may include; the answer comes back as {@link Candidates}. */
  void requestCandidates(Propose p) {
    mempool.tell(new MempoolActor.SelectForBeaconBlock(p.context().advancedState(), getContext().messageAdapter(
        MempoolActor.BeaconCandidates.class, c -> new Candidates(p.context(), p.validatorIndex(), c))));
  }

  Behavior<Command> onCandidates(Candidates c) {
    BeaconBlock block = produce(c, c.candidates());
    proposed(block, c.validatorIndex());
    chain.tell(new PosCommand.ImportBeaconBlock(block, -1));
    return this;
  }

  /** The signed block of {@code c}'s slot, built from {@code cand}; what core's production keeps of them is its choice. */
  BeaconBlock produce(Candidates c, MempoolActor.BeaconCandidates cand) {
    BlockProduction.Produced produced = BlockProduction.produce(c.context().advancedState(), c.context().slot(),
        c.validatorIndex(), key, cand.attestations(), cand.proposerSlashings(), cand.attesterSlashings(),
        cand.transactions(), config, SignatureCheck.shared());
    return produced.block();
  }

  /** The {@code block_proposed} event, with any fields a fault adds. */
  void proposed(BeaconBlock block, int validatorIndex, Object... extra) {
    Object[] fields = {"validator", name, "index", validatorIndex, "slot", block.slot(), "root", block.root().toHex(),
        "attestations", block.body().attestations().size()};
    if (extra.length > 0) {
      Object[] all = java.util.Arrays.copyOf(fields, fields.length + extra.length);
      System.arraycopy(extra, 0, all, fields.length, extra.length);
      fields = all;
    }
    node.emit("block_proposed", fields);
    last.proposed(block.slot());
  }

  /** Attests through the signing desk, which signs the votes of one instant together; the vote comes back signed. */
  Behavior<Command> onAttest(Attest a) {
    if (mayAttest(a)) {
      signer.tell(new SigningDesk.Sign<>(new SigningKey.Request(key, Domain.ATTESTER, a.data().root()),
          getContext().getSelf(), sig -> new VoteSigned(new Attestation(a.validatorIndex(), a.data(), sig))));
    }
    return this;
  }

  Behavior<Command> onVoteSigned(VoteSigned v) {
    chain.tell(new PosCommand.ImportAttestation(v.attestation(), -1));
    return this;
  }

  /** The signed attestation of duty {@code a} (signed here, now), or null when slashing protection refuses it. */
  Attestation sign(Attest a) {
    return mayAttest(a) ? Attestation.sign(key, a.validatorIndex(), a.data()) : null;
  }

  /** Checks and updates the slashing-protection record for duty {@code a}: true if it may be signed. */
  private boolean mayAttest(Attest a) {
    Optional<SlashingProtectionRecord> next = protection.maySignAttestation(a.data().source().epoch(),
        a.data().target().epoch());
    if (next.isEmpty()) {
      getContext().getLog().warn("validator {}: refused to attest source {} target {} (slashing protection)", name,
          a.data().source().epoch(), a.data().target().epoch());
      return false;
    }
    record(next.get());
    last.attested(a.data());
    return true;
  }
}
