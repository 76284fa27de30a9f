using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;

namespace ActorChain.Core.Codec;

/// <summary>Reads one value from a <see cref="CanonicalReader"/>; throws <see cref="MalformedEncodingException"/> on bad bytes.</summary>
public delegate T DecodeFn<out T>(CanonicalReader reader);

/// <summary>
/// Reads the canonical form written by <see cref="CanonicalWriter"/> (golden README "Strict decoding"). Any deviation
/// throws <see cref="MalformedEncodingException"/> with a reason; callers outside a record's <c>Read</c> go through
/// <see cref="Canonical.TryDecode{T}"/>, which never lets an exception escape. Not thread-safe.
/// </summary>
public sealed class CanonicalReader
{
    /// <summary>No list count or byte-string length in a valid encoding is above this (2^24).</summary>
    public const int MaxLength = 1 << 24;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> _buf;
    private int _pos;

    /// <summary>A reader at the start of <paramref name="bytes"/>.</summary>
    public CanonicalReader(ReadOnlyMemory<byte> bytes) => _buf = bytes;

    /// <summary>Bytes consumed so far.</summary>
    public int Position => _pos;

    /// <summary>Bytes left.</summary>
    public int Remaining => _buf.Length - _pos;

    /// <summary>True when every byte was consumed.</summary>
    public bool AtEnd => _pos == _buf.Length;

    /// <summary>A <see cref="MalformedEncodingException"/> to throw from a record's <c>Read</c> (e.g. an invariant the bytes break).</summary>
    public static MalformedEncodingException Reject(string reason) => new(reason);

    /// <summary>One byte.</summary>
    public byte U8()
    {
        Need(1, "u8");
        return _buf.Span[_pos++];
    }

    /// <summary>One byte that must be 0 or 1.</summary>
    public bool Bool()
    {
        var v = U8();
        return v <= 1 ? v == 1 : throw Reject($"bool must be 0 or 1, got {v} at offset {_pos - 1}");
    }

    /// <summary>Little-endian u64 of <paramref name="bytes"/> at <paramref name="offset"/> (<c>bytesToU64</c> of CONSENSUS.md §0).</summary>
    public static ulong U64Le(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..]);

    /// <summary>Four bytes, little-endian.</summary>
    public uint U32Le()
    {
        Need(4, "u32");
        var v = BinaryPrimitives.ReadUInt32LittleEndian(_buf.Span[_pos..]);
        _pos += 4;
        return v;
    }

    /// <summary>Eight bytes, little-endian.</summary>
    public ulong U64Le()
    {
        Need(8, "u64");
        var v = BinaryPrimitives.ReadUInt64LittleEndian(_buf.Span[_pos..]);
        _pos += 8;
        return v;
    }

    /// <summary>A fresh copy of the next <paramref name="n"/> raw bytes.</summary>
    public byte[] Fixed(int n)
    {
        var s = FixedSpan(n);
        return s.ToArray();
    }

    /// <summary>The next <paramref name="n"/> raw bytes, without copying (valid while the input is).</summary>
    public ReadOnlySpan<byte> FixedSpan(int n)
    {
        Need(n, "fixed bytes");
        var s = _buf.Span.Slice(_pos, n);
        _pos += n;
        return s;
    }

    /// <summary>A u32le length or count, rejected above <paramref name="max"/> (default 2^24).</summary>
    public int Length(string what, int max = MaxLength)
    {
        var n = U32Le();
        return n <= (uint)max ? (int)n : throw Reject($"{what} length out of range: {n} > {max}");
    }

    /// <summary>Variable-length bytes: u32le length (at most <paramref name="max"/>), then the bytes.</summary>
    public byte[] Bytes(int max = MaxLength) => Fixed(Length("bytes", max));

    /// <summary>A UTF-8 string; malformed UTF-8 is rejected, since it would not re-encode to the same bytes.</summary>
    public string String()
    {
        var n = Length("string");
        var raw = FixedSpan(n);
        try
        {
            return StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            throw Reject("string is not valid UTF-8");
        }
    }

    /// <summary>A list: u32le count (at most <paramref name="maxCount"/>, default 2^24), then each element.</summary>
    public ImmutableArray<T> List<T>(DecodeFn<T> element, int maxCount = MaxLength)
    {
        var n = Length("list", maxCount);
        var b = ImmutableArray.CreateBuilder<T>(Math.Min(n, 1024));
        for (var i = 0; i < n; i++)
        {
            b.Add(element(this));
        }

        return b.DrainToImmutable();
    }

    /// <summary>Rejects unless every byte was consumed: a canonical encoding has no trailing bytes.</summary>
    public void ExpectEnd()
    {
        if (_pos != _buf.Length)
        {
            throw Reject($"{_buf.Length - _pos} trailing bytes");
        }
    }

    private void Need(int n, string what)
    {
        if (n < 0 || n > _buf.Length - _pos)
        {
            throw Reject($"truncated: {what} needs {n} bytes at offset {_pos} of {_buf.Length}");
        }
    }
}
