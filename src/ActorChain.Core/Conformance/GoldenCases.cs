using ActorChain.Core.Conformance.Golden;

namespace ActorChain.Core.Conformance;

/// <summary>
/// Runs one golden <c>&lt;family&gt;/cases.jsonl</c> for <see cref="ConformanceSuite"/> through
/// <see cref="GoldenRunner.RunFile"/>, making sure every failure names the file and the line.
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
            var lineNumbers = File.ReadLines(file)
                .Select((line, i) => (line, i))
                .Where(x => !string.IsNullOrWhiteSpace(x.line))
                .Select(x => x.i + 1)
                .ToList();
            var results = new List<ConformanceCaseResult>();
            var k = 0;
            foreach (var r in GoldenRunner.RunFile(file))
            {
                var where = k < lineNumbers.Count ? $"{file}:{lineNumbers[k]}" : file;
                var difference = r.Difference is null || r.Difference.StartsWith(where, StringComparison.Ordinal)
                    ? r.Difference
                    : $"{where}: {r.Difference}";
                results.Add(new ConformanceCaseResult("golden", r.Family, r.Case, difference));
                k++;
            }

            groups.Add((file, results));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add((file, $"conformance: cannot read {file}: {e.Message}"));
        }
    }
}
