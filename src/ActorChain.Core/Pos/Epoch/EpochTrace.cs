using System.Collections.Immutable;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.Epoch;

/// <summary>The per-validator values of a state just before epoch processing, to pair with the state after it.</summary>
internal sealed class EpochTrace
{
    private readonly ulong[] _balances;
    private readonly ulong[] _effectiveBalances;
    private readonly ulong[] _inactivityScores;
    private readonly byte[] _previousFlags;
    private readonly byte[] _currentFlags;

    private EpochTrace(BeaconState s)
    {
        var n = s.ValidatorCount;
        _balances = new ulong[n];
        _effectiveBalances = new ulong[n];
        _inactivityScores = new ulong[n];
        _previousFlags = new byte[n];
        _currentFlags = new byte[n];
        for (var i = 0; i < n; i++)
        {
            _balances[i] = s.Balance(i);
            _effectiveBalances[i] = s.Validators[i].EffectiveBalance;
            _inactivityScores[i] = s.InactivityScores[i];
            _previousFlags[i] = s.PreviousEpochParticipation[i];
            _currentFlags[i] = s.CurrentEpochParticipation[i];
        }
    }

    /// <summary>Captures <paramref name="before"/>'s per-validator values.</summary>
    public static EpochTrace Capture(BeaconState before) => new(before);

    /// <summary>The traces of every validator, in index order, against the processed state.</summary>
    public ImmutableArray<ValidatorTrace> Validators(BeaconState after)
    {
        var builder = ImmutableArray.CreateBuilder<ValidatorTrace>(_balances.Length);
        for (var i = 0; i < _balances.Length; i++)
        {
            var v = after.Validators[i];
            builder.Add(new ValidatorTrace(i, _balances[i], after.Balance(i), _effectiveBalances[i], v.EffectiveBalance,
                _inactivityScores[i], after.InactivityScores[i], _previousFlags[i], _currentFlags[i], v.Slashed,
                v.ActivationEpoch, v.ExitEpoch, v.WithdrawableEpoch));
        }

        return builder.MoveToImmutable();
    }
}
