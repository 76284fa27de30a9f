package io.actorchain.core.pow;

import io.actorchain.core.state.LedgerState;
import io.actorchain.core.tx.Fees;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.core.tx.Transaction;
import io.actorchain.core.tx.TxApplier;
import io.actorchain.core.tx.TxRejection;
import java.util.List;
import java.util.Optional;

/**
 * Proof-of-work block validity and state transition in one pass (CONSENSUS.md §3). Everything but "the parent is
 * known and valid", which the {@link BlockTree} checks. Cheap header checks run first, the transactions last.
 */
public final class PowBlockRules {
  private PowBlockRules() {}

  /** The outcome of {@link #apply}. */
  public sealed interface Result permits Applied, Rejected {}

  /** The block is valid; {@code postState} is the ledger after it. */
  public record Applied(LedgerState postState) implements Result {}

  public record Rejected(BlockRejection rejection) implements Result {}

  public static Optional<BlockRejection> validate(PowBlock b, BlockContext ctx, long nowMillis, PowParams p) {
    Result r = apply(b, ctx, nowMillis, p);
    return r instanceof Rejected rejected ? Optional.of(rejected.rejection()) : Optional.empty();
  }

  public static Result apply(PowBlock b, BlockContext ctx, long nowMillis, PowParams p) {
    return apply(b, ctx, nowMillis, p, SignatureCheck.direct());
  }

  /** Checks {@code b} as a child of {@code ctx.parent()} and, if it is valid, computes its post-state. */
  public static Result apply(PowBlock b, BlockContext ctx, long nowMillis, PowParams p, SignatureCheck sigs) {
    Optional<BlockRejection> header = checkParent(b.header(), ctx)
        .or(() -> checkHeight(b.header(), ctx))
        .or(() -> checkTimestamp(b.header(), ctx, nowMillis, p))
        .or(() -> checkTarget(b.header(), ctx))
        .or(() -> checkProofOfWork(b, p))
        .or(() -> checkTxRoot(b))
        .or(() -> checkTxCount(b));
    if (header.isPresent()) {
      return new Rejected(header.get());
    }
    TxApplier applier = new TxApplier(ctx.state(), sigs);
    List<Transaction> txs = b.transactions();
    for (int i = 0; i < txs.size(); i++) {
      Optional<TxRejection> rejection = applier.tryApply(txs.get(i));
      if (rejection.isPresent()) {
        return rejected(PowInvalidReason.INVALID_TRANSACTION,
            "tx " + i + " (" + txs.get(i).id().shortHex() + "): " + rejection.get().describe());
      }
    }
    Optional<BlockRejection> coinbase = checkCoinbase(b, applier.tips(), p);
    if (coinbase.isPresent()) {
      return new Rejected(coinbase.get());
    }
    try {
      applier.credit(b.miner(), b.coinbase());
    } catch (ArithmeticException e) {
      return rejected(PowInvalidReason.WRONG_COINBASE, "crediting " + b.coinbase() + " overflows the miner's balance");
    }
    return new Applied(applier.finish());
  }

  private static Rejected rejected(PowInvalidReason reason, String detail) {
    return new Rejected(new BlockRejection(reason, detail));
  }

  private static Optional<BlockRejection> reject(PowInvalidReason reason, String detail) {
    return Optional.of(new BlockRejection(reason, detail));
  }

  /**
   * The checks that need no parent: height ≥ 1, a target within the limit, the proof of work, the tx root and the
   * tx count. A node runs them before it holds a block whose parent it does not know yet.
   */
  public static Optional<BlockRejection> checkContextFree(PowBlock b, PowParams p) {
    if (b.height() < 1) {
      return reject(PowInvalidReason.WRONG_HEIGHT, "height " + b.height() + " below 1 for a non-genesis block");
    }
    if (b.target().equals(io.actorchain.core.codec.Hash32.ZERO) || b.target().compareTo(p.powLimit()) > 0) {
      return reject(PowInvalidReason.WRONG_TARGET, "target " + b.target() + " outside [1, powLimit]");
    }
    return checkProofOfWork(b, p).or(() -> checkTxRoot(b)).or(() -> checkTxCount(b));
  }

  /** The block names the context's parent. */
  public static Optional<BlockRejection> checkParent(PowHeader h, BlockContext ctx) {
    if (!h.parentHash().equals(ctx.parentHash())) {
      return reject(PowInvalidReason.WRONG_PARENT, "parent " + h.parentHash() + ", expected " + ctx.parentHash());
    }
    return Optional.empty();
  }

  /** {@code height = parent.height + 1}. */
  public static Optional<BlockRejection> checkHeight(PowHeader h, BlockContext ctx) {
    if (h.height() != ctx.height()) {
      return reject(PowInvalidReason.WRONG_HEIGHT, "height " + h.height() + ", expected " + ctx.height());
    }
    return Optional.empty();
  }

  /** {@code medianTimePast < timestamp ≤ now + MAX_FUTURE_DRIFT}. */
  public static Optional<BlockRejection> checkTimestamp(PowHeader h, BlockContext ctx, long nowMillis, PowParams p) {
    if (h.timestamp() <= ctx.medianTimePast()) {
      return reject(PowInvalidReason.TIMESTAMP_NOT_AFTER_MEDIAN,
          "timestamp " + h.timestamp() + ", median time past " + ctx.medianTimePast());
    }
    long limit = nowMillis + p.maxFutureDriftMillis();
    if (h.timestamp() > limit) {
      return reject(PowInvalidReason.TIMESTAMP_TOO_FAR_IN_FUTURE,
          "timestamp " + h.timestamp() + ", now " + nowMillis + " + drift " + p.maxFutureDriftMillis());
    }
    return Optional.empty();
  }

  /** The target equals the retarget rule's. */
  public static Optional<BlockRejection> checkTarget(PowHeader h, BlockContext ctx) {
    if (!h.target().equals(ctx.target())) {
      return reject(PowInvalidReason.WRONG_TARGET, "target " + h.target() + ", expected " + ctx.target());
    }
    return Optional.empty();
  }

  /** {@code powHash ≤ target}, unless the params skip it ({@code pow.mode = simulated}). */
  public static Optional<BlockRejection> checkProofOfWork(PowBlock b, PowParams p) {
    if (p.checkProofOfWork() && !Targets.meets(b.hash(), b.target())) {
      return reject(PowInvalidReason.INSUFFICIENT_WORK, "hash " + b.hash() + " > target " + b.target());
    }
    return Optional.empty();
  }

  /** The header's txRoot commits to this coinbase and these transactions. */
  public static Optional<BlockRejection> checkTxRoot(PowBlock b) {
    var expected = PowBlock.txRoot(b.coinbase(), b.transactions());
    if (!b.header().txRoot().equals(expected)) {
      return reject(PowInvalidReason.BAD_TX_ROOT, "txRoot " + b.header().txRoot() + ", body gives " + expected);
    }
    return Optional.empty();
  }

  /** At most {@code 2 × TARGET_TXS} transactions. */
  public static Optional<BlockRejection> checkTxCount(PowBlock b) {
    if (b.transactions().size() > Fees.MAX_TXS_PER_BLOCK) {
      return reject(PowInvalidReason.TOO_MANY_TRANSACTIONS,
          b.transactions().size() + " transactions, at most " + Fees.MAX_TXS_PER_BLOCK);
    }
    return Optional.empty();
  }

  /** The coinbase pays exactly {@code POW_BLOCK_REWARD + tips}. */
  public static Optional<BlockRejection> checkCoinbase(PowBlock b, long tips, PowParams p) {
    if (tips > Long.MAX_VALUE - p.blockRewardGwei()) {
      return reject(PowInvalidReason.WRONG_COINBASE,
          "reward " + p.blockRewardGwei() + " + tips " + tips + " overflows");
    }
    long expected = p.blockRewardGwei() + tips;
    if (b.coinbase() != expected) {
      return reject(PowInvalidReason.WRONG_COINBASE,
          "coinbase " + b.coinbase() + ", expected reward " + p.blockRewardGwei() + " + tips " + tips);
    }
    return Optional.empty();
  }
}
