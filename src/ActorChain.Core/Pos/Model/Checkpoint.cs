using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Model;

/// <summary><c>Checkpoint{epoch, root}</c> (CONSENSUS.md §5.2); canonical form [40]: epoch u64, root bytes32.</summary>
public sealed record Checkpoint(ulong Epoch, Hash32 Root) : ICanonical
{
    /// <summary>The encoded size in bytes.</summary>
    public const int EncodedSize = 40;

    /// <summary>The canonical bytes.</summary>
    public byte[] Encode() => Canonical.Encode(this);

    /// <summary>H(canonical), which is not the checkpoint's own <see cref="Root"/> field.</summary>
    public Hash32 HashRoot() => Canonical.Root(this);

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w) => w.U64Le(Epoch).Fixed(Root);

    /// <summary>Reads the fields in order.</summary>
    public static Checkpoint Read(CanonicalReader r) => new(r.U64Le(), Hash32.Read(r));

    /// <summary>Strict decode: null with a reason on truncation or trailing bytes.</summary>
    public static Checkpoint? Decode(ReadOnlyMemory<byte> bytes, out string? reason) => Canonical.Decode(bytes, Read, out reason);

    /// <summary>(epoch, short root), for logs.</summary>
    public override string ToString() => $"({Epoch}, {Root.ShortHex()})";
}
