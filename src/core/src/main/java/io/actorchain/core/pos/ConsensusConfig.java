package io.actorchain.core.pos;

import io.actorchain.core.Units;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The constants of CONSENSUS.md §1, set together by a preset and individually by overrides.
 * Amounts are gwei. Names are the spec's, so {@code consensus-overrides { INACTIVITY_PENALTY_QUOTIENT = 64 }} works.
 */
public record ConsensusConfig(
    String preset,
    long slotsPerEpoch,
    long secondsPerSlot,
    long shuffleRoundCount,
    long targetCommitteeSize,
    long maxCommitteesPerSlot,
    long minSeedLookahead,
    long maxSeedLookahead,
    long epochsPerHistoricalVector,
    long epochsPerSlashingsVector,
    long slotsPerHistoricalRoot,
    long maxEffectiveBalance,
    long effectiveBalanceIncrement,
    long ejectionBalance,
    long hysteresisQuotient,
    long hysteresisDownwardMultiplier,
    long hysteresisUpwardMultiplier,
    long baseRewardFactor,
    long minEpochsToInactivityPenalty,
    long inactivityScoreBias,
    long inactivityScoreRecoveryRate,
    long inactivityPenaltyQuotient,
    long minSlashingPenaltyQuotient,
    long proportionalSlashingMultiplier,
    long whistleblowerRewardQuotient,
    long minPerEpochChurnLimit,
    long churnLimitQuotient,
    long minValidatorWithdrawabilityDelay,
    long proposerScoreBoost,
    long maxAttestations,
    long maxProposerSlashings,
    long maxAttesterSlashings,
    ProposerSelection proposerSelection,
    long proposerBlockReward) {

  /** How proposers are drawn (CONSENSUS.md §5.1). */
  public enum ProposerSelection { ETHEREUM, ROULETTE }

  public static final long FAR_FUTURE_EPOCH = -1L; // 2^64 − 1 as an unsigned long
  public static final int TIMELY_SOURCE_FLAG_INDEX = 0;
  public static final int TIMELY_TARGET_FLAG_INDEX = 1;
  public static final int TIMELY_HEAD_FLAG_INDEX = 2;
  public static final long[] PARTICIPATION_FLAG_WEIGHTS = {14, 26, 14};
  public static final long PROPOSER_WEIGHT = 8;
  public static final long WEIGHT_DENOMINATOR = 64;

  public static ConsensusConfig minimal() {
    return new ConsensusConfig("minimal", 8, 1, 10, 4, 4, 1, 4, 64, 64, 64, Units.coins(2048), Units.coins(1),
        Units.coins(16), 4, 1, 5, 64, 4, 4, 16, 1L << 8, 32, 3, 512, 4, 65536, 16, 40, 512, 16, 2,
        ProposerSelection.ETHEREUM, 0);
  }

  public static ConsensusConfig mainnet() {
    return new ConsensusConfig("mainnet", 32, 12, 90, 128, 64, 1, 4, 65536, 8192, 8192, Units.coins(2048),
        Units.coins(1), Units.coins(16), 4, 1, 5, 64, 4, 4, 16, 1L << 24, 32, 3, 512, 4, 65536, 256, 40, 4096, 16, 2,
        ProposerSelection.ETHEREUM, 0);
  }

  /** The seed tutorial's simple PoS: roulette proposers, a fixed reward of 50, a double-signer loses its whole stake. */
  public static ConsensusConfig tutorial() {
    return new ConsensusConfig("tutorial", 8, 1, 10, 4, 4, 1, 4, 64, 64, 64, Units.coins(2048), Units.coins(1),
        Units.coins(16), 4, 1, 5, 64, 4, 4, 16, 1L << 8, 1, 3, 512, 4, 65536, 16, 40, 512, 16, 2,
        ProposerSelection.ROULETTE, Units.coins(50));
  }

  /** The preset named {@code name}; IllegalArgumentException naming the choices otherwise. */
  public static ConsensusConfig preset(String name) {
    return switch (name) {
      case "minimal" -> minimal();
      case "mainnet" -> mainnet();
      case "tutorial" -> tutorial();
      default -> throw new IllegalArgumentException("unknown preset '" + name + "'; choose minimal, mainnet or tutorial");
    };
  }

  public long epochOf(long slot) {
    return Long.divideUnsigned(slot, slotsPerEpoch);
  }

  /** {@code min(gwei − gwei % EFFECTIVE_BALANCE_INCREMENT, MAX_EFFECTIVE_BALANCE)}: the effective balance of a balance. */
  public long effectiveBalanceOf(long gwei) {
    return Math.min(gwei - gwei % effectiveBalanceIncrement, maxEffectiveBalance);
  }

  public long startSlot(long epoch) {
    return epoch * slotsPerEpoch;
  }

  /** SECONDS_PER_SLOT, in milliseconds. */
  public long millisPerSlot() {
    return secondsPerSlot * 1000;
  }

  /**
   * The slot at time {@code nowMillis} of a chain whose slot 0 starts at {@code genesisMillis} (CONSENSUS.md §4); 0
   * before genesis. Both times on the same clock, virtual or real.
   */
  public long slotAt(long genesisMillis, long nowMillis) {
    return nowMillis < genesisMillis ? 0 : (nowMillis - genesisMillis) / millisPerSlot();
  }

  /** How far {@code nowMillis} is into its {@link #slotAt slot}, in milliseconds; 0 before genesis. */
  public long millisIntoSlot(long genesisMillis, long nowMillis) {
    return nowMillis < genesisMillis ? 0 : (nowMillis - genesisMillis) % millisPerSlot();
  }

  /** When {@code slot} starts, on the clock {@code genesisMillis} is read on. */
  public long slotStartMillis(long genesisMillis, long slot) {
    return genesisMillis + slot * millisPerSlot();
  }

  /** The first slot that starts at or after {@code nowMillis}: slot 0 up to genesis. */
  public long firstSlotStartingFrom(long genesisMillis, long nowMillis) {
    return slotAt(genesisMillis, nowMillis) + (millisIntoSlot(genesisMillis, nowMillis) == 0 ? 0 : 1);
  }

  /** The constants by their spec names, in declaration order (for overrides, logs and summaries). */
  public Map<String, Object> byName() {
    Map<String, Object> m = new LinkedHashMap<>();
    var components = ConsensusConfig.class.getRecordComponents();
    for (var c : components) {
      if (c.getName().equals("preset")) {
        continue;
      }
      try {
        m.put(specName(c.getName()), c.getAccessor().invoke(this));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return m;
  }

  /** This config with one constant changed; IllegalArgumentException names an unknown constant or a bad value. */
  public ConsensusConfig with(String specName, Object value) {
    var components = ConsensusConfig.class.getRecordComponents();
    Object[] args = new Object[components.length];
    boolean found = false;
    for (int i = 0; i < components.length; i++) {
      try {
        args[i] = components[i].getAccessor().invoke(this);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (!components[i].getName().equals("preset") && specName(components[i].getName()).equals(specName)) {
        found = true;
        args[i] = convert(specName, components[i].getType(), value);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("unknown constant " + specName + "; known: " + byName().keySet());
    }
    try {
      return (ConsensusConfig) ConsensusConfig.class.getDeclaredConstructors()[0].newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object convert(String name, Class<?> type, Object value) {
    if (type == ProposerSelection.class) {
      try {
        return ProposerSelection.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " must be ethereum or roulette, got " + value);
      }
    }
    if (value instanceof Number n && n.longValue() >= 0 && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    throw new IllegalArgumentException(name + " must be a whole number ≥ 0, got " + value);
  }

  /** {@code slotsPerEpoch} → {@code SLOTS_PER_EPOCH}. */
  static String specName(String component) {
    StringBuilder b = new StringBuilder();
    for (char ch : component.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        b.append('_');
      }
      b.append(Character.toUpperCase(ch));
    }
    return b.toString();
  }
}
