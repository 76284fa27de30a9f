using ActorChain.Core.Conformance.Golden;

namespace ActorChain.Core.Conformance;

/// <summary>
/// Runs one golden <c>&lt;family&gt;/cases.jsonl</c> for <see cref="ConformanceSuite"/> through
/// <see cref="GoldenRunner.RunFile"/> (whose every failure names the file and the line).
/// </summary>
internal static class GoldenCases
{
    /// <summary>Adds the file's results as one group, or an error when the file cannot be read.</summary>
    public static void Collect(
        string file,
        List<(string Path, IReadOnlyList<ConformanceCaseResult> Results)> groups,
        List<(string Path, string Error)> errors)
    {
        try
        {
            groups.Add((file, [.. GoldenRunner.RunFile(file).Select(r => new ConformanceCaseResult("golden", r.Family, r.Case, r.Difference))]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add((file, $"conformance: cannot read {file}: {e.Message}"));
        }
    }
}
