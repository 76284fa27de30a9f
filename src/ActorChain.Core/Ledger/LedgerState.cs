using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Ledger;

/// <summary>
/// The ledger after a block (CONSENSUS.md §2): the accounts, the base fee that applies to the <em>next</em> block, and
/// the validator registry. <see cref="Root"/> is the state root.
/// </summary>
public sealed record LedgerState : ICanonical
{
    /// <summary>The base fee of the first block, in gwei (CONSENSUS.md §2).</summary>
    public const ulong GenesisBaseFee = 1;

    private readonly CachedRoot _root = new();

    /// <summary>A ledger state.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A base fee below 1 gwei.</exception>
    public LedgerState(Accounts accounts, ulong baseFee, IEnumerable<RegistryEntry> registry)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseFee, 1UL);
        Accounts = accounts;
        BaseFee = baseFee;
        Registry = [.. registry];
    }

    /// <summary>Every account that is not empty.</summary>
    public Accounts Accounts { get; }

    /// <summary>The base fee every transaction of the next block pays, in gwei (at least 1).</summary>
    public ulong BaseFee { get; }

    /// <summary>The validator registry; a validator's index is its position.</summary>
    public ImmutableArray<RegistryEntry> Registry { get; }

    /// <summary>The state root: <c>H(canonical)</c>, computed once.</summary>
    public Hash32 Root => _root.Get(this);

    /// <summary>The genesis ledger: these accounts and registry, at the genesis base fee.</summary>
    public static LedgerState Genesis(Accounts accounts, IEnumerable<RegistryEntry> registry) =>
        new(accounts, GenesisBaseFee, registry);

    /// <summary>The account at <paramref name="address"/> (empty if never touched).</summary>
    public Account Account(Address address) => Accounts.Get(address);

    /// <summary>The index of the validator with <paramref name="pubkey"/>, or -1.</summary>
    public int RegistryIndexOf(PubKey pubkey) => IndexOf(Registry, pubkey);

    /// <summary>The index of the entry with <paramref name="pubkey"/> in <paramref name="registry"/>, or -1.</summary>
    public static int IndexOf(IReadOnlyList<RegistryEntry> registry, PubKey pubkey)
    {
        ArgumentNullException.ThrowIfNull(registry);
        for (var i = 0; i < registry.Count; i++)
        {
            if (registry[i].Pubkey == pubkey)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Appends the canonical form: accounts, baseFee u64, registry list.</summary>
    public void WriteTo(CanonicalWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        Accounts.WriteTo(w);
        w.U64Le(BaseFee).U32Le((uint)Registry.Length);
        foreach (var e in Registry)
        {
            e.WriteTo(w);
        }
    }

    /// <summary>The canonical form.</summary>
    public byte[] Canonical()
    {
        var w = new CanonicalWriter();
        WriteTo(w);
        return w.ToArray();
    }

    /// <summary>Reads the canonical form; malformed bytes (and a base fee of 0) throw <see cref="MalformedEncodingException"/>.</summary>
    public static LedgerState Read(CanonicalReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var accounts = Accounts.Read(r);
        var baseFee = r.U64Le();
        if (baseFee < 1)
        {
            throw new MalformedEncodingException($"baseFee must be at least 1 gwei, got {baseFee}");
        }

        var n = r.Length("registry");
        var registry = ImmutableArray.CreateBuilder<RegistryEntry>(Math.Min(n, 1024));
        for (var i = 0; i < n; i++)
        {
            registry.Add(RegistryEntry.Read(r));
        }

        return new LedgerState(accounts, baseFee, registry);
    }

    /// <summary>Decodes exactly one state spanning all of <paramref name="bytes"/>, or says why not.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out LedgerState? state, [NotNullWhen(false)] out string? error) =>
        Codec.Canonical.TryDecode(bytes, Read, out state, out error);

    /// <inheritdoc />
    public bool Equals(LedgerState? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (BaseFee == other.BaseFee && Accounts.Equals(other.Accounts) && Registry.SequenceEqual(other.Registry)));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Accounts, BaseFee, Registry.Length);
}
