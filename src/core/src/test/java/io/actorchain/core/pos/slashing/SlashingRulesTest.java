package io.actorchain.core.pos.slashing;

import static io.actorchain.core.pos.BeaconFixture.MINIMAL;
import static io.actorchain.core.pos.BeaconFixture.genesis;
import static io.actorchain.core.pos.BeaconFixture.keyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.BeaconBlockHeader;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.SignedBeaconBlockHeader;
import io.actorchain.core.pos.model.SlashingEvidence;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CONSENSUS.md §5.2 slashing conditions and §5.4 step 4 evidence validity: forged evidence never passes. */
class SlashingRulesTest {
  private static final BeaconState STATE = genesis(16, MINIMAL);
  private static final Hash32 A = Sha256.hash("a".getBytes(StandardCharsets.UTF_8));
  private static final Hash32 B = Sha256.hash("b".getBytes(StandardCharsets.UTF_8));

  static AttestationData vote(long source, long target, Hash32 head) {
    return new AttestationData(target * 8, 0, head, new Checkpoint(source, A), new Checkpoint(target, A));
  }

  static Attestation signed(int v, AttestationData d) {
    return Attestation.sign(keyOf(STATE, v), v, d);
  }

  static SignedBeaconBlockHeader header(int v, long slot, Hash32 body, SigningKey key) {
    BeaconBlockHeader h = new BeaconBlockHeader(slot, v, Hash32.ZERO, Hash32.ZERO, body);
    return new SignedBeaconBlockHeader(h, key.sign(Domain.PROPOSER, h.root()));
  }

  @Test
  void shouldFindADoubleVoteInSameTargetEpochWithDifferentData() {
    assertThat(SlashingRules.isSlashableAttestationData(vote(1, 3, A), vote(1, 3, B))).isTrue();
    assertThat(SlashingRules.isSlashableAttestationData(vote(1, 3, A), vote(2, 3, A))).isTrue();
    assertThat(SlashingRules.isSlashableAttestationData(vote(1, 3, A), vote(1, 3, A))).isFalse();
  }

  @Test
  void shouldFindASurroundVoteOnlyWhenTheFirstSurroundsTheSecond() {
    assertThat(SlashingRules.isSlashableAttestationData(vote(1, 5, A), vote(2, 4, A))).isTrue();
    assertThat(SlashingRules.isSlashableAttestationData(vote(2, 4, A), vote(1, 5, A))).isFalse();
    assertThat(SlashingRules.isSlashableEitherOrder(vote(2, 4, A), vote(1, 5, A))).isTrue();
    // Sharing a source or a target is not a surround.
    assertThat(SlashingRules.isSlashableEitherOrder(vote(1, 5, A), vote(1, 4, A))).isFalse();
    assertThat(SlashingRules.isSlashableEitherOrder(vote(1, 5, A), vote(2, 6, A))).isFalse();
  }

  @Test
  void shouldAcceptValidDoubleProposalEvidence() {
    ProposerSlashing s = new ProposerSlashing(header(3, 1, A, keyOf(STATE, 3)), header(3, 1, B, keyOf(STATE, 3)));

    assertThat(SlashingRules.validateProposerSlashing(STATE, s, MINIMAL, SignatureCheck.direct())).isEmpty();
  }

  @Test
  void shouldRejectForgedOrMismatchedProposerEvidence() {
    SigningKey k = keyOf(STATE, 3);
    assertThat(proposerReason(new ProposerSlashing(header(3, 1, A, k), header(3, 1, B, TestKeys.ALICE))))
        .contains(SlashingInvalidReason.BAD_SIGNATURE);
    assertThat(proposerReason(new ProposerSlashing(header(3, 1, A, k), header(3, 2, B, k))))
        .contains(SlashingInvalidReason.SLOT_MISMATCH);
    assertThat(proposerReason(new ProposerSlashing(header(3, 1, A, k), header(4, 1, B, keyOf(STATE, 4)))))
        .contains(SlashingInvalidReason.PROPOSER_MISMATCH);
    assertThat(proposerReason(new ProposerSlashing(header(3, 1, A, k), header(3, 1, A, k))))
        .contains(SlashingInvalidReason.SAME_HEADER);
    assertThat(proposerReason(new ProposerSlashing(header(99, 1, A, k), header(99, 1, B, k))))
        .contains(SlashingInvalidReason.UNKNOWN_VALIDATOR);
  }

  @Test
  void shouldAcceptDoubleAndSurroundVoteEvidenceInEitherOrder() {
    AttesterSlashing doubleVote = new AttesterSlashing(signed(5, vote(0, 1, A)), signed(5, vote(0, 1, B)));
    AttesterSlashing surrounding = new AttesterSlashing(signed(5, vote(0, 3, A)), signed(5, vote(1, 2, A)));
    AttesterSlashing surrounded = new AttesterSlashing(signed(5, vote(1, 2, A)), signed(5, vote(0, 3, A)));

    assertThat(attesterReason(doubleVote)).isEmpty();
    assertThat(attesterReason(surrounding)).isEmpty();
    assertThat(attesterReason(surrounded)).isEmpty();
    assertThat(SlashingRules.kindOf(doubleVote)).isEqualTo("double-vote");
    assertThat(SlashingRules.kindOf(surrounded)).isEqualTo("surround-vote");
  }

  @Test
  void shouldRejectForgedOrHarmlessAttesterEvidence() {
    Attestation a = signed(5, vote(0, 1, A));
    assertThat(attesterReason(new AttesterSlashing(a, Attestation.sign(TestKeys.ALICE, 5, vote(0, 1, B)))))
        .contains(SlashingInvalidReason.BAD_SIGNATURE);
    assertThat(attesterReason(new AttesterSlashing(a, signed(5, vote(1, 2, A)))))
        .contains(SlashingInvalidReason.NOT_SLASHABLE_DATA);
    assertThat(attesterReason(new AttesterSlashing(a, a))).contains(SlashingInvalidReason.NOT_SLASHABLE_DATA);
    assertThat(attesterReason(new AttesterSlashing(a, signed(6, vote(0, 1, B)))))
        .contains(SlashingInvalidReason.VALIDATOR_MISMATCH);
  }

  @Test
  void shouldRejectEvidenceAgainstAnAlreadySlashedValidator() {
    BeaconState slashed = STATE.copy();
    slashed.setValidator(5, slashed.validator(5).withSlashed(true));
    AttesterSlashing s = new AttesterSlashing(signed(5, vote(0, 1, A)), signed(5, vote(0, 1, B)));

    assertThat(SlashingRules.validateAttesterSlashing(slashed, s, MINIMAL, SignatureCheck.direct())
        .map(SlashingRejection::reason)).contains(SlashingInvalidReason.VALIDATOR_NOT_SLASHABLE);
  }

  @Test
  void shouldVerifyEvidenceAgainstAnAlreadySlashedValidatorAsTrueButNotIncludable() {
    BeaconState slashed = STATE.copy();
    slashed.setValidator(5, slashed.validator(5).withSlashed(true));
    AttesterSlashing s = new AttesterSlashing(signed(5, vote(0, 1, A)), signed(5, vote(0, 1, B)));

    assertThat(SlashingRules.verifyEvidence(slashed, s, SignatureCheck.direct())).isEmpty();
    assertThat(SlashingRules.validateAttesterSlashing(slashed, s, MINIMAL, SignatureCheck.direct())).isPresent();
  }

  @Test
  void shouldRefuseForgedEvidenceWhenVerifyingIt() {
    Attestation a = signed(5, vote(0, 1, A));
    SigningKey k = keyOf(STATE, 3);
    assertThat(verifyReason(new AttesterSlashing(a, Attestation.sign(TestKeys.ALICE, 5, vote(0, 1, B)))))
        .contains(SlashingInvalidReason.BAD_SIGNATURE);
    assertThat(verifyReason(new AttesterSlashing(a, signed(5, vote(1, 2, A)))))
        .contains(SlashingInvalidReason.NOT_SLASHABLE_DATA);
    assertThat(verifyReason(new AttesterSlashing(a, signed(6, vote(0, 1, B)))))
        .contains(SlashingInvalidReason.VALIDATOR_MISMATCH);
    assertThat(verifyReason(new ProposerSlashing(header(3, 1, A, k), header(3, 1, B, TestKeys.ALICE))))
        .contains(SlashingInvalidReason.BAD_SIGNATURE);
    assertThat(verifyReason(new ProposerSlashing(header(99, 1, A, k), header(99, 1, B, k))))
        .contains(SlashingInvalidReason.UNKNOWN_VALIDATOR);
    assertThat(verifyReason(new ProposerSlashing(header(3, 1, A, k), header(3, 1, B, k)))).isEmpty();
  }

  @Test
  void shouldNameTheKindOffenderAndEpochOfEvidence() {
    ProposerSlashing proposal = new ProposerSlashing(header(3, 17, A, keyOf(STATE, 3)),
        header(3, 17, B, keyOf(STATE, 3)));
    AttesterSlashing surround = new AttesterSlashing(signed(5, vote(2, 3, A)), signed(5, vote(1, 4, A)));

    assertThat(SlashingRules.kindOf((SlashingEvidence) proposal)).isEqualTo("double-proposal");
    assertThat(SlashingRules.kindOf((SlashingEvidence) surround)).isEqualTo("surround-vote");
    assertThat(proposal.offender()).isEqualTo(3);
    assertThat(surround.offender()).isEqualTo(5);
    assertThat(SlashingRules.offenceEpoch(proposal, MINIMAL)).isEqualTo(2);
    assertThat(SlashingRules.offenceEpoch(surround, MINIMAL)).isEqualTo(4);
  }

  @Test
  void shouldTellWhoSignedAHeaderOrAVote() {
    assertThat(SlashingRules.isSignedByProposer(STATE, header(3, 1, A, keyOf(STATE, 3)), SignatureCheck.direct()))
        .isTrue();
    assertThat(SlashingRules.isSignedByProposer(STATE, header(3, 1, A, keyOf(STATE, 4)), SignatureCheck.direct()))
        .isFalse();
    assertThat(SlashingRules.isSignedByProposer(STATE, header(99, 1, A, keyOf(STATE, 4)), SignatureCheck.direct()))
        .isFalse();
    assertThat(SlashingRules.isSignedByAttester(STATE, signed(5, vote(0, 1, A)), SignatureCheck.direct())).isTrue();
    assertThat(SlashingRules.isSignedByAttester(STATE, Attestation.sign(TestKeys.ALICE, 5, vote(0, 1, A)),
        SignatureCheck.direct())).isFalse();
  }

  @Test
  void shouldDecodeEvidenceStrictly() {
    ProposerSlashing p = new ProposerSlashing(header(3, 1, A, keyOf(STATE, 3)), header(3, 1, B, keyOf(STATE, 3)));
    AttesterSlashing a = new AttesterSlashing(signed(5, vote(0, 1, A)), signed(5, vote(0, 1, B)));

    assertThat(ProposerSlashing.decode(p.canonical())).isEqualTo(p);
    assertThat(AttesterSlashing.decode(a.canonical())).isEqualTo(a);
    byte[] longer = java.util.Arrays.copyOf(a.canonical(), a.canonical().length + 1);
    assertThatThrownBy(() -> AttesterSlashing.decode(longer)).isInstanceOf(MalformedEncodingException.class);
    byte[] shorter = java.util.Arrays.copyOf(p.canonical(), p.canonical().length - 1);
    assertThatThrownBy(() -> ProposerSlashing.decode(shorter)).isInstanceOf(MalformedEncodingException.class);
  }

  private static Optional<SlashingInvalidReason> verifyReason(SlashingEvidence e) {
    return SlashingRules.verifyEvidence(STATE, e, SignatureCheck.direct()).map(SlashingRejection::reason);
  }

  private static Optional<SlashingInvalidReason> proposerReason(ProposerSlashing s) {
    return SlashingRules.validateProposerSlashing(STATE, s, MINIMAL, SignatureCheck.direct())
        .map(SlashingRejection::reason);
  }

  private static Optional<SlashingInvalidReason> attesterReason(AttesterSlashing s) {
    return SlashingRules.validateAttesterSlashing(STATE, s, MINIMAL, SignatureCheck.direct())
        .map(SlashingRejection::reason);
  }
}
