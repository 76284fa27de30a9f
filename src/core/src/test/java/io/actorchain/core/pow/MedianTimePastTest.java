package io.actorchain.core.pow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MedianTimePastTest {
  @Test
  void shouldTakeTheMiddleOfAnOddCount() {
    assertThat(MedianTimePast.of(new long[] {50, 10, 40, 20, 30})).isEqualTo(30);
    assertThat(MedianTimePast.of(new long[] {7})).isEqualTo(7);
  }

  @Test
  void shouldTakeTheUpperMiddleOfAnEvenCount() {
    assertThat(MedianTimePast.of(new long[] {10, 40, 20, 30})).isEqualTo(30);
    assertThat(MedianTimePast.of(new long[] {1, 2})).isEqualTo(2);
  }

  @Test
  void shouldNotReorderTheCallersArray() {
    long[] ts = {3, 1, 2};
    MedianTimePast.of(ts);
    assertThat(ts).containsExactly(3, 1, 2);
  }

  @Test
  void shouldRefuseNoTimestamps() {
    assertThatThrownBy(() -> MedianTimePast.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
  }
}
