package io.actorchain.core.pow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.Units;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PowParamsTest {
  @Test
  void shouldDefaultToTheSpecConstants() {
    PowParams p = PowParams.defaults();

    assertThat(p.blockRewardGwei()).isEqualTo(Units.coins(50));
    assertThat(p.retargetInterval()).isEqualTo(16);
    assertThat(p.blockTimeMillis()).isEqualTo(2_000);
    assertThat(p.maxFutureDriftMillis()).isEqualTo(15_000);
    assertThat(p.medianTimeSpan()).isEqualTo(11);
    assertThat(p.checkProofOfWork()).isTrue();
    assertThat(p.expectedSpanMillis()).isEqualTo(32_000);
    assertThat(p.powLimit().toUnsignedBigInteger()).isEqualTo(BigInteger.ONE.shiftLeft(248).subtract(BigInteger.ONE));
    assertThat(Targets.work(p.genesisTarget())).isBetween(BigInteger.valueOf(8_000_000), BigInteger.valueOf(8_000_001));
  }

  @Test
  void shouldChangeOneFieldPerWither() {
    PowParams p = PowParams.defaults();
    assertThat(p.withCheckProofOfWork(false)).isEqualTo(new PowParams(p.blockRewardGwei(), 16, 2_000, p.powLimit(),
        p.genesisTarget(), 15_000, 11, false));
    assertThat(p.withRetargetInterval(4).retargetInterval()).isEqualTo(4);
    assertThat(p.withBlockTimeMillis(100).blockTimeMillis()).isEqualTo(100);
    assertThat(p.withBlockRewardGwei(7).blockRewardGwei()).isEqualTo(7);
    assertThat(p.withMaxFutureDriftMillis(1).maxFutureDriftMillis()).isEqualTo(1);
    assertThat(p.withMedianTimeSpan(3).medianTimeSpan()).isEqualTo(3);
    assertThat(p.withPowLimit(Targets.MAX_TARGET).withGenesisTarget(Targets.MAX_TARGET).genesisTarget())
        .isEqualTo(Targets.MAX_TARGET);
  }

  @Test
  void shouldRejectAGenesisTargetAboveThePowLimit() {
    assertThatThrownBy(() -> PowParams.defaults().withGenesisTarget(Targets.MAX_TARGET))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("powLimit");
  }

  @Test
  void shouldRejectOutOfRangeConstants() {
    PowParams p = PowParams.defaults();
    assertThatThrownBy(() -> p.withRetargetInterval(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retargetInterval");
    assertThatThrownBy(() -> p.withBlockTimeMillis(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.withBlockRewardGwei(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.withMedianTimeSpan(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
