using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Model;

/// <summary>
/// <c>AttestationData{slot, committeeIndex, headRoot, source, target}</c> (CONSENSUS.md §5.2); canonical form [128].
/// Its root is computed once: every vote of a committee shares one data object and each check hashes it.
/// </summary>
public sealed record AttestationData(ulong Slot, ulong CommitteeIndex, Hash32 HeadRoot, Checkpoint Source, Checkpoint Target)
    : ICanonical
{
    /// <summary>The encoded size in bytes.</summary>
    public const int EncodedSize = 128;

    private readonly CachedRoot _root = new();

    /// <summary><c>root(data)</c>, what the ATTESTER-domain signature signs.</summary>
    public Hash32 Root => _root.Get(this);

    /// <summary>The canonical bytes.</summary>
    public byte[] Encode() => Canonical.Encode(this);

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w)
    {
        w.U64Le(Slot).U64Le(CommitteeIndex).Fixed(HeadRoot);
        Source.WriteTo(w);
        Target.WriteTo(w);
    }

    /// <summary>Reads the fields in order.</summary>
    public static AttestationData Read(CanonicalReader r) =>
        new(r.U64Le(), r.U64Le(), Hash32.Read(r), Checkpoint.Read(r), Checkpoint.Read(r));

    /// <summary>Strict decode: null with a reason on truncation or trailing bytes.</summary>
    public static AttestationData? Decode(ReadOnlyMemory<byte> bytes, out string? reason) => Canonical.Decode(bytes, Read, out reason);

    /// <summary>A short form for logs.</summary>
    public override string ToString() =>
        $"AttestationData[slot={Slot}, committeeIndex={CommitteeIndex}, headRoot={HeadRoot.ShortHex()}, source={Source}, target={Target}]";
}
