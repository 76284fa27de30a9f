package io.actorchain.core.pos.slashing;

import io.actorchain.core.crypto.Domain;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.BeaconBlockHeader;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.SignedBeaconBlockHeader;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import java.util.Optional;

/**
 * Slashing conditions (CONSENSUS.md §5.2) and the validity of slashing evidence (§5.4 step 4), one method per rule.
 * Cheap checks come first; the signatures are checked last. Epochs compare unsigned.
 */
public final class SlashingRules {
  private SlashingRules() {}

  /**
   * {@code isSlashable(d1, d2)}: a double vote ({@code d1 != d2}, same target epoch) or {@code d1} surrounds {@code d2}
   * ({@code d1.source < d2.source} and {@code d2.target < d1.target}).
   */
  public static boolean isSlashableAttestationData(AttestationData d1, AttestationData d2) {
    boolean doubleVote = !d1.equals(d2) && d1.target().epoch() == d2.target().epoch();
    boolean surround = Long.compareUnsigned(d1.source().epoch(), d2.source().epoch()) < 0
        && Long.compareUnsigned(d2.target().epoch(), d1.target().epoch()) < 0;
    return doubleVote || surround;
  }

  /** Evidence is accepted in either order: {@code (d1, d2)}, then {@code (d2, d1)}. */
  public static boolean isSlashableEitherOrder(AttestationData d1, AttestationData d2) {
    return isSlashableAttestationData(d1, d2) || isSlashableAttestationData(d2, d1);
  }

  /** {@code "double-vote"} when the target epochs are equal, otherwise {@code "surround-vote"}. */
  public static String kindOf(AttesterSlashing s) {
    return s.a1().data().target().epoch() == s.a2().data().target().epoch() ? "double-vote" : "surround-vote";
  }

  /**
   * A proposer slashing is valid if both headers are for the same slot and proposer, their roots differ, the proposer
   * is slashable at the state's current epoch and both signatures verify (as Ethereum's
   * {@code process_proposer_slashing}).
   */
  public static Optional<SlashingRejection> validateProposerSlashing(BeaconState state, ProposerSlashing s,
      ConsensusConfig c, SignatureCheck sigs) {
    BeaconBlockHeader h1 = s.h1().header();
    BeaconBlockHeader h2 = s.h2().header();
    if (h1.slot() != h2.slot()) {
      return reject(SlashingInvalidReason.SLOT_MISMATCH, "slots " + h1.slot() + " and " + h2.slot());
    }
    if (h1.proposerIndex() != h2.proposerIndex()) {
      return reject(SlashingInvalidReason.PROPOSER_MISMATCH,
          "proposers " + h1.proposerIndex() + " and " + h2.proposerIndex());
    }
    if (h1.root().equals(h2.root())) {
      return reject(SlashingInvalidReason.SAME_HEADER, "both headers have root " + h1.root().shortHex());
    }
    Optional<SlashingRejection> slashable = checkSlashable(state, h1.proposerIndex(), c);
    if (slashable.isPresent()) {
      return slashable;
    }
    Validator v = state.validator((int) h1.proposerIndex());
    for (SignedBeaconBlockHeader h : new SignedBeaconBlockHeader[] {s.h1(), s.h2()}) {
      if (!sigs.verify(v.pubkey(), Domain.PROPOSER, h.header().root(), h.sig())) {
        return reject(SlashingInvalidReason.BAD_SIGNATURE,
            "header " + h.header().root().shortHex() + " by proposer " + h1.proposerIndex());
      }
    }
    return Optional.empty();
  }

  /**
   * An attester slashing is valid if both attestations are by the same validator, their data is slashable in either
   * order, the validator is slashable at the state's current epoch and both signatures verify.
   */
  public static Optional<SlashingRejection> validateAttesterSlashing(BeaconState state, AttesterSlashing s,
      ConsensusConfig c, SignatureCheck sigs) {
    Attestation a1 = s.a1();
    Attestation a2 = s.a2();
    if (a1.validatorIndex() != a2.validatorIndex()) {
      return reject(SlashingInvalidReason.VALIDATOR_MISMATCH,
          "validators " + a1.validatorIndex() + " and " + a2.validatorIndex());
    }
    if (!isSlashableEitherOrder(a1.data(), a2.data())) {
      return reject(SlashingInvalidReason.NOT_SLASHABLE_DATA, "votes " + describeVote(a1.data()) + " and "
          + describeVote(a2.data()));
    }
    Optional<SlashingRejection> slashable = checkSlashable(state, a1.validatorIndex(), c);
    if (slashable.isPresent()) {
      return slashable;
    }
    Validator v = state.validator((int) a1.validatorIndex());
    for (Attestation a : new Attestation[] {a1, a2}) {
      if (!sigs.verify(v.pubkey(), Domain.ATTESTER, a.data().root(), a.sig())) {
        return reject(SlashingInvalidReason.BAD_SIGNATURE,
            "attestation " + describeVote(a.data()) + " by validator " + a.validatorIndex());
      }
    }
    return Optional.empty();
  }

  /** The validator exists and is slashable at the state's current epoch: unslashed, active ≤ current < withdrawable. */
  public static Optional<SlashingRejection> checkSlashable(BeaconState state, long index, ConsensusConfig c) {
    if (index < 0 || index >= state.validatorCount()) {
      return reject(SlashingInvalidReason.UNKNOWN_VALIDATOR,
          "validator index " + Long.toUnsignedString(index) + ", registry size " + state.validatorCount());
    }
    long current = c.epochOf(state.slot());
    Validator v = state.validator((int) index);
    if (!v.isSlashable(current)) {
      return reject(SlashingInvalidReason.VALIDATOR_NOT_SLASHABLE, "validator " + index + " at epoch " + current
          + ": slashed " + v.slashed() + ", activation epoch " + Long.toUnsignedString(v.activationEpoch())
          + ", withdrawable epoch " + Long.toUnsignedString(v.withdrawableEpoch()));
    }
    return Optional.empty();
  }

  static String describeVote(AttestationData d) {
    return "(source " + Long.toUnsignedString(d.source().epoch()) + ", target "
        + Long.toUnsignedString(d.target().epoch()) + ", data " + d.root().shortHex() + ")";
  }

  private static Optional<SlashingRejection> reject(SlashingInvalidReason reason, String detail) {
    return Optional.of(new SlashingRejection(reason, detail));
  }
}
