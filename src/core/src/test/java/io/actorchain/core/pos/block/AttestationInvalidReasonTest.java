package io.actorchain.core.pos.block;

import static io.actorchain.core.pos.BeaconFixture.MINIMAL;
import static io.actorchain.core.pos.BeaconFixture.advanced;
import static io.actorchain.core.pos.BeaconFixture.keyOf;
import static io.actorchain.core.pos.block.AttestationRulesTest.OTHER;
import static io.actorchain.core.pos.block.AttestationRulesTest.S1;
import static io.actorchain.core.pos.block.AttestationRulesTest.VOTE;
import static io.actorchain.core.pos.block.AttestationRulesTest.VOTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.TestKeys;
import io.actorchain.core.pos.misc.Committees;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.tx.SignatureCheck;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link AttestationInvalidReason#refusedVoteMayBeEvidence()} against the order of the checks in
 * {@link AttestationRules#validateForGossip}: for each reason, a vote refused for it, once genuine and once forged.
 */
class AttestationInvalidReasonTest {
  /** A vote refused on gossip for each reason but the block-only one (BAD_SIGNATURE: the forged one is refused). */
  private static final Map<AttestationInvalidReason, Refusal> REFUSALS = refusals();

  /** A vote by {@code validator} with {@code data}, gossiped at {@code currentSlot}. */
  private record Refusal(long currentSlot, long validator, AttestationData data) {
    Attestation genuine() {
      return validator < S1.validatorCount() ? Attestation.sign(keyOf(S1, validator), validator, data) : forged();
    }

    Attestation forged() {
      return Attestation.sign(TestKeys.ALICE, validator, data);
    }

    boolean fromTheFuture() {
      return data.slot() > currentSlot || data.target().epoch() > MINIMAL.epochOf(currentSlot);
    }

    Optional<AttestationInvalidReason> gossip(Attestation a) {
      return AttestationRules.validateForGossip(advanced(S1, currentSlot, MINIMAL), a, currentSlot, MINIMAL,
          SignatureCheck.direct()).map(AttestationRejection::reason);
    }

    Refusal withData(long slot, long targetEpoch) {
      return new Refusal(currentSlot, validator, new AttestationData(slot, data.committeeIndex(), data.headRoot(),
          data.source(), new Checkpoint(targetEpoch, data.target().root())));
    }
  }

  private static Map<AttestationInvalidReason, Refusal> refusals() {
    AttestationData d = VOTE.data();
    Map<AttestationInvalidReason, Refusal> m = new EnumMap<>(AttestationInvalidReason.class);
    m.put(AttestationInvalidReason.FUTURE_SLOT, new Refusal(1, VOTER, new AttestationData(9, d.committeeIndex(),
        d.headRoot(), d.source(), new Checkpoint(1, d.target().root()))));
    m.put(AttestationInvalidReason.FUTURE_TARGET, new Refusal(1, VOTER, new AttestationData(1, d.committeeIndex(),
        d.headRoot(), d.source(), new Checkpoint(1, d.target().root()))));
    m.put(AttestationInvalidReason.TARGET_EPOCH_TOO_OLD, new Refusal(17, VOTER, d));
    m.put(AttestationInvalidReason.TARGET_EPOCH_NOT_SLOT_EPOCH, new Refusal(9, VOTER,
        new AttestationData(9, d.committeeIndex(), d.headRoot(), d.source(), d.target())));
    m.put(AttestationInvalidReason.BAD_COMMITTEE_INDEX, new Refusal(1, VOTER,
        new AttestationData(1, 1, d.headRoot(), d.source(), d.target())));
    m.put(AttestationInvalidReason.UNKNOWN_VALIDATOR, new Refusal(1, 99, d));
    m.put(AttestationInvalidReason.NOT_IN_COMMITTEE, new Refusal(1, outsider(), d));
    m.put(AttestationInvalidReason.WRONG_SOURCE, new Refusal(1, VOTER, new AttestationData(1, d.committeeIndex(),
        d.headRoot(), new Checkpoint(0, OTHER), d.target())));
    m.put(AttestationInvalidReason.BAD_SIGNATURE, new Refusal(1, VOTER, d));
    return m;
  }

  private static int outsider() {
    int[] committee = Committees.beaconCommittee(S1, 1, 0, MINIMAL);
    for (int v = (VOTER + 1) % 16; ; v = (v + 1) % 16) {
      int candidate = v;
      if (Arrays.stream(committee).noneMatch(member -> member == candidate)) {
        return v;
      }
    }
  }

  @Test
  void shouldRefuseEachGenuineFixtureForItsOwnReason() {
    REFUSALS.forEach((reason, r) -> {
      if (reason == AttestationInvalidReason.BAD_SIGNATURE) {
        assertThat(r.gossip(r.genuine())).as("the genuine vote of the bad-signature case").isEmpty();
        assertThat(r.gossip(r.forged())).contains(reason);
      } else {
        assertThat(r.gossip(r.genuine())).as("%s", reason).contains(reason);
      }
    });
  }

  @Test
  void shouldCallEvidenceExactlyTheRefusalsDecidedBeforeTheSignatureOfAPresentVoteByAKnownValidator() {
    for (AttestationInvalidReason reason : AttestationInvalidReason.values()) {
      Refusal r = REFUSALS.get(reason);
      boolean decidedBeforeSignature = r != null && r.gossip(r.genuine()).equals(Optional.of(reason))
          && r.gossip(r.forged()).equals(Optional.of(reason));
      boolean derived = decidedBeforeSignature && !r.fromTheFuture() && r.validator() < S1.validatorCount();

      assertThat(reason.refusedVoteMayBeEvidence()).as("%s", reason).isEqualTo(derived);
    }
  }

  @Test
  void shouldRefuseAVoteFromTheFutureForTheClockWhateverElseIsWrongWithIt() {
    REFUSALS.forEach((reason, r) -> {
      if (!reason.refusedVoteMayBeEvidence()) {
        return;
      }
      long epoch = MINIMAL.epochOf(r.currentSlot());
      Refusal laterSlot = r.withData(r.currentSlot() + 1, MINIMAL.epochOf(r.currentSlot() + 1));
      Refusal laterTarget = r.withData(r.data().slot(), epoch + 1);

      assertThat(r.gossip(laterSlot.forged())).as("%s, one slot ahead", reason)
          .contains(AttestationInvalidReason.FUTURE_SLOT);
      assertThat(r.gossip(laterTarget.forged())).as("%s, one epoch ahead", reason)
          .contains(AttestationInvalidReason.FUTURE_TARGET);
    });
  }
}
