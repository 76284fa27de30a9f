using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Transactions;

/// <summary>A bounded, least-recently-used memory of signatures that verified, for one owner.</summary>
internal sealed class CachedSignatureCheck : SignatureCheck
{
    private readonly SignatureCheck _delegate;
    private readonly LruCache<SignedMessage, bool> _verified; // only signatures that verified are kept

    internal CachedSignatureCheck(int capacity, SignatureCheck inner)
    {
        _verified = new LruCache<SignedMessage, bool>(capacity);
        _delegate = inner;
    }

    public override bool Verify(Transaction tx, PubKey signer)
    {
        var key = new SignedMessage(signer, Domain.Tx, tx.SigningRoot, tx.Sig);
        return _verified.TryGet(key, out _) || Remember(key, _delegate.Verify(tx, signer));
    }

    public override bool Verify(PubKey key, Domain domain, Hash32 root, Signature sig)
    {
        var k = new SignedMessage(key, domain, root, sig);
        return _verified.TryGet(k, out _) || Remember(k, _delegate.Verify(key, domain, root, sig));
    }

    private bool Remember(SignedMessage key, bool ok)
    {
        if (ok)
        {
            _verified.Set(key, true);
        }

        return ok;
    }
}
