package io.actorchain.core.tx;

import io.actorchain.core.state.LedgerState;
import java.math.BigInteger;

/** Fees as EIP-1559, counted per transaction instead of per gas (CONSENSUS.md §2). All values in gwei. */
public final class Fees {
  public static final long GENESIS_BASE_FEE = LedgerState.GENESIS_BASE_FEE;
  public static final long MIN_BASE_FEE = 1;
  public static final int TARGET_TXS = 64;
  public static final int MAX_TXS_PER_BLOCK = 2 * TARGET_TXS;
  public static final int BASE_FEE_CHANGE_DENOMINATOR = 8;

  private static final BigInteger TARGET = BigInteger.valueOf(TARGET_TXS);
  private static final BigInteger DENOMINATOR = BigInteger.valueOf(BASE_FEE_CHANGE_DENOMINATOR);
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  private Fees() {}

  /**
   * {@code baseFee + baseFee × (n − TARGET_TXS) // TARGET_TXS // 8}, at least 1 gwei. {@code //} is floor division
   * (towards −∞), so below the target the fee drops by at least 1 gwei. Above the target the increase is at
   * least 1 gwei, as Ethereum's EIP-1559 ({@code max(delta, 1)}): CONSENSUS.md §2 leaves it out, and without it a
   * 1-gwei base fee could never rise ({@code 1 × 64 // 64 // 8 = 0}).
   */
  public static long nextBaseFee(long baseFee, int txCount) {
    if (baseFee < MIN_BASE_FEE || txCount < 0) {
      throw new IllegalArgumentException("baseFee " + baseFee + " and txCount " + txCount + " must be ≥ 1 and ≥ 0");
    }
    BigInteger fee = BigInteger.valueOf(baseFee);
    BigInteger scaled = fee.multiply(BigInteger.valueOf((long) txCount - TARGET_TXS));
    BigInteger delta = floorDiv(floorDiv(scaled, TARGET), DENOMINATOR);
    if (txCount > TARGET_TXS) {
      delta = delta.max(BigInteger.ONE);
    }
    BigInteger next = fee.add(delta).max(BigInteger.valueOf(MIN_BASE_FEE)).min(MAX_LONG);
    return next.longValueExact();
  }

  private static BigInteger floorDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  /** What goes to the producer: {@code min(tip, maxFee − baseFee)}, never negative; 0 for an exit. */
  public static long tipPaid(Transaction tx, long baseFee) {
    if (!(tx instanceof Payment p)) {
      return 0;
    }
    long headroom = p.maxFee() - baseFee;
    return Math.max(0, Math.min(p.tip(), headroom));
  }

  /** What the sender pays in fees: the burned base fee plus {@link #tipPaid}; 0 for an exit. */
  public static long feePaid(Transaction tx, long baseFee) {
    return tx instanceof Payment ? baseFee + tipPaid(tx, baseFee) : 0;
  }
}
