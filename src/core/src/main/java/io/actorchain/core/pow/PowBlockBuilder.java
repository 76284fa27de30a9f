package io.actorchain.core.pow;

import io.actorchain.core.crypto.Address;
import io.actorchain.core.tx.Fees;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.core.tx.Transaction;
import io.actorchain.core.tx.TxApplier;
import java.util.List;

/** Builds the block a miner works on (CONSENSUS.md §3): valid transactions, exact coinbase, nonce 0. */
public final class PowBlockBuilder {
  private PowBlockBuilder() {}

  /** The timestamp for a block built at {@code now}: {@code max(now, medianTimePast + 1)}. */
  public static long timestampFor(BlockContext ctx, long now) {
    return Math.max(now, ctx.medianTimePast() + 1);
  }

  public static PowBlock build(
      BlockContext ctx, Address miner, long timestamp, List<Transaction> candidates, PowParams p) {
    return build(ctx, miner, timestamp, candidates, p, SignatureCheck.direct());
  }

  /**
   * A child of {@code ctx.parent()} with nonce 0: the candidates in order, keeping only those valid in sequence, at
   * most {@code MAX_TXS_PER_BLOCK}; coinbase {@code POW_BLOCK_REWARD + tips} to {@code miner}.
   *
   * @param timestamp must be greater than {@code ctx.medianTimePast()}; use {@link #timestampFor}
   * @throws IllegalArgumentException if {@code timestamp} is not after the median time past
   */
  public static PowBlock build(BlockContext ctx, Address miner, long timestamp, List<Transaction> candidates,
      PowParams p, SignatureCheck sigs) {
    if (timestamp <= ctx.medianTimePast()) {
      throw new IllegalArgumentException(
          "timestamp " + timestamp + " is not after the median time past " + ctx.medianTimePast());
    }
    TxApplier applier = new TxApplier(ctx.state(), sigs);
    for (Transaction tx : candidates) {
      if (applier.count() == Fees.MAX_TXS_PER_BLOCK) {
        break;
      }
      applier.tryApply(tx);
    }
    long coinbase = Math.addExact(p.blockRewardGwei(), applier.tips());
    List<Transaction> txs = applier.applied();
    PowHeader header = new PowHeader(ctx.height(), ctx.parentHash(), timestamp, ctx.target(),
        PowBlock.txRoot(coinbase, txs), miner, 0);
    return new PowBlock(header, coinbase, txs);
  }
}
