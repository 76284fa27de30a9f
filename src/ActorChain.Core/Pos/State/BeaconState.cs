using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using ActorChain.Core.Codec;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Pos.State;

/// <summary>
/// <c>BeaconState</c> (CONSENSUS.md §5.3): the registry plus what block and epoch processing need. Mutable and owned
/// by one writer at a time: <see cref="Copy"/> before changing a state someone else holds. <see cref="Root"/> is
/// <c>H(canonical(state))</c>, the value a block's <c>stateRoot</c> commits to; the layout is the golden README's.
/// Reading a state nobody changes any more is safe from several threads: its derived-value caches are concurrent.
/// </summary>
public sealed partial class BeaconState
{
    private readonly List<Validator> _validators;
    private readonly ReadOnlyCollection<Validator> _validatorsView;
    private readonly Hash32[] _randaoMixes;
    private readonly Hash32[] _blockRoots;
    private readonly ulong[] _slashings;
    private ulong[] _balances;
    private byte[] _previousEpochParticipation;
    private byte[] _currentEpochParticipation;
    private ulong[] _inactivityScores;
    private byte _justificationBits;

    /// <summary>
    /// Values derived only from the registry's epochs and balances and from the RANDAO mixes (an epoch's shuffling, a
    /// slot's proposer): never encoded, dropped whenever one of those changes. Lookups only, never iterated.
    /// </summary>
    private ConcurrentDictionary<object, object> _derived = new();

    /// <summary>A state whose per-validator vectors all have one entry per validator (else <see cref="ArgumentException"/>); the arrays are copied.</summary>
    public BeaconState(
        ulong slot,
        ulong genesisTime,
        Hash32 genesisRoot,
        BeaconBlockHeader? latestBlockHeader,
        IEnumerable<Validator> validators,
        ReadOnlySpan<ulong> balances,
        ReadOnlySpan<Hash32> randaoMixes,
        ReadOnlySpan<Hash32> blockRoots,
        ReadOnlySpan<ulong> slashings,
        ReadOnlySpan<byte> previousEpochParticipation,
        ReadOnlySpan<byte> currentEpochParticipation,
        byte justificationBits,
        Checkpoint previousJustified,
        Checkpoint currentJustified,
        Checkpoint finalized,
        ReadOnlySpan<ulong> inactivityScores,
        Accounts accounts,
        ulong baseFee)
    {
        _validators = [.. validators];
        var n = _validators.Count;
        if (balances.Length != n || previousEpochParticipation.Length != n || currentEpochParticipation.Length != n
            || inactivityScores.Length != n)
        {
            throw new ArgumentException($"per-validator vectors must all have {n} entries");
        }

        if (justificationBits > 0b1111)
        {
            throw new ArgumentOutOfRangeException(nameof(justificationBits), justificationBits, "justification bits use 4 bits");
        }

        _validatorsView = _validators.AsReadOnly();
        Slot = slot;
        GenesisTime = genesisTime;
        GenesisRoot = genesisRoot;
        LatestBlockHeader = latestBlockHeader;
        _balances = balances.ToArray();
        _randaoMixes = randaoMixes.ToArray();
        _blockRoots = blockRoots.ToArray();
        _slashings = slashings.ToArray();
        _previousEpochParticipation = previousEpochParticipation.ToArray();
        _currentEpochParticipation = currentEpochParticipation.ToArray();
        _justificationBits = justificationBits;
        PreviousJustified = previousJustified ?? throw new ArgumentNullException(nameof(previousJustified));
        CurrentJustified = currentJustified ?? throw new ArgumentNullException(nameof(currentJustified));
        Finalized = finalized ?? throw new ArgumentNullException(nameof(finalized));
        _inactivityScores = inactivityScores.ToArray();
        Accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
        BaseFee = baseFee;
    }

    /// <summary>The state's slot.</summary>
    public ulong Slot { get; set; }

    /// <summary>Genesis time, seconds.</summary>
    public ulong GenesisTime { get; }

    /// <summary>The anchor's root (the terminal PoW block, §4).</summary>
    public Hash32 GenesisRoot { get; }

    /// <summary>The latest processed block's header (state root zero until the next slot), or null while it is the anchor.</summary>
    public BeaconBlockHeader? LatestBlockHeader { get; set; }

    /// <summary>The root of the latest block: the anchor's until a PoS block is processed; valid once its state root is filled.</summary>
    public Hash32 LatestBlockRoot => LatestBlockHeader?.Root ?? GenesisRoot;

    /// <summary>The 4 justification bits: bit i = "epoch E − i justified". Setting keeps the low 4 bits.</summary>
    public byte JustificationBits
    {
        get => _justificationBits;
        set => _justificationBits = (byte)(value & 0b1111);
    }

    /// <summary>The previous justified checkpoint.</summary>
    public Checkpoint PreviousJustified { get; set; }

    /// <summary>The current justified checkpoint.</summary>
    public Checkpoint CurrentJustified { get; set; }

    /// <summary>The finalized checkpoint.</summary>
    public Checkpoint Finalized { get; set; }

    /// <summary>The accounts (§2).</summary>
    public Accounts Accounts { get; set; }

    /// <summary>The base fee (§2).</summary>
    public ulong BaseFee { get; set; }

    /// <summary>The execution ledger the state carries (accounts and base fee), as transactions are checked against it.</summary>
    public LedgerState Ledger() => new(Accounts, BaseFee, []);

    /// <summary>A deep copy: nothing mutable is shared (derived values are immutable and stay valid for the copy).</summary>
    public BeaconState Copy()
    {
        var c = new BeaconState(Slot, GenesisTime, GenesisRoot, LatestBlockHeader, _validators, _balances, _randaoMixes,
            _blockRoots, _slashings, _previousEpochParticipation, _currentEpochParticipation, _justificationBits,
            PreviousJustified, CurrentJustified, Finalized, _inactivityScores, Accounts, BaseFee);
        c._derived = new ConcurrentDictionary<object, object>(_derived);
        c._registryBytes = _registryBytes;
        return c;
    }

    /// <summary>A value derived from this state under <paramref name="key"/>, or null.</summary>
    internal object? DerivedFor(object key) => _derived.TryGetValue(key, out var v) ? v : null;

    /// <summary>Remembers an immutable value derived only from the registry and the RANDAO mixes.</summary>
    internal void RememberDerived(object key, object value) => _derived[key] = value;

    private void ForgetDerived() => _derived.Clear();
}
