using ActorChain.Core.Crypto;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pow;

/// <summary>Builds the block a miner works on (CONSENSUS.md §3): valid transactions, exact coinbase, nonce 0.</summary>
public static class PowBlockBuilder
{
    /// <summary>The timestamp for a block built at <paramref name="now"/>: <c>max(now, medianTimePast + 1)</c>.</summary>
    public static ulong TimestampFor(BlockContext ctx, ulong now)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return Math.Max(now, ctx.MedianTimePast + 1);
    }

    /// <summary>As <see cref="Build(BlockContext, Address, ulong, IEnumerable{Transaction}, PowParams, SignatureCheck)"/>, verifying every signature.</summary>
    public static PowBlock Build(
        BlockContext ctx, Address miner, ulong timestamp, IEnumerable<Transaction> candidates, PowParams p) =>
        Build(ctx, miner, timestamp, candidates, p, SignatureCheck.Direct);

    /// <summary>
    /// A child of <c>ctx.Parent</c> with nonce 0: the candidates in order, keeping only those valid in sequence, at
    /// most <c>MAX_TXS_PER_BLOCK</c>; coinbase <c>POW_BLOCK_REWARD + tips</c> to <paramref name="miner"/>.
    /// A <paramref name="timestamp"/> not after <c>ctx.MedianTimePast</c> is a caller bug (use
    /// <see cref="TimestampFor"/>): <see cref="ArgumentException"/>.
    /// </summary>
    public static PowBlock Build(
        BlockContext ctx,
        Address miner,
        ulong timestamp,
        IEnumerable<Transaction> candidates,
        PowParams p,
        SignatureCheck sigs)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(p);
        if (timestamp <= ctx.MedianTimePast)
        {
            throw new ArgumentException(
                $"timestamp {timestamp} is not after the median time past {ctx.MedianTimePast}", nameof(timestamp));
        }

        var applier = new TxApplier(ctx.State, sigs);
        foreach (var tx in candidates)
        {
            if (applier.Count == Fees.MaxTxsPerBlock)
            {
                break;
            }

            applier.TryApply(tx);
        }

        var coinbase = checked(p.BlockRewardGwei + applier.Tips);
        var txs = applier.Applied;
        var header = new PowHeader(ctx.Height, ctx.ParentHash, timestamp, ctx.Target, PowBlock.TxRoot(coinbase, txs), miner, 0);
        return new PowBlock(header, coinbase, txs);
    }
}
