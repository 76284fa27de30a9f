using System.Diagnostics.CodeAnalysis;
using ActorChain.Core.Ledger;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pow;

/// <summary>
/// Proof-of-work block validity and state transition in one pass (CONSENSUS.md §3): everything but "the parent is
/// known and valid", which the <see cref="BlockTree"/> checks. Cheap header checks run first, the transactions last.
/// </summary>
public static class PowBlockRules
{
    private const ulong MaxGwei = long.MaxValue;

    /// <summary>Checks <paramref name="b"/> as a child of <c>ctx.Parent</c>; null if valid.</summary>
    public static BlockRejection? Validate(PowBlock b, BlockContext ctx, ulong nowMillis, PowParams p) =>
        TryApply(b, ctx, nowMillis, p, SignatureCheck.Direct, out _, out var rejection) ? null : rejection;

    /// <summary>
    /// Checks <paramref name="b"/> as a child of <c>ctx.Parent</c>: true with its <paramref name="postState"/> if it is
    /// valid, else false with the first <paramref name="rejection"/>.
    /// </summary>
    public static bool TryApply(PowBlock b, BlockContext ctx, ulong nowMillis, PowParams p, SignatureCheck sigs,
        [NotNullWhen(true)] out LedgerState? postState, [NotNullWhen(false)] out BlockRejection? rejection)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(p);
        postState = null;
        rejection = CheckParent(b.Header, ctx)
            ?? CheckHeight(b.Header, ctx)
            ?? CheckTimestamp(b.Header, ctx, nowMillis, p)
            ?? CheckTarget(b.Header, ctx)
            ?? CheckProofOfWork(b, p)
            ?? CheckTxRoot(b)
            ?? CheckTxCount(b);
        if (rejection is not null)
        {
            return false;
        }

        var applier = new TxApplier(ctx.State, sigs);
        for (var i = 0; i < b.Transactions.Length; i++)
        {
            var tx = b.Transactions[i];
            if (applier.TryApply(tx) is { } txRejection)
            {
                rejection = Reject(PowInvalidReason.InvalidTransaction, $"tx {i} ({tx.Id.ShortHex()}): {txRejection.Describe()}");
                return false;
            }
        }

        rejection = CheckCoinbase(b, applier.Tips, p);
        if (rejection is not null)
        {
            return false;
        }

        try
        {
            applier.Credit(b.Miner, b.Coinbase);
        }
        catch (OverflowException)
        {
            rejection = Reject(PowInvalidReason.WrongCoinbase, $"crediting {b.Coinbase} overflows the miner's balance");
            return false;
        }

        postState = applier.Finish();
        return true;
    }

    /// <summary>
    /// The checks that need no parent: height ≥ 1, a target within [1, POW_LIMIT], the proof of work, the tx root and
    /// the tx count. A node runs them before it holds a block whose parent it does not know yet.
    /// </summary>
    public static BlockRejection? CheckContextFree(PowBlock b, PowParams p)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(p);
        if (b.Height < 1)
        {
            return Reject(PowInvalidReason.WrongHeight, $"height {b.Height} below 1 for a non-genesis block");
        }

        if (b.Target.IsZero || b.Target > p.PowLimit)
        {
            return Reject(PowInvalidReason.WrongTarget, $"target {b.Target} outside [1, powLimit]");
        }

        return CheckProofOfWork(b, p) ?? CheckTxRoot(b) ?? CheckTxCount(b);
    }

    /// <summary>The block names the context's parent.</summary>
    public static BlockRejection? CheckParent(PowHeader h, BlockContext ctx)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(ctx);
        var expected = ctx.ParentHash;
        return h.ParentHash != expected
            ? Reject(PowInvalidReason.WrongParent, $"parent {h.ParentHash}, expected {expected}")
            : null;
    }

    /// <summary><c>height = parent.height + 1</c>.</summary>
    public static BlockRejection? CheckHeight(PowHeader h, BlockContext ctx)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(ctx);
        return h.Height != ctx.Height
            ? Reject(PowInvalidReason.WrongHeight, $"height {h.Height}, expected {ctx.Height}")
            : null;
    }

    /// <summary><c>medianTimePast &lt; timestamp ≤ now + MAX_FUTURE_DRIFT</c>.</summary>
    public static BlockRejection? CheckTimestamp(PowHeader h, BlockContext ctx, ulong nowMillis, PowParams p)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(p);
        if (h.Timestamp <= ctx.MedianTimePast)
        {
            return Reject(PowInvalidReason.TimestampNotAfterMedian,
                $"timestamp {h.Timestamp}, median time past {ctx.MedianTimePast}");
        }

        var limit = nowMillis > ulong.MaxValue - p.MaxFutureDriftMillis ? ulong.MaxValue : nowMillis + p.MaxFutureDriftMillis;
        return h.Timestamp > limit
            ? Reject(PowInvalidReason.TimestampTooFarInFuture,
                $"timestamp {h.Timestamp}, now {nowMillis} + drift {p.MaxFutureDriftMillis}")
            : null;
    }

    /// <summary>The target equals the retarget rule's.</summary>
    public static BlockRejection? CheckTarget(PowHeader h, BlockContext ctx)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(ctx);
        return h.Target != ctx.Target
            ? Reject(PowInvalidReason.WrongTarget, $"target {h.Target}, expected {ctx.Target}")
            : null;
    }

    /// <summary><c>powHash ≤ target</c>, unless the params skip it (<c>pow.mode = simulated</c>).</summary>
    public static BlockRejection? CheckProofOfWork(PowBlock b, PowParams p)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(p);
        return p.CheckProofOfWork && !Targets.Meets(b.Hash, b.Target)
            ? Reject(PowInvalidReason.InsufficientWork, $"hash {b.Hash} > target {b.Target}")
            : null;
    }

    /// <summary>The header's txRoot commits to this coinbase and these transactions.</summary>
    public static BlockRejection? CheckTxRoot(PowBlock b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var expected = PowBlock.TxRoot(b.Coinbase, b.Transactions);
        return b.Header.TxRoot != expected
            ? Reject(PowInvalidReason.BadTxRoot, $"txRoot {b.Header.TxRoot}, body gives {expected}")
            : null;
    }

    /// <summary>At most <c>2 × TARGET_TXS</c> transactions.</summary>
    public static BlockRejection? CheckTxCount(PowBlock b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return b.Transactions.Length > Fees.MaxTxsPerBlock
            ? Reject(PowInvalidReason.TooManyTransactions, $"{b.Transactions.Length} transactions, at most {Fees.MaxTxsPerBlock}")
            : null;
    }

    /// <summary>The coinbase pays exactly <c>POW_BLOCK_REWARD + tips</c>.</summary>
    public static BlockRejection? CheckCoinbase(PowBlock b, ulong tips, PowParams p)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(p);
        if (p.BlockRewardGwei > MaxGwei || tips > MaxGwei - p.BlockRewardGwei)
        {
            return Reject(PowInvalidReason.WrongCoinbase, $"reward {p.BlockRewardGwei} + tips {tips} overflows");
        }

        var expected = p.BlockRewardGwei + tips;
        return b.Coinbase != expected
            ? Reject(PowInvalidReason.WrongCoinbase, $"coinbase {b.Coinbase}, expected reward {p.BlockRewardGwei} + tips {tips}")
            : null;
    }

    private static BlockRejection Reject(PowInvalidReason reason, string detail) => new(reason, detail);
}
