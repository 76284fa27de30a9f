package io.actorchain.core.pos.block;

import static io.actorchain.core.pos.BeaconFixture.ALICE_FUNDS;
import static io.actorchain.core.pos.BeaconFixture.MINIMAL;
import static io.actorchain.core.pos.BeaconFixture.STAKE;
import static io.actorchain.core.pos.BeaconFixture.TERMINAL;
import static io.actorchain.core.pos.BeaconFixture.apply;
import static io.actorchain.core.pos.BeaconFixture.attestations;
import static io.actorchain.core.pos.BeaconFixture.genesis;
import static io.actorchain.core.pos.BeaconFixture.key;
import static io.actorchain.core.pos.BeaconFixture.keyOf;
import static io.actorchain.core.pos.BeaconFixture.produce;
import static io.actorchain.core.pos.BeaconFixture.proposerAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.TestKeys;
import io.actorchain.core.Units;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.BeaconBlockHeader;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.Deposit;
import io.actorchain.core.tx.Exit;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.core.tx.Transaction;
import io.actorchain.core.tx.Transfer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockProcessingTest {
  private static final BeaconState GENESIS = genesis(16, MINIMAL);

  @Test
  void shouldReachTheProducersStateRootWhenProcessingAProducedBlock() {
    BlockProduction.Produced b1 = produce(GENESIS, 1, List.of(), MINIMAL);

    BlockProcessing.Applied applied = apply(GENESIS, b1.block(), MINIMAL);

    assertThat(applied.postState().root()).isEqualTo(b1.block().header().stateRoot());
    assertThat(b1.postState().root()).isEqualTo(b1.block().header().stateRoot());
    assertThat(applied.postState().slot()).isEqualTo(1);
    assertThat(applied.transitions()).isEmpty();
  }

  @Test
  void shouldKeepTheHeaderWithAZeroStateRootAsTheLatestBlockHeader() {
    BlockProduction.Produced b1 = produce(GENESIS, 1, List.of(), MINIMAL);

    BeaconBlockHeader latest = apply(GENESIS, b1.block(), MINIMAL).postState().latestBlockHeader();

    assertThat(latest.stateRoot()).isEqualTo(Hash32.ZERO);
    assertThat(latest.withStateRoot(b1.block().header().stateRoot()).root()).isEqualTo(b1.block().root());
    assertThat(b1.block().parentRoot()).isEqualTo(TERMINAL);
  }

  @Test
  void shouldNotChangeTheParentState() {
    Hash32 before = GENESIS.root();
    BlockProduction.Produced b1 = produce(GENESIS, 1, List.of(), MINIMAL);
    apply(GENESIS, b1.block(), MINIMAL);
    BlockProcessing.processBlock(GENESIS, b1.block(), MINIMAL.with("PROPOSER_BLOCK_REWARD", 7),
        SignatureCheck.direct());

    assertThat(GENESIS.root()).isEqualTo(before);
    assertThat(GENESIS.slot()).isZero();
  }

  @Test
  void shouldCrossAnEpochBoundaryAndReportTheTransition() {
    BlockProduction.Produced b9 = produce(GENESIS, 9, List.of(), MINIMAL);

    BlockProcessing.Applied applied = apply(GENESIS, b9.block(), MINIMAL);

    assertThat(applied.transitions()).extracting(t -> t.epoch()).containsExactly(0L);
    assertThat(applied.postState().root()).isEqualTo(b9.block().header().stateRoot());
  }

  @Test
  void shouldPayTheProposerForEachNewFlagOfIncludedAttestations() {
    // 16 validators × 32 coins: isqrt(512e9) = 715541, baseRewardPerIncrement = 1e9 × 64 // 715541 = 89442,
    // baseReward = 32 × 89442 = 2862144; all three flags weigh 14 + 26 + 14 = 54: 2862144 × 54 // 448 = 344990.
    BlockProduction.Produced b1 = produce(GENESIS, 1, List.of(), MINIMAL);
    List<Attestation> votes = attestations(b1.postState(), b1.block().root(), 1, MINIMAL);
    assertThat(votes).hasSize(2);
    int proposer = proposerAt(b1.postState(), 2, MINIMAL);
    long before = b1.postState().balance(proposer);

    BlockProduction.Produced b2 = produce(b1.postState(), 2, votes, MINIMAL);
    BeaconState post = apply(b1.postState(), b2.block(), MINIMAL).postState();

    assertThat(b2.block().body().attestations()).hasSize(2);
    assertThat(post.balance(proposer) - before).isEqualTo(2 * 344_990L);
    for (Attestation a : votes) {
      assertThat(post.currentEpochParticipation((int) a.validatorIndex())).isEqualTo(0b111);
    }
  }

  @Test
  void shouldPayOnlyForFlagsNotAlreadySet() {
    // Delay 2 earns SOURCE + TARGET (14 + 26 = 40): 2862144 × 40 // 448 = 255548; a duplicate earns nothing new.
    BlockProduction.Produced b1 = produce(GENESIS, 1, List.of(), MINIMAL);
    Attestation vote = attestations(b1.postState(), b1.block().root(), 1, MINIMAL).get(0);
    BlockProduction.Produced b3 = produce(b1.postState(), 3, List.of(vote), MINIMAL);
    int proposer = proposerAt(b3.postState(), 4, MINIMAL);
    int proposer3 = (int) b3.block().proposerIndex();

    long before3 = b1.postState().balance(proposer3);
    BeaconState post3 = apply(b1.postState(), b3.block(), MINIMAL).postState();
    BlockProduction.Produced again = produce(post3, 4, List.of(vote), MINIMAL);

    assertThat(post3.balance(proposer3) - before3).isEqualTo(255_548L);
    assertThat(again.block().body().attestations()).isEmpty();
    assertThat(again.postState().balance(proposer)).isEqualTo(post3.balance(proposer));
  }

  @Test
  void shouldApplyTransfersWithTheBaseFeeBurnedAndTheTipToTheProposersAccount() {
    Transfer t = Transfer.sign(TestKeys.ALICE, TestKeys.BOB.address(), Units.coins(5), 10, 3, 0);
    BlockProduction.Produced b1 = produce(GENESIS, 1, List.of(), List.of(t), MINIMAL);
    BeaconState post = apply(GENESIS, b1.block(), MINIMAL).postState();
    var proposerAccount = keyOf(GENESIS, b1.block().proposerIndex()).address();

    assertThat(b1.block().body().transactions()).containsExactly(t);
    assertThat(post.accounts().get(TestKeys.ALICE.address()).balance())
        .isEqualTo(ALICE_FUNDS - Units.coins(5) - 1 - 3);
    assertThat(post.accounts().get(TestKeys.ALICE.address()).nonce()).isEqualTo(1);
    assertThat(post.accounts().get(TestKeys.BOB.address()).balance()).isEqualTo(Units.coins(5));
    assertThat(post.accounts().get(proposerAccount).balance()).isEqualTo(3);
    assertThat(post.baseFee()).isEqualTo(1); // one transaction: 1 + 1 × (1 − 64) // 64 // 8 = 0, floored to 1
  }

  @Test
  void shouldTopUpOrAppendValidatorsOnDepositsAndExitOnExits() {
    Deposit topUp = Deposit.sign(TestKeys.ALICE, key(3).publicKey(), Units.coins(1), 10, 0, 0);
    Deposit fresh = Deposit.sign(TestKeys.ALICE, key(40).publicKey(), Units.coins(40), 10, 0, 1);
    Exit exit = Exit.sign(key(5), 5, 0);
    List<Transaction> txs = List.of(topUp, fresh, exit);
    BlockProduction.Produced b1 = produce(GENESIS, 1, List.of(), txs, MINIMAL);

    BeaconState post = apply(GENESIS, b1.block(), MINIMAL).postState();

    assertThat(b1.block().body().transactions()).containsExactlyElementsOf(txs);
    assertThat(post.balance(3)).isEqualTo(STAKE + Units.coins(1));
    assertThat(post.validatorCount()).isEqualTo(17);
    assertThat(post.validator(16).pubkey()).isEqualTo(key(40).publicKey());
    assertThat(post.validator(16).effectiveBalance()).isEqualTo(Units.coins(40));
    assertThat(post.validator(16).activationEligibilityEpoch()).isEqualTo(1);
    assertThat(post.validator(16).activationEpoch()).isEqualTo(ConsensusConfig.FAR_FUTURE_EPOCH);
    assertThat(post.balance(16)).isEqualTo(Units.coins(40));
    assertThat(post.validator(5).exitEpoch()).isEqualTo(5); // current 0 + 1 + MAX_SEED_LOOKAHEAD 4
    assertThat(post.validator(5).withdrawableEpoch()).isEqualTo(5 + 16);
  }

  @Test
  void shouldSkipInvalidTransactionsWhenProducing() {
    Transfer wrongNonce = Transfer.sign(TestKeys.ALICE, TestKeys.BOB.address(), 1, 10, 0, 7);
    Exit unknown = Exit.sign(key(30), 30, 0);
    Exit future = Exit.sign(key(6), 6, 3);
    Exit forged = Exit.sign(key(7), 8, 0);

    BlockProduction.Produced b1 = produce(GENESIS, 1, List.of(), List.of(wrongNonce, unknown, future, forged),
        MINIMAL);

    assertThat(b1.block().body().transactions()).isEmpty();
  }

  @Test
  void shouldPayTheFixedProposerRewardInTheTutorialPreset() {
    ConsensusConfig tutorial = ConsensusConfig.tutorial();
    BeaconState genesis = genesis(16, tutorial);
    BlockProduction.Produced b1 = produce(genesis, 1, List.of(), tutorial);
    int proposer = (int) b1.block().proposerIndex();

    BeaconState post = apply(genesis, b1.block(), tutorial).postState();

    assertThat(post.balance(proposer)).isEqualTo(STAKE + Units.coins(50));
  }
}
