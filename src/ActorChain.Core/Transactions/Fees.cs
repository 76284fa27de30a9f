namespace ActorChain.Core.Transactions;

/// <summary>Fees as EIP-1559, counted per transaction instead of per gas (CONSENSUS.md §2). All values in gwei.</summary>
public static class Fees
{
    /// <summary>The base fee of the first block.</summary>
    public const ulong GenesisBaseFee = 1;

    /// <summary>The base fee never goes below this.</summary>
    public const ulong MinBaseFee = 1;

    /// <summary>The base fee never goes above this (2^63 − 1).</summary>
    public const ulong MaxBaseFee = long.MaxValue;

    /// <summary>TARGET_TXS: the number of transactions per block at which the base fee stays put.</summary>
    public const int TargetTxs = 64;

    /// <summary>A block holds at most 2 × TARGET_TXS transactions.</summary>
    public const int MaxTxsPerBlock = 2 * TargetTxs;

    /// <summary>The base fee moves by at most 1/8 per block.</summary>
    public const int BaseFeeChangeDenominator = 8;

    /// <summary>
    /// <c>baseFee + baseFee × (n − TARGET_TXS) // TARGET_TXS // 8</c> with <c>//</c> rounding toward −∞, at least
    /// +1 gwei above the target, within [1, 2^63 − 1] (CONSENSUS.md §2).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A base fee of 0 or a negative count: no ledger holds one.</exception>
    public static ulong NextBaseFee(ulong baseFee, int txCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseFee, MinBaseFee);
        ArgumentOutOfRangeException.ThrowIfNegative(txCount);
        Int128 scaled = (Int128)baseFee * (txCount - TargetTxs);
        var delta = FloorDiv(FloorDiv(scaled, TargetTxs), BaseFeeChangeDenominator);
        if (txCount > TargetTxs && delta < 1)
        {
            delta = 1;
        }

        var next = Int128.Clamp(baseFee + delta, MinBaseFee, MaxBaseFee);
        return (ulong)next;
    }

    /// <summary>
    /// What goes to the producer: <c>min(tip, maxFee − baseFee)</c>, never negative. A tip or maxFee of 2^63 or more
    /// (negative to the Java reference, invalid anyway) pays nothing.
    /// </summary>
    public static ulong TipPaid(ulong maxFee, ulong tip, ulong baseFee) =>
        maxFee <= baseFee || maxFee > long.MaxValue || tip > long.MaxValue ? 0 : Math.Min(tip, maxFee - baseFee);

    /// <summary>What goes to the producer for <paramref name="tx"/>; 0 for an exit.</summary>
    public static ulong TipPaid(Transaction tx, ulong baseFee) =>
        tx is Payment p ? TipPaid(p.MaxFee, p.Tip, baseFee) : 0;

    /// <summary>What the sender pays in fees: the burned base fee plus <see cref="TipPaid(Transaction, ulong)"/>; 0 for an exit.</summary>
    public static ulong FeePaid(Transaction tx, ulong baseFee) =>
        tx is Payment ? checked(baseFee + TipPaid(tx, baseFee)) : 0;

    /// <summary>How one transaction's fee divides between the burn and the producer (CONSENSUS.md §2).</summary>
    public static FeeSplit Split(ulong baseFee, ulong maxFee, ulong tip)
    {
        var toProducer = TipPaid(maxFee, tip, baseFee);
        return new FeeSplit(baseFee, toProducer, checked(baseFee + toProducer));
    }

    private static Int128 FloorDiv(Int128 a, Int128 b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }
}

/// <summary>One transaction's fee: <see cref="Burned"/> (the base fee) plus <see cref="ToProducer"/> (the tip paid).</summary>
public sealed record FeeSplit(ulong Burned, ulong ToProducer, ulong TotalFee);
