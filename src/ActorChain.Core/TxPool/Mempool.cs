using System.Collections.Immutable;
using System.Numerics;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.TxPool;

/// <summary>
/// Pending transactions (CONSENSUS.md §2), owned by one actor. A transaction enters only if it could become valid on
/// the head state: every rule but the nonce holds, and its nonce is at most <c>maxPerSender − 1</c> ahead of the
/// sender's account nonce. Payments are kept per sender by nonce, and exits per validator. Every order is
/// deterministic: senders by address, then nonce; ties in tip by transaction id; no hash order reaches an output.
/// Ranking uses the tip actually paid, <c>min(tip, maxFee − baseFee)</c>; exits pay none, so they rank last and are
/// the first to be evicted. Transactions of blocks abandoned by a reorg are not re-added here: the owner re-adds them.
/// </summary>
public sealed class Mempool
{
    private readonly SignatureCheck _sigs;
    private readonly Dictionary<Hash32, Transaction> _byId = []; // lookups only; never iterated
    private readonly SortedDictionary<Address, SortedDictionary<ulong, Payment>> _bySender = new(AddressOrder.Instance);
    private readonly SortedDictionary<ulong, Exit> _exits = [];
    private ulong _baseFee = Fees.GenesisBaseFee; // the last head's, for ranking by effective tip

    /// <summary>An empty pool with these limits.</summary>
    public Mempool(MempoolPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
        _sigs = SignatureCheck.Cached(Math.Min(policy.Capacity, 1 << 20) * 2);
    }

    /// <summary>The pool's limits.</summary>
    public MempoolPolicy Policy { get; }

    /// <summary>The number of pending transactions.</summary>
    public int Count => _byId.Count;

    /// <summary>Checks <paramref name="tx"/> against <paramref name="headState"/> and the pool's limits, and keeps it if it may become valid.</summary>
    public AddResult Add(Transaction tx, LedgerState headState)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(headState);
        _baseFee = headState.BaseFee;
        var id = tx.Id;
        if (_byId.ContainsKey(id))
        {
            return Rejected(MempoolRejectionKind.Duplicate, $"transaction {id} is already pending");
        }

        return tx is Exit exit ? AddExit(exit, headState) : AddPayment((Payment)tx, headState);
    }

    private AddResult AddExit(Exit exit, LedgerState head)
    {
        if (TxRules.CheckExit(exit, head.Registry) is { } invalid)
        {
            return Invalid(invalid);
        }

        if (_exits.ContainsKey(exit.ValidatorIndex))
        {
            return Rejected(MempoolRejectionKind.Duplicate, $"an exit of validator {exit.ValidatorIndex} is already pending");
        }

        return TxRules.CheckSignature(exit, head.Registry, _sigs) is { } badSig ? Invalid(badSig) : InsertNew(exit, null);
    }

    private AddResult AddPayment(Payment p, LedgerState head)
    {
        var sender = p.FromAddress;
        var account = head.Account(sender);
        if ((TxRules.CheckFields(p) ?? TxRules.CheckMaxFee(p, head.BaseFee)) is { } invalid)
        {
            return Invalid(invalid);
        }

        if (p.Nonce < account.Nonce)
        {
            return Rejected(MempoolRejectionKind.NonceTooLow, $"nonce {p.Nonce}, account nonce {account.Nonce}");
        }

        if (p.Nonce - account.Nonce >= (ulong)Policy.MaxPerSender)
        {
            return Rejected(MempoolRejectionKind.NonceGap,
                $"nonce {p.Nonce}, account nonce {account.Nonce}, at most {Policy.MaxPerSender - 1} ahead");
        }

        if ((TxRules.CheckBalance(p, account) ?? TxRules.CheckCredit(p, head.Accounts, head.Registry)) is { } unaffordable)
        {
            return Invalid(unaffordable);
        }

        Payment? existing = null;
        if (_bySender.TryGetValue(sender, out var queue) && queue.TryGetValue(p.Nonce, out var e))
        {
            existing = e;
            if (!Outbids(p, e))
            {
                return Rejected(MempoolRejectionKind.ReplacementUnderpriced,
                    $"tip {p.Tip} and maxFee {p.MaxFee} must be at least {Bumped(e.Tip)} and {Bumped(e.MaxFee)} to replace {e.Id.ShortHex()}");
            }
        }

        if (TxRules.CheckSignature(p, head.Registry, _sigs) is { } badSig)
        {
            return Invalid(badSig);
        }

        if (existing is not null)
        {
            Remove(existing);
            Insert(p);
            return new AddResult.Replaced(existing);
        }

        return InsertNew(p, sender);
    }

    private AddResult InsertNew(Transaction tx, Address? sender)
    {
        Transaction? evicted = null;
        if (Count >= Policy.Capacity)
        {
            var victim = CheapestEvictable(sender);
            if (victim is null || EffectiveTip(victim) >= EffectiveTip(tx))
            {
                return Rejected(MempoolRejectionKind.PoolFull,
                    $"{Count} pending, capacity {Policy.Capacity}; tip {EffectiveTip(tx)} does not beat the cheapest evictable "
                    + (victim is null ? "(none)" : EffectiveTip(victim).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            Remove(victim);
            evicted = victim;
        }

        Insert(tx);
        return new AddResult.Accepted(evicted);
    }

    /// <summary>
    /// The cheapest transaction that can go without stranding another: each sender's highest nonce (the newcomer's own
    /// sender excepted) and every exit, ranked by effective tip, then id.
    /// </summary>
    private Transaction? CheapestEvictable(Address? except)
    {
        Transaction? best = null;
        var candidates = _exits.Values.Cast<Transaction>()
            .Concat(_bySender.Where(kv => kv.Key != except).Select(kv => (Transaction)kv.Value.Values.Last()));
        foreach (var c in candidates)
        {
            if (best is null || CompareCheapestFirst(c, best) < 0)
            {
                best = c;
            }
        }

        return best;
    }

    private int CompareCheapestFirst(Transaction a, Transaction b)
    {
        var byTip = EffectiveTip(a).CompareTo(EffectiveTip(b));
        return byTip != 0 ? byTip : a.Id.AsSpan().SequenceCompareTo(b.Id.AsSpan());
    }

    private bool Outbids(Payment newer, Payment older) =>
        newer.Tip >= Bumped(older.Tip) && newer.MaxFee >= Bumped(older.MaxFee);

    /// <summary><c>x + ceil(x × bump / 100)</c>, saturating at 2^63 − 1.</summary>
    private ulong Bumped(ulong x)
    {
        var up = ((BigInteger)x * Policy.ReplaceBumpPercent + 99) / 100;
        return (ulong)BigInteger.Min(x + up, long.MaxValue);
    }

    private ulong EffectiveTip(Transaction tx) => Fees.TipPaid(tx, _baseFee);

    private void Insert(Transaction tx)
    {
        _byId[tx.Id] = tx;
        if (tx is Exit exit)
        {
            _exits[exit.ValidatorIndex] = exit;
            return;
        }

        var p = (Payment)tx;
        if (!_bySender.TryGetValue(p.FromAddress, out var queue))
        {
            queue = [];
            _bySender[p.FromAddress] = queue;
        }

        queue[p.Nonce] = p;
    }

    private void Remove(Transaction tx)
    {
        _byId.Remove(tx.Id);
        if (tx is Exit exit)
        {
            _exits.Remove(exit.ValidatorIndex);
            return;
        }

        var p = (Payment)tx;
        var queue = _bySender[p.FromAddress];
        queue.Remove(p.Nonce);
        if (queue.Count == 0)
        {
            _bySender.Remove(p.FromAddress);
        }
    }

    /// <summary>Removes a pending transaction; false if it was not pending.</summary>
    public bool Remove(Hash32 id)
    {
        if (!_byId.TryGetValue(id, out var tx))
        {
            return false;
        }

        Remove(tx);
        return true;
    }

    private static AddResult.Rejected Invalid(TxRejection rejection) =>
        new(new MempoolRejection(MempoolRejectionKind.Invalid, $"{rejection.Describe()} [{rejection.Reason}]", rejection.Reason));

    private static AddResult.Rejected Rejected(MempoolRejectionKind kind, string detail) => new(new MempoolRejection(kind, detail));

    /// <summary>
    /// Up to <paramref name="max"/> transactions for a block on <paramref name="state"/>: best effective tip first, each
    /// sender's in nonce order from its account nonce, each valid in sequence when applied to <paramref name="state"/>.
    /// A transaction that is not valid there is skipped together with the sender's later ones. Ties go to the lower id.
    /// </summary>
    public ImmutableArray<Transaction> Select(LedgerState state, int max)
    {
        ArgumentNullException.ThrowIfNull(state);
        var fee = state.BaseFee;
        var ready = new PriorityQueue<Transaction, (ulong Tip, Hash32 Id)>(BestFirst.Instance);
        void Enqueue(Transaction tx) => ready.Enqueue(tx, (Fees.TipPaid(tx, fee), tx.Id));
        foreach (var (sender, queue) in _bySender)
        {
            if (queue.TryGetValue(state.Account(sender).Nonce, out var first))
            {
                Enqueue(first);
            }
        }

        foreach (var exit in _exits.Values)
        {
            Enqueue(exit);
        }

        var applier = new TxApplier(state, _sigs);
        var result = ImmutableArray.CreateBuilder<Transaction>();
        while (result.Count < max && ready.TryDequeue(out var tx, out _))
        {
            if (applier.TryApply(tx) is not null)
            {
                continue;
            }

            result.Add(tx);
            if (tx is Payment p && _bySender[p.FromAddress].TryGetValue(p.Nonce + 1, out var next))
            {
                Enqueue(next);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Drops what can no longer enter: nonces below the account nonce (included, or replaced on chain) or beyond the
    /// window, and transactions that now break a rule (balance, maxFee below the new base fee, exit already requested
    /// or of an unknown validator). Returns the dropped transactions, in <see cref="All"/> order.
    /// </summary>
    public ImmutableArray<Transaction> OnNewHead(LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _baseFee = state.BaseFee;
        var dropped = ImmutableArray.CreateBuilder<Transaction>();
        foreach (var tx in All())
        {
            if (!StillAdmissible(tx, state))
            {
                Remove(tx);
                dropped.Add(tx);
            }
        }

        return dropped.ToImmutable();
    }

    private bool StillAdmissible(Transaction tx, LedgerState state)
    {
        if (tx is Exit exit)
        {
            return (TxRules.CheckExit(exit, state.Registry) ?? TxRules.CheckSignature(exit, state.Registry, _sigs)) is null;
        }

        var p = (Payment)tx;
        var account = state.Account(p.FromAddress);
        return p.Nonce >= account.Nonce
            && p.Nonce - account.Nonce < (ulong)Policy.MaxPerSender
            && (TxRules.CheckMaxFee(tx, state.BaseFee)
                ?? TxRules.CheckBalance(tx, account)
                ?? TxRules.CheckCredit(tx, state.Accounts, state.Registry)) is null;
    }

    /// <summary>True iff the transaction with this id is pending.</summary>
    public bool Contains(Hash32 id) => _byId.ContainsKey(id);

    /// <summary>The pending transaction with this id, or null.</summary>
    public Transaction? Get(Hash32 id) => _byId.GetValueOrDefault(id);

    /// <summary>Every pending transaction: senders by address, each by nonce, then exits by validator index.</summary>
    public ImmutableArray<Transaction> All()
    {
        var all = ImmutableArray.CreateBuilder<Transaction>(_byId.Count);
        foreach (var queue in _bySender.Values)
        {
            all.AddRange(queue.Values);
        }

        all.AddRange(_exits.Values);
        return all.MoveToImmutable();
    }

    /// <summary>Higher tip first, then lower id (unsigned lexicographic).</summary>
    private sealed class BestFirst : IComparer<(ulong Tip, Hash32 Id)>
    {
        public static readonly BestFirst Instance = new();

        public int Compare((ulong Tip, Hash32 Id) x, (ulong Tip, Hash32 Id) y)
        {
            var byTip = y.Tip.CompareTo(x.Tip);
            return byTip != 0 ? byTip : x.Id.AsSpan().SequenceCompareTo(y.Id.AsSpan());
        }
    }
}
