using System.Numerics;
using ActorChain.Core.Codec;

namespace ActorChain.Core.Pow;

/// <summary>The difficulty retarget (CONSENSUS.md §3).</summary>
public static class Retarget
{
    /// <summary>
    /// The target of the child of <paramref name="parent"/>, at height <c>h = parent.Height + 1</c> (CONSENSUS.md §3):
    /// the parent's unless <c>h % RETARGET_INTERVAL == 0</c>; then <see cref="NewTarget(Hash32, Hash32, long, ulong)"/>
    /// over the span <c>parent.Timestamp − timestamp(anchor)</c>, <c>anchor = max(1, h − RETARGET_INTERVAL − 1)</c>,
    /// against <c>gaps × BLOCK_TIME</c> with <c>gaps = parent.Height − anchor</c> (the parent's target if no gap).
    /// </summary>
    /// <param name="p">The constants.</param>
    /// <param name="parent">The parent header.</param>
    /// <param name="timestampAtHeight">The timestamp of the parent's ancestor (or itself) at a height.</param>
    public static Hash32 NextTarget(PowParams p, PowHeader parent, Func<ulong, ulong> timestampAtHeight)
    {
        if (AnchorHeight(p, checked(parent.Height + 1)) is not { } anchorHeight)
        {
            return parent.Target;
        }

        var gaps = parent.Height - anchorHeight;
        var actualSpan = (BigInteger)parent.Timestamp - timestampAtHeight(anchorHeight);
        return Compute(p.PowLimit, parent.Target, actualSpan, (BigInteger)gaps * p.BlockTimeMillis);
    }

    /// <summary>
    /// The anchor of the retarget window for a block at <paramref name="height"/> (whose timestamp
    /// <see cref="NextTarget"/> reads), or null when that block keeps its parent's target.
    /// </summary>
    public static ulong? AnchorHeight(PowParams p, ulong height)
    {
        if (height % p.RetargetInterval != 0)
        {
            return null;
        }

        var anchor = height >= p.RetargetInterval + 2 ? height - p.RetargetInterval - 1 : 1;
        return height - 1 > anchor ? anchor : null;
    }

    /// <summary><c>oldTarget × clamp(actualSpan) // (RETARGET_INTERVAL × BLOCK_TIME)</c> for a full window, within [1, POW_LIMIT].</summary>
    public static Hash32 NewTarget(PowParams p, Hash32 oldTarget, long actualSpan) =>
        NewTarget(p.PowLimit, oldTarget, actualSpan, p.ExpectedSpanMillis);

    /// <summary>
    /// <c>oldTarget × clamp(actualSpan, expected // 4, expected × 4) // expected</c>, within [1, <paramref name="powLimit"/>];
    /// <paramref name="actualSpan"/> may be negative, <paramref name="expectedSpan"/> must be ≥ 1.
    /// </summary>
    public static Hash32 NewTarget(Hash32 powLimit, Hash32 oldTarget, long actualSpan, ulong expectedSpan)
    {
        ArgumentOutOfRangeException.ThrowIfZero(expectedSpan);
        return Compute(powLimit, oldTarget, actualSpan, expectedSpan);
    }

    private static Hash32 Compute(Hash32 powLimit, Hash32 oldTarget, BigInteger actualSpan, BigInteger expected)
    {
        var clamped = BigInteger.Max(expected / 4, BigInteger.Min(expected * 4, actualSpan));
        return Targets.Clamp(oldTarget.ToUnsignedBigInteger() * clamped / expected, powLimit);
    }
}
