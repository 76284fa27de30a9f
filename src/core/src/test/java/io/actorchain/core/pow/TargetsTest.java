package io.actorchain.core.pow;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Hash32;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static Hash32 target(BigInteger v) {
    return Hash32.fromUnsignedBigInteger(v);
  }

  @Test
  void shouldComputeWorkAsTwoTo256OverTargetPlusOne() {
    assertThat(Targets.work(Targets.MAX_TARGET)).isEqualTo(BigInteger.ONE);
    assertThat(Targets.work(target(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE))))
        .isEqualTo(BigInteger.TWO);
    assertThat(Targets.work(Targets.MIN_TARGET)).isEqualTo(BigInteger.ONE.shiftLeft(255));
    assertThat(Targets.work(Hash32.ZERO)).isEqualTo(Targets.TWO_POW_256);
    assertThat(Targets.work(target(BigInteger.ONE.shiftLeft(240).subtract(BigInteger.ONE))))
        .isEqualTo(BigInteger.ONE.shiftLeft(16));
  }

  @Test
  void shouldMeetATargetWhenTheHashIsAtMostTheTarget() {
    Hash32 t = target(BigInteger.valueOf(1_000));
    assertThat(Targets.meets(target(BigInteger.valueOf(999)), t)).isTrue();
    assertThat(Targets.meets(t, t)).isTrue();
    assertThat(Targets.meets(target(BigInteger.valueOf(1_001)), t)).isFalse();
    assertThat(Targets.meets(Hash32.fromHex("80" + "00".repeat(31)), Targets.MAX_TARGET)).isTrue();
    assertThat(Targets.meets(Hash32.fromHex("80" + "00".repeat(31)), target(BigInteger.ONE.shiftLeft(255))))
        .isTrue();
    assertThat(Targets.meets(Hash32.fromHex("80" + "00".repeat(30) + "01"), target(BigInteger.ONE.shiftLeft(255))))
        .isFalse();
  }

  @Test
  void shouldFindTheTargetForAnExpectedWork() {
    for (long hashes : new long[] {2, 16, 1_000, 8_000_000, 1L << 40}) {
      Hash32 t = Targets.forExpectedWork(hashes);
      assertThat(Targets.work(t)).as("work of " + hashes).isBetween(BigInteger.valueOf(hashes),
          BigInteger.valueOf(hashes + 1));
    }
  }

  @Test
  void shouldClampTheTargetForTrivialOrHugeWork() {
    assertThat(Targets.forExpectedWork(1)).isEqualTo(Targets.MAX_TARGET);
    assertThat(Targets.forExpectedWork(0)).isEqualTo(Targets.MAX_TARGET);
    assertThat(Targets.forExpectedWork(Targets.TWO_POW_256)).isEqualTo(Targets.MIN_TARGET);
  }

  @Test
  void shouldClampIntoOneToTheMaximum() {
    Hash32 max = target(BigInteger.valueOf(500));
    assertThat(Targets.clamp(BigInteger.ZERO)).isEqualTo(Targets.MIN_TARGET);
    assertThat(Targets.clamp(BigInteger.valueOf(-3))).isEqualTo(Targets.MIN_TARGET);
    assertThat(Targets.clamp(Targets.TWO_POW_256)).isEqualTo(Targets.MAX_TARGET);
    assertThat(Targets.clamp(BigInteger.valueOf(501), max)).isEqualTo(max);
    assertThat(Targets.clamp(BigInteger.valueOf(499), max)).isEqualTo(target(BigInteger.valueOf(499)));
  }
}
