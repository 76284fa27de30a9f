using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Pos.State;

/// <summary>The registry and the state's vectors (CONSENSUS.md §5.3).</summary>
public sealed partial class BeaconState
{
    /// <summary>The number of validators.</summary>
    public int ValidatorCount => _validators.Count;

    /// <summary>The registry, in index order (a read-only live view).</summary>
    public IReadOnlyList<Validator> Validators => _validatorsView;

    /// <summary>The balances, gwei, by validator index.</summary>
    public ReadOnlySpan<ulong> Balances => _balances;

    /// <summary>The RANDAO mixes (EPOCHS_PER_HISTORICAL_VECTOR of them).</summary>
    public ReadOnlySpan<Hash32> RandaoMixes => _randaoMixes;

    /// <summary>The block roots (SLOTS_PER_HISTORICAL_ROOT of them).</summary>
    public ReadOnlySpan<Hash32> BlockRoots => _blockRoots;

    /// <summary>The slashings vector (EPOCHS_PER_SLASHINGS_VECTOR entries), gwei.</summary>
    public ReadOnlySpan<ulong> Slashings => _slashings;

    /// <summary>The previous epoch's participation flag bytes, by validator index.</summary>
    public ReadOnlySpan<byte> PreviousEpochParticipation => _previousEpochParticipation;

    /// <summary>The current epoch's participation flag bytes, by validator index.</summary>
    public ReadOnlySpan<byte> CurrentEpochParticipation => _currentEpochParticipation;

    /// <summary>The inactivity scores, by validator index.</summary>
    public ReadOnlySpan<ulong> InactivityScores => _inactivityScores;

    /// <summary>Replaces validator <paramref name="index"/>; derived values go when its epochs or effective balance change.</summary>
    public void SetValidator(int index, Validator v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var old = _validators[index];
        _validators[index] = v;
        if (old != v)
        {
            _registryBytes = null;
        }

        if (old.ActivationEpoch != v.ActivationEpoch || old.ExitEpoch != v.ExitEpoch
            || old.EffectiveBalance != v.EffectiveBalance)
        {
            ForgetDerived();
        }
    }

    /// <summary>Appends a validator with its balance; participation and inactivity start at zero. Returns its index.</summary>
    public int AddValidator(Validator v, ulong balance)
    {
        ArgumentNullException.ThrowIfNull(v);
        _validators.Add(v);
        ForgetDerived();
        _registryBytes = null;
        var n = _validators.Count;
        Array.Resize(ref _balances, n);
        _balances[n - 1] = balance;
        Array.Resize(ref _previousEpochParticipation, n);
        Array.Resize(ref _currentEpochParticipation, n);
        Array.Resize(ref _inactivityScores, n);
        return n - 1;
    }

    /// <summary>The balance of validator <paramref name="index"/>, gwei.</summary>
    public ulong Balance(int index) => _balances[index];

    /// <summary>Sets a balance.</summary>
    public void SetBalance(int index, ulong gwei) => _balances[index] = gwei;

    /// <summary><c>balance += delta</c>; <see cref="OverflowException"/> past 2^64 − 1 (the spec says it cannot happen).</summary>
    public void IncreaseBalance(int index, ulong delta) => _balances[index] = checked(_balances[index] + delta);

    /// <summary><c>balance −= min(balance, delta)</c>: a balance never goes below 0.</summary>
    public void DecreaseBalance(int index, ulong delta) =>
        _balances[index] = delta > _balances[index] ? 0 : _balances[index] - delta;

    /// <summary>Sets the previous epoch's participation flags of a validator.</summary>
    public void SetPreviousEpochParticipation(int index, byte flags) => _previousEpochParticipation[index] = flags;

    /// <summary>Sets the current epoch's participation flags of a validator.</summary>
    public void SetCurrentEpochParticipation(int index, byte flags) => _currentEpochParticipation[index] = flags;

    /// <summary>Epoch processing's participation rotation: previous = current, current = all zero.</summary>
    public void RotateParticipation()
    {
        _previousEpochParticipation = _currentEpochParticipation;
        _currentEpochParticipation = new byte[_validators.Count];
    }

    /// <summary>Sets an inactivity score.</summary>
    public void SetInactivityScore(int index, ulong score) => _inactivityScores[index] = score;

    /// <summary><c>randaoMixes[i]</c>; callers reduce the epoch modulo EPOCHS_PER_HISTORICAL_VECTOR.</summary>
    public Hash32 RandaoMixAt(int i) => _randaoMixes[i];

    /// <summary>Sets a RANDAO mix (derived values go: seeds change).</summary>
    public void SetRandaoMixAt(int i, Hash32 mix)
    {
        _randaoMixes[i] = mix;
        ForgetDerived();
    }

    /// <summary><c>blockRoots[i]</c>; callers reduce the slot modulo SLOTS_PER_HISTORICAL_ROOT.</summary>
    public Hash32 BlockRootAt(int i) => _blockRoots[i];

    /// <summary>Sets a block root.</summary>
    public void SetBlockRootAt(int i, Hash32 root) => _blockRoots[i] = root;

    /// <summary><c>slashings[i]</c>, gwei.</summary>
    public ulong SlashingsAt(int i) => _slashings[i];

    /// <summary>Sets <c>slashings[i]</c>.</summary>
    public void SetSlashingsAt(int i, ulong gwei) => _slashings[i] = gwei;

    /// <summary>Σ slashings, checked.</summary>
    public ulong TotalSlashings()
    {
        ulong sum = 0;
        foreach (var s in _slashings)
        {
            sum = checked(sum + s);
        }

        return sum;
    }
}
