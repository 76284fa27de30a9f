using ActorChain.Core.Pos;

namespace ActorChain.Core.Conformance;

/// <summary>
/// Runs the cases of one <c>phase0/&lt;preset&gt;</c> folder for <see cref="ConformanceSuite"/>: reads its
/// <c>config/phase0.yaml</c>, then each <c>epoch_processing/&lt;step&gt;/pyspec_tests/&lt;case&gt;</c>.
/// </summary>
internal static class Phase0Cases
{
    /// <summary>Adds one result group per case directory, or an error when the preset cannot be read.</summary>
    public static void Collect(
        string presetDir,
        string preset,
        List<(string Path, IReadOnlyList<ConformanceCaseResult> Results)> groups,
        List<(string Path, string Error)> errors)
    {
        var yaml = Path.Combine(presetDir, "config", "phase0.yaml");
        var constants = ReadPreset(preset, yaml, out var error);
        if (constants is null)
        {
            errors.Add((yaml, $"conformance: {error}"));
            return;
        }

        var config = constants.ToConsensusConfig(out error);
        if (config is null)
        {
            errors.Add((yaml, $"conformance: {yaml}: {error}"));
            return;
        }

        var stepsDir = Path.Combine(presetDir, "epoch_processing");
        foreach (var stepDir in SortedChildren(stepsDir))
        {
            var casesDir = Path.Combine(stepDir, "pyspec_tests");
            if (!Directory.Exists(casesDir))
            {
                continue;
            }

            foreach (var caseDir in SortedChildren(casesDir))
            {
                var step = Path.GetFileName(stepDir);
                var result = RunCase(preset, step, caseDir, constants, config);
                groups.Add((caseDir, [result]));
            }
        }
    }

    private static ConformanceCaseResult RunCase(string preset, string step, string caseDir, Phase0Preset constants, ConsensusConfig config)
    {
        var name = Path.GetFileName(caseDir);
        var family = $"{preset}/{step}";
        var epochStep = EpochSteps.ByName(step, out var error);
        if (epochStep is null)
        {
            return new ConformanceCaseResult("phase0", family, name, $"{caseDir}: {error}");
        }

        var pre = ReadState(Path.Combine(caseDir, "pre.ssz_snappy"), constants, out error);
        if (pre is null)
        {
            return new ConformanceCaseResult("phase0", family, name, error);
        }

        var post = ReadState(Path.Combine(caseDir, "post.ssz_snappy"), constants, out error);
        if (post is null)
        {
            return new ConformanceCaseResult("phase0", family, name, error);
        }

        try
        {
            var r = ConformanceRunner.Run(epochStep.Value, pre, post, config);
            return new ConformanceCaseResult("phase0", family, name, r.Passed ? null : r.Diff);
        }
#pragma warning disable CA1031 // a state core cannot process is a failed case naming it, never a crash of the whole run
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new ConformanceCaseResult("phase0", family, name, $"{caseDir}: threw {e.GetType().Name}: {e.Message}");
        }
    }

    private static Phase0State? ReadState(string file, Phase0Preset constants, out string? error)
    {
        var ssz = SnappyBlock.ReadFile(file, out error);
        if (ssz is null)
        {
            return null;
        }

        var state = Phase0State.Decode(ssz, constants, out error);
        if (state is null)
        {
            error = $"{file}: {error}";
        }

        return state;
    }

    private static Phase0Preset? ReadPreset(string preset, string yaml, out string? error)
    {
        string text;
        try
        {
            text = File.ReadAllText(yaml);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read {yaml}: {e.Message}";
            return null;
        }

        var p = Phase0Preset.FromYaml(preset, text, out error);
        if (p is null)
        {
            error = $"{yaml}: {error}";
        }

        return p;
    }

    private static IEnumerable<string> SortedChildren(string dir) =>
        Directory.Exists(dir) ? Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal).ToList() : [];
}
