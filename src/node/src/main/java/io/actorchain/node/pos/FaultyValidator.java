package io.actorchain.node.pos;

import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.fault.ConflictingVotes;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.Publish;
import io.actorchain.node.net.Wire;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A validator's behaviour while a fault is injected (ARCHITECTURE.md, "Faults"): one subclass per kind, swapped into
 * the {@link ValidatorActor} by {@code InjectFault} and swapped out by {@code ClearFault}, which hands back the honest
 * behaviour with the slashing-protection record as the fault left it. Duties a fault does not bend are done by the
 * honest behaviour's own steps. A double-signing fault goes around slashing protection on purpose, says so in the
 * event log, and still records (durably, before signing) what it signed; what it signs goes to the local chain and,
 * through {@link Publish}, to
 * every peer even when the local chain refuses it.
 */
abstract class FaultyValidator extends AbstractBehavior<ValidatorActor.Command> {
  final ValidatorActor honest;
  final Fault.ValidatorFault fault;
  final ActorRef<Publish> publish;

  FaultyValidator(ActorContext<ValidatorActor.Command> ctx, ValidatorActor honest, Fault.ValidatorFault fault,
      ActorRef<Publish> publish) {
    super(ctx);
    this.honest = honest;
    this.fault = fault;
    this.publish = publish;
  }

  /** The behaviour of {@code f.fault()}, replacing whichever fault was in before. */
  static Behavior<ValidatorActor.Command> swapIn(ActorContext<ValidatorActor.Command> ctx, ValidatorActor honest,
      ValidatorActor.InjectFault f) {
    ctx.getLog().info("validator {}: fault {} swapped in", honest.name, f.fault().describe());
    Fault.ValidatorFault fault = f.fault();
    if (fault instanceof Fault.Offline) {
      return new Offline(ctx, honest, fault, f.publish());
    } else if (fault instanceof Fault.DoubleVote) {
      return new DoubleVote(ctx, honest, fault, f.publish());
    } else if (fault instanceof Fault.SurroundVote) {
      return new SurroundVote(ctx, honest, fault, f.publish());
    } else if (fault instanceof Fault.DoubleProposal) {
      return new DoubleProposal(ctx, honest, fault, f.publish());
    } else if (fault instanceof Fault.Late late) {
      return new Late(ctx, honest, late, f.publish());
    }
    throw new IllegalStateException("no behaviour for validator fault " + fault);
  }

  @Override
  public final Receive<ValidatorActor.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ValidatorActor.Propose.class, this::onPropose)
        .onMessage(ValidatorActor.Candidates.class, this::onCandidates)
        .onMessage(ValidatorActor.Attest.class, this::onAttest)
        .onMessage(ValidatorActor.VoteSigned.class, v -> {
          honest.onVoteSigned(v); // asked for before the fault came in, or by the honest steps it leaves alone
          return this;
        })
        .onMessage(ValidatorActor.InjectFault.class, f -> swapIn(getContext(), honest, f))
        .onMessage(ValidatorActor.ClearFault.class, this::onClear)
        .onMessage(ValidatorActor.GetDuties.class, g -> {
          g.replyTo().tell(honest.last.report(honest.name, fault.kind()));
          return this;
        })
        .build();
  }

  private Behavior<ValidatorActor.Command> onClear(ValidatorActor.ClearFault c) {
    if (!c.fault().equals(fault)) {
      getContext().getLog().info("validator {}: clear of {} ignored; {} is in", honest.name, c.fault().describe(),
          fault.describe());
      return this;
    }
    getContext().getLog().info("validator {}: fault {} cleared; honest again", honest.name, fault.describe());
    return honest;
  }

  /** By default a duty is done as the honest validator does it (its handlers return it; this behaviour stays). */
  Behavior<ValidatorActor.Command> onPropose(ValidatorActor.Propose p) {
    honest.onPropose(p);
    return this;
  }

  Behavior<ValidatorActor.Command> onCandidates(ValidatorActor.Candidates c) {
    honest.onCandidates(c);
    return this;
  }

  Behavior<ValidatorActor.Command> onAttest(ValidatorActor.Attest a) {
    honest.onAttest(a);
    return this;
  }

  /**
   * Signs {@code data} whatever slashing protection says, records it, and sends it to the local chain and every peer;
   * the {@code attestation} event names the fault and whether protection was bypassed.
   */
  void signAndSendAnyway(AttestationData data, int validatorIndex) {
    boolean allowed = honest.protection().maySignAttestation(data.source().epoch(), data.target().epoch()).isPresent();
    honest.record(honest.protection().recordVoteAnyway(data.source().epoch(), data.target().epoch()));
    Attestation att = Attestation.sign(honest.key, validatorIndex, data);
    honest.last.attested(data);
    honest.node.emit("attestation", "validator", honest.name, "index", validatorIndex, "slot", data.slot(),
        "committee", data.committeeIndex(), "source", data.source().epoch(), "target", data.target().epoch(),
        "head", data.headRoot().toHex(), "root", data.root().toHex(), "fault", fault.kind(),
        "slashingProtection", allowed ? "passed" : "bypassed");
    honest.chain.tell(new PosCommand.ImportAttestation(att, -1));
    publish.tell(new Publish(Wire.AttestationGossip.of(att), att.root()));
  }

  /** Sends a block it signed to the local chain and every peer. */
  void sendBlock(BeaconBlock block) {
    honest.chain.tell(new PosCommand.ImportBeaconBlock(block, -1));
    publish.tell(new Publish(Wire.BeaconBlockGossip.of(block), block.root()));
  }

  /** Skips every duty. */
  static final class Offline extends FaultyValidator {
    Offline(ActorContext<ValidatorActor.Command> ctx, ValidatorActor honest, Fault.ValidatorFault f, ActorRef<Publish> p) {
      super(ctx, honest, f, p);
    }

    @Override
    Behavior<ValidatorActor.Command> onPropose(ValidatorActor.Propose p) {
      honest.node.emit("duty_skipped", "validator", honest.name, "index", p.validatorIndex(), "slot", p.context().slot(),
          "duty", "propose", "fault", fault.kind());
      return this;
    }

    @Override
    Behavior<ValidatorActor.Command> onCandidates(ValidatorActor.Candidates c) {
      return this; // asked for before going offline: the block is never made
    }

    @Override
    Behavior<ValidatorActor.Command> onAttest(ValidatorActor.Attest a) {
      honest.node.emit("duty_skipped", "validator", honest.name, "index", a.validatorIndex(), "slot", a.data().slot(),
          "duty", "attest", "fault", fault.kind());
      return this;
    }
  }

  /** Signs its duty's vote and a second one for the same target epoch with another head, and sends both. */
  static final class DoubleVote extends FaultyValidator {
    DoubleVote(ActorContext<ValidatorActor.Command> ctx, ValidatorActor honest, Fault.ValidatorFault f, ActorRef<Publish> p) {
      super(ctx, honest, f, p);
    }

    @Override
    Behavior<ValidatorActor.Command> onAttest(ValidatorActor.Attest a) {
      signAndSendAnyway(a.data(), a.validatorIndex());
      signAndSendAnyway(ConflictingVotes.doubleVote(a.data()), a.validatorIndex());
      return this;
    }
  }

  /** Instead of its duty's vote, signs one that surrounds, or sits inside, a vote it signed before. */
  static final class SurroundVote extends FaultyValidator {
    SurroundVote(ActorContext<ValidatorActor.Command> ctx, ValidatorActor honest, Fault.ValidatorFault f, ActorRef<Publish> p) {
      super(ctx, honest, f, p);
    }

    @Override
    Behavior<ValidatorActor.Command> onAttest(ValidatorActor.Attest a) {
      Optional<AttestationData> vote = ConflictingVotes.surroundVote(a.data(), honest.protection(),
          honest.config.slotsPerEpoch());
      if (vote.isEmpty()) {
        honest.node.emit("fault_skipped", "validator", honest.name, "index", a.validatorIndex(), "slot", a.data().slot(),
            "fault", fault.kind(), "detail", "no signed vote to surround or sit inside yet; attested honestly");
        return super.onAttest(a);
      }
      signAndSendAnyway(vote.get(), a.validatorIndex());
      return this;
    }
  }

  /** At a proposal duty, signs its block and a second one for the slot (the same parent, an empty body). */
  static final class DoubleProposal extends FaultyValidator {
    private static final MempoolActor.BeaconCandidates NO_CANDIDATES =
        new MempoolActor.BeaconCandidates(List.of(), List.of(), List.of(), List.of());

    DoubleProposal(ActorContext<ValidatorActor.Command> ctx, ValidatorActor honest, Fault.ValidatorFault f,
        ActorRef<Publish> p) {
      super(ctx, honest, f, p);
    }

    @Override
    Behavior<ValidatorActor.Command> onPropose(ValidatorActor.Propose p) {
      long slot = p.context().slot();
      if (honest.protection().maySignBlock(slot).isEmpty()) {
        getContext().getLog().warn("validator {}: slashing protection bypassed for a block at slot {} ({})", honest.name,
            slot, fault.kind());
      }
      honest.record(honest.protection().recordBlockAnyway(slot));
      honest.requestCandidates(p);
      return this;
    }

    @Override
    Behavior<ValidatorActor.Command> onCandidates(ValidatorActor.Candidates c) {
      BeaconBlock first = honest.produce(c, c.candidates());
      BeaconBlock second = honest.produce(c, NO_CANDIDATES);
      if (first.root().equals(second.root())) {
        honest.node.emit("fault_skipped", "validator", honest.name, "index", c.validatorIndex(), "slot", first.slot(),
            "fault", fault.kind(), "detail", "nothing to vary: the block has an empty body, so both would be the same");
        honest.proposed(first, c.validatorIndex());
        sendBlock(first);
        return this;
      }
      honest.proposed(first, c.validatorIndex(), "fault", fault.kind(), "slashingProtection", "passed");
      honest.proposed(second, c.validatorIndex(), "fault", fault.kind(), "slashingProtection", "bypassed");
      sendBlock(first);
      sendBlock(second);
      return this;
    }
  }

  /** Holds each block and attestation back for the fault's delay, then sends it (virtual-time timers). */
  static final class Late extends FaultyValidator {
    private final Duration delay;

    Late(ActorContext<ValidatorActor.Command> ctx, ValidatorActor honest, Fault.Late f, ActorRef<Publish> p) {
      super(ctx, honest, f, p);
      this.delay = Duration.ofMillis(f.delayMillis());
    }

    @Override
    Behavior<ValidatorActor.Command> onCandidates(ValidatorActor.Candidates c) {
      BeaconBlock block = honest.produce(c, c.candidates());
      honest.proposed(block, c.validatorIndex(), "fault", fault.kind(), "heldMillis", delay.toMillis());
      getContext().scheduleOnce(delay, honest.chain, new PosCommand.ImportBeaconBlock(block, -1));
      return this;
    }

    @Override
    Behavior<ValidatorActor.Command> onAttest(ValidatorActor.Attest a) {
      Attestation signed = honest.sign(a);
      if (signed != null) {
        AttestationData d = a.data();
        honest.node.emit("attestation", "validator", honest.name, "index", a.validatorIndex(), "slot", d.slot(),
            "committee", d.committeeIndex(), "source", d.source().epoch(), "target", d.target().epoch(),
            "head", d.headRoot().toHex(), "root", d.root().toHex(), "fault", fault.kind(), "heldMillis", delay.toMillis());
        getContext().scheduleOnce(delay, honest.chain, new PosCommand.ImportAttestation(signed, -1));
      }
      return this;
    }
  }
}
