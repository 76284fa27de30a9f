namespace ActorChain.Core.Conformance;

/// <summary>A phase0 validator's 48-byte BLS public key, kept as bytes: ActorChain never verifies BLS (CONSENSUS.md §9).</summary>
public readonly struct BlsPubKey : IEquatable<BlsPubKey>
{
    /// <summary>The width of a BLS public key.</summary>
    public const int Width = 48;

    private readonly byte[]? _bytes;

    private BlsPubKey(byte[] bytes) => _bytes = bytes;

    /// <summary>A key from exactly 48 bytes (copied).</summary>
    public static BlsPubKey Wrap(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Width
            ? new BlsPubKey(bytes.ToArray())
            : throw new ArgumentException($"a BLS public key has {Width} bytes, got {bytes.Length}", nameof(bytes));

    /// <summary>The key's bytes (48 zero bytes for <c>default</c>).</summary>
    public ReadOnlySpan<byte> AsSpan() => _bytes ?? new byte[Width];

    /// <summary>A copy of the key's bytes.</summary>
    public byte[] ToArray() => AsSpan().ToArray();

    /// <summary>Byte-wise equality.</summary>
    public bool Equals(BlsPubKey other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BlsPubKey k && Equals(k);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = default(HashCode);
        h.AddBytes(AsSpan());
        return h.ToHashCode();
    }

    /// <summary>Lowercase hex.</summary>
    public override string ToString() => Convert.ToHexStringLower(AsSpan());

    /// <summary>Byte-wise equality.</summary>
    public static bool operator ==(BlsPubKey left, BlsPubKey right) => left.Equals(right);

    /// <summary>Byte-wise inequality.</summary>
    public static bool operator !=(BlsPubKey left, BlsPubKey right) => !left.Equals(right);
}
