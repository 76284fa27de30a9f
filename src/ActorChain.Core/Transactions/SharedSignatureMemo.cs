using System.Collections.Concurrent;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Transactions;

/// <summary>
/// The process-wide memo behind <see cref="SignatureCheck.Shared"/>: the signatures that verified or that this process
/// made (<see cref="SignatureCheck.RecordValid"/>), each with the key, domain and root it signs, in two generations.
/// New entries go to the young generation; when it is full it becomes the old one and the previous old one is dropped,
/// so at most <c>2 × generationCapacity</c> entries are held and recently used ones survive (a hit in the old
/// generation is copied to the young one). Thread-safe; only positive results are kept, so answers never depend on
/// what the memo holds.
/// </summary>
internal sealed class SharedSignatureMemo : SignatureCheck
{
    internal const int DefaultGenerationCapacity = 1 << 17;

    private readonly int _generationCapacity;
    private readonly Lock _swap = new();
    private volatile Generation _young = new();
    private volatile Generation _old = new();

    internal SharedSignatureMemo(int generationCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(generationCapacity, 1);
        _generationCapacity = generationCapacity;
    }

    /// <summary>The process-wide instance.</summary>
    internal static SharedSignatureMemo Instance { get; } = new(DefaultGenerationCapacity);

    /// <summary>The number of entries held now; at most <c>2 × generationCapacity</c>.</summary>
    internal int Count => _young.Count + _old.Count;

    private bool Contains(SignedMessage d) => _young.Contains(d) || _old.Contains(d);

    public override bool Verify(Transaction tx, PubKey signer) => Verify(signer, Domain.Tx, tx.SigningRoot, tx.Sig);

    public override bool Verify(PubKey key, Domain domain, Hash32 root, Signature sig)
    {
        var d = new SignedMessage(key, domain, root, sig);
        if (_young.Contains(d))
        {
            return true;
        }

        if (_old.Contains(d))
        {
            Remember(d);
            return true;
        }

        var ok = Signatures.Verify(key, domain, root, sig);
        if (ok)
        {
            Remember(d);
        }

        return ok;
    }

    /// <summary>Remembers a signature known to be valid (see <see cref="SignatureCheck.RecordValid"/>).</summary>
    internal void Record(PubKey key, Domain domain, Hash32 root, Signature sig)
    {
        var d = new SignedMessage(key, domain, root, sig);
        if (!_young.Contains(d))
        {
            Remember(d);
        }
    }

    /// <summary>True iff the memo holds this exact signature now (for tests).</summary>
    internal bool Holds(PubKey key, Domain domain, Hash32 root, Signature sig)
    {
        var d = new SignedMessage(key, domain, root, sig);
        return Contains(d);
    }

    private void Remember(SignedMessage d)
    {
        var y = _young;
        if (y.Add(d) >= _generationCapacity)
        {
            lock (_swap)
            {
                if (ReferenceEquals(_young, y))
                {
                    _old = y;
                    _young = new Generation();
                }
            }
        }
    }

    /// <summary>One generation: a concurrent set with a cheap running count.</summary>
    private sealed class Generation
    {
        private readonly ConcurrentDictionary<SignedMessage, byte> _set = new();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public bool Contains(SignedMessage d) => _set.ContainsKey(d);

        /// <summary>Adds <paramref name="d"/>; returns the count after (unchanged if it was there).</summary>
        public int Add(SignedMessage d) => _set.TryAdd(d, 0) ? Interlocked.Increment(ref _count) : Count;
    }
}
