using System.Buffers.Binary;
using System.Numerics;

namespace ActorChain.Core.Codec;

/// <summary>
/// A 32-byte SHA-256 digest or root (CONSENSUS.md §0): equal by content, ordered as an unsigned big-endian number.
/// <c>default(Hash32)</c> equals <see cref="Zero"/>.
/// </summary>
public readonly struct Hash32 : IEquatable<Hash32>, IComparable<Hash32>, ICanonical
{
    /// <summary>The width in bytes.</summary>
    public const int Width = 32;

    private static readonly byte[] ZeroBytes = new byte[Width];
    private readonly byte[]? _bytes;

    private Hash32(byte[] owned) => _bytes = owned;

    /// <summary>A copy of <paramref name="bytes"/>, which must have 32 bytes.</summary>
    public Hash32(ReadOnlySpan<byte> bytes) => _bytes = FixedBytes.CopyExact(bytes, Width, nameof(Hash32));

    /// <summary>All zeroes.</summary>
    public static Hash32 Zero => default;

    /// <summary>A hash holding a copy of <paramref name="bytes"/> (32 bytes, else <see cref="ArgumentException"/>).</summary>
    public static Hash32 Wrap(byte[] bytes) => new(bytes.AsSpan());

    /// <summary>Takes ownership of a fresh 32-byte array without copying; the caller must never modify it.</summary>
    internal static Hash32 Own(byte[] bytes) => bytes.Length == Width
        ? new(bytes)
        : throw new ArgumentException($"Hash32 needs 32 bytes, got {bytes.Length}", nameof(bytes));

    /// <summary>Parses 64 hex digits (optional <c>0x</c>); <see cref="FormatException"/> otherwise.</summary>
    public static Hash32 FromHex(string hex) => new(FixedBytes.ParseHex(hex, Width, nameof(Hash32)));

    /// <summary>Parses 64 hex digits (optional <c>0x</c>); false on anything else.</summary>
    public static bool TryFromHex(string? hex, out Hash32 value)
    {
        value = FixedBytes.TryParseHex(hex, Width, out var b) ? new(b) : default;
        return b is not null;
    }

    /// <summary>Reads 32 raw bytes.</summary>
    public static Hash32 Read(CanonicalReader r) => new(r.Fixed(Width));

    /// <summary>Writes the 32 raw bytes.</summary>
    public void WriteTo(CanonicalWriter w) => w.Fixed(AsSpan());

    /// <summary>The bytes, without copying.</summary>
    public ReadOnlySpan<byte> AsSpan() => _bytes ?? ZeroBytes;

    /// <summary>A copy of the bytes.</summary>
    public byte[] ToArray() => AsSpan().ToArray();

    /// <summary>True for the all-zero hash.</summary>
    public bool IsZero => AsSpan().SequenceEqual(ZeroBytes);

    /// <summary>Little-endian u64 of the first 8 bytes (<c>bytesToU64</c> of CONSENSUS.md §0).</summary>
    public ulong FirstU64Le() => BinaryPrimitives.ReadUInt64LittleEndian(AsSpan());

    /// <summary><c>this XOR other</c>, used for RANDAO mixing (CONSENSUS.md §5.4).</summary>
    public Hash32 Xor(Hash32 other)
    {
        var a = AsSpan();
        var b = other.AsSpan();
        var o = new byte[Width];
        for (var i = 0; i < Width; i++)
        {
            o[i] = (byte)(a[i] ^ b[i]);
        }

        return new(o);
    }

    /// <summary>This hash read as an unsigned 256-bit big-endian number.</summary>
    public BigInteger ToUnsignedBigInteger() => new(AsSpan(), isUnsigned: true, isBigEndian: true);

    /// <summary>The unsigned 256-bit big-endian encoding of <paramref name="n"/> (0 ≤ n &lt; 2^256, else <see cref="ArgumentOutOfRangeException"/>).</summary>
    public static Hash32 FromUnsignedBigInteger(BigInteger n)
    {
        if (n.Sign < 0 || n.GetBitLength() > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "not a 256-bit unsigned value");
        }

        var o = new byte[Width];
        var len = n.GetByteCount(isUnsigned: true);
        n.TryWriteBytes(o.AsSpan(Width - len), out _, isUnsigned: true, isBigEndian: true);
        return new(o);
    }

    /// <summary>The first 4 bytes in hex, for logs.</summary>
    public string ShortHex() => FixedBytes.ShortHex(AsSpan());

    /// <summary>Lowercase hex, no <c>0x</c>.</summary>
    public override string ToString() => Convert.ToHexStringLower(AsSpan());

    /// <inheritdoc/>
    public bool Equals(Hash32 other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Hash32 h && Equals(h);

    /// <inheritdoc/>
    public override int GetHashCode() => FixedBytes.HashCodeOf(AsSpan());

    /// <summary>Unsigned lexicographic (= big-endian numeric) order.</summary>
    public int CompareTo(Hash32 other) => AsSpan().SequenceCompareTo(other.AsSpan());

    /// <summary>Equal by content.</summary>
    public static bool operator ==(Hash32 a, Hash32 b) => a.Equals(b);

    /// <summary>Not equal by content.</summary>
    public static bool operator !=(Hash32 a, Hash32 b) => !a.Equals(b);

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator <(Hash32 a, Hash32 b) => a.CompareTo(b) < 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator >(Hash32 a, Hash32 b) => a.CompareTo(b) > 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator <=(Hash32 a, Hash32 b) => a.CompareTo(b) <= 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator >=(Hash32 a, Hash32 b) => a.CompareTo(b) >= 0;
}
