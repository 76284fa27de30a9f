using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Pow;

/// <summary>
/// A proof-of-work header (CONSENSUS.md §3). Its canonical form is fixed-width, <see cref="EncodedLength"/> bytes,
/// with the nonce last so that a miner hashes the prefix once.
/// </summary>
public sealed record PowHeader(
    ulong Height, Hash32 ParentHash, ulong Timestamp, Hash32 Target, Hash32 TxRoot, Address Miner, ulong Nonce)
    : ICanonical
{
    /// <summary>Bytes before the nonce: height, parentHash, timestamp, target, txRoot, miner.</summary>
    public const int NonceOffset = 8 + Hash32.Width + 8 + Hash32.Width + Hash32.Width + Address.Width;

    /// <summary>The canonical size: 140 bytes.</summary>
    public const int EncodedLength = NonceOffset + 8;

    /// <summary><c>powHash = H(H(canonical(header)))</c> (CONSENSUS.md §3); also the block's hash.</summary>
    public Hash32 PowHash()
    {
        Span<byte> encoded = stackalloc byte[EncodedLength];
        WriteCanonical(encoded);
        return Sha256.HashTwice(encoded);
    }

    /// <summary>This header with another nonce, as a miner tries them.</summary>
    public PowHeader WithNonce(ulong nonce) => this with { Nonce = nonce };

    /// <summary>Writes the 140-byte canonical form into <paramref name="destination"/>.</summary>
    public void WriteCanonical(Span<byte> destination)
    {
        var d = destination[..EncodedLength];
        BinaryPrimitives.WriteUInt64LittleEndian(d, Height);
        ParentHash.AsSpan().CopyTo(d[8..]);
        BinaryPrimitives.WriteUInt64LittleEndian(d[40..], Timestamp);
        Target.AsSpan().CopyTo(d[48..]);
        TxRoot.AsSpan().CopyTo(d[80..]);
        Miner.AsSpan().CopyTo(d[112..]);
        BinaryPrimitives.WriteUInt64LittleEndian(d[NonceOffset..], Nonce);
    }

    /// <summary>The canonical form (CONSENSUS.md §0).</summary>
    public byte[] Canonical()
    {
        var bytes = new byte[EncodedLength];
        WriteCanonical(bytes);
        return bytes;
    }

    /// <summary>Writes the canonical form.</summary>
    public void WriteTo(CanonicalWriter w)
    {
        Span<byte> encoded = stackalloc byte[EncodedLength];
        WriteCanonical(encoded);
        w.Fixed(encoded);
    }

    /// <summary>Reads a header; a truncated input is a <see cref="MalformedEncodingException"/> from the reader.</summary>
    public static PowHeader Read(CanonicalReader r) => FromCanonical(r.FixedSpan(EncodedLength));

    /// <summary>Decodes exactly one header (140 bytes); false with the reason otherwise, never throws.</summary>
    public static bool TryDecode(
        ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out PowHeader? header, [NotNullWhen(false)] out string? error) =>
        Codec.Canonical.TryDecode(bytes, Read, out header, out error);

    private static PowHeader FromCanonical(ReadOnlySpan<byte> b) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(b),
        new Hash32(b.Slice(8, Hash32.Width)),
        BinaryPrimitives.ReadUInt64LittleEndian(b[40..]),
        new Hash32(b.Slice(48, Hash32.Width)),
        new Hash32(b.Slice(80, Hash32.Width)),
        new Address(b.Slice(112, Address.Width)),
        BinaryPrimitives.ReadUInt64LittleEndian(b[NonceOffset..]));
}
