using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using ActorChain.Core.Codec;

namespace ActorChain.Core.Pow;

/// <summary>
/// SHA-256d of one header template over many nonces, reusing the midstate (CONSENSUS.md §3). The first 128 bytes of
/// the header (two SHA-256 blocks, all before the nonce) are compressed once; each nonce then costs one compression
/// for the last block (the prefix's last 4 bytes, the nonce and the padding) and one for the second hash, and
/// <see cref="Search"/> runs eight nonces per step in SIMD lanes where the hardware has them.
/// <c>Hash(n)</c> equals <c>template.WithNonce(n).PowHash()</c>. Immutable, so one instance may serve many threads.
/// </summary>
public sealed class PowHasher
{
    private const int PrefixBlocksLength = 128;
    private const uint HeaderBits = PowHeader.EncodedLength * 8;
    private const uint DigestBits = Hash32.Width * 8;
    private const uint PaddingWord = 0x8000_0000;

    private readonly uint[] _midstate = new uint[Sha256Compression.StateWords];
    private readonly uint[] _target = new uint[Sha256Compression.StateWords];
    private readonly uint _lastPrefixWord;

    /// <summary>A hasher for <paramref name="template"/>; its own nonce is ignored.</summary>
    public PowHasher(PowHeader template)
    {
        ArgumentNullException.ThrowIfNull(template);
        Span<byte> encoded = stackalloc byte[PowHeader.EncodedLength];
        template.WriteCanonical(encoded);
        Span<uint> w = stackalloc uint[Sha256Compression.ScheduleWords];
        Sha256Compression.InitialState.CopyTo(_midstate);
        for (var offset = 0; offset < PrefixBlocksLength; offset += 64)
        {
            Sha256Compression.LoadBlock(encoded[offset..], w);
            Sha256Compression.Compress(_midstate, w);
        }

        _lastPrefixWord = BinaryPrimitives.ReadUInt32BigEndian(encoded[PrefixBlocksLength..]);
        var target = template.Target.AsSpan();
        for (var i = 0; i < _target.Length; i++)
        {
            _target[i] = BinaryPrimitives.ReadUInt32BigEndian(target[(4 * i)..]);
        }
    }

    /// <summary><c>H(H(prefix ‖ u64le(nonce)))</c>.</summary>
    public Hash32 Hash(ulong nonce)
    {
        Span<byte> digest = stackalloc byte[Hash32.Width];
        Hash(nonce, digest);
        return new Hash32(digest);
    }

    /// <summary>Writes <c>H(H(prefix ‖ u64le(nonce)))</c> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public void Hash(ulong nonce, Span<byte> destination)
    {
        Span<uint> w = stackalloc uint[Sha256Compression.ScheduleWords];
        Span<uint> digest = stackalloc uint[Sha256Compression.StateWords];
        Compute(nonce, w, digest);
        destination = destination[..Hash32.Width];
        for (var i = 0; i < digest.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(4 * i)..], digest[i]);
        }
    }

    /// <summary>True iff the hash with <paramref name="nonce"/> meets the template's target.</summary>
    public bool MeetsTarget(ulong nonce)
    {
        Span<uint> w = stackalloc uint[Sha256Compression.ScheduleWords];
        Span<uint> digest = stackalloc uint[Sha256Compression.StateWords];
        Compute(nonce, w, digest);
        return AtMostTarget(digest);
    }

    /// <summary>
    /// The first nonce of <c>startNonce, startNonce + 1, …</c> (<paramref name="count"/> of them, wrapping as
    /// unsigned 64-bit) whose hash meets the target, or null. With hardware SIMD it hashes eight nonces per step
    /// (<see cref="Sha256Lanes"/>) and confirms a candidate step nonce by nonce, so the answer is the scalar one.
    /// </summary>
    public ulong? Search(ulong startNonce, ulong count)
    {
        ulong searched = 0;
        if (Sha256Lanes.IsAccelerated && SearchLanes(startNonce, count, out searched) is { } found)
        {
            return found;
        }

        return SearchScalar(unchecked(startNonce + searched), count - searched);
    }

    /// <summary><see cref="Search"/> one nonce at a time, without SIMD.</summary>
    internal ulong? SearchScalar(ulong startNonce, ulong count)
    {
        Span<uint> w = stackalloc uint[Sha256Compression.ScheduleWords];
        Span<uint> digest = stackalloc uint[Sha256Compression.StateWords];
        for (ulong i = 0; i < count; i++)
        {
            var nonce = unchecked(startNonce + i);
            Compute(nonce, w, digest);
            if (AtMostTarget(digest))
            {
                return nonce;
            }
        }

        return null;
    }

    /// <summary>Searches whole steps of eight nonces; <paramref name="searched"/> tells how many it covered.</summary>
    private ulong? SearchLanes(ulong startNonce, ulong count, out ulong searched)
    {
        Span<Vector256<uint>> header = stackalloc Vector256<uint>[Sha256Compression.ScheduleWords];
        Span<Vector256<uint>> inner = stackalloc Vector256<uint>[Sha256Compression.ScheduleWords];
        Span<Vector256<uint>> digest = stackalloc Vector256<uint>[Sha256Compression.StateWords];
        Span<uint> low = stackalloc uint[Sha256Lanes.Width];
        Span<uint> high = stackalloc uint[Sha256Lanes.Width];
        header[0] = Vector256.Create(_lastPrefixWord);
        header[3] = Vector256.Create(PaddingWord);
        header[15] = Vector256.Create(HeaderBits);
        inner[8] = Vector256.Create(PaddingWord);
        inner[15] = Vector256.Create(DigestBits);
        var firstTargetWord = Vector256.Create(_target[0]);
        for (searched = 0; count - searched >= Sha256Lanes.Width; searched += Sha256Lanes.Width)
        {
            var first = unchecked(startNonce + searched);
            for (var lane = 0; lane < Sha256Lanes.Width; lane++)
            {
                var nonce = unchecked(first + (ulong)lane);
                low[lane] = BinaryPrimitives.ReverseEndianness((uint)nonce);
                high[lane] = BinaryPrimitives.ReverseEndianness((uint)(nonce >> 32));
            }

            header[1] = Vector256.Create<uint>(low);
            header[2] = Vector256.Create<uint>(high);
            for (var i = 0; i < digest.Length; i++)
            {
                digest[i] = Vector256.Create(_midstate[i]);
            }

            Sha256Lanes.Compress(digest, header);
            digest.CopyTo(inner);
            for (var i = 0; i < digest.Length; i++)
            {
                digest[i] = Vector256.Create(Sha256Compression.InitialState[i]);
            }

            Sha256Lanes.Compress(digest, inner);
            if (Vector256.LessThanOrEqualAny(digest[0], firstTargetWord) && SearchScalar(first, Sha256Lanes.Width) is { } found)
            {
                searched += Sha256Lanes.Width;
                return found;
            }
        }

        return null;
    }

    private void Compute(ulong nonce, Span<uint> w, Span<uint> digest)
    {
        // The third block of the header: its last prefix word, u64le(nonce) as two big-endian words, the padding.
        w[0] = _lastPrefixWord;
        w[1] = BinaryPrimitives.ReverseEndianness((uint)nonce);
        w[2] = BinaryPrimitives.ReverseEndianness((uint)(nonce >> 32));
        w[3] = PaddingWord;
        w[4..15].Clear();
        w[15] = HeaderBits;
        _midstate.CopyTo(digest);
        Sha256Compression.Compress(digest, w);

        // The second hash: one block holding the 32-byte inner digest and its padding.
        digest.CopyTo(w);
        w[8] = PaddingWord;
        w[9..15].Clear();
        w[15] = DigestBits;
        Sha256Compression.InitialState.CopyTo(digest);
        Sha256Compression.Compress(digest, w);
    }

    private bool AtMostTarget(ReadOnlySpan<uint> digest)
    {
        for (var i = 0; i < digest.Length; i++)
        {
            if (digest[i] != _target[i])
            {
                return digest[i] < _target[i];
            }
        }

        return true;
    }
}
