using System.Buffers.Binary;
using System.Security.Cryptography;
using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Misc;

/// <summary>
/// The swap-or-not permutation of one (seed, count, rounds), for looking up several indices (CONSENSUS.md §5.1): each
/// round's pivot is hashed once, and each <c>H(seed || u8(r) || u32le(pos // 256))</c> once and kept (lookups only).
/// Not thread-safe; used inside one call.
/// </summary>
internal sealed class SwapOrNot
{
    /// <summary>The largest index count: <c>pos // 256</c> must fit a u32.</summary>
    internal const ulong MaxCount = 1UL << 40;

    /// <summary>The largest round count: the round number is one byte.</summary>
    internal const ulong MaxRounds = 256;

    private readonly byte[] _seed;
    private readonly ulong _count;
    private readonly ulong[] _pivots;
    private readonly Dictionary<ulong, byte[]> _sources = [];

    /// <summary>The permutation; <see cref="ArgumentOutOfRangeException"/> for a count or round number out of range.</summary>
    internal SwapOrNot(Hash32 seed, ulong count, ulong rounds)
    {
        Validate(count, rounds);
        _seed = seed.ToArray();
        _count = count;
        _pivots = new ulong[rounds];
        for (var r = 0; r < _pivots.Length; r++)
        {
            _pivots[r] = Pivot(_seed, r, count);
        }
    }

    /// <summary>A count in [1, 2^40] and a round count that fits u8 rounds (at most 256).</summary>
    internal static void Validate(ulong count, ulong rounds)
    {
        if (count == 0 || count > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "index count must be in [1, 2^40]");
        }

        if (rounds > MaxRounds)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "SHUFFLE_ROUND_COUNT must be in [0, 256] (u8 round)");
        }
    }

    /// <summary><c>compute_shuffled_index(index)</c>.</summary>
    internal ulong ShuffledIndex(ulong index)
    {
        if (index >= _count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index out of range [0, {_count})");
        }

        var i = index;
        for (var r = 0; r < _pivots.Length; r++)
        {
            var flip = Flip(_pivots[r], i, _count);
            var pos = Math.Max(i, flip);
            if (Bit(Source(r, pos / 256), pos))
            {
                i = flip;
            }
        }

        return i;
    }

    /// <summary><c>bytesToU64(H(seed || u8(r))[0:8]) % n</c>.</summary>
    internal static ulong Pivot(ReadOnlySpan<byte> seed, int round, ulong n)
    {
        Span<byte> input = stackalloc byte[Hash32.Width + 1];
        seed.CopyTo(input);
        input[Hash32.Width] = (byte)round;
        Span<byte> digest = stackalloc byte[Hash32.Width];
        SHA256.HashData(input, digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest) % n;
    }

    /// <summary><c>H(seed || u8(r) || u32le(block))</c> into <paramref name="destination"/>.</summary>
    internal static void Source(ReadOnlySpan<byte> seed, int round, ulong block, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[Hash32.Width + 5];
        seed.CopyTo(input);
        input[Hash32.Width] = (byte)round;
        BinaryPrimitives.WriteUInt32LittleEndian(input[(Hash32.Width + 1)..], (uint)block);
        SHA256.HashData(input, destination);
    }

    /// <summary><c>(pivot + n − i) % n</c> without overflow.</summary>
    internal static ulong Flip(ulong pivot, ulong i, ulong n) => pivot >= i ? pivot - i : pivot + (n - i);

    /// <summary><c>(src[(pos % 256) // 8] &gt;&gt; (pos % 8)) &amp; 1</c>.</summary>
    internal static bool Bit(ReadOnlySpan<byte> source, ulong pos) => ((source[(int)(pos % 256 / 8)] >> (int)(pos % 8)) & 1) == 1;

    private byte[] Source(int round, ulong block)
    {
        var key = (block * 256) + (ulong)round;
        if (!_sources.TryGetValue(key, out var source))
        {
            source = new byte[Hash32.Width];
            Source(_seed, round, block, source);
            _sources[key] = source;
        }

        return source;
    }
}
