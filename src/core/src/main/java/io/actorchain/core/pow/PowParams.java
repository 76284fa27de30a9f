package io.actorchain.core.pow;

import io.actorchain.core.Units;
import io.actorchain.core.codec.Hash32;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The proof-of-work constants (CONSENSUS.md §3).
 *
 * @param blockRewardGwei POW_BLOCK_REWARD, paid with the tips through the coinbase
 * @param retargetInterval RETARGET_INTERVAL in blocks
 * @param blockTimeMillis BLOCK_TIME
 * @param powLimit the easiest target retargeting may reach
 * @param genesisTarget the target of block 1 (and of every block until the first retarget)
 * @param maxFutureDriftMillis MAX_FUTURE_DRIFT: how far ahead of the local clock a timestamp may be
 * @param medianTimeSpan how many blocks the median time past covers
 * @param checkProofOfWork whether {@code powHash ≤ target} is checked; false in {@code pow.mode = simulated}
 */
public record PowParams(
    long blockRewardGwei,
    int retargetInterval,
    long blockTimeMillis,
    Hash32 powLimit,
    Hash32 genesisTarget,
    long maxFutureDriftMillis,
    int medianTimeSpan,
    boolean checkProofOfWork) {

  public static final long DEFAULT_BLOCK_REWARD = Units.coins(50);
  public static final int DEFAULT_RETARGET_INTERVAL = 16;
  public static final long DEFAULT_BLOCK_TIME_MILLIS = 2_000;
  /** {@code (2^256 − 1) >> 8}: no block needs fewer than about 256 hashes. */
  public static final Hash32 DEFAULT_POW_LIMIT = Hash32.fromUnsignedBigInteger(Targets.TWO_POW_256.shiftRight(8)
      .subtract(BigInteger.ONE));
  /** Expected work 8,000,000 hashes: a block every 2 s at 4 MH/s. */
  public static final Hash32 DEFAULT_GENESIS_TARGET = Targets.forExpectedWork(4_000_000L * 2);
  public static final long DEFAULT_MAX_FUTURE_DRIFT_MILLIS = 15_000;
  public static final int DEFAULT_MEDIAN_TIME_SPAN = 11;

  public PowParams {
    Objects.requireNonNull(powLimit, "powLimit");
    Objects.requireNonNull(genesisTarget, "genesisTarget");
    require(blockRewardGwei >= 0, "blockRewardGwei must be ≥ 0, got " + blockRewardGwei);
    require(retargetInterval >= 1, "retargetInterval must be ≥ 1, got " + retargetInterval);
    require(blockTimeMillis >= 1, "blockTimeMillis must be ≥ 1, got " + blockTimeMillis);
    require(maxFutureDriftMillis >= 0, "maxFutureDriftMillis must be ≥ 0, got " + maxFutureDriftMillis);
    require(medianTimeSpan >= 1, "medianTimeSpan must be ≥ 1, got " + medianTimeSpan);
    require(!powLimit.equals(Hash32.ZERO), "powLimit must be ≥ 1");
    require(!genesisTarget.equals(Hash32.ZERO), "genesisTarget must be ≥ 1");
    require(genesisTarget.compareTo(powLimit) <= 0,
        "genesisTarget " + genesisTarget + " is above powLimit " + powLimit + "; raise powLimit first");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** 50 coins, retarget every 16 blocks towards 2 s, real proof of work checked. */
  public static PowParams defaults() {
    return new PowParams(DEFAULT_BLOCK_REWARD, DEFAULT_RETARGET_INTERVAL, DEFAULT_BLOCK_TIME_MILLIS, DEFAULT_POW_LIMIT,
        DEFAULT_GENESIS_TARGET, DEFAULT_MAX_FUTURE_DRIFT_MILLIS, DEFAULT_MEDIAN_TIME_SPAN, true);
  }

  /** {@code RETARGET_INTERVAL × BLOCK_TIME}: the time one retarget window should take. */
  public long expectedSpanMillis() {
    return Math.multiplyExact(retargetInterval, blockTimeMillis);
  }

  public PowParams withBlockRewardGwei(long v) {
    return new PowParams(v, retargetInterval, blockTimeMillis, powLimit, genesisTarget, maxFutureDriftMillis,
        medianTimeSpan, checkProofOfWork);
  }

  public PowParams withRetargetInterval(int v) {
    return new PowParams(blockRewardGwei, v, blockTimeMillis, powLimit, genesisTarget, maxFutureDriftMillis,
        medianTimeSpan, checkProofOfWork);
  }

  public PowParams withBlockTimeMillis(long v) {
    return new PowParams(blockRewardGwei, retargetInterval, v, powLimit, genesisTarget, maxFutureDriftMillis,
        medianTimeSpan, checkProofOfWork);
  }

  public PowParams withPowLimit(Hash32 v) {
    return new PowParams(blockRewardGwei, retargetInterval, blockTimeMillis, v, genesisTarget, maxFutureDriftMillis,
        medianTimeSpan, checkProofOfWork);
  }

  public PowParams withGenesisTarget(Hash32 v) {
    return new PowParams(blockRewardGwei, retargetInterval, blockTimeMillis, powLimit, v, maxFutureDriftMillis,
        medianTimeSpan, checkProofOfWork);
  }

  public PowParams withMaxFutureDriftMillis(long v) {
    return new PowParams(blockRewardGwei, retargetInterval, blockTimeMillis, powLimit, genesisTarget, v,
        medianTimeSpan, checkProofOfWork);
  }

  public PowParams withMedianTimeSpan(int v) {
    return new PowParams(blockRewardGwei, retargetInterval, blockTimeMillis, powLimit, genesisTarget,
        maxFutureDriftMillis, v, checkProofOfWork);
  }

  public PowParams withCheckProofOfWork(boolean v) {
    return new PowParams(blockRewardGwei, retargetInterval, blockTimeMillis, powLimit, genesisTarget,
        maxFutureDriftMillis, medianTimeSpan, v);
  }
}
