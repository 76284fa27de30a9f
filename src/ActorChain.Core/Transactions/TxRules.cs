using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;

namespace ActorChain.Core.Transactions;

/// <summary>
/// Transaction validity and application (CONSENSUS.md §2), one method per rule, checked in the order of the golden
/// vectors' README (family <c>transactions</c>): payment — amount, tip, maxFee, nonce, balance, credit, signature;
/// exit — known validator, not already exiting, signature. The signature is checked last: it is the expensive check.
/// Amounts are unsigned 64-bit in the encoding but valid only below 2^63.
/// </summary>
public static class TxRules
{
    private const ulong MaxAmount = long.MaxValue;

    /// <summary>Validity against <paramref name="state"/>, verifying the signature afresh; null means valid.</summary>
    public static TxRejection? Validate(Transaction tx, LedgerState state) => Validate(tx, state, SignatureCheck.Direct);

    /// <summary>Validity against <paramref name="state"/>; null means valid.</summary>
    public static TxRejection? Validate(Transaction tx, LedgerState state, SignatureCheck sigs)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Validate(tx, state.Accounts, state.Registry, state.BaseFee, sigs);
    }

    /// <summary>Validity against a state that may be mid-block: <paramref name="accounts"/> and <paramref name="registry"/> as updated so far.</summary>
    public static TxRejection? Validate(
        Transaction tx, IAccountView accounts, IReadOnlyList<RegistryEntry> registry, ulong baseFee, SignatureCheck sigs)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(sigs);
        if (tx is Payment p)
        {
            var sender = accounts.Get(p.FromAddress);
            return CheckFields(tx)
                ?? CheckMaxFee(tx, baseFee)
                ?? CheckNonce(tx, sender)
                ?? CheckBalance(tx, sender)
                ?? CheckCredit(tx, accounts, registry)
                ?? CheckSignature(tx, registry, sigs);
        }

        return CheckExit((Exit)tx, registry) ?? CheckSignature(tx, registry, sigs);
    }

    /// <summary>Stateless ranges: <c>0 &lt; amount &lt; 2^63</c> and <c>tip &lt; 2^63</c>.</summary>
    public static TxRejection? CheckFields(Transaction tx)
    {
        if (tx is Payment p)
        {
            if (p.Amount == 0 || p.Amount > MaxAmount)
            {
                return new(TxInvalidReason.NonPositiveAmount, $"amount {p.Amount}");
            }

            if (p.Tip > MaxAmount)
            {
                return new(TxInvalidReason.NegativeTip, $"tip {p.Tip}");
            }
        }

        return null;
    }

    /// <summary><c>baseFee ≤ maxFee &lt; 2^63</c>.</summary>
    public static TxRejection? CheckMaxFee(Transaction tx, ulong baseFee) =>
        tx is Payment p && (p.MaxFee < baseFee || p.MaxFee > MaxAmount)
            ? new(TxInvalidReason.MaxFeeBelowBaseFee, $"maxFee {p.MaxFee}, base fee {baseFee}")
            : null;

    /// <summary><c>nonce == account.nonce</c>.</summary>
    public static TxRejection? CheckNonce(Transaction tx, Account sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return tx is Payment p && p.Nonce != sender.Nonce
            ? new(TxInvalidReason.WrongNonce, $"nonce {p.Nonce}, account nonce {sender.Nonce}")
            : null;
    }

    /// <summary><c>balance ≥ amount + maxFee</c>, without overflow.</summary>
    public static TxRejection? CheckBalance(Transaction tx, Account sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (tx is Payment p && !(p.Amount <= sender.Balance && p.MaxFee <= sender.Balance - p.Amount))
        {
            return new(TxInvalidReason.InsufficientBalance,
                $"balance {sender.Balance}, amount {p.Amount} + maxFee {p.MaxFee}");
        }

        return null;
    }

    /// <summary>The credited balance (a transfer to another address) or stake (a deposit) stays below 2^63.</summary>
    public static TxRejection? CheckCredit(Transaction tx, IAccountView accounts, IReadOnlyList<RegistryEntry> registry)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(registry);
        if (tx is Transfer t && t.To != t.FromAddress)
        {
            var balance = accounts.Get(t.To).Balance;
            if (t.Amount > MaxAmount || balance > MaxAmount - t.Amount)
            {
                return new(TxInvalidReason.BalanceOverflow, $"recipient balance {balance} + amount {t.Amount}");
            }
        }
        else if (tx is Deposit d)
        {
            var index = LedgerState.IndexOf(registry, d.ValidatorPubkey);
            var stake = index < 0 ? 0 : registry[index].Stake;
            if (d.Amount > MaxAmount || stake > MaxAmount - d.Amount)
            {
                return new(TxInvalidReason.BalanceOverflow, $"validator stake {stake} + amount {d.Amount}");
            }
        }

        return null;
    }

    /// <summary>The exiting validator is in the registry and has not asked to exit before.</summary>
    public static TxRejection? CheckExit(Exit exit, IReadOnlyList<RegistryEntry> registry)
    {
        ArgumentNullException.ThrowIfNull(exit);
        ArgumentNullException.ThrowIfNull(registry);
        if (exit.ValidatorIndex >= (ulong)registry.Count)
        {
            return new(TxInvalidReason.UnknownValidator,
                $"validator index {exit.ValidatorIndex}, registry size {registry.Count}");
        }

        return registry[(int)exit.ValidatorIndex].ExitRequested
            ? new(TxInvalidReason.ExitAlreadyRequested, $"validator index {exit.ValidatorIndex}")
            : null;
    }

    /// <summary>The signature verifies, by the sender, or for an exit by the validator's registered key (which must exist).</summary>
    public static TxRejection? CheckSignature(Transaction tx, IReadOnlyList<RegistryEntry> registry, SignatureCheck sigs)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(sigs);
        if (Signer(tx, registry) is not { } signer)
        {
            return new(TxInvalidReason.UnknownValidator, $"no key for validator index {((Exit)tx).ValidatorIndex}");
        }

        return sigs.Verify(tx, signer)
            ? null
            : new(TxInvalidReason.BadSignature, $"signer {signer.ShortHex()}, tx {tx.Id.ShortHex()}");
    }

    /// <summary>The key that must have signed <paramref name="tx"/>: the sender's, or the exiting validator's registered key (null if unknown).</summary>
    public static PubKey? Signer(Transaction tx, IReadOnlyList<RegistryEntry> registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return tx switch
        {
            Payment p => p.From,
            Exit e when e.ValidatorIndex < (ulong)registry.Count => registry[(int)e.ValidatorIndex].Pubkey,
            _ => null,
        };
    }

    /// <summary>
    /// Applies a transaction that <see cref="Validate(Transaction, IAccountView, IReadOnlyList{RegistryEntry}, ulong, SignatureCheck)"/>
    /// accepted against the same accounts, registry and base fee: the sender pays <c>amount + baseFee + tipPaid</c> and
    /// its nonce goes up by one; the base fee is burned; a transfer credits the recipient; a deposit tops up the
    /// validator with that pubkey or appends a new one; an exit marks its validator. Returns the tip owed to the producer.
    /// </summary>
    /// <exception cref="OverflowException">The transaction was not validated first.</exception>
    public static ulong Apply(Transaction tx, Accounts.Builder accounts, IList<RegistryEntry> registry, ulong baseFee)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(registry);
        if (tx is Exit exit)
        {
            var i = checked((int)exit.ValidatorIndex);
            registry[i] = registry[i] with { ExitRequested = true };
            return 0;
        }

        var p = (Payment)tx;
        var tip = Fees.TipPaid(tx, baseFee);
        var sender = accounts.Get(p.FromAddress);
        var debit = checked(p.Amount + baseFee + tip);
        accounts.Put(new Account(sender.Address, checked(sender.Balance - debit), checked(sender.Nonce + 1)));
        if (tx is Transfer t)
        {
            Credit(accounts, t.To, t.Amount);
        }
        else
        {
            var d = (Deposit)tx;
            var index = IndexOf(registry, d.ValidatorPubkey);
            if (index < 0)
            {
                registry.Add(RegistryEntry.Of(d.ValidatorPubkey, d.Amount));
            }
            else
            {
                registry[index] = registry[index] with { Stake = Below2To63(checked(registry[index].Stake + d.Amount)) };
            }
        }

        return tip;
    }

    /// <summary>Adds <paramref name="amount"/> to the balance at <paramref name="to"/>.</summary>
    /// <exception cref="OverflowException">The balance would reach 2^63.</exception>
    public static void Credit(Accounts.Builder accounts, Address to, ulong amount)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var a = accounts.Get(to);
        accounts.Put(a with { Balance = Below2To63(checked(a.Balance + amount)) });
    }

    /// <summary>
    /// Validates and applies <paramref name="txs"/> in order, stopping at the first invalid one, whose rejection names
    /// its position. On a rejection the builder and registry hold the transactions before it, so use throwaway copies.
    /// </summary>
    public static TxRejection? ApplyAll(
        IReadOnlyList<Transaction> txs, Accounts.Builder accounts, List<RegistryEntry> registry, ulong baseFee)
    {
        ArgumentNullException.ThrowIfNull(txs);
        for (var i = 0; i < txs.Count; i++)
        {
            var tx = txs[i];
            if (Validate(tx, accounts, registry, baseFee, SignatureCheck.Direct) is { } r)
            {
                return r with { Detail = $"tx {i} ({tx.Id.ShortHex()}): {r.Detail}" };
            }

            Apply(tx, accounts, registry, baseFee);
        }

        return null;
    }

    private static int IndexOf(IList<RegistryEntry> registry, PubKey pubkey)
    {
        for (var i = 0; i < registry.Count; i++)
        {
            if (registry[i].Pubkey == pubkey)
            {
                return i;
            }
        }

        return -1;
    }

    private static ulong Below2To63(ulong v) => v <= MaxAmount ? v : throw new OverflowException($"{v} gwei is not below 2^63");
}
