package io.actorchain.core.pos.block;

import io.actorchain.core.crypto.Domain;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.Accessors;
import io.actorchain.core.pos.misc.Committees;
import io.actorchain.core.pos.misc.EpochShuffling;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import java.util.Optional;

/**
 * Attestation validity (CONSENSUS.md §5.4 step 5, as Ethereum Altair's {@code process_attestation}) and on gossip,
 * and the participation flags an included attestation earns. Cheap checks come first; the signature is last.
 * Epochs and slots compare unsigned.
 */
public final class AttestationRules {
  /** Participation flag bits: {@code 1 << TIMELY_*_FLAG_INDEX}. */
  public static final int TIMELY_SOURCE = 1 << ConsensusConfig.TIMELY_SOURCE_FLAG_INDEX;
  public static final int TIMELY_TARGET = 1 << ConsensusConfig.TIMELY_TARGET_FLAG_INDEX;
  public static final int TIMELY_HEAD = 1 << ConsensusConfig.TIMELY_HEAD_FLAG_INDEX;

  private AttestationRules() {}

  /**
   * Validity for inclusion in a block at {@code stateAtBlockSlot.slot()}: the target epoch is the previous or current
   * one and is the epoch of {@code data.slot}; {@code data.slot + 1 ≤ s ≤ data.slot + SLOTS_PER_EPOCH}; the validator
   * is in {@code committee(data.slot, data.committeeIndex)}; the source is the justified checkpoint for the target's
   * epoch; the signature verifies.
   */
  public static Optional<AttestationRejection> validateForBlock(BeaconState stateAtBlockSlot, Attestation a,
      ConsensusConfig c, SignatureCheck sigs) {
    BeaconState s = stateAtBlockSlot;
    AttestationData d = a.data();
    Optional<AttestationRejection> early = checkTargetEpoch(d, c.epochOf(s.slot()), c)
        .or(() -> checkInclusionWindow(d, s.slot(), c));
    if (early.isPresent()) {
      return early;
    }
    return checkCommittee(s, a, c).or(() -> checkSource(s, d, c)).or(() -> checkSignature(s, a, sigs));
  }

  /**
   * Validity on gossip, against the head state advanced to {@code currentSlot}: the target epoch is the current or
   * previous one by the clock and is the epoch of {@code data.slot}; {@code data.slot} is not in the future; the
   * validator is in the committee it names; the source is the state's justified checkpoint for the target's epoch
   * (a wrong source is a rejection, as it could never be included); the signature verifies.
   */
  public static Optional<AttestationRejection> validateForGossip(BeaconState headStateAdvancedToCurrentSlot,
      Attestation a, long currentSlot, ConsensusConfig c, SignatureCheck sigs) {
    BeaconState s = headStateAdvancedToCurrentSlot;
    AttestationData d = a.data();
    if (Long.compareUnsigned(d.slot(), currentSlot) > 0) {
      return reject(AttestationInvalidReason.FUTURE_SLOT,
          "slot " + Long.toUnsignedString(d.slot()) + ", current slot " + currentSlot);
    }
    Optional<AttestationRejection> early = checkTargetEpoch(d, c.epochOf(currentSlot), c);
    if (early.isPresent()) {
      return early;
    }
    return checkCommittee(s, a, c).or(() -> checkSource(s, d, c)).or(() -> checkSignature(s, a, sigs));
  }

  /**
   * The flags an attestation earns when included at {@code inclusionSlot}, with {@code d = inclusionSlot − data.slot}:
   * SOURCE if {@code d ≤ isqrt(SLOTS_PER_EPOCH)}; TARGET if {@code target.root == blockRoot(target.epoch)} and
   * {@code d ≤ SLOTS_PER_EPOCH}; HEAD if TARGET holds, {@code headRoot} is the root at {@code data.slot} and
   * {@code d == 1}. {@code s} is the state the block is applied to (any state after {@code data.slot} on the same
   * chain gives the same roots); the attestation must already have passed {@link #validateForBlock}, which checks
   * the source that every flag requires.
   */
  public static int participationFlags(BeaconState s, AttestationData d, long inclusionSlot, ConsensusConfig c) {
    long delay = inclusionSlot - d.slot();
    boolean matchingTarget = d.target().root().equals(Accessors.blockRoot(s, d.target().epoch(), c));
    boolean matchingHead = matchingTarget && d.headRoot().equals(Accessors.blockRootAtSlot(s, d.slot(), c));
    int flags = 0;
    if (delay <= Accessors.isqrt(c.slotsPerEpoch())) {
      flags |= TIMELY_SOURCE;
    }
    if (matchingTarget && delay <= c.slotsPerEpoch()) {
      flags |= TIMELY_TARGET;
    }
    if (matchingHead && delay == 1) {
      flags |= TIMELY_HEAD;
    }
    return flags;
  }

  /** {@code target.epoch ∈ {previous, current}} and {@code target.epoch == epoch(data.slot)}. */
  static Optional<AttestationRejection> checkTargetEpoch(AttestationData d, long currentEpoch, ConsensusConfig c) {
    long target = d.target().epoch();
    long previous = currentEpoch == 0 ? 0 : currentEpoch - 1;
    if (Long.compareUnsigned(target, currentEpoch) > 0) {
      return reject(AttestationInvalidReason.FUTURE_TARGET,
          "target epoch " + Long.toUnsignedString(target) + ", current epoch " + currentEpoch);
    }
    if (Long.compareUnsigned(target, previous) < 0) {
      return reject(AttestationInvalidReason.TARGET_EPOCH_TOO_OLD,
          "target epoch " + target + ", previous epoch " + previous);
    }
    if (c.epochOf(d.slot()) != target) {
      return reject(AttestationInvalidReason.TARGET_EPOCH_NOT_SLOT_EPOCH,
          "target epoch " + target + ", slot " + Long.toUnsignedString(d.slot()) + " is in epoch "
              + Long.toUnsignedString(c.epochOf(d.slot())));
    }
    return Optional.empty();
  }

  /** {@code data.slot + 1 ≤ s ≤ data.slot + SLOTS_PER_EPOCH}. */
  static Optional<AttestationRejection> checkInclusionWindow(AttestationData d, long blockSlot, ConsensusConfig c) {
    boolean after = Long.compareUnsigned(d.slot(), blockSlot) < 0;
    if (!after || blockSlot - d.slot() > c.slotsPerEpoch()) {
      return reject(AttestationInvalidReason.OUTSIDE_INCLUSION_WINDOW, "slot " + Long.toUnsignedString(d.slot())
          + ", block slot " + blockSlot + ", window " + c.slotsPerEpoch() + " slots");
    }
    return Optional.empty();
  }

  /**
   * The committee index exists at the target epoch, the validator exists and is in that committee. Reads the epoch's
   * cached shuffling once; {@code target.epoch == epoch(data.slot)} was checked before.
   */
  static Optional<AttestationRejection> checkCommittee(BeaconState s, Attestation a, ConsensusConfig c) {
    AttestationData d = a.data();
    EpochShuffling shuffling = Committees.shuffling(s, d.target().epoch(), c);
    long committees = shuffling.committeesPerSlot();
    if (Long.compareUnsigned(d.committeeIndex(), committees) >= 0) {
      return reject(AttestationInvalidReason.BAD_COMMITTEE_INDEX,
          "committee " + Long.toUnsignedString(d.committeeIndex()) + ", committees per slot " + committees);
    }
    if (a.validatorIndex() < 0 || a.validatorIndex() >= s.validatorCount()) {
      return reject(AttestationInvalidReason.UNKNOWN_VALIDATOR, "validator index "
          + Long.toUnsignedString(a.validatorIndex()) + ", registry size " + s.validatorCount());
    }
    Optional<Committees.Assignment> duty = shuffling.assignmentOf((int) a.validatorIndex());
    if (duty.isEmpty() || duty.get().slot() != d.slot() || duty.get().committeeIndex() != d.committeeIndex()) {
      return reject(AttestationInvalidReason.NOT_IN_COMMITTEE, "validator " + a.validatorIndex() + " named slot "
          + d.slot() + " committee " + d.committeeIndex() + "; its duty is "
          + duty.map(x -> "slot " + x.slot() + " committee " + x.committeeIndex()).orElse("none (not active)"));
    }
    return Optional.empty();
  }

  /** {@code data.source} is {@code currentJustified} for a current-epoch target, else {@code previousJustified}. */
  static Optional<AttestationRejection> checkSource(BeaconState s, AttestationData d, ConsensusConfig c) {
    Checkpoint expected = justifiedFor(s, d.target().epoch(), c);
    if (!d.source().equals(expected)) {
      return reject(AttestationInvalidReason.WRONG_SOURCE, "source " + d.source() + ", justified checkpoint for "
          + "target epoch " + d.target().epoch() + " is " + expected);
    }
    return Optional.empty();
  }

  /** The checkpoint an attestation with this target epoch must name as its source, on state {@code s}. */
  public static Checkpoint justifiedFor(BeaconState s, long targetEpoch, ConsensusConfig c) {
    return targetEpoch == c.epochOf(s.slot()) ? s.currentJustified() : s.previousJustified();
  }

  static Optional<AttestationRejection> checkSignature(BeaconState s, Attestation a, SignatureCheck sigs) {
    if (!isSignedByItsValidator(s, a, sigs)) {
      return reject(AttestationInvalidReason.BAD_SIGNATURE, "validator " + a.validatorIndex() + ", key "
          + s.validator((int) a.validatorIndex()).pubkey().shortHex() + ", data " + a.data().root().shortHex());
    }
    return Optional.empty();
  }

  /** Whether {@code a} carries the signature of validator {@code a.validatorIndex}, which {@code s} must hold. */
  public static boolean isSignedByItsValidator(BeaconState s, Attestation a, SignatureCheck sigs) {
    return sigs.verify(s.validator((int) a.validatorIndex()).pubkey(), Domain.ATTESTER, a.data().root(), a.sig());
  }

  private static Optional<AttestationRejection> reject(AttestationInvalidReason reason, String detail) {
    return Optional.of(new AttestationRejection(reason, detail));
  }
}
