package io.actorchain.core.pos.block;

import static io.actorchain.core.pos.BeaconFixture.MINIMAL;
import static io.actorchain.core.pos.BeaconFixture.STAKE;
import static io.actorchain.core.pos.BeaconFixture.apply;
import static io.actorchain.core.pos.BeaconFixture.genesis;
import static io.actorchain.core.pos.BeaconFixture.keyOf;
import static io.actorchain.core.pos.BeaconFixture.proposerAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CONSENSUS.md §5.4 step 4: valid evidence in a block runs slashValidator with the proposer as whistleblower. */
class SlashingInBlockTest {
  private static final BeaconState GENESIS = genesis(16, MINIMAL);
  private static final Hash32 A = Sha256.hash("a".getBytes(StandardCharsets.UTF_8));
  private static final Hash32 B = Sha256.hash("b".getBytes(StandardCharsets.UTF_8));

  private static int notProposer(int proposer) {
    return proposer == 3 ? 4 : 3;
  }

  private static BlockProduction.Produced produceWith(List<ProposerSlashing> ps, List<AttesterSlashing> as) {
    int proposer = proposerAt(GENESIS, 1, MINIMAL);
    return BlockProduction.produce(GENESIS, 1, proposer, keyOf(GENESIS, proposer), List.of(), ps, as, List.of(),
        MINIMAL, SignatureCheck.direct());
  }

  @Test
  void shouldSlashADoubleProposerAndPayTheProposer() {
    // effBal 32 coins: penalty 32e9 // 32 = 1e9; w = 32e9 // 512 = 62.5e6, all to the proposer (it is also the
    // whistleblower); exit at 0 + 1 + 4 = 5; withdrawable max(5 + 16, 0 + 64) = 64.
    int proposer = proposerAt(GENESIS, 1, MINIMAL);
    int offender = notProposer(proposer);
    ProposerSlashing evidence = BlockRejectionTest.doubleProposal(offender);

    BlockProduction.Produced b1 = produceWith(List.of(evidence), List.of());
    BlockProcessing.Applied applied = apply(GENESIS, b1.block(), MINIMAL);
    BeaconState post = applied.postState();

    Validator v = post.validator(offender);
    assertThat(b1.block().body().proposerSlashings()).containsExactly(evidence);
    assertThat(v.slashed()).isTrue();
    assertThat(v.exitEpoch()).isEqualTo(5);
    assertThat(v.withdrawableEpoch()).isEqualTo(64);
    assertThat(post.balance(offender)).isEqualTo(STAKE - 1_000_000_000L);
    assertThat(post.balance(proposer)).isEqualTo(STAKE + 62_500_000L);
    assertThat(post.slashingsAt(0)).isEqualTo(STAKE);
    assertThat(applied.slashings()).containsExactly(new SlashingApplied(offender, "double-proposal", 1_000_000_000L,
        proposer, 62_500_000L - 7_812_500L, 7_812_500L));
  }

  @Test
  void shouldSlashADoubleVoterAndASurroundVoter() {
    int proposer = proposerAt(GENESIS, 1, MINIMAL);
    int doubleVoter = notProposer(proposer);
    int surrounder = doubleVoter + 5;
    AttesterSlashing doubleVote = new AttesterSlashing(vote(doubleVoter, 0, 0, A), vote(doubleVoter, 0, 0, B));
    AttesterSlashing surround = new AttesterSlashing(vote(surrounder, 1, 2, A), vote(surrounder, 0, 3, A));

    BlockProduction.Produced b1 = produceWith(List.of(), List.of(doubleVote, surround));
    BlockProcessing.Applied applied = apply(GENESIS, b1.block(), MINIMAL);

    assertThat(applied.slashings()).extracting(SlashingApplied::validatorIndex, SlashingApplied::kind)
        .containsExactly(tuple(doubleVoter, "double-vote"),
            tuple(surrounder, "surround-vote"));
    assertThat(applied.postState().validator(doubleVoter).slashed()).isTrue();
    assertThat(applied.postState().validator(surrounder).slashed()).isTrue();
    assertThat(applied.postState().balance(proposer)).isEqualTo(STAKE + 2 * 62_500_000L);
  }

  @Test
  void shouldNeverSlashOnForgedEvidenceAndLeaveItOutWhenProducing() {
    int proposer = proposerAt(GENESIS, 1, MINIMAL);
    int victim = notProposer(proposer);
    AttesterSlashing forged = new AttesterSlashing(vote(victim, 0, 0, A),
        Attestation.sign(TestKeys.ALICE, victim, data(0, 0, B)));
    AttesterSlashing harmless = new AttesterSlashing(vote(victim, 0, 0, A), vote(victim, 0, 1, A));
    AttesterSlashing twice = new AttesterSlashing(vote(victim, 0, 0, A), vote(victim, 0, 0, B));

    BlockProduction.Produced b1 = produceWith(List.of(), List.of(forged, harmless, twice, twice));

    assertThat(b1.block().body().attesterSlashings()).containsExactly(twice);
    assertThat(apply(GENESIS, b1.block(), MINIMAL).slashings()).hasSize(1);
    assertThat(GENESIS.validator(victim).slashed()).isFalse();
  }

  private static AttestationData data(long source, long target, Hash32 head) {
    return new AttestationData(target * 8, 0, head, new Checkpoint(source, A), new Checkpoint(target, A));
  }

  private static Attestation vote(int v, long source, long target, Hash32 head) {
    return Attestation.sign(keyOf(GENESIS, v), v, data(source, target, head));
  }
}
