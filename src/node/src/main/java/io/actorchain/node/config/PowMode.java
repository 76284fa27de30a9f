package io.actorchain.node.config;

/** {@code pow.mode} (CONSENSUS.md §3). */
public enum PowMode {
  /** Real SHA-256d nonce search on the mining dispatcher. */
  REAL,
  /** Block times drawn from each miner's hashrate; the hash ≤ target check is skipped. */
  SIMULATED;

  public static PowMode parse(String keyPath, String s) {
    return switch (s) {
      case "real" -> REAL;
      case "simulated" -> SIMULATED;
      default -> throw new SettingsException(keyPath, "must be real or simulated, got '" + s + "'");
    };
  }

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
