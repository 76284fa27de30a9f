namespace ActorChain.Core.Conformance;

/// <summary>Runs the cases of one <c>phase0/&lt;preset&gt;</c> folder (being ported: waits for Pos).</summary>
internal static class Phase0Cases
{
    /// <summary>Adds an error until the phase0 runner lands.</summary>
    public static void Collect(
        string presetDir,
        string preset,
        List<(string Path, IReadOnlyList<ConformanceCaseResult> Results)> groups,
        List<(string Path, string Error)> errors)
    {
        _ = groups;
        errors.Add((presetDir, $"conformance: the phase0 runner for {preset} is not ported yet"));
    }
}
