using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Transactions;

/// <summary>A bounded, least-recently-used memory of signatures that verified. Owned by one thread.</summary>
internal sealed class CachedSignatureCheck : SignatureCheck
{
    private readonly SignatureCheck _delegate;
    private readonly int _capacity;
    private readonly Dictionary<SignedMessage, LinkedListNode<SignedMessage>> _verified = [];
    private readonly LinkedList<SignedMessage> _recency = new(); // most recently used first

    internal CachedSignatureCheck(int capacity, SignatureCheck inner)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _delegate = inner;
    }

    public override bool Verify(Transaction tx, PubKey signer)
    {
        var key = new SignedMessage(signer, Domain.Tx, tx.SigningRoot, tx.Sig);
        return Remembered(key) || Remember(key, _delegate.Verify(tx, signer));
    }

    public override bool Verify(PubKey key, Domain domain, Hash32 root, Signature sig)
    {
        var k = new SignedMessage(key, domain, root, sig);
        return Remembered(k) || Remember(k, _delegate.Verify(key, domain, root, sig));
    }

    private bool Remembered(SignedMessage key)
    {
        if (!_verified.TryGetValue(key, out var node))
        {
            return false;
        }

        _recency.Remove(node);
        _recency.AddFirst(node);
        return true;
    }

    private bool Remember(SignedMessage key, bool ok)
    {
        if (ok)
        {
            _verified[key] = _recency.AddFirst(key);
            if (_verified.Count > _capacity)
            {
                var eldest = _recency.Last!;
                _recency.RemoveLast();
                _verified.Remove(eldest.Value);
            }
        }

        return ok;
    }
}
