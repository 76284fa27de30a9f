using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Transactions;

/// <summary>
/// Verifies signatures: a transaction's by a given signer under domain TX, and any <c>(key, domain, root, sig)</c>
/// (blocks, attestations, RANDAO reveals). Ed25519 verification costs tens of microseconds, so an owner that sees the
/// same messages again (a block tree, a mempool) keeps a <see cref="Cached"/> instance of its own, and the nodes of an
/// embedded network share the process-wide <see cref="Shared"/> memo. Only <see cref="Direct"/> and
/// <see cref="Shared"/> are thread-safe; <see cref="Cached"/> instances are not.
/// </summary>
public abstract class SignatureCheck
{
    /// <summary>Verifies every time. Stateless, so it may be shared.</summary>
    public static SignatureCheck Direct { get; } = new DirectSignatureCheck();

    /// <summary>
    /// The process-wide memo of signatures that verified, keyed by value: in an embedded network each signature is
    /// verified once per process instead of once per node. Thread-safe and bounded; failures are not remembered, so
    /// its answers are exactly <see cref="Direct"/>'s.
    /// </summary>
    public static SignatureCheck Shared => SharedSignatureMemo.Instance;

    /// <summary>True iff <paramref name="tx"/>'s signature is <paramref name="signer"/>'s over its signing root under domain TX.</summary>
    public abstract bool Verify(Transaction tx, PubKey signer);

    /// <summary>
    /// True iff <paramref name="sig"/> is <paramref name="key"/>'s signature of <c>H(domain || root)</c>. The default
    /// verifies every time; memoizing implementations override it.
    /// </summary>
    public virtual bool Verify(PubKey key, Domain domain, Hash32 root, Signature sig) =>
        Signatures.Verify(key, domain, root, sig);

    /// <summary>Remembers up to <paramref name="capacity"/> signatures that verified; failures are not remembered. Not thread-safe.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A capacity below 1.</exception>
    public static SignatureCheck Cached(int capacity) => new CachedSignatureCheck(capacity, Direct);

    /// <summary>
    /// Tells the <see cref="Shared"/> memo that <paramref name="sig"/> is <paramref name="key"/>'s valid signature of
    /// <c>H(domain || root)</c>, so that signatures made in this process are never verified again here.
    /// </summary>
    public static void RecordValid(PubKey key, Domain domain, Hash32 root, Signature sig) =>
        SharedSignatureMemo.Instance.Record(key, domain, root, sig);

    /// <summary><paramref name="key"/>'s signature of <paramref name="root"/> under domain TX, recorded in the shared memo.</summary>
    internal static Signature SignAndRecord(SigningKey key, Hash32 root)
    {
        var sig = key.Sign(Domain.Tx, root);
        RecordValid(key.PublicKey, Domain.Tx, root, sig);
        return sig;
    }

    private sealed class DirectSignatureCheck : SignatureCheck
    {
        public override bool Verify(Transaction tx, PubKey signer) =>
            Signatures.Verify(signer, Domain.Tx, tx.SigningRoot, tx.Sig);
    }
}

/// <summary>What identifies one verification, compared by value: the key, domain and root signed, and the signature.</summary>
internal readonly record struct SignedMessage(PubKey Key, Domain Domain, Hash32 Root, Signature Sig);
