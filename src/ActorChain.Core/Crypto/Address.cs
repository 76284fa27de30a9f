using ActorChain.Core.Codec;

namespace ActorChain.Core.Crypto;

/// <summary>
/// An account address: the first 20 bytes of <c>H(publicKey)</c> (CONSENSUS.md §0). Equal by content, ordered as an unsigned big-endian number; <c>default(Address)</c> is all zeroes.
/// </summary>
public readonly struct Address : IEquatable<Address>, IComparable<Address>, ICanonical
{
    /// <summary>The width in bytes.</summary>
    public const int Width = 20;

    private static readonly byte[] ZeroBytes = new byte[Width];
    private readonly byte[]? _bytes;

    private Address(byte[] owned) => _bytes = owned;

    /// <summary>A copy of <paramref name="bytes"/>, which must have 20 bytes.</summary>
    public Address(ReadOnlySpan<byte> bytes) => _bytes = FixedBytes.CopyExact(bytes, Width, nameof(Address));

    /// <summary>All zeroes.</summary>
    public static Address Zero => default;

    /// <summary>A value holding a copy of <paramref name="bytes"/> (20 bytes, else <see cref="ArgumentException"/>).</summary>
    public static Address Wrap(byte[] bytes) => new(bytes.AsSpan());

    /// <summary>Parses 40 hex digits (optional <c>0x</c>); <see cref="FormatException"/> otherwise.</summary>
    public static Address FromHex(string hex) => new(FixedBytes.ParseHex(hex, Width, nameof(Address)));

    /// <summary>Parses 40 hex digits (optional <c>0x</c>); false on anything else.</summary>
    public static bool TryFromHex(string? hex, out Address value)
    {
        value = FixedBytes.TryParseHex(hex, Width, out var b) ? new(b) : default;
        return b is not null;
    }

    /// <summary>The address of <paramref name="key"/>: the first 20 bytes of <c>H(key)</c>.</summary>
    public static Address Of(PubKey key)
    {
        Span<byte> h = stackalloc byte[Hash32.Width];
        Sha256.HashInto(key.AsSpan(), h);
        return new(h[..Width].ToArray());
    }

    /// <summary>Reads 20 raw bytes.</summary>
    public static Address Read(CanonicalReader r) => new(r.Fixed(Width));

    /// <summary>Writes the 20 raw bytes.</summary>
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
    public bool Equals(Address other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Address v && Equals(v);

    /// <inheritdoc/>
    public override int GetHashCode() => FixedBytes.HashCodeOf(AsSpan());

    /// <summary>Unsigned lexicographic (= big-endian numeric) order.</summary>
    public int CompareTo(Address other) => AsSpan().SequenceCompareTo(other.AsSpan());

    /// <summary>Equal by content.</summary>
    public static bool operator ==(Address a, Address b) => a.Equals(b);

    /// <summary>Not equal by content.</summary>
    public static bool operator !=(Address a, Address b) => !a.Equals(b);

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator <(Address a, Address b) => a.CompareTo(b) < 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator >(Address a, Address b) => a.CompareTo(b) > 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator <=(Address a, Address b) => a.CompareTo(b) <= 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator >=(Address a, Address b) => a.CompareTo(b) >= 0;
}
