using ActorChain.Core.Codec;

namespace ActorChain.Core.Crypto;

/// <summary>
/// A raw 32-byte Ed25519 public key (RFC 8032 encoding). Equal by content, ordered as an unsigned big-endian number; <c>default(PubKey)</c> is all zeroes.
/// </summary>
public readonly struct PubKey : IEquatable<PubKey>, IComparable<PubKey>, ICanonical
{
    /// <summary>The width in bytes.</summary>
    public const int Width = 32;

    private static readonly byte[] ZeroBytes = new byte[Width];
    private readonly byte[]? _bytes;

    private PubKey(byte[] owned) => _bytes = owned;

    /// <summary>A copy of <paramref name="bytes"/>, which must have 32 bytes.</summary>
    public PubKey(ReadOnlySpan<byte> bytes) => _bytes = FixedBytes.CopyExact(bytes, Width, nameof(PubKey));

    /// <summary>All zeroes (not a valid key: nothing verifies under it).</summary>
    public static PubKey Zero => default;

    /// <summary>A value holding a copy of <paramref name="bytes"/> (32 bytes, else <see cref="ArgumentException"/>).</summary>
    public static PubKey Wrap(byte[] bytes) => new(bytes.AsSpan());

    /// <summary>Parses 64 hex digits (optional <c>0x</c>); <see cref="FormatException"/> otherwise.</summary>
    public static PubKey FromHex(string hex) => new(FixedBytes.ParseHex(hex, Width, nameof(PubKey)));

    /// <summary>Parses 64 hex digits (optional <c>0x</c>); false on anything else.</summary>
    public static bool TryFromHex(string? hex, out PubKey value)
    {
        value = FixedBytes.TryParseHex(hex, Width, out var b) ? new(b) : default;
        return b is not null;
    }

    /// <summary>The account address of this key: the first 20 bytes of <c>H(publicKey)</c> (CONSENSUS.md §0).</summary>
    public Address Address => Address.Of(this);

    /// <summary>Reads 32 raw bytes.</summary>
    public static PubKey Read(CanonicalReader r) => new(r.Fixed(Width));

    /// <summary>Writes the 32 raw bytes.</summary>
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
    public bool Equals(PubKey other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PubKey v && Equals(v);

    /// <inheritdoc/>
    public override int GetHashCode() => FixedBytes.HashCodeOf(AsSpan());

    /// <summary>Unsigned lexicographic (= big-endian numeric) order.</summary>
    public int CompareTo(PubKey other) => AsSpan().SequenceCompareTo(other.AsSpan());

    /// <summary>Equal by content.</summary>
    public static bool operator ==(PubKey a, PubKey b) => a.Equals(b);

    /// <summary>Not equal by content.</summary>
    public static bool operator !=(PubKey a, PubKey b) => !a.Equals(b);

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator <(PubKey a, PubKey b) => a.CompareTo(b) < 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator >(PubKey a, PubKey b) => a.CompareTo(b) > 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator <=(PubKey a, PubKey b) => a.CompareTo(b) <= 0;

    /// <summary>Unsigned big-endian order.</summary>
    public static bool operator >=(PubKey a, PubKey b) => a.CompareTo(b) >= 0;
}
