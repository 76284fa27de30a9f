using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Model;

/// <summary>Two attestations of one validator whose data is slashable, in either order (CONSENSUS.md §5.2); canonical form [400].</summary>
public sealed record AttesterSlashing(Attestation A1, Attestation A2) : ISlashingEvidence
{
    /// <summary>The encoded size in bytes.</summary>
    public const int EncodedSize = 400;

    private readonly CachedRoot _root = new();

    /// <inheritdoc/>
    public Hash32 Root => _root.Get(this);

    /// <inheritdoc/>
    public ulong Offender => A1.ValidatorIndex;

    /// <summary>The canonical bytes.</summary>
    public byte[] Encode() => Canonical.Encode(this);

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w)
    {
        A1.WriteTo(w);
        A2.WriteTo(w);
    }

    /// <summary>Reads the fields in order.</summary>
    public static AttesterSlashing Read(CanonicalReader r) => new(Attestation.Read(r), Attestation.Read(r));

    /// <summary>Strict decode: null with a reason on truncation or trailing bytes.</summary>
    public static AttesterSlashing? Decode(ReadOnlyMemory<byte> bytes, out string? reason) => Canonical.Decode(bytes, Read, out reason);
}
