using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Misc;

/// <summary>The swap-or-not shuffle (CONSENSUS.md §5.1), exactly as Ethereum's <c>compute_shuffled_index</c>.</summary>
public static class Shuffling
{
    /// <summary>
    /// <c>compute_shuffled_index(index, indexCount, seed)</c> with <paramref name="rounds"/> = SHUFFLE_ROUND_COUNT;
    /// <see cref="ArgumentOutOfRangeException"/> unless <c>index &lt; indexCount ≤ 2^40</c> and <c>rounds ≤ 256</c>.
    /// </summary>
    public static ulong ComputeShuffledIndex(ulong index, ulong indexCount, Hash32 seed, ulong rounds) =>
        new SwapOrNot(seed, indexCount, rounds).ShuffledIndex(index);

    /// <summary>
    /// The whole permutation at once: <c>out[i] = input[ComputeShuffledIndex(i, n, seed, rounds)]</c>, which is how
    /// committees read the active list. Runs the rounds in reverse over the array, swapping each pair once:
    /// <c>rounds × (1 + ⌈n / 256⌉)</c> hashes in all instead of <c>2 × rounds</c> per index.
    /// </summary>
    public static int[] ShuffleList(ReadOnlySpan<int> input, Hash32 seed, ulong rounds)
    {
        var n = input.Length;
        var output = input.ToArray();
        if (n == 0)
        {
            return output;
        }

        SwapOrNot.Validate((ulong)n, rounds);
        var seedBytes = seed.AsSpan();
        var sources = new byte[(n + 255) / 256 * Hash32.Width];
        for (var r = (int)rounds - 1; r >= 0; r--)
        {
            var pivot = SwapOrNot.Pivot(seedBytes, r, (ulong)n);
            for (var b = 0; b < sources.Length / Hash32.Width; b++)
            {
                SwapOrNot.Source(seedBytes, r, (ulong)b, sources.AsSpan(b * Hash32.Width, Hash32.Width));
            }

            for (var i = 0; i < n; i++)
            {
                var flip = (int)SwapOrNot.Flip(pivot, (ulong)i, (ulong)n);
                if (flip > i && SwapOrNot.Bit(sources.AsSpan(flip / 256 * Hash32.Width, Hash32.Width), (ulong)flip))
                {
                    (output[i], output[flip]) = (output[flip], output[i]);
                }
            }
        }

        return output;
    }
}
