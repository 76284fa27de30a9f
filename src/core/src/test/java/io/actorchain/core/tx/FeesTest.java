package io.actorchain.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.crypto.Signature;
import org.junit.jupiter.api.Test;

class FeesTest {
  @Test
  void shouldUseTheSpecConstants() {
    assertThat(Fees.GENESIS_BASE_FEE).isEqualTo(1);
    assertThat(Fees.TARGET_TXS).isEqualTo(64);
    assertThat(Fees.MAX_TXS_PER_BLOCK).isEqualTo(128);
  }

  @Test
  void shouldKeepTheBaseFeeAtTheTarget() {
    assertThat(Fees.nextBaseFee(1_000, 64)).isEqualTo(1_000);
  }

  @Test
  void shouldRaiseTheBaseFeeByAnEighthForAFullBlock() {
    assertThat(Fees.nextBaseFee(1_000, 128)).isEqualTo(1_125);
    assertThat(Fees.nextBaseFee(1_000, 96)).isEqualTo(1_062); // 1000 × 32 // 64 // 8 = 62
    assertThat(Fees.nextBaseFee(8, 128)).isEqualTo(9);
  }

  @Test
  void shouldLowerTheBaseFeeByAnEighthForAnEmptyBlock() {
    assertThat(Fees.nextBaseFee(1_000, 0)).isEqualTo(875);
  }

  @Test
  void shouldFloorDivideNegativeDeltasTowardsMinusInfinity() {
    // 1000 × (63 − 64) = −1000; −1000 // 64 = −16; −16 // 8 = −2. Truncation would give 1000 instead.
    assertThat(Fees.nextBaseFee(1_000, 63)).isEqualTo(998);
    // 7 × −1 // 64 = −1; −1 // 8 = −1.
    assertThat(Fees.nextBaseFee(7, 63)).isEqualTo(6);
  }

  @Test
  void shouldNeverGoBelowOneGwei() {
    assertThat(Fees.nextBaseFee(1, 0)).isEqualTo(1);
    assertThat(Fees.nextBaseFee(2, 0)).isEqualTo(1);
    assertThat(Fees.nextBaseFee(1, 63)).isEqualTo(1);
  }

  @Test
  void shouldRiseByAtLeastOneGweiAboveTheTargetAsEthereumDoes() {
    // 1 × 64 // 64 // 8 = 0: EIP-1559's max(delta, 1) makes it 1
    assertThat(Fees.nextBaseFee(1, 128)).isEqualTo(2);
    assertThat(Fees.nextBaseFee(7, 128)).isEqualTo(8);
    assertThat(Fees.nextBaseFee(1, 65)).isEqualTo(2);
    assertThat(Fees.nextBaseFee(1, 64)).isEqualTo(1);
  }

  @Test
  void shouldSaturateInsteadOfOverflowing() {
    assertThat(Fees.nextBaseFee(Long.MAX_VALUE, 128)).isEqualTo(Long.MAX_VALUE);
    assertThat(Fees.nextBaseFee(Long.MAX_VALUE, 0)).isEqualTo(Long.MAX_VALUE - Long.MAX_VALUE / 8 - 1);
  }

  @Test
  void shouldRejectNonsenseInputs() {
    assertThatThrownBy(() -> Fees.nextBaseFee(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fees.nextBaseFee(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldPayTheTipCappedByMaxFeeMinusBaseFee() {
    Transfer generous = new Transfer(TestKeys.ALICE.publicKey(), TestKeys.BOB.address(), 1, 100, 5, 0,
        Signature.EMPTY);
    Transfer capped = new Transfer(TestKeys.ALICE.publicKey(), TestKeys.BOB.address(), 1, 12, 5, 0, Signature.EMPTY);

    assertThat(Fees.tipPaid(generous, 10)).isEqualTo(5);
    assertThat(Fees.tipPaid(capped, 10)).isEqualTo(2);
    assertThat(Fees.tipPaid(capped, 12)).isZero();
    assertThat(Fees.tipPaid(capped, 20)).isZero();
    assertThat(Fees.feePaid(capped, 10)).isEqualTo(12);
    assertThat(Fees.feePaid(generous, 10)).isEqualTo(15);
  }

  @Test
  void shouldChargeExitsNothing() {
    Exit exit = new Exit(0, 0, Signature.EMPTY);
    assertThat(Fees.tipPaid(exit, 10)).isZero();
    assertThat(Fees.feePaid(exit, 10)).isZero();
  }
}
