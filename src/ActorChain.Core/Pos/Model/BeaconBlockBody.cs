using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pos.Model;

/// <summary>
/// <c>body{randaoReveal, attestations, proposerSlashings, attesterSlashings, transactions}</c> (CONSENSUS.md §5.2).
/// Equal by root: two bodies are equal when their canonical bytes are.
/// </summary>
public sealed record BeaconBlockBody(
    Signature RandaoReveal,
    ImmutableArray<Attestation> Attestations,
    ImmutableArray<ProposerSlashing> ProposerSlashings,
    ImmutableArray<AttesterSlashing> AttesterSlashings,
    ImmutableArray<Transaction> Transactions) : ICanonical
{
    private readonly CachedRoot _root = new();

    /// <summary><c>root(body)</c>, what the header's <c>bodyRoot</c> commits to.</summary>
    public Hash32 Root => _root.Get(this);

    /// <summary>A body with only a RANDAO reveal.</summary>
    public static BeaconBlockBody Empty(Signature randaoReveal) => new(randaoReveal, [], [], [], []);

    /// <summary>The canonical bytes.</summary>
    public byte[] Encode() => Canonical.Encode(this);

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w)
    {
        RandaoReveal.WriteTo(w);
        w.List(Attestations).List(ProposerSlashings).List(AttesterSlashings).List(Transactions);
    }

    /// <summary>Reads the fields in order.</summary>
    public static BeaconBlockBody Read(CanonicalReader r) => new(
        Signature.Read(r),
        r.List(Attestation.Read),
        r.List(ProposerSlashing.Read),
        r.List(AttesterSlashing.Read),
        r.List(Transaction.Read));

    /// <summary>Strict decode: null with a reason on truncation, trailing bytes or a bad element.</summary>
    public static BeaconBlockBody? Decode(ReadOnlyMemory<byte> bytes, out string? reason) => Canonical.Decode(bytes, Read, out reason);

    /// <summary>Equal canonical bytes (compared by root).</summary>
    public bool Equals(BeaconBlockBody? other) => other is not null && (ReferenceEquals(this, other) || Root == other.Root);

    /// <summary>The root's hash code.</summary>
    public override int GetHashCode() => Root.GetHashCode();
}
