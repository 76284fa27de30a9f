package io.actorchain.core.pos.epoch;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.TestStates;
import io.actorchain.core.pos.state.BeaconState;
import org.junit.jupiter.api.Test;

class EffectiveBalanceUpdatesTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal();
  private static final long QUARTER = 250_000_000L; // INCREMENT // HYSTERESIS_QUOTIENT

  private static long effectiveAfter(long balance) {
    BeaconState s = TestStates.uniform(C, TestStates.lastSlot(C, 10), 1, 32);
    s.setBalance(0, balance);
    EpochProcessing.processEffectiveBalanceUpdates(s, C);
    return s.validator(0).effectiveBalance();
  }

  @Test
  void shouldDropOnlyWhenTheBalanceFallsMoreThanAQuarterIncrementBelow() {
    assertThat(effectiveAfter(coins(32) - QUARTER)).isEqualTo(coins(32));
    assertThat(effectiveAfter(coins(32) - QUARTER - 1)).isEqualTo(coins(31));
  }

  @Test
  void shouldRiseOnlyWhenTheBalanceExceedsByMoreThanFiveQuarters() {
    assertThat(effectiveAfter(coins(32) + 5 * QUARTER)).isEqualTo(coins(32));
    assertThat(effectiveAfter(coins(32) + 5 * QUARTER + 1)).isEqualTo(coins(33));
  }

  @Test
  void shouldCapAtTheMaximumEffectiveBalance() {
    assertThat(effectiveAfter(coins(5000))).isEqualTo(coins(2048));
  }
}
