using System.Collections.Immutable;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;

namespace ActorChain.Core.Transactions;

/// <summary>
/// Applies a block's transactions in order on top of its parent's ledger state (CONSENSUS.md §2): each one is validated
/// against the state as updated so far and applied only if valid. Used both to check a block (stop at the first
/// rejection) and to build one (skip rejected candidates). Mutable; owned by one thread.
/// </summary>
public sealed class TxApplier
{
    private readonly LedgerState _parent;
    private readonly SignatureCheck _sigs;
    private readonly Accounts.Builder _accounts;
    private readonly List<RegistryEntry> _registry;
    private readonly List<Transaction> _applied = [];
    private bool _finished;

    /// <summary>An applier on <paramref name="parent"/> that checks signatures with <paramref name="sigs"/>.</summary>
    public TxApplier(LedgerState parent, SignatureCheck sigs)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(sigs);
        _parent = parent;
        _sigs = sigs;
        _accounts = parent.Accounts.ToBuilder();
        _registry = [.. parent.Registry];
    }

    /// <summary>The base fee every transaction of this block pays: the parent state's.</summary>
    public ulong BaseFee => _parent.BaseFee;

    /// <summary>The number of transactions applied so far.</summary>
    public int Count => _applied.Count;

    /// <summary>The tips owed to the producer so far (not credited by the applier).</summary>
    public ulong Tips { get; private set; }

    /// <summary>The transactions applied so far, in order.</summary>
    public ImmutableArray<Transaction> Applied => [.. _applied];

    /// <summary>An applier on <paramref name="parent"/> that verifies every signature afresh.</summary>
    public static TxApplier On(LedgerState parent) => new(parent, SignatureCheck.Direct);

    /// <summary>Validates <paramref name="tx"/> against the state so far and applies it if valid; a rejected one changes nothing.</summary>
    /// <exception cref="InvalidOperationException">After <see cref="Finish"/>.</exception>
    public TxRejection? TryApply(Transaction tx)
    {
        CheckOpen();
        var rejection = TxRules.Validate(tx, _accounts, _registry, _parent.BaseFee, _sigs);
        if (rejection is null && Tips > long.MaxValue - Fees.TipPaid(tx, _parent.BaseFee))
        {
            rejection = new TxRejection(TxInvalidReason.BalanceOverflow, "the block's tips would exceed 2^63 - 1 gwei");
        }

        if (rejection is null)
        {
            Tips += TxRules.Apply(tx, _accounts, _registry, _parent.BaseFee);
            _applied.Add(tx);
        }

        return rejection;
    }

    /// <summary>The account at <paramref name="address"/> as applied so far.</summary>
    public Account Account(Address address) => _accounts.Get(address);

    /// <summary>Credits <paramref name="amount"/> to <paramref name="to"/>, e.g. the coinbase.</summary>
    /// <exception cref="OverflowException">The balance would reach 2^63.</exception>
    /// <exception cref="InvalidOperationException">After <see cref="Finish"/>.</exception>
    public void Credit(Address to, ulong amount)
    {
        CheckOpen();
        TxRules.Credit(_accounts, to, amount);
    }

    /// <summary>The post-state: accounts and registry as applied, and the next base fee from the number applied.</summary>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public LedgerState Finish()
    {
        CheckOpen();
        _finished = true;
        return new LedgerState(_accounts.Build(), Fees.NextBaseFee(_parent.BaseFee, _applied.Count), _registry);
    }

    private void CheckOpen()
    {
        if (_finished)
        {
            throw new InvalidOperationException("this TxApplier already finished its block");
        }
    }
}
