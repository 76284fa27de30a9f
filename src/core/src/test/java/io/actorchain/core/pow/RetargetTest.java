package io.actorchain.core.pow;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Address;
import java.math.BigInteger;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class RetargetTest {
  private static final Hash32 OLD = Hash32.fromUnsignedBigInteger(BigInteger.ONE.shiftLeft(230));
  private static final PowParams P = PowParams.defaults().withGenesisTarget(OLD); // interval 16, block time 2 s

  private static PowHeader header(long height, long timestamp, Hash32 target) {
    return new PowHeader(height, Hash32.ZERO, timestamp, target, Hash32.ZERO, Address.ZERO, 0);
  }

  /** Timestamps of a chain whose block h is at h × gap. */
  private static LongUnaryOperator every(long gap) {
    return h -> h * gap;
  }

  private static Hash32 scaled(Hash32 t, long num, long den) {
    return Hash32.fromUnsignedBigInteger(
        t.toUnsignedBigInteger().multiply(BigInteger.valueOf(num)).divide(BigInteger.valueOf(den)));
  }

  @Test
  void shouldKeepTheParentTargetBetweenRetargets() {
    for (long parentHeight : new long[] {0, 1, 14, 16, 17, 30}) {
      PowHeader parent = header(parentHeight, parentHeight * 100, OLD);
      assertThat(Retarget.nextTarget(P, parent, every(100))).as("child of " + parentHeight).isEqualTo(OLD);
    }
  }

  @Test
  void shouldKeepTheTargetWhenTheLastIntervalBlocksTookTheExpectedTime() {
    PowHeader parent = header(31, 31 * 2_000, OLD);
    // Blocks 16..31 took ts(31) − ts(15) = 16 × 2 s = expected.
    assertThat(Retarget.nextTarget(P, parent, every(2_000))).isEqualTo(OLD);
  }

  @Test
  void shouldMeasureTheFirstWindowFromHeightOneAndScaleItsExpectedSpan() {
    PowHeader parent = header(15, 15 * 2_000, OLD);
    // 14 gaps from height 1 to 15 on schedule: the target stays.
    assertThat(Retarget.nextTarget(P, parent, every(2_000))).isEqualTo(OLD);
    // Twice as fast: 14 gaps in 14 s against 28 s expected.
    assertThat(Retarget.nextTarget(P, header(15, 15 * 1_000, OLD), every(1_000))).isEqualTo(scaled(OLD, 14_000, 28_000));
  }

  @Test
  void shouldIgnoreTheGenesisTimestampInTheFirstWindow() {
    // A real-time chain: genesis at 0 (a configured constant), blocks at wall-clock times near 1.7e12 ms.
    long t0 = 1_700_000_000_000L;
    LongUnaryOperator clock = h -> h == 0 ? 0 : t0 + h * 2_000;
    PowHeader parent = header(15, t0 + 15 * 2_000, OLD);
    assertThat(Retarget.nextTarget(P, parent, clock)).isEqualTo(OLD);
  }

  @Test
  void shouldHalveTheTargetWhenBlocksCameTwiceAsFast() {
    PowHeader parent = header(47, 47 * 1_000, OLD);
    assertThat(Retarget.nextTarget(P, parent, every(1_000))).isEqualTo(scaled(OLD, 1, 2));
  }

  @Test
  void shouldRaiseTheTargetWhenBlocksCameSlower() {
    PowHeader parent = header(31, 31 * 3_000, OLD);
    assertThat(Retarget.nextTarget(P, parent, every(3_000))).isEqualTo(scaled(OLD, 3, 2));
  }

  @Test
  void shouldClampTheSpanToFourTimesTheExpected() {
    PowHeader parent = header(31, 31 * 100_000, OLD);
    assertThat(Retarget.nextTarget(P, parent, every(100_000))).isEqualTo(scaled(OLD, 4, 1));
  }

  @Test
  void shouldClampTheSpanToAQuarterOfTheExpected() {
    PowHeader parent = header(31, 31 * 10, OLD);
    assertThat(Retarget.nextTarget(P, parent, every(10))).isEqualTo(scaled(OLD, 1, 4));
  }

  @Test
  void shouldClampANegativeSpanToAQuarterOfTheExpected() {
    PowHeader parent = header(31, 0, OLD);
    assertThat(Retarget.nextTarget(P, parent, h -> 1_000_000)).isEqualTo(scaled(OLD, 1, 4));
  }

  @Test
  void shouldNeverGoAboveThePowLimit() {
    PowParams p = P.withGenesisTarget(P.powLimit());
    PowHeader parent = header(31, 31 * 8_000, p.powLimit());
    assertThat(Retarget.nextTarget(p, parent, every(8_000))).isEqualTo(p.powLimit());
  }

  @Test
  void shouldNeverGoBelowOne() {
    assertThat(Retarget.retarget(P, Targets.MIN_TARGET, 0)).isEqualTo(Targets.MIN_TARGET);
  }

  @Test
  void shouldAskOnlyForTheAnchorHeightOfTheWindow() {
    long[] asked = {-1};
    PowHeader parent = header(63, 63 * 2_000, OLD);
    Retarget.nextTarget(P, parent, h -> {
      asked[0] = h;
      return h * 2_000;
    });
    assertThat(asked[0]).isEqualTo(47);
  }
}
