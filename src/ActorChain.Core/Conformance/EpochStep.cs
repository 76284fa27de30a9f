namespace ActorChain.Core.Conformance;

/// <summary>The epoch-processing steps the phase0 vectors test (CONSENSUS.md §8), by their directory names.</summary>
public enum EpochStep
{
    /// <summary><c>justification_and_finalization</c>: §5.5 step 1.</summary>
    JustificationAndFinalization,

    /// <summary><c>slashings</c>: §5.5 step 5.</summary>
    Slashings,

    /// <summary><c>effective_balance_updates</c>: §5.5 step 6.</summary>
    EffectiveBalanceUpdates,
}

/// <summary>Directory names of <see cref="EpochStep"/>.</summary>
public static class EpochSteps
{
    /// <summary>The steps in declaration order.</summary>
    public static IReadOnlyList<EpochStep> All { get; } =
        [EpochStep.JustificationAndFinalization, EpochStep.Slashings, EpochStep.EffectiveBalanceUpdates];

    /// <summary>The name of the step's directory under <c>epoch_processing/</c>.</summary>
    public static string DirectoryName(this EpochStep step) => step switch
    {
        EpochStep.JustificationAndFinalization => "justification_and_finalization",
        EpochStep.Slashings => "slashings",
        EpochStep.EffectiveBalanceUpdates => "effective_balance_updates",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>The step with this directory name, or null and an error naming the known ones.</summary>
    public static EpochStep? ByName(string name, out string? error)
    {
        foreach (var s in All)
        {
            if (s.DirectoryName() == name)
            {
                error = null;
                return s;
            }
        }

        error = $"unknown epoch-processing step '{name}'; known: {string.Join(", ", All.Select(DirectoryName))}";
        return null;
    }
}
