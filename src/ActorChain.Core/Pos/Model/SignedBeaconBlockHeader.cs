using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Pos.Model;

/// <summary>A header with its proposer's signature (domain PROPOSER over <c>root(header)</c>); canonical form [176].</summary>
public sealed record SignedBeaconBlockHeader(BeaconBlockHeader Header, Signature Sig) : ICanonical
{
    /// <summary>The encoded size in bytes.</summary>
    public const int EncodedSize = 176;

    /// <summary>The canonical bytes.</summary>
    public byte[] Encode() => Canonical.Encode(this);

    /// <summary>H(canonical).</summary>
    public Hash32 HashRoot() => Canonical.Root(this);

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w)
    {
        Header.WriteTo(w);
        Sig.WriteTo(w);
    }

    /// <summary>Reads the fields in order.</summary>
    public static SignedBeaconBlockHeader Read(CanonicalReader r) => new(BeaconBlockHeader.Read(r), Signature.Read(r));

    /// <summary>Strict decode: null with a reason on truncation or trailing bytes.</summary>
    public static SignedBeaconBlockHeader? Decode(ReadOnlyMemory<byte> bytes, out string? reason) => Canonical.Decode(bytes, Read, out reason);
}
