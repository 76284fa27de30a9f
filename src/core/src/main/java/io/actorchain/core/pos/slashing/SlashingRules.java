package io.actorchain.core.pos.slashing;

import io.actorchain.core.crypto.Domain;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.block.AttestationRules;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.BeaconBlockHeader;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.SignedBeaconBlockHeader;
import io.actorchain.core.pos.model.SlashingEvidence;
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
    boolean doubleVote = d1.target().epoch() == d2.target().epoch() && !d1.equals(d2);
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

  /** {@code "double-proposal"}, {@code "double-vote"} or {@code "surround-vote"}. */
  public static String kindOf(SlashingEvidence e) {
    return e instanceof AttesterSlashing a ? kindOf(a) : "double-proposal";
  }

  /**
   * The epoch of the offence: the slot's epoch for a double proposal, the later target epoch for a vote (the epoch
   * of the surrounding vote, for a surround).
   */
  public static long offenceEpoch(SlashingEvidence e, ConsensusConfig c) {
    if (e instanceof ProposerSlashing p) {
      return c.epochOf(p.h1().header().slot());
    }
    AttesterSlashing a = (AttesterSlashing) e;
    long t1 = a.a1().data().target().epoch();
    long t2 = a.a2().data().target().epoch();
    return Long.compareUnsigned(t1, t2) >= 0 ? t1 : t2;
  }

  /**
   * A proposer slashing is valid if both headers are for the same slot and proposer, their roots differ, the proposer
   * is slashable at the state's current epoch and both signatures verify (as Ethereum's
   * {@code process_proposer_slashing}).
   */
  public static Optional<SlashingRejection> validateProposerSlashing(BeaconState state, ProposerSlashing s,
      ConsensusConfig c, SignatureCheck sigs) {
    return checkHeaders(s)
        .or(() -> checkSlashable(state, s.offender(), c))
        .or(() -> checkHeaderSignatures(state, s, sigs));
  }

  /**
   * An attester slashing is valid if both attestations are by the same validator, their data is slashable in either
   * order, the validator is slashable at the state's current epoch and both signatures verify.
   */
  public static Optional<SlashingRejection> validateAttesterSlashing(BeaconState state, AttesterSlashing s,
      ConsensusConfig c, SignatureCheck sigs) {
    return checkVotes(s)
        .or(() -> checkSlashable(state, s.offender(), c))
        .or(() -> checkVoteSignatures(state, s, sigs));
  }

  /**
   * Whether evidence proves an offence (CONSENSUS.md §6), whatever the offender's state: the same checks as
   * {@link #validateProposerSlashing} and {@link #validateAttesterSlashing} but, instead of "slashable now", only that
   * the offender exists. What a slasher accepts from gossip: evidence against a validator that a block has already
   * slashed is still true, though no block may include it again.
   */
  public static Optional<SlashingRejection> verifyEvidence(BeaconState state, SlashingEvidence e,
      SignatureCheck sigs) {
    if (e instanceof ProposerSlashing p) {
      return checkHeaders(p).or(() -> checkKnown(state, p.offender())).or(() -> checkHeaderSignatures(state, p, sigs));
    }
    AttesterSlashing a = (AttesterSlashing) e;
    return checkVotes(a).or(() -> checkKnown(state, a.offender())).or(() -> checkVoteSignatures(state, a, sigs));
  }

  /** Whether {@code h} names a validator of {@code state} as proposer and carries that validator's signature. */
  public static boolean isSignedByProposer(BeaconState state, SignedBeaconBlockHeader h, SignatureCheck sigs) {
    long index = h.header().proposerIndex();
    return checkKnown(state, index).isEmpty()
        && sigs.verify(state.validator((int) index).pubkey(), Domain.PROPOSER, h.header().root(), h.sig());
  }

  /** Whether {@code a} names a validator of {@code state} and carries that validator's signature. */
  public static boolean isSignedByAttester(BeaconState state, Attestation a, SignatureCheck sigs) {
    return checkKnown(state, a.validatorIndex()).isEmpty() && AttestationRules.isSignedByItsValidator(state, a, sigs);
  }

  private static Optional<SlashingRejection> checkHeaders(ProposerSlashing s) {
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
    return Optional.empty();
  }

  private static Optional<SlashingRejection> checkHeaderSignatures(BeaconState state, ProposerSlashing s,
      SignatureCheck sigs) {
    for (SignedBeaconBlockHeader h : new SignedBeaconBlockHeader[] {s.h1(), s.h2()}) {
      if (!isSignedByProposer(state, h, sigs)) {
        return reject(SlashingInvalidReason.BAD_SIGNATURE,
            "header " + h.header().root().shortHex() + " by proposer " + s.offender());
      }
    }
    return Optional.empty();
  }

  private static Optional<SlashingRejection> checkVotes(AttesterSlashing s) {
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
    return Optional.empty();
  }

  private static Optional<SlashingRejection> checkVoteSignatures(BeaconState state, AttesterSlashing s,
      SignatureCheck sigs) {
    for (Attestation a : new Attestation[] {s.a1(), s.a2()}) {
      if (!isSignedByAttester(state, a, sigs)) {
        return reject(SlashingInvalidReason.BAD_SIGNATURE,
            "attestation " + describeVote(a.data()) + " by validator " + a.validatorIndex());
      }
    }
    return Optional.empty();
  }

  /** The validator exists in the state's registry. */
  private static Optional<SlashingRejection> checkKnown(BeaconState state, long index) {
    if (index < 0 || index >= state.validatorCount()) {
      return reject(SlashingInvalidReason.UNKNOWN_VALIDATOR,
          "validator index " + Long.toUnsignedString(index) + ", registry size " + state.validatorCount());
    }
    return Optional.empty();
  }

  /** The validator exists and is slashable at the state's current epoch: unslashed, active ≤ current < withdrawable. */
  public static Optional<SlashingRejection> checkSlashable(BeaconState state, long index, ConsensusConfig c) {
    Optional<SlashingRejection> unknown = checkKnown(state, index);
    if (unknown.isPresent()) {
      return unknown;
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
