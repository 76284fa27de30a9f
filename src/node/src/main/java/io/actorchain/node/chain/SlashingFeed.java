package io.actorchain.node.chain;

import io.actorchain.core.Units;
import io.actorchain.core.pos.block.AttestationInvalidReason;
import io.actorchain.core.pos.block.BlockProcessing;
import io.actorchain.core.pos.block.SlashingApplied;
import io.actorchain.core.pos.epoch.EpochTransition;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.SignedBeaconBlockHeader;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.slashing.SlashingRules;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.node.NodeContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the beacon chain tells the slasher and the event log about slashing (CONSENSUS.md §5.4 step 4, §5.5 step 5,
 * §6). It collects the signed messages the chain verified outside imported blocks and publishes them once per slot
 * ({@link ChainEvent.SignedMessagesSeen}: no message per attestation), and turns the slashings of imported blocks and
 * the correlation penalties and exits of canonical epoch transitions into events. A plain helper that
 * BeaconChainActor owns; it runs only on the chain's turn.
 */
final class SlashingFeed {
  private final NodeContext node;
  private final Subscribers subscribers;
  private final SignatureCheck sigs;
  private List<SignedBeaconBlockHeader> headers = new ArrayList<>();
  private List<Attestation> attestations = new ArrayList<>();

  SlashingFeed(NodeContext node, Subscribers subscribers, SignatureCheck sigs) {
    this.node = node;
    this.subscribers = subscribers;
    this.sigs = sigs;
  }

  /** A gossip attestation that passed validation, signature included. */
  void attestationVerified(Attestation a) {
    attestations.add(a);
  }

  /**
   * A gossip attestation refused for {@code reason}: kept if a vote refused for that reason may still be evidence
   * ({@link AttestationInvalidReason#refusedVoteMayBeEvidence()}) and its signature verifies on {@code state}.
   */
  void attestationRefused(BeaconState state, Attestation a, AttestationInvalidReason reason) {
    if (reason.refusedVoteMayBeEvidence() && SlashingRules.isSignedByAttester(state, a, sigs)) {
      attestations.add(a);
    }
  }

  /**
   * A block refused after processing started: its header is kept if the proposer it names signed it and its slot has
   * come. A block refused for its signature need not be offered.
   */
  void blockRefused(BeaconState parentState, BeaconBlock b, long currentSlot) {
    SignedBeaconBlockHeader h = new SignedBeaconBlockHeader(b.header(), b.sig());
    if (Long.compareUnsigned(b.slot(), currentSlot) <= 0 && SlashingRules.isSignedByProposer(parentState, h, sigs)) {
      headers.add(h);
    }
  }

  /** Publishes what was collected since the last call, if anything. */
  void flush() {
    if (headers.isEmpty() && attestations.isEmpty()) {
      return;
    }
    subscribers.publish(new ChainEvent.SignedMessagesSeen(Collections.unmodifiableList(headers),
        Collections.unmodifiableList(attestations)));
    headers = new ArrayList<>();
    attestations = new ArrayList<>();
  }

  /** {@code validator_slashed} for each slashing block {@code b} applied (§5.4 step 4). */
  void slashingsApplied(BeaconBlock b, BlockProcessing.Applied applied) {
    for (SlashingApplied s : applied.slashings()) {
      Validator v = applied.postState().validator(s.validatorIndex());
      node.emit("validator_slashed", "index", s.validatorIndex(), "name", name(s.validatorIndex()), "kind", s.kind(),
          "penalty", s.penalty(), "penaltyCoins", Units.formatCoins(s.penalty()),
          "whistleblower", s.whistleblowerIndex(), "whistleblowerName", name(s.whistleblowerIndex()),
          "whistleblowerReward", s.whistleblowerReward(), "proposerReward", s.proposerReward(),
          "includedAtSlot", b.slot(), "block", b.root().toHex(), "exitEpoch", v.exitEpoch(),
          "withdrawableEpoch", v.withdrawableEpoch());
    }
  }

  /** {@code correlation_penalty} and {@code validator_exited} for a canonical epoch transition (§5.5 steps 4–5). */
  void transitionRecorded(EpochTransition t) {
    for (EpochTransition.CorrelationPenalty p : t.correlationPenalties()) {
      node.emit("correlation_penalty", "index", p.validatorIndex(), "name", name(p.validatorIndex()),
          "amount", p.penalty(), "amountCoins", Units.formatCoins(p.penalty()), "epoch", t.epoch());
    }
    for (EpochTransition.Exit e : t.exits()) {
      node.emit("validator_exited", "index", e.validatorIndex(), "name", name(e.validatorIndex()),
          "exitEpoch", t.epoch() + 1, "withdrawableEpoch", e.withdrawableEpoch(), "slashed", e.slashed());
    }
  }

  private String name(int index) {
    return node.settings().validatorName(index);
  }
}
