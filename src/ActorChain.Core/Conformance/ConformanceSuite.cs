using System.Collections.Immutable;
using ActorChain.Core.Conformance.Golden;

namespace ActorChain.Core.Conformance;

/// <summary>The outcome of one case of either layout: <see cref="Difference"/> is null when it passed.</summary>
/// <param name="Source"><c>phase0</c> (Ethereum's vectors) or <c>golden</c> (ActorChain's).</param>
/// <param name="Family"><c>&lt;preset&gt;/&lt;step&gt;</c> for phase0, the folder name for golden.</param>
/// <param name="Case">The case's directory name (phase0) or its <c>case</c> field (golden).</param>
/// <param name="Difference">Why it failed, naming the file where the input was at fault; null when it passed.</param>
public sealed record ConformanceCaseResult(string Source, string Family, string Case, string? Difference)
{
    /// <summary>True when the computed outputs equal the expected ones.</summary>
    public bool Passed => Difference is null;
}

/// <summary>Every case found under a directory, in ordinal path order, and what could not be run at all.</summary>
/// <param name="Results">One entry per case.</param>
/// <param name="Errors">One line per problem that is not a case (a missing directory, an unreadable preset file).</param>
public sealed record ConformanceReport(ImmutableArray<ConformanceCaseResult> Results, ImmutableArray<string> Errors)
{
    /// <summary>The cases that passed.</summary>
    public int PassedCount => Results.Count(r => r.Passed);

    /// <summary>The cases that failed.</summary>
    public int FailedCount => Results.Length - PassedCount;

    /// <summary>True when the directory held nothing either layout recognises.</summary>
    public bool NothingFound => Results.IsEmpty && Errors.IsEmpty;
}

/// <summary>
/// The directory scanner behind <c>actorchain conformance DIR</c> (CONSENSUS.md §8). It recognises, anywhere under
/// the directory, Ethereum's <c>phase0/{preset}/epoch_processing/&lt;step&gt;/pyspec_tests/&lt;case&gt;/{pre,post}.ssz_snappy</c>
/// and ActorChain's golden <c>&lt;family&gt;/cases.jsonl</c>. Nothing it reads makes it throw: a malformed file is a
/// failed case or an error line naming the file (and line).
/// </summary>
public static class ConformanceSuite
{
    /// <summary>The phase0 presets the vectors come in.</summary>
    public static ImmutableArray<string> Presets { get; } = ["minimal", "mainnet"];

    /// <summary>Runs every case under <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder to scan.</param>
    /// <param name="presetFilter"><c>minimal</c>, <c>mainnet</c> or <c>all</c> (applies to the phase0 layout only).</param>
    public static ConformanceReport Run(string directory, string presetFilter = "all")
    {
        if (presetFilter != "all" && !Presets.Contains(presetFilter))
        {
            return Failed($"conformance: unknown preset '{presetFilter}'; choose minimal, mainnet or all");
        }

        if (!Directory.Exists(directory))
        {
            return Failed($"conformance: {directory} is not a directory");
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var groups = new List<(string Path, IReadOnlyList<ConformanceCaseResult> Results)>();
        var errors = new List<(string Path, string Error)>();
        try
        {
            foreach (var presetDir in Phase0PresetDirectories(root))
            {
                var preset = Path.GetFileName(presetDir);
                if (!Presets.Contains(preset))
                {
                    errors.Add((presetDir, $"conformance: {presetDir}: unknown phase0 preset '{preset}' (known: minimal, mainnet)"));
                }
                else if (presetFilter == "all" || presetFilter == preset)
                {
                    Phase0Cases.Collect(presetDir, preset, groups, errors);
                }
            }

            foreach (var file in GoldenRunner.FindCaseFiles(root))
            {
                GoldenCases.Collect(file, groups, errors);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add((root, $"conformance: cannot scan {root}: {e.Message}"));
        }

        return new ConformanceReport(
            [.. groups.OrderBy(g => g.Path, StringComparer.Ordinal).SelectMany(g => g.Results)],
            [.. errors.OrderBy(e => e.Path, StringComparer.Ordinal).Select(e => e.Error)]);
    }

    /// <summary>Every <c>phase0/&lt;preset&gt;</c> folder holding an <c>epoch_processing</c> folder, in ordinal order.</summary>
    private static IEnumerable<string> Phase0PresetDirectories(string root)
    {
        var candidates = Directory.EnumerateDirectories(root, "epoch_processing", SearchOption.AllDirectories).Prepend(root);
        return candidates
            .Where(d => Path.GetFileName(d) == "epoch_processing")
            .Select(d => Path.GetDirectoryName(d)!)
            .Where(p => Path.GetFileName(Path.GetDirectoryName(p)) == "phase0")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static ConformanceReport Failed(string error) => new([], [error]);
}
