using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pos.Block;

/// <summary>
/// Step 6 of CONSENSUS.md §5.4: a PoS block's transactions, in order, on the block's working state. Transfers and
/// deposits follow §2 as on the PoW chain (the parent state's base fee is burned; the tips go to the proposer's
/// account once the block's transactions are done). A deposit tops up the validator with the same pubkey or appends
/// one with <c>activationEligibilityEpoch = current + 1</c>. An exit, as Ethereum's <c>process_voluntary_exit</c>,
/// needs the validator active, not already exiting, an exit epoch not in the future, and its signature. Mutable.
/// </summary>
internal sealed class TransactionProcessing
{
    private const ulong MaxAmount = long.MaxValue;

    private readonly BeaconState _state;
    private readonly ConsensusConfig _config;
    private readonly SignatureCheck _sigs;
    private readonly Address _proposerAccount;
    private readonly ulong _baseFee;
    private readonly Accounts.Builder _accounts;
    private ulong _tips;

    /// <summary>Starts on <paramref name="state"/>'s accounts; tips will go to <paramref name="proposerAccount"/>.</summary>
    public TransactionProcessing(BeaconState state, ConsensusConfig config, SignatureCheck sigs, Address proposerAccount)
    {
        _state = state;
        _config = config;
        _sigs = sigs;
        _proposerAccount = proposerAccount;
        _baseFee = state.BaseFee;
        _accounts = state.Accounts.ToBuilder();
    }

    /// <summary>The transactions applied so far.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Validates <paramref name="tx"/> against the state so far and applies it if valid; a rejected one changes
    /// nothing. The callers keep a block within <see cref="Fees.MaxTxsPerBlock"/> transactions.
    /// </summary>
    public TxRejection? Apply(Transaction tx)
    {
        var invalid = tx is Exit exit ? ValidateExit(exit) : ValidatePayment(tx);
        if (invalid is not null)
        {
            return invalid;
        }

        if (tx is Exit e)
        {
            Mutators.InitiateExit(_state, (int)e.ValidatorIndex, _config);
        }
        else
        {
            ApplyPayment(tx);
        }

        Count++;
        return null;
    }

    /// <summary>Pays the tips to the proposer's account and returns the accounts after the block's transactions.</summary>
    public Accounts Finish()
    {
        if (_tips > 0)
        {
            var a = _accounts.Get(_proposerAccount);
            _accounts.Put(a with { Balance = checked(a.Balance + _tips) });
        }

        return _accounts.Build();
    }

    private TxRejection? ValidatePayment(Transaction tx)
    {
        var p = (Payment)tx;
        var sender = _accounts.Get(p.FromAddress);
        var invalid = TxRules.CheckFields(tx)
            ?? TxRules.CheckMaxFee(tx, _baseFee)
            ?? TxRules.CheckNonce(tx, sender)
            ?? TxRules.CheckBalance(tx, sender)
            ?? TxRules.CheckCredit(tx, _accounts, []);
        if (invalid is not null)
        {
            return invalid;
        }

        var tip = Fees.TipPaid(tx, _baseFee);
        if (_tips > MaxAmount - tip)
        {
            return new(TxInvalidReason.BalanceOverflow, "the block's tips would exceed 2^63 - 1 gwei");
        }

        if (tx is Deposit d && IndexOf(d) is { } index && _state.Balance(index) > MaxAmount - d.Amount)
        {
            return new(TxInvalidReason.BalanceOverflow,
                $"validator {index} balance {_state.Balance(index)} + amount {d.Amount} would overflow");
        }

        return _sigs.Verify(tx, p.From) ? null : new(TxInvalidReason.BadSignature, $"signer {p.From}, tx {tx.Id}");
    }

    private void ApplyPayment(Transaction tx)
    {
        var p = (Payment)tx;
        var tip = Fees.TipPaid(tx, _baseFee);
        var sender = _accounts.Get(p.FromAddress);
        var debit = checked(p.Amount + _baseFee + tip);
        _accounts.Put(sender with { Balance = checked(sender.Balance - debit), Nonce = checked(sender.Nonce + 1) });
        _tips += tip;
        if (tx is Transfer t)
        {
            var to = _accounts.Get(t.To);
            _accounts.Put(to with { Balance = checked(to.Balance + t.Amount) });
            return;
        }

        var d = (Deposit)tx;
        if (IndexOf(d) is { } index)
        {
            _state.IncreaseBalance(index, d.Amount);
            return;
        }

        var eligibility = Accessors.CurrentEpoch(_state, _config) + 1;
        var far = ConsensusConfig.FarFutureEpoch;
        _state.AddValidator(new Validator(d.ValidatorPubkey, _config.EffectiveBalanceOf(d.Amount), false, eligibility,
            far, far, far), d.Amount);
    }

    private int? IndexOf(Deposit d)
    {
        for (var i = 0; i < _state.ValidatorCount; i++)
        {
            if (_state.Validators[i].Pubkey == d.ValidatorPubkey)
            {
                return i;
            }
        }

        return null;
    }

    private TxRejection? ValidateExit(Exit exit)
    {
        var index = exit.ValidatorIndex;
        if (index >= (ulong)_state.ValidatorCount)
        {
            return new(TxInvalidReason.UnknownValidator, $"validator index {index}, registry size {_state.ValidatorCount}");
        }

        var v = _state.Validators[(int)index];
        var current = Accessors.CurrentEpoch(_state, _config);
        if (!v.IsActive(current))
        {
            return new(TxInvalidReason.ValidatorNotActive, $"validator {index} at epoch {current}");
        }

        if (v.ExitEpoch != ConsensusConfig.FarFutureEpoch)
        {
            return new(TxInvalidReason.ExitAlreadyRequested, $"validator {index} already exits at epoch {v.ExitEpoch}");
        }

        if (exit.Epoch > current)
        {
            return new(TxInvalidReason.ExitEpochInFuture,
                $"validator {index} signed for epoch {exit.Epoch}, current epoch {current}");
        }

        return _sigs.Verify(exit, v.Pubkey)
            ? null
            : new(TxInvalidReason.BadSignature, $"exit of validator {index}, key {v.Pubkey}");
    }
}
