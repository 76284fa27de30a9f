using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Model;

/// <summary>
/// <c>BlockHeader{slot, proposerIndex, parentRoot, stateRoot, bodyRoot}</c> (CONSENSUS.md §5.2); canonical form [112].
/// A block's root is this header's root.
/// </summary>
public sealed record BeaconBlockHeader(ulong Slot, ulong ProposerIndex, Hash32 ParentRoot, Hash32 StateRoot, Hash32 BodyRoot)
    : ICanonical
{
    /// <summary>The encoded size in bytes.</summary>
    public const int EncodedSize = 112;

    private readonly CachedRoot _root = new();

    /// <summary><c>root(header)</c>, the block root; the proposer signs it with domain PROPOSER.</summary>
    public Hash32 Root => _root.Get(this);

    /// <summary>The canonical bytes.</summary>
    public byte[] Encode() => Canonical.Encode(this);

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w) =>
        w.U64Le(Slot).U64Le(ProposerIndex).Fixed(ParentRoot).Fixed(StateRoot).Fixed(BodyRoot);

    /// <summary>Reads the fields in order.</summary>
    public static BeaconBlockHeader Read(CanonicalReader r) =>
        new(r.U64Le(), r.U64Le(), Hash32.Read(r), Hash32.Read(r), Hash32.Read(r));

    /// <summary>Strict decode: null with a reason on truncation or trailing bytes.</summary>
    public static BeaconBlockHeader? Decode(ReadOnlyMemory<byte> bytes, out string? reason) => Canonical.Decode(bytes, Read, out reason);
}
