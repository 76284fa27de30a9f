using ActorChain.Core.Codec;

namespace ActorChain.Core.Crypto;

/// <summary>
/// A 64-byte Ed25519 signature (R ‖ S). Equal by content, ordered as an unsigned big-endian number; <c>default(Signature)</c> is all zeroes.
/// </summary>
public readonly struct Signature : IEquatable<Signature>, IComparable<Signature>, ICanonical
{
    /// <summary>The width in bytes.</summary>
    public const int Width = 64;

    private static readonly byte[] ZeroBytes = new byte[Width];
    private readonly byte[]? _bytes;

    private Signature(byte[] owned) => _bytes = owned;

    /// <summary>A copy of <paramref name="bytes"/>, which must have 64 bytes.</summary>
    public Signature(ReadOnlySpan<byte> bytes) => _bytes = FixedBytes.CopyExact(bytes, Width, nameof(Signature));

    /// <summary>All zeroes: never a valid signature; used where a value is unsigned.</summary>
    public static Signature Empty => default;

    /// <summary>A value holding a copy of <paramref name="bytes"/> (64 bytes, else <see cref="ArgumentException"/>).</summary>
    public static Signature Wrap(byte[] bytes) => new(bytes.AsSpan());

    /// <summary>Parses 128 hex digits (optional <c>0x</c>); <see cref="FormatException"/> otherwise.</summary>
    public static Signature FromHex(string hex) => new(FixedBytes.ParseHex(hex, Width, nameof(Signature)));

    /// <summary>Parses 128 hex digits (optional <c>0x</c>); false on anything else.</summary>
    public static bool TryFromHex(string? hex, out Signature value)
    {
        value = FixedBytes.TryParseHex(hex, Width, out var b) ? new(b) : default;
        return b is not null;
    }

    /// <summary>Reads 64 raw bytes.</summary>
    public static Signature Read(CanonicalReader r) => new(r.Fixed(Width));

    /// <summary>Writes the 64 raw bytes.</summary>
    public void WriteTo(CanonicalWriter w) => w.Fixed(AsSpan());

    /// <summary>The bytes, without copying.</summary>
    public ReadOnlySpan<byte> AsSpan() => _bytes ?? ZeroBytes;

    /// <summary>A copy of the bytes.</summary>
    public byte[] ToArray() => AsSpan().ToArray();

    /// <summary>The first 4 bytes in hex, for logs.</summary>
    public string ShortHex() => FixedBytes.ShortHex(AsSpan());

    /// <summary>Lowercase hex, no <c>0x</c>.</summary>
    public override string ToString() => Convert.ToHexStringLower(AsSpan());

    /// <inheritdoc/>
    public bool Equals(Signature other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Signature v && Equals(v);

    /// <inheritdoc/>
    public override int GetHashCode() => FixedBytes.HashCodeOf(AsSpan());

    /// <summary>Unsigned lexicographic (= big-endian numeric) order.</summary>
    public int CompareTo(Signature other) => AsSpan().SequenceCompareTo(other.AsSpan());

    /// <summary>Equal by content.</summary>
    public static bool operator ==(Signature a, Signature b) => a.Equals(b);

    /// <summary>Not equal by content.</summary>
    public static bool operator !=(Signature a, Signature b) => !a.Equals(b);

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator <(Signature a, Signature b) => a.CompareTo(b) < 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator >(Signature a, Signature b) => a.CompareTo(b) > 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator <=(Signature a, Signature b) => a.CompareTo(b) <= 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator >=(Signature a, Signature b) => a.CompareTo(b) >= 0;
}
