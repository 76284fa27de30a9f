using ActorChain.Core.Conformance;

namespace ActorChain.Core.Tests.Conformance;

/// <summary>The directory scanner behind <c>actorchain conformance DIR</c> (CONSENSUS.md §8).</summary>
public sealed class ConformanceSuiteTests : IDisposable
{
    private static readonly string[] JustificationCases =
    [
        "123_ok_support", "123_poor_support", "12_ok_support", "12_ok_support_messed_target", "12_poor_support",
        "234_ok_support", "234_poor_support", "23_ok_support", "23_poor_support",
    ];

    private static readonly string[] SlashingsCases = ["low_penalty", "max_penalties", "minimal_penalty", "scaled_penalties"];

    private readonly string _tmp = Directory.CreateTempSubdirectory("actorchain-conformance-").FullName;

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    [SkippableFact]
    public void Passes_every_phase0_epoch_processing_vector()
    {
        var report = ConformanceSuite.Run(SharedFiles.Require("conformance"));

        report.Errors.Should().BeEmpty();
        report.Results.Where(r => !r.Passed).Select(r => $"{r.Family}/{r.Case}: {r.Difference}").Should().BeEmpty();
        report.PassedCount.Should().Be(28);
        report.FailedCount.Should().Be(0);
        report.Results.Should().AllSatisfy(r => r.Source.Should().Be("phase0"));
        report.Results.Select(r => $"{r.Family}/{r.Case}").Should().Equal(ExpectedCaseIds());
    }

    [SkippableFact]
    public void Runs_one_preset_when_asked()
    {
        var report = ConformanceSuite.Run(SharedFiles.Require("conformance"), "minimal");

        report.PassedCount.Should().Be(14);
        report.Results.Should().AllSatisfy(r => r.Family.Should().StartWith("minimal/"));
    }

    [Fact]
    public void Finds_nothing_in_a_directory_with_nothing_recognisable()
    {
        File.WriteAllText(Path.Combine(_tmp, "notes.txt"), "nothing to see");
        Directory.CreateDirectory(Path.Combine(_tmp, "phase0", "minimal", "sanity"));

        var report = ConformanceSuite.Run(_tmp);

        report.NothingFound.Should().BeTrue();
        report.PassedCount.Should().Be(0);
    }

    [Fact]
    public void Reports_a_missing_directory_and_an_unknown_preset_as_errors()
    {
        var missing = ConformanceSuite.Run(Path.Combine(_tmp, "nope"));
        missing.Errors.Should().ContainSingle().Which.Should().Contain("is not a directory");
        missing.NothingFound.Should().BeFalse();

        ConformanceSuite.Run(_tmp, "tutorial").Errors.Should().ContainSingle().Which.Should().Contain("unknown preset 'tutorial'");
    }

    [Fact]
    public void Fails_a_malformed_cases_line_naming_the_file_and_line()
    {
        var family = Directory.CreateDirectory(Path.Combine(_tmp, "golden", "keys")).FullName;
        var file = Path.Combine(family, "cases.jsonl");
        File.WriteAllText(file, "\n{\"case\": \"broken\", \"input\": {\"chainSeed\": 1}}\n{not json\n");

        var report = ConformanceSuite.Run(_tmp);

        report.Errors.Should().BeEmpty();
        report.Results.Should().HaveCount(2);
        report.FailedCount.Should().Be(2);
        report.Results.Should().AllSatisfy(r => r.Source.Should().Be("golden"));
        report.Results[0].Difference.Should().StartWith($"{file}:2");
        report.Results[1].Difference.Should().StartWith($"{file}:3");
    }

    [SkippableFact]
    public void Fails_a_corrupt_ssz_snappy_file_naming_it()
    {
        var source = SharedFiles.Require(Path.Combine("conformance", "phase0", "minimal"));
        var target = Path.Combine(_tmp, "phase0", "minimal");
        Directory.CreateDirectory(Path.Combine(target, "config"));
        File.Copy(Path.Combine(source, "config", "phase0.yaml"), Path.Combine(target, "config", "phase0.yaml"));
        var caseDir = Directory.CreateDirectory(Path.Combine(target, "epoch_processing", "slashings", "pyspec_tests", "low_penalty")).FullName;
        File.Copy(Path.Combine(source, "epoch_processing", "slashings", "pyspec_tests", "low_penalty", "pre.ssz_snappy"), Path.Combine(caseDir, "pre.ssz_snappy"));
        File.WriteAllBytes(Path.Combine(caseDir, "post.ssz_snappy"), [5, 1, 2]);

        var report = ConformanceSuite.Run(_tmp, "minimal");

        report.Errors.Should().BeEmpty();
        var result = report.Results.Should().ContainSingle().Subject;
        result.Should().Match<ConformanceCaseResult>(r => r.Source == "phase0" && r.Family == "minimal/slashings" && r.Case == "low_penalty");
        result.Passed.Should().BeFalse();
        result.Difference.Should().StartWith(Path.Combine(caseDir, "post.ssz_snappy") + ": snappy");
    }

    [Fact]
    public void Fails_a_snappy_file_whose_state_is_not_ssz_naming_it()
    {
        var target = Path.Combine(_tmp, "phase0", "mainnet");
        Directory.CreateDirectory(Path.Combine(target, "config"));
        File.WriteAllText(Path.Combine(target, "config", "phase0.yaml"), "SLOTS_PER_HISTORICAL_ROOT: 4\n");
        var caseDir = Directory.CreateDirectory(Path.Combine(target, "epoch_processing", "slashings", "pyspec_tests", "c")).FullName;
        File.WriteAllBytes(Path.Combine(caseDir, "pre.ssz_snappy"), Snappier.Snappy.CompressToArray(new byte[10]));

        var report = ConformanceSuite.Run(_tmp);

        var result = report.Results.Should().ContainSingle().Subject;
        result.Difference.Should().StartWith(Path.Combine(caseDir, "pre.ssz_snappy") + ": BeaconState");
    }

    [Fact]
    public void Reports_a_malformed_preset_file_naming_it_and_the_line()
    {
        var target = Path.Combine(_tmp, "phase0", "minimal");
        Directory.CreateDirectory(Path.Combine(target, "config"));
        Directory.CreateDirectory(Path.Combine(target, "epoch_processing", "slashings", "pyspec_tests", "c"));
        var yaml = Path.Combine(target, "config", "phase0.yaml");
        File.WriteAllText(yaml, "A: 1\n  nested: 2\n");

        var report = ConformanceSuite.Run(_tmp);

        report.Errors.Should().ContainSingle().Which.Should().Contain(yaml).And.Contain("line 2");
    }

    [Fact]
    public void Decompresses_a_snappy_block_and_rejects_garbage()
    {
        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i % 7)).ToArray();
        SnappyBlock.Decompress(Snappier.Snappy.CompressToArray(data), out var error).Should().Equal(data);
        error.Should().BeNull();

        SnappyBlock.Decompress([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], out error).Should().BeNull();
        error.Should().StartWith("snappy:");
    }

    private static IEnumerable<string> ExpectedCaseIds() =>
        from preset in new[] { "mainnet", "minimal" }
        from id in new[] { "effective_balance_updates/effective_balance_hysteresis" }
            .Concat(JustificationCases.Select(c => "justification_and_finalization/" + c))
            .Concat(SlashingsCases.Select(c => "slashings/" + c))
        select $"{preset}/{id}";
}
