package io.actorchain.core.pos.block;

import static io.actorchain.core.pos.BeaconFixture.MINIMAL;
import static io.actorchain.core.pos.BeaconFixture.advanced;
import static io.actorchain.core.pos.BeaconFixture.apply;
import static io.actorchain.core.pos.BeaconFixture.attestation;
import static io.actorchain.core.pos.BeaconFixture.genesis;
import static io.actorchain.core.pos.BeaconFixture.keyOf;
import static io.actorchain.core.pos.BeaconFixture.onDutyAt;
import static io.actorchain.core.pos.BeaconFixture.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.pos.misc.Committees;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CONSENSUS.md §5.4 step 5: flags by inclusion delay, and each reason an attestation is refused. */
class AttestationRulesTest {
  private static final BeaconState GENESIS = genesis(16, MINIMAL);
  private static final BlockProduction.Produced B1 = produce(GENESIS, 1, List.of(), MINIMAL);
  /** The state after block 1 (slot 1), on 16 validators: the state the refusal tests here and elsewhere use. */
  static final BeaconState S1 = B1.postState();
  static final Hash32 OTHER = Sha256.hash("other".getBytes(StandardCharsets.UTF_8));
  /** A validator on duty at slot 1, committee 0. */
  static final int VOTER = onDutyAt(S1, 1, MINIMAL);
  /** VOTER's honest vote for block 1. */
  static final Attestation VOTE = attestation(S1, B1.block().root(), 1, VOTER, MINIMAL);

  private static Attestation resigned(Attestation a, AttestationData d) {
    return Attestation.sign(keyOf(S1, a.validatorIndex()), a.validatorIndex(), d);
  }

  @ParameterizedTest(name = "delay {0} earns flags {1}")
  @CsvSource({"1, 7", "2, 3", "3, 2", "8, 2"})
  void shouldLoseHeadAfterOneSlotAndSourceAfterIsqrtOfSlotsPerEpoch(long delay, int flags) {
    // minimal: SLOTS_PER_EPOCH = 8, isqrt(8) = 2. SOURCE = 1, TARGET = 2, HEAD = 4.
    long inclusion = 1 + delay;
    BeaconState at = advanced(S1, inclusion, MINIMAL);

    assertThat(AttestationRules.participationFlags(at, VOTE.data(), inclusion, MINIMAL)).isEqualTo(flags);

    BlockProduction.Produced b = produce(S1, inclusion, List.of(VOTE), MINIMAL);
    BeaconState post = apply(S1, b.block(), MINIMAL).postState();
    int set = inclusion < 8 ? post.currentEpochParticipation(VOTER) : post.previousEpochParticipation(VOTER);
    assertThat(b.block().body().attestations()).containsExactly(VOTE);
    assertThat(set).isEqualTo(flags);
  }

  @Test
  void shouldEarnSourceAndTargetButNotHeadForAWrongHeadVote() {
    AttestationData d = VOTE.data();
    AttestationData wrongHead = new AttestationData(d.slot(), d.committeeIndex(), OTHER, d.source(), d.target());

    assertThat(AttestationRules.participationFlags(advanced(S1, 2, MINIMAL), wrongHead, 2, MINIMAL))
        .isEqualTo(AttestationRules.TIMELY_SOURCE | AttestationRules.TIMELY_TARGET);
  }

  @Test
  void shouldEarnOnlySourceForAWrongTargetVote() {
    AttestationData d = VOTE.data();
    AttestationData wrongTarget = new AttestationData(d.slot(), d.committeeIndex(), d.headRoot(), d.source(),
        new Checkpoint(0, OTHER));

    assertThat(AttestationRules.participationFlags(advanced(S1, 2, MINIMAL), wrongTarget, 2, MINIMAL))
        .isEqualTo(AttestationRules.TIMELY_SOURCE);
  }

  @Test
  void shouldAcceptAnHonestAttestationForABlockAndOnGossip() {
    assertThat(AttestationRules.validateForBlock(advanced(S1, 2, MINIMAL), VOTE, MINIMAL, SignatureCheck.direct()))
        .isEmpty();
    assertThat(AttestationRules.validateForGossip(advanced(S1, 1, MINIMAL), VOTE, 1, MINIMAL, SignatureCheck.direct()))
        .isEmpty();
  }

  @Test
  void shouldRefuseInclusionOutsideTheWindow() {
    assertThat(forBlockAt(1, VOTE)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.OUTSIDE_INCLUSION_WINDOW));
    assertThat(forBlockAt(10, VOTE)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.OUTSIDE_INCLUSION_WINDOW));
  }

  @Test
  void shouldRefuseATargetOlderThanThePreviousEpoch() {
    assertThat(forBlockAt(17, VOTE)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.TARGET_EPOCH_TOO_OLD));
  }

  @Test
  void shouldRefuseAWrongSourceOnGossipAndInBlocks() {
    AttestationData d = VOTE.data();
    Attestation wrong = resigned(VOTE, new AttestationData(d.slot(), d.committeeIndex(), d.headRoot(),
        new Checkpoint(0, OTHER), d.target()));

    assertThat(gossipAt(1, wrong)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.WRONG_SOURCE));
    assertThat(forBlockAt(2, wrong)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.WRONG_SOURCE));
  }

  @Test
  void shouldRefuseAFutureTargetOnGossip() {
    AttestationData d = VOTE.data();
    Attestation future = resigned(VOTE, new AttestationData(9, d.committeeIndex(), d.headRoot(), d.source(),
        new Checkpoint(1, d.target().root())));

    assertThat(gossipAt(1, future)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.FUTURE_SLOT));
    Attestation futureTargetOnly = resigned(VOTE, new AttestationData(1, d.committeeIndex(), d.headRoot(),
        d.source(), new Checkpoint(1, d.target().root())));
    assertThat(gossipAt(1, futureTargetOnly)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.FUTURE_TARGET));
  }

  @Test
  void shouldRefuseATargetEpochThatIsNotTheSlotsEpoch() {
    AttestationData d = VOTE.data();
    Attestation mismatch = resigned(VOTE, new AttestationData(9, d.committeeIndex(), d.headRoot(), d.source(),
        d.target()));

    assertThat(gossipAt(9, mismatch)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.TARGET_EPOCH_NOT_SLOT_EPOCH));
  }

  @Test
  void shouldRefuseAValidatorOutsideTheCommittee() {
    int outsider = (VOTER + 1) % 16;
    int[] committee = Committees.beaconCommittee(S1, 1, 0, MINIMAL);
    while (contains(committee, outsider)) {
      outsider = (outsider + 1) % 16;
    }
    Attestation a = Attestation.sign(keyOf(S1, outsider), outsider, VOTE.data());

    assertThat(gossipAt(1, a)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.NOT_IN_COMMITTEE));
  }

  @Test
  void shouldRefuseABadCommitteeIndexAndAnUnknownValidator() {
    AttestationData d = VOTE.data();
    Attestation badCommittee = resigned(VOTE, new AttestationData(1, 1, d.headRoot(), d.source(), d.target()));
    Attestation unknown = new Attestation(99, VOTE.data(), VOTE.sig());

    assertThat(gossipAt(1, badCommittee)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.BAD_COMMITTEE_INDEX));
    assertThat(gossipAt(1, unknown)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.UNKNOWN_VALIDATOR));
  }

  @Test
  void shouldRefuseABadSignature() {
    Attestation forged = Attestation.sign(TestKeys.ALICE, VOTE.validatorIndex(), VOTE.data());

    assertThat(gossipAt(1, forged)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.BAD_SIGNATURE));
    assertThat(forBlockAt(2, forged)).hasValueSatisfying(r ->
        assertThat(r.reason()).isEqualTo(AttestationInvalidReason.BAD_SIGNATURE));
  }

  private static Optional<AttestationRejection> forBlockAt(long slot, Attestation a) {
    return AttestationRules.validateForBlock(advanced(S1, slot, MINIMAL), a, MINIMAL, SignatureCheck.direct());
  }

  private static Optional<AttestationRejection> gossipAt(long slot, Attestation a) {
    return AttestationRules.validateForGossip(advanced(S1, slot, MINIMAL), a, slot, MINIMAL, SignatureCheck.direct());
  }

  private static boolean contains(int[] xs, int x) {
    for (int y : xs) {
      if (y == x) {
        return true;
      }
    }
    return false;
  }
}
