using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Ledger;

/// <summary>
/// All accounts, immutable and sorted by address (CONSENSUS.md §2). Empty accounts (balance 0, nonce 0) are not
/// stored, so equal balances always have one canonical form: the accounts in ascending address order.
/// </summary>
public sealed class Accounts : IAccountView, IEquatable<Accounts>, ICanonical
{
    private static readonly ImmutableSortedDictionary<Address, Account> NoAccounts =
        ImmutableSortedDictionary.Create<Address, Account>(AddressOrder.Instance);

    private readonly ImmutableSortedDictionary<Address, Account> _byAddress;
    private readonly CachedRoot _root = new();

    private Accounts(ImmutableSortedDictionary<Address, Account> byAddress)
    {
        _byAddress = byAddress;
    }

    /// <summary>No accounts.</summary>
    public static Accounts Empty { get; } = new(NoAccounts);

    /// <summary>The stored (non-empty) accounts in ascending address order.</summary>
    public IEnumerable<Account> All => _byAddress.Values;

    /// <summary>The number of stored (non-empty) accounts.</summary>
    public int Count => _byAddress.Count;

    /// <summary>The given accounts; empty ones are dropped.</summary>
    /// <exception cref="ArgumentException">An address given twice.</exception>
    public static Accounts Of(IEnumerable<Account> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var seen = new HashSet<Address>();
        var b = NoAccounts.ToBuilder();
        foreach (var a in accounts)
        {
            if (!seen.Add(a.Address))
            {
                throw new ArgumentException($"account {a.Address} given twice", nameof(accounts));
            }

            if (!a.IsEmpty)
            {
                b[a.Address] = a;
            }
        }

        return new Accounts(b.ToImmutable());
    }

    /// <inheritdoc />
    public Account Get(Address address) => _byAddress.TryGetValue(address, out var a) ? a : Account.Empty(address);

    /// <summary>A copy with <paramref name="account"/> replacing the one at its address.</summary>
    public Accounts With(Account account) => ToBuilder().Put(account).Build();

    /// <summary>The sum of all balances.</summary>
    /// <exception cref="OverflowException">It does not fit 64 bits.</exception>
    public ulong TotalBalance()
    {
        ulong sum = 0;
        foreach (var a in _byAddress.Values)
        {
            sum = checked(sum + a.Balance);
        }

        return sum;
    }

    /// <summary>Appends the canonical form: u32le count, then each account.</summary>
    public void WriteTo(CanonicalWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.U32Le((uint)_byAddress.Count);
        foreach (var a in _byAddress.Values)
        {
            a.WriteTo(w);
        }
    }

    /// <summary>The canonical form.</summary>
    public byte[] Canonical()
    {
        var w = new CanonicalWriter();
        WriteTo(w);
        return w.ToArray();
    }

    /// <summary><c>H(canonical)</c>, computed once.</summary>
    public Hash32 Root => _root.Get(this);

    /// <summary>
    /// Reads the canonical form, rejecting unsorted, repeated or empty accounts (they have no canonical form) with a
    /// <see cref="MalformedEncodingException"/>.
    /// </summary>
    public static Accounts Read(CanonicalReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var n = r.Length("accounts");
        var b = NoAccounts.ToBuilder();
        Address? previous = null;
        for (var i = 0; i < n; i++)
        {
            var a = Account.Read(r);
            if (previous is { } p && AddressOrder.Instance.Compare(p, a.Address) >= 0)
            {
                throw new MalformedEncodingException($"accounts not in strictly ascending address order at {a.Address}");
            }

            if (a.IsEmpty)
            {
                throw new MalformedEncodingException($"empty account {a.Address} is not stored");
            }

            b[a.Address] = a;
            previous = a.Address;
        }

        return new Accounts(b.ToImmutable());
    }

    /// <summary>A mutable copy for applying a block's transactions in one pass.</summary>
    public Builder ToBuilder() => new(_byAddress.ToBuilder());

    /// <inheritdoc />
    public bool Equals(Accounts? other) =>
        other is not null && (ReferenceEquals(this, other) || (Count == other.Count && All.SequenceEqual(other.All)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Accounts);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var a in _byAddress.Values)
        {
            h.Add(a);
        }

        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"Accounts({Count} accounts)";

    /// <summary>A mutable set of accounts; <see cref="Build"/> snapshots it and the builder stays usable. One thread only.</summary>
    public sealed class Builder : IAccountView
    {
        private readonly ImmutableSortedDictionary<Address, Account>.Builder _map;

        internal Builder(ImmutableSortedDictionary<Address, Account>.Builder map)
        {
            _map = map;
        }

        /// <inheritdoc />
        public Account Get(Address address) => _map.TryGetValue(address, out var a) ? a : Account.Empty(address);

        /// <summary>Stores <paramref name="account"/> at its address (an empty account removes the entry).</summary>
        public Builder Put(Account account)
        {
            ArgumentNullException.ThrowIfNull(account);
            if (account.IsEmpty)
            {
                _map.Remove(account.Address);
            }
            else
            {
                _map[account.Address] = account;
            }

            return this;
        }

        /// <summary>The accounts so far, as an immutable snapshot.</summary>
        public Accounts Build() => new(_map.ToImmutable());
    }
}
