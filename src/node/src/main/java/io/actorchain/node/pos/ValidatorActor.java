package io.actorchain.node.pos;

import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.block.BlockProduction;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.node.NodeContext;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.net.LocalOnly;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One hosted validator (CONSENSUS.md §5.7): proposes and attests when on duty. It checks and updates its
 * slashing-protection record before anything is signed, so an honest validator never signs anything slashable.
 */
public final class ValidatorActor extends AbstractBehavior<ValidatorActor.Command> {

  public sealed interface Command extends LocalOnly {}

  /** Propose at {@code context.slot()}: this validator is its proposer. */
  public record Propose(PosCommand.SlotContext context, int validatorIndex) implements Command {}

  /** Attest to {@code data}: this validator sits in that committee. */
  public record Attest(AttestationData data, int validatorIndex) implements Command {}

  private record Candidates(PosCommand.SlotContext context, int validatorIndex, MempoolActor.BeaconCandidates candidates)
      implements Command {}

  private final NodeContext node;
  private final String name;
  private final SigningKey key;
  private final ConsensusConfig config;
  private final ActorRef<ChainActor.Command> chain;
  private final ActorRef<MempoolActor.Command> mempool;
  private SlashingProtectionRecord protection = SlashingProtectionRecord.empty();

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
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Propose.class, this::onPropose)
        .onMessage(Candidates.class, this::onCandidates)
        .onMessage(Attest.class, this::onAttest)
        .build();
  }

  private Behavior<Command> onPropose(Propose p) {
    Optional<SlashingProtectionRecord> next = protection.maySignBlock(p.context().slot());
    if (next.isEmpty()) {
      getContext().getLog().warn("validator {}: refused to sign a second block at slot {} (slashing protection)", name,
          p.context().slot());
      return this;
    }
    protection = next.get();
    mempool.tell(new MempoolActor.SelectForBeaconBlock(p.context().advancedState(), getContext().messageAdapter(
        MempoolActor.BeaconCandidates.class, c -> new Candidates(p.context(), p.validatorIndex(), c))));
    return this;
  }

  private Behavior<Command> onCandidates(Candidates c) {
    MempoolActor.BeaconCandidates cand = c.candidates();
    BlockProduction.Produced produced = BlockProduction.produce(c.context().advancedState(), c.context().slot(),
        c.validatorIndex(), key, cand.attestations(), cand.proposerSlashings(), cand.attesterSlashings(),
        cand.transactions(), config, SignatureCheck.shared());
    node.emit("block_proposed", "validator", name, "index", c.validatorIndex(), "slot", c.context().slot(),
        "root", produced.block().root().toHex(), "attestations", produced.block().body().attestations().size());
    chain.tell(new PosCommand.ImportBeaconBlock(produced.block(), -1));
    return this;
  }

  private Behavior<Command> onAttest(Attest a) {
    Optional<SlashingProtectionRecord> next = protection.maySignAttestation(a.data().source().epoch(),
        a.data().target().epoch());
    if (next.isEmpty()) {
      getContext().getLog().warn("validator {}: refused to attest source {} target {} (slashing protection)", name,
          a.data().source().epoch(), a.data().target().epoch());
      return this;
    }
    protection = next.get();
    Attestation att = Attestation.sign(key, a.validatorIndex(), a.data());
    chain.tell(new PosCommand.ImportAttestation(att, -1));
    return this;
  }
}
