package io.actorchain.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.pos.ConsensusConfig;
import org.junit.jupiter.api.Test;

class ConformanceRunnerTest {
  static final ConsensusConfig TINY_CONFIG = ConsensusConfig.minimal().with("SLOTS_PER_HISTORICAL_ROOT", 4)
      .with("EPOCHS_PER_HISTORICAL_VECTOR", 4).with("EPOCHS_PER_SLASHINGS_VECTOR", 4)
      .with("MAX_EFFECTIVE_BALANCE", 32_000_000_000L);

  static Phase0State tiny() {
    return Phase0State.decode(Phase0StateTest.tinyState(), Phase0StateTest.TINY);
  }

  @Test
  void shouldReportEachEffectiveBalanceThatDiffers() {
    // validator 1: balance 30 ETH < effective 31 ETH − 0.25 ETH, so the step lowers it to 30 ETH; post says 31
    ConformanceRunner.Result r = ConformanceRunner.run("effective_balance_updates", tiny(), tiny(), TINY_CONFIG);
    assertThat(r.passed()).isFalse();
    assertThat(r.differences())
        .containsExactly("effective_balance[1]: expected 31000000000, got 30000000000 (-1000000000)");
  }

  @Test
  void shouldPassWhenPostMatches() {
    // slot 17 (epoch 2): nothing is slashed with withdrawable epoch 2 + 2, so balances stay
    ConformanceRunner.Result r = ConformanceRunner.run("slashings", tiny(), tiny(), TINY_CONFIG);
    assertThat(r.passed()).as(r.diff()).isTrue();
    assertThat(r.diff()).isEmpty();
  }

  @Test
  void shouldDescribeJustificationDifferences() {
    // 2 slots per epoch: slot 17 is epoch 8. The one pending attestation's target (0x21) is not blockRoot(7), only
    // validator 0 is active, so nothing is justified; the bits shift and previous_justified takes current_justified.
    ConsensusConfig c = TINY_CONFIG.with("SLOTS_PER_EPOCH", 2);
    ConformanceRunner.Result r = ConformanceRunner.run("justification_and_finalization", tiny(), tiny(), c);
    assertThat(r.differences()).containsExactly("justification_bits: expected 0b0011, got 0b0110",
        "previous_justified_checkpoint: expected (epoch 0, root 0x" + "30".repeat(32) + "), got (epoch 1, root 0x"
            + "31".repeat(32) + ")");
  }

  @Test
  void shouldSkipJustificationUntilEpochTwo() {
    ConsensusConfig c = TINY_CONFIG.with("SLOTS_PER_EPOCH", 16); // slot 17 is epoch 1
    ConformanceRunner.Result r = ConformanceRunner.run("justification_and_finalization", tiny(), tiny(), c);
    assertThat(r.passed()).as(r.diff()).isTrue();
  }

  @Test
  void shouldRejectAnUnknownStep() {
    assertThatThrownBy(() -> ConformanceRunner.run("rewards_and_penalties", tiny(), tiny(), TINY_CONFIG))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown epoch-processing step")
        .hasMessageContaining("justification_and_finalization, slashings, effective_balance_updates");
  }
}
