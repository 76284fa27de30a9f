package io.actorchain.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/** Typed reads of HOCON values whose errors name the full key path and what is allowed. */
public final class Settings {
  private Settings() {}

  static String full(String base, String key) {
    return base == null || base.isEmpty() ? key : base + "." + key;
  }

  private static void present(Config c, String key, String base) {
    if (!c.hasPath(key)) {
      throw new SettingsException(full(base, key), "missing");
    }
  }

  public static long millis(Config c, String key, String base) {
    present(c, key, base);
    try {
      return c.getDuration(key).toMillis();
    } catch (ConfigException e) {
      throw new SettingsException(full(base, key), "must be a duration such as 100ms or 2s, got " + c.getValue(key).render());
    }
  }

  public static long positiveMillis(Config c, String key, String base) {
    long v = millis(c, key, base);
    if (v <= 0) {
      throw new SettingsException(full(base, key), "must be positive, got " + v + " ms");
    }
    return v;
  }

  public static long longAtLeast(Config c, String key, String base, long min) {
    present(c, key, base);
    long v;
    try {
      v = c.getLong(key);
    } catch (ConfigException e) {
      throw new SettingsException(full(base, key), "must be a whole number, got " + c.getValue(key).render());
    }
    if (v < min) {
      throw new SettingsException(full(base, key), "must be at least " + min + ", got " + v);
    }
    return v;
  }

  public static int intAtLeast(Config c, String key, String base, int min) {
    long v = longAtLeast(c, key, base, min);
    if (v > Integer.MAX_VALUE) {
      throw new SettingsException(full(base, key), "is too large: " + v);
    }
    return (int) v;
  }

  public static double probability(Config c, String key, String base) {
    present(c, key, base);
    double v;
    try {
      v = c.getDouble(key);
    } catch (ConfigException e) {
      throw new SettingsException(full(base, key), "must be a number in [0, 1], got " + c.getValue(key).render());
    }
    if (!(v >= 0.0 && v <= 1.0)) {
      throw new SettingsException(full(base, key), "must be a probability in [0, 1], got " + v);
    }
    return v;
  }

  public static String string(Config c, String key, String base) {
    present(c, key, base);
    try {
      return c.getString(key);
    } catch (ConfigException e) {
      throw new SettingsException(full(base, key), "must be a string, got " + c.getValue(key).render());
    }
  }

  /** An amount in coins (a number or a decimal string) as gwei. */
  public static long coins(Config c, String key, String base) {
    present(c, key, base);
    return Coins.toGwei(full(base, key), c.getValue(key).unwrapped().toString());
  }
}
