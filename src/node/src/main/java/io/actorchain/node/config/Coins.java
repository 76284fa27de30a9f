package io.actorchain.node.config;

import io.actorchain.core.Units;

/** Coins as written in configs and on the command line (decimals allowed) to gwei; errors name the key or flag. */
public final class Coins {
  private Coins() {}

  /** {@link Units#parseCoins}, refusing negative amounts, with a {@link SettingsException} naming {@code keyPath}. */
  public static long toGwei(String keyPath, String text) {
    long gwei;
    try {
      gwei = Units.parseCoins(text);
    } catch (IllegalArgumentException e) {
      throw new SettingsException(keyPath, e.getMessage());
    }
    if (gwei < 0) {
      throw new SettingsException(keyPath, "must not be negative, got " + text);
    }
    return gwei;
  }
}
