package io.actorchain.core;

import java.math.BigDecimal;

/** Units of value (CONSENSUS.md §0): balances and stakes are {@code long} gwei, 1 coin = 10^9 gwei. */
public final class Units {
  public static final long GWEI_PER_COIN = 1_000_000_000L;
  private static final int COIN_DECIMALS = 9;

  private Units() {}

  /** {@code coins} whole coins in gwei; throws {@link ArithmeticException} if that does not fit a long. */
  public static long coins(long coins) {
    return Math.multiplyExact(coins, GWEI_PER_COIN);
  }

  /** Gwei as coins with no trailing zeroes, exactly: {@code 1500000000 -> "1.5"}, {@code 1 -> "0.000000001"}. */
  public static String formatCoins(long gwei) {
    return BigDecimal.valueOf(gwei, COIN_DECIMALS).stripTrailingZeros().toPlainString();
  }

  /**
   * Parses coins, which may have up to 9 decimals ({@code "1.5"}, {@code "32"}), into gwei, exactly and without
   * floating point.
   *
   * @throws IllegalArgumentException naming the value if it is not a number, has more than 9 decimals or does not fit
   */
  public static long parseCoins(String coins) {
    BigDecimal value;
    try {
      value = new BigDecimal(coins.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an amount of coins: '" + coins + "'");
    }
    try {
      return value.movePointRight(COIN_DECIMALS).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + coins + "' coins is not a whole number of gwei (at most 9 decimals) within the range of a long");
    }
  }
}
