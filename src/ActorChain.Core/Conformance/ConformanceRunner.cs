using System.Collections.Immutable;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Conformance;

/// <summary>
/// Runs one phase0 epoch-processing vector through core (CONSENSUS.md §8): map <c>pre</c> onto ActorChain's state,
/// run the one step under test with the vectors' constants, compare the fields that step writes with <c>post</c>.
/// <list type="bullet">
///   <item><c>justification_and_finalization</c>: §5.5 step 1 (skipped for <c>E ≤ 1</c>, as phase0), with the target
///     balances from the pending attestations (<see cref="Phase0Participation"/>). Compared: the justification bits
///     and the three checkpoints.</item>
///   <item><c>slashings</c>: <see cref="EpochProcessing.ProcessSlashings"/>. Compared: the balances.</item>
///   <item><c>effective_balance_updates</c>: <see cref="EpochProcessing.ProcessEffectiveBalanceUpdates"/>. Compared:
///     the effective balances.</item>
/// </list>
/// </summary>
public static class ConformanceRunner
{
    /// <summary>Runs <paramref name="step"/> on <paramref name="pre"/> and compares with <paramref name="post"/>.</summary>
    public static ConformanceRunResult Run(EpochStep step, Phase0State pre, Phase0State post, ConsensusConfig config)
    {
        var state = Phase0Mapping.ToBeaconState(pre, config, out var error);
        if (state is null)
        {
            return new ConformanceRunResult(step, [error!]);
        }

        ImmutableArray<string> differences;
        switch (step)
        {
            case EpochStep.JustificationAndFinalization:
                error = JustificationAndFinalization(state, pre, config);
                differences = error is null ? StateDiff.Justification(state, post) : [error];
                break;
            case EpochStep.Slashings:
                EpochProcessing.ProcessSlashings(state, config);
                differences = StateDiff.Balances(state, post);
                break;
            case EpochStep.EffectiveBalanceUpdates:
                EpochProcessing.ProcessEffectiveBalanceUpdates(state, config);
                differences = StateDiff.EffectiveBalances(state, post);
                break;
            default:
                differences = [$"no runner for step {step}"];
                break;
        }

        return new ConformanceRunResult(step, differences);
    }

    /// <summary>Phase0's <c>process_justification_and_finalization</c>, with its balances from pending attestations; an error when they cannot be weighed.</summary>
    internal static string? JustificationAndFinalization(BeaconState state, Phase0State pre, ConsensusConfig config)
    {
        if (EpochProcessing.SkipsJustification(state, config))
        {
            return null; // before epoch 2 the pending attestations may vote for roots this state no longer holds
        }

        var current = Accessors.CurrentEpoch(state, config);
        var previous = Accessors.PreviousEpoch(state, config);
        var previousTarget = Phase0Participation.TargetBalance(state, pre.PreviousEpochAttestations, previous, config, out var error);
        var currentTarget = previousTarget is null
            ? null
            : Phase0Participation.TargetBalance(state, pre.CurrentEpochAttestations, current, config, out error);
        if (previousTarget is null || currentTarget is null)
        {
            return error;
        }

        EpochProcessing.ProcessJustificationAndFinalization(
            state, config, new TargetBalances(Accessors.TotalActiveBalance(state, config), previousTarget.Value, currentTarget.Value));
        return null;
    }
}

/// <summary>The outcome of one phase0 case: no differences means it passed.</summary>
/// <param name="Step">The step that ran.</param>
/// <param name="Differences">One line per mismatching field (or the reason the case could not run).</param>
public sealed record ConformanceRunResult(EpochStep Step, ImmutableArray<string> Differences)
{
    /// <summary>True when nothing differs.</summary>
    public bool Passed => Differences.IsEmpty;

    /// <summary>The differences on one line, <c>"; "</c>-separated; empty when it passed.</summary>
    public string Diff => string.Join("; ", Differences);
}
