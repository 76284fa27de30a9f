using System.Numerics;
using ActorChain.Core.Codec;

namespace ActorChain.Core.Pow;

/// <summary>Proof-of-work targets and work (CONSENSUS.md §3). A target is an unsigned 256-bit big-endian number.</summary>
public static class Targets
{
    /// <summary>2^256.</summary>
    public static readonly BigInteger TwoPow256 = BigInteger.One << 256;

    private static readonly BigInteger MaxValue = TwoPow256 - 1;

    /// <summary>The easiest target, 2^256 − 1: every hash meets it.</summary>
    public static readonly Hash32 MaxTarget = Hash32.FromUnsignedBigInteger(MaxValue);

    /// <summary>The hardest target, 1.</summary>
    public static readonly Hash32 MinTarget = Hash32.FromUnsignedBigInteger(BigInteger.One);

    /// <summary><c>work(b) = 2^256 // (target + 1)</c> (CONSENSUS.md §3): the expected number of hashes to meet it.</summary>
    public static BigInteger Work(Hash32 target) => TwoPow256 / (target.ToUnsignedBigInteger() + 1);

    /// <summary>True iff <c>powHash ≤ target</c>, both read as unsigned 256-bit big-endian numbers.</summary>
    public static bool Meets(Hash32 powHash, Hash32 target) => powHash.CompareTo(target) <= 0;

    /// <summary>The target whose <see cref="Work"/> is about <paramref name="hashes"/>: <c>2^256 // hashes − 1</c>, within [1, 2^256 − 1].</summary>
    public static Hash32 ForExpectedWork(BigInteger hashes) =>
        hashes <= BigInteger.One ? MaxTarget : Clamp((TwoPow256 / hashes) - 1);

    /// <summary><paramref name="value"/> clamped to [1, 2^256 − 1].</summary>
    public static Hash32 Clamp(BigInteger value) => Clamp(value, MaxTarget);

    /// <summary><paramref name="value"/> clamped to [1, <paramref name="max"/>].</summary>
    public static Hash32 Clamp(BigInteger value, Hash32 max) =>
        value > max.ToUnsignedBigInteger() ? max : Hash32.FromUnsignedBigInteger(BigInteger.Max(value, BigInteger.One));
}
