package io.actorchain.node.config;

import io.actorchain.core.Units;
import java.math.BigDecimal;

/** Coins as written in configs and on the command line (decimals allowed) to gwei. */
public final class Coins {
  private Coins() {}

  public static long toGwei(String keyPath, String text) {
    try {
      BigDecimal coins = new BigDecimal(text.trim());
      if (coins.signum() < 0) {
        throw new SettingsException(keyPath, "must not be negative, got " + text);
      }
      return coins.multiply(BigDecimal.valueOf(Units.GWEI_PER_COIN)).longValueExact();
    } catch (NumberFormatException e) {
      throw new SettingsException(keyPath, "must be an amount in coins, got '" + text + "'");
    } catch (ArithmeticException e) {
      throw new SettingsException(keyPath, "must be a whole number of gwei (at most 9 decimals) that fits in 64 bits, got " + text);
    }
  }
}
