using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Model;

/// <summary>Two signed headers: same slot, same proposer, different roots (CONSENSUS.md §5.2); canonical form [352].</summary>
public sealed record ProposerSlashing(SignedBeaconBlockHeader H1, SignedBeaconBlockHeader H2) : ISlashingEvidence
{
    /// <summary>The encoded size in bytes.</summary>
    public const int EncodedSize = 352;

    private readonly CachedRoot _root = new();

    /// <inheritdoc/>
    public Hash32 Root => _root.Get(this);

    /// <inheritdoc/>
    public ulong Offender => H1.Header.ProposerIndex;

    /// <summary>The canonical bytes.</summary>
    public byte[] Encode() => Canonical.Encode(this);

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w)
    {
        H1.WriteTo(w);
        H2.WriteTo(w);
    }

    /// <summary>Reads the fields in order.</summary>
    public static ProposerSlashing Read(CanonicalReader r) => new(SignedBeaconBlockHeader.Read(r), SignedBeaconBlockHeader.Read(r));

    /// <summary>Strict decode: null with a reason on truncation or trailing bytes.</summary>
    public static ProposerSlashing? Decode(ReadOnlyMemory<byte> bytes, out string? reason) => Canonical.Decode(bytes, Read, out reason);
}
