namespace ActorChain.Core.Pow;

/// <summary>The median of the last blocks' timestamps (CONSENSUS.md §3): a child's timestamp must be greater than it.</summary>
public static class MedianTimePast
{
    /// <summary>
    /// The median of <paramref name="timestamps"/> (at most <c>MedianTimeSpan</c> of them, fewer near genesis): the
    /// middle value once sorted, or for an even count the upper of the two middle values, as Bitcoin. The caller's
    /// span is not reordered; an empty one is an <see cref="ArgumentException"/>.
    /// </summary>
    public static ulong Of(ReadOnlySpan<ulong> timestamps)
    {
        if (timestamps.IsEmpty)
        {
            throw new ArgumentException("the median of no timestamps", nameof(timestamps));
        }

        var sorted = timestamps.ToArray();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }
}
