package io.actorchain.core.pos.misc;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.state.BeaconState;
import org.junit.jupiter.api.Test;

class MutatorsTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal();
  private static final long EPOCH_3 = 24;

  @Test
  void shouldExitAtTheActivationExitEpochAndWithdrawAfterTheDelay() {
    BeaconState s = TestStates.uniform(C, EPOCH_3, 10, 32);
    assertThat(Mutators.initiateExit(s, 0, C)).isEqualTo(8); // 3 + 1 + MAX_SEED_LOOKAHEAD 4
    assertThat(s.validator(0).exitEpoch()).isEqualTo(8);
    assertThat(s.validator(0).withdrawableEpoch()).isEqualTo(24); // + MIN_VALIDATOR_WITHDRAWABILITY_DELAY 16
  }

  @Test
  void shouldQueueExitsBeyondTheChurnLimitToTheNextEpoch() {
    BeaconState s = TestStates.uniform(C, EPOCH_3, 10, 32);
    for (int i = 0; i < 4; i++) {
      assertThat(Mutators.initiateExit(s, i, C)).as("exit %d", i).isEqualTo(8);
    }
    assertThat(Mutators.initiateExit(s, 4, C)).isEqualTo(9); // churn limit max(4, 10 // 65536) = 4
    assertThat(s.validator(4).withdrawableEpoch()).isEqualTo(25);
    assertThat(Mutators.initiateExit(s, 5, C)).isEqualTo(9);
  }

  @Test
  void shouldQueueBehindTheLatestScheduledExitAndLeaveAnExitingValidatorAlone() {
    BeaconState s = TestStates.uniform(C, EPOCH_3, 10, 32);
    s.setValidator(9, s.validator(9).withExitEpoch(20).withWithdrawableEpoch(36));
    assertThat(Mutators.initiateExit(s, 0, C)).isEqualTo(20);
    assertThat(Mutators.initiateExit(s, 9, C)).isEqualTo(20);
    assertThat(s.validator(9).withdrawableEpoch()).isEqualTo(36);
  }

  @Test
  void shouldPenaliseTheSlashedAndSplitTheWhistleblowerRewardWithTheProposer() {
    BeaconState s = TestStates.uniform(C, EPOCH_3, 4, 32);
    SlashingOutcome out = Mutators.slashValidator(s, 1, 2, 0, C);

    // effBal 32 coins: penalty 32/32 = 1 coin; w = 32e9 // 512 = 62,500,000; pr = w × 8 // 64 = 7,812,500.
    assertThat(out).isEqualTo(new SlashingOutcome(1, 1_000_000_000L, 2, 54_687_500L, 0, 7_812_500L, 8, 67));
    assertThat(s.balance(1)).isEqualTo(coins(31));
    assertThat(s.balance(0)).isEqualTo(coins(32) + 7_812_500L);
    assertThat(s.balance(2)).isEqualTo(coins(32) + 54_687_500L);
    assertThat(s.validator(1).slashed()).isTrue();
    assertThat(s.validator(1).exitEpoch()).isEqualTo(8);
    assertThat(s.validator(1).withdrawableEpoch()).as("max(8 + 16, 3 + 64)").isEqualTo(67);
    assertThat(s.slashingsAt(3)).isEqualTo(coins(32));
  }

  @Test
  void shouldPayTheWholeWhistleblowerRewardToTheProposerWhenNoneIsNamed() {
    BeaconState s = TestStates.uniform(C, EPOCH_3, 4, 32);
    SlashingOutcome out = Mutators.slashValidator(s, 1, null, 3, C);
    assertThat(out.whistleblowerIndex()).isEqualTo(3);
    assertThat(s.balance(3)).isEqualTo(coins(32) + 62_500_000L);
  }

  @Test
  void shouldTakeTheWholeStakeUnderTheTutorialPreset() {
    ConsensusConfig tutorial = ConsensusConfig.tutorial();
    BeaconState s = TestStates.uniform(tutorial, EPOCH_3, 4, 32);
    assertThat(Mutators.slashValidator(s, 1, null, 0, tutorial).penalty()).isEqualTo(coins(32));
    assertThat(s.balance(1)).isZero();
  }

  @Test
  void shouldNeverTakeMoreThanTheBalanceAndKeepAnEarlierExit() {
    BeaconState s = TestStates.uniform(C, EPOCH_3, 4, 32);
    s.setBalance(1, 400_000_000L);
    s.setValidator(1, s.validator(1).withExitEpoch(6).withWithdrawableEpoch(100));
    SlashingOutcome out = Mutators.slashValidator(s, 1, 2, 0, C);
    assertThat(out.penalty()).isEqualTo(400_000_000L);
    assertThat(s.balance(1)).isZero();
    assertThat(out.exitEpoch()).isEqualTo(6);
    assertThat(out.withdrawableEpoch()).isEqualTo(100);
  }
}
