using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Pos.Model;

/// <summary>
/// <c>Block{header, body, sig}</c> (CONSENSUS.md §5.2): the proposer signs <c>root(header)</c> with domain PROPOSER and
/// the header commits to the body through <c>bodyRoot</c>. Its identity, <see cref="Root"/>, is the header's root
/// (golden README: not the hash of its bytes). Immutable; equal by root.
/// </summary>
public sealed class BeaconBlock : ICanonical, IEquatable<BeaconBlock>
{
    private byte[]? _encoded; // benign race: every thread computes the same bytes

    /// <summary>A block; the caller is trusted that <c>header.BodyRoot</c> is <c>body.Root</c> (the reader checks it).</summary>
    public BeaconBlock(BeaconBlockHeader header, BeaconBlockBody body, Signature sig)
    {
        Header = header ?? throw new ArgumentNullException(nameof(header));
        Body = body ?? throw new ArgumentNullException(nameof(body));
        Sig = sig;
    }

    /// <summary>The header.</summary>
    public BeaconBlockHeader Header { get; }

    /// <summary>The body.</summary>
    public BeaconBlockBody Body { get; }

    /// <summary>The proposer's PROPOSER-domain signature over <c>root(header)</c>.</summary>
    public Signature Sig { get; }

    /// <summary>The block root: <c>root(header)</c>.</summary>
    public Hash32 Root => Header.Root;

    /// <summary>The header's slot.</summary>
    public ulong Slot => Header.Slot;

    /// <summary>The header's proposer index.</summary>
    public ulong ProposerIndex => Header.ProposerIndex;

    /// <summary>The header's parent root.</summary>
    public Hash32 ParentRoot => Header.ParentRoot;

    /// <summary>The canonical bytes, encoded once; a fresh copy each call.</summary>
    public byte[] Encode() => (byte[])EncodedBytes().Clone();

    /// <summary>How many canonical bytes the block takes (encoded once, no copy).</summary>
    public int EncodedLength => EncodedBytes().Length;

    /// <summary>H(canonical(block)): the hash of its bytes, which is not its <see cref="Root"/>.</summary>
    public Hash32 HashOfBytes() => Sha256.Hash(EncodedBytes());

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w)
    {
        Header.WriteTo(w);
        Body.WriteTo(w);
        Sig.WriteTo(w);
    }

    /// <summary>Reads the fields in order; rejects a header whose bodyRoot is not the body's root.</summary>
    public static BeaconBlock Read(CanonicalReader r)
    {
        var header = BeaconBlockHeader.Read(r);
        var body = BeaconBlockBody.Read(r);
        var sig = Signature.Read(r);
        if (body.Root != header.BodyRoot)
        {
            throw CanonicalReader.Reject(
                $"body root {body.Root.ShortHex()} does not match the header's {header.BodyRoot.ShortHex()}");
        }

        return new BeaconBlock(header, body, sig);
    }

    /// <summary>Strict decode: null with a reason on truncation, trailing bytes, garbage or a mismatched body root.</summary>
    public static BeaconBlock? Decode(ReadOnlyMemory<byte> bytes, out string? reason) => Canonical.Decode(bytes, Read, out reason);

    /// <summary>Equal roots.</summary>
    public bool Equals(BeaconBlock? other) => other is not null && Root == other.Root;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BeaconBlock b && Equals(b);

    /// <inheritdoc/>
    public override int GetHashCode() => Root.GetHashCode();

    /// <summary>A short form for logs.</summary>
    public override string ToString() => $"BeaconBlock(slot {Slot}, {Root.ShortHex()})";

    private byte[] EncodedBytes() => _encoded ??= Canonical.Encode(this);
}
