using ActorChain.Core.Codec;
using ActorChain.Core.Ledger;

namespace ActorChain.Core.Pow;

/// <summary>
/// Everything needed to build or check a child of <see cref="Parent"/> (CONSENSUS.md §3): its height, the target the
/// retarget rule gives it, the median time past its timestamp must exceed, and the parent's post-state.
/// </summary>
public sealed record BlockContext(PowHeader Parent, ulong Height, Hash32 Target, ulong MedianTimePast, LedgerState State)
{
    /// <summary>The parent's hash, which the child names.</summary>
    public Hash32 ParentHash => Parent.PowHash();

    /// <summary>The context of a child of <paramref name="parent"/>.</summary>
    /// <param name="p">The constants.</param>
    /// <param name="parent">The parent header.</param>
    /// <param name="timestampAtHeight">The timestamp of the parent's ancestor (or itself) at a height ≤ the parent's.</param>
    /// <param name="parentState">The ledger after the parent.</param>
    public static BlockContext ChildOf(
        PowParams p, PowHeader parent, Func<ulong, ulong> timestampAtHeight, LedgerState parentState)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(timestampAtHeight);
        var span = (ulong)p.MedianTimeSpan;
        var first = parent.Height >= span ? parent.Height - span + 1 : 0;
        var timestamps = new ulong[parent.Height - first + 1];
        for (var i = 0; i < timestamps.Length; i++)
        {
            var h = first + (ulong)i;
            timestamps[i] = h == parent.Height ? parent.Timestamp : timestampAtHeight(h);
        }

        return new BlockContext(parent, checked(parent.Height + 1), Retarget.NextTarget(p, parent, timestampAtHeight),
            Pow.MedianTimePast.Of(timestamps), parentState);
    }
}
