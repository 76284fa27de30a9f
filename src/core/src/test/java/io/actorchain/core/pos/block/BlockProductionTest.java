package io.actorchain.core.pos.block;

import static io.actorchain.core.pos.BeaconFixture.MINIMAL;
import static io.actorchain.core.pos.BeaconFixture.apply;
import static io.actorchain.core.pos.BeaconFixture.attestation;
import static io.actorchain.core.pos.BeaconFixture.attestations;
import static io.actorchain.core.pos.BeaconFixture.genesis;
import static io.actorchain.core.pos.BeaconFixture.keyOf;
import static io.actorchain.core.pos.BeaconFixture.produce;
import static io.actorchain.core.pos.BeaconFixture.proposerAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CONSENSUS.md §5.7: what an honest proposer includes, and in which order. */
class BlockProductionTest {
  private static final BeaconState GENESIS = genesis(16, MINIMAL);
  private static final BlockProduction.Produced B1 = produce(GENESIS, 1, List.of(), MINIMAL);
  private static final BeaconState S1 = B1.postState();

  @Test
  void shouldPutTheAttestationsThatSetTheMostFlagsFirst() {
    // At slot 3 the slot-1 votes earn SOURCE + TARGET (delay 2 = isqrt(8)) and the slot-2 votes all three flags:
    // those are worth more and come first, lower validator index first on a tie.
    BlockProduction.Produced b2 = produce(S1, 2, List.of(), MINIMAL);
    List<Attestation> slot1 = attestations(S1, B1.block().root(), 1, MINIMAL);
    List<Attestation> slot2 = attestations(b2.postState(), b2.block().root(), 2, MINIMAL);
    List<Attestation> candidates = new ArrayList<>(slot1);
    candidates.addAll(slot2);

    BlockProduction.Produced b3 = produce(b2.postState(), 3, candidates, MINIMAL);

    List<Attestation> included = b3.block().body().attestations();
    assertThat(included).hasSize(4);
    assertThat(included.subList(0, 2)).containsExactlyInAnyOrderElementsOf(slot2);
    assertThat(included.subList(2, 4)).containsExactlyInAnyOrderElementsOf(slot1);
    assertThat(included.get(0).validatorIndex()).isLessThan(included.get(1).validatorIndex());
    assertThat(apply(b2.postState(), b3.block(), MINIMAL).postState().root())
        .isEqualTo(b3.block().header().stateRoot());
  }

  @Test
  void shouldLeaveOutInvalidDuplicateAndWorthlessAttestations() {
    Attestation vote = attestations(S1, B1.block().root(), 1, MINIMAL).get(0);
    AttestationData d = vote.data();
    Attestation wrongSource = Attestation.sign(keyOf(S1, vote.validatorIndex()), vote.validatorIndex(),
        new AttestationData(d.slot(), d.committeeIndex(), d.headRoot(), new Checkpoint(0, d.headRoot()), d.target()));
    Attestation forged = Attestation.sign(TestKeys.ALICE, vote.validatorIndex(), d);

    BlockProduction.Produced b2 = produce(S1, 2, List.of(wrongSource, vote, forged, vote), MINIMAL);

    assertThat(b2.block().body().attestations()).containsExactly(vote);
  }

  @Test
  void shouldStopAtMaxAttestations() {
    ConsensusConfig one = MINIMAL.with("MAX_ATTESTATIONS", 1);
    List<Attestation> votes = attestations(S1, B1.block().root(), 1, one);

    BlockProduction.Produced b2 = produce(S1, 2, votes, one);

    assertThat(votes).hasSize(2);
    assertThat(b2.block().body().attestations()).hasSize(1).containsAnyElementsOf(votes);
  }

  @Test
  void shouldKeepTheBetterOfTwoVotesOfOneValidator() {
    int v = (int) attestations(S1, B1.block().root(), 1, MINIMAL).get(0).validatorIndex();
    Attestation honest = attestation(S1, B1.block().root(), 1, v, MINIMAL);
    AttestationData d = honest.data();
    Attestation wrongHead = Attestation.sign(keyOf(S1, v), v,
        new AttestationData(d.slot(), d.committeeIndex(), d.target().root(), d.source(), d.target()));

    BlockProduction.Produced b2 = produce(S1, 2, List.of(wrongHead, honest), MINIMAL);

    assertThat(b2.block().body().attestations()).containsExactly(honest);
  }

  @Test
  void shouldRefuseToProduceForAnotherProposerOrWithTheWrongKey() {
    int proposer = proposerAt(S1, 2, MINIMAL);
    int other = (proposer + 1) % 16;

    assertThatThrownBy(() -> BlockProduction.produce(S1, 2, other, keyOf(S1, other), List.of(), List.of(), List.of(),
        List.of(), MINIMAL, SignatureCheck.direct())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proposer");
    assertThatThrownBy(() -> BlockProduction.produce(S1, 2, proposer, TestKeys.ALICE, List.of(), List.of(), List.of(),
        List.of(), MINIMAL, SignatureCheck.direct())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BlockProduction.produce(S1, 1, proposer, keyOf(S1, proposer), List.of(), List.of(),
        List.of(), List.of(), MINIMAL, SignatureCheck.direct())).isInstanceOf(IllegalArgumentException.class);
  }
}
