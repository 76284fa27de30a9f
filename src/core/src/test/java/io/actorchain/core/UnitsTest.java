package io.actorchain.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void shouldConvertWholeCoinsToGwei() {
    assertThat(Units.GWEI_PER_COIN).isEqualTo(1_000_000_000L);
    assertThat(Units.coins(50)).isEqualTo(50_000_000_000L);
    assertThat(Units.coins(0)).isZero();
  }

  @Test
  void shouldRefuseCoinAmountsThatOverflow() {
    assertThatThrownBy(() -> Units.coins(Long.MAX_VALUE / 10)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void shouldFormatGweiAsCoinsExactly() {
    assertThat(Units.formatCoins(50_000_000_000L)).isEqualTo("50");
    assertThat(Units.formatCoins(1_500_000_000L)).isEqualTo("1.5");
    assertThat(Units.formatCoins(1)).isEqualTo("0.000000001");
    assertThat(Units.formatCoins(0)).isEqualTo("0");
    assertThat(Units.formatCoins(-250_000_000L)).isEqualTo("-0.25");
    assertThat(Units.formatCoins(Long.MAX_VALUE)).isEqualTo("9223372036.854775807");
  }

  @Test
  void shouldParseDecimalCoinsWithoutFloatingPoint() {
    assertThat(Units.parseCoins("32")).isEqualTo(32_000_000_000L);
    assertThat(Units.parseCoins("0.1")).isEqualTo(100_000_000L);
    assertThat(Units.parseCoins(" 1.000000001 ")).isEqualTo(1_000_000_001L);
    assertThat(Units.parseCoins(Units.formatCoins(123_456_789_012L))).isEqualTo(123_456_789_012L);
  }

  @Test
  void shouldRejectCoinAmountsFinerThanOneGweiOrNotNumbers() {
    assertThatThrownBy(() -> Units.parseCoins("0.0000000001")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.0000000001");
    assertThatThrownBy(() -> Units.parseCoins("ten")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ten");
    assertThatThrownBy(() -> Units.parseCoins("1e30")).isInstanceOf(IllegalArgumentException.class);
  }
}
