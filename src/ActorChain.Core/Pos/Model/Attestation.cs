using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Pos.Model;

/// <summary>
/// One validator's vote, signed with domain ATTESTER over <c>root(data)</c>; no aggregation (CONSENSUS.md §5.2, §9).
/// Canonical form [200]. Its root (the gossip id) is computed once.
/// </summary>
public sealed record Attestation(ulong ValidatorIndex, AttestationData Data, Signature Sig) : ICanonical
{
    /// <summary>The encoded size in bytes.</summary>
    public const int EncodedSize = 200;

    private readonly CachedRoot _root = new();

    /// <summary><c>root(attestation)</c>: its identity on gossip.</summary>
    public Hash32 Root => _root.Get(this);

    /// <summary>The canonical bytes.</summary>
    public byte[] Encode() => Canonical.Encode(this);

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w)
    {
        w.U64Le(ValidatorIndex);
        Data.WriteTo(w);
        Sig.WriteTo(w);
    }

    /// <summary>Reads the fields in order.</summary>
    public static Attestation Read(CanonicalReader r) => new(r.U64Le(), AttestationData.Read(r), Signature.Read(r));

    /// <summary>Strict decode: null with a reason on truncation or trailing bytes.</summary>
    public static Attestation? Decode(ReadOnlyMemory<byte> bytes, out string? reason) => Canonical.Decode(bytes, Read, out reason);

    /// <summary>A short form for logs.</summary>
    public override string ToString() => $"Attestation[validator={ValidatorIndex}, {Data}]";
}
