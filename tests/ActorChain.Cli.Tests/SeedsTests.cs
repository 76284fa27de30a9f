using System.Text.Json.Nodes;
using ActorChain.Cli.Commands;
using ActorChain.Simulation.Reports;

namespace ActorChain.Cli.Tests;

/// <summary><c>simulate --seeds A..B</c>: the aggregate counts, concurrent runs byte-identical to single runs, and bad ranges and folders.</summary>
public sealed class SeedsTests : IDisposable
{
    private const string Small = """
        scenario {
          name = "sweep"
          seed = 1
          preset = minimal
          consensus = pos
          stop { epochs = 4 }
          network { nodes = 2, latency { mean = 50ms, jitter = 10ms } }
          validators { count = 8, stake = 32 }
          faults = [ { at = "epoch 1", kind = double-vote, validator = v3 } ]
          expect = [ { slashed = [v3] }, { no-conflicting-finality = true }, { finalized-epoch-at-least = 99 } ]
        }

        """;

    private readonly DirectoryInfo _tmp = Directory.CreateTempSubdirectory("actorchain-seeds-");

    public void Dispose() => _tmp.Delete(recursive: true);

    private string Scenario(string text)
    {
        var f = Path.Combine(_tmp.FullName, "s-" + Guid.CreateVersion7().ToString("N")[..8] + ".conf");
        File.WriteAllText(f, text);
        return f;
    }

    private static (int Code, string Out, string[] Err) Run(string file, string outDir, string? seeds, string? seed = null, bool quiet = true)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SimulateCommand.Run(file, seed, outDir, trace: false, quiet, stdout, stderr, seeds: seeds);
        return (code, stdout.ToString(), stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Aggregate_counts_each_expectation_over_the_seeds_and_exits_1_when_one_failed()
    {
        var dir = Path.Combine(_tmp.FullName, "out");
        var (code, stdout, stderr) = Run(Scenario(Small), dir, "3..6", quiet: false);

        code.Should().Be(1, "finalized-epoch-at-least = 99 fails on every seed");
        stderr.Should().HaveCount(4).And.AllSatisfy(l => l.Should().StartWith("seed "));
        var a = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "seeds.json")))!;
        a["runs"]!.GetValue<int>().Should().Be(4);
        a["from"]!.GetValue<ulong>().Should().Be(3);
        a["passedRuns"]!.GetValue<int>().Should().Be(0);
        var e = a["expectations"]!.AsArray();
        e.Select(x => x!["expect"]!.GetValue<string>()).Should().Equal("slashed = [v3]", "no-conflicting-finality = true", "finalized-epoch-at-least = 99");
        e[0]!["passed"]!.GetValue<int>().Should().Be(4);
        e[1]!["passed"]!.GetValue<int>().Should().Be(4);
        e[2]!["passed"]!.GetValue<int>().Should().Be(0);
        e[2]!["failedSeeds"]!.AsArray().Select(x => x!.GetValue<ulong>()).Should().Equal(3UL, 4UL, 5UL, 6UL);
        a["finalityLag"]!["samples"]!.GetValue<int>().Should().Be(4 * 2 * 4, "4 seeds × 2 nodes × 4 epochs");
        a["finalityLag"]!["min"]!.GetValue<double>().Should().Be(0);
        a["maxFinalityLag"]!["samples"]!.GetValue<int>().Should().Be(4);
        a["slashingLatencySeconds"]!["samples"]!.GetValue<int>().Should().Be(4, "v3 is slashed once per seed");
        a["slashingLatencySeconds"]!["min"]!.GetValue<double>().Should().BePositive();
        stdout.Should().Contain("sweep: seeds 3..6, 4 runs, 2 at a time").And.Contain("slashed = [v3]").And.Contain("4/4")
            .And.Contain("0/4").And.Contain("slashing latency (virtual s)");
        var csv = File.ReadAllText(Path.Combine(dir, "seeds.csv")).Split("\r\n");
        csv[0].Should().Be("seed,exitCode,failedExpectations,finalizedEpoch,maxFinalityLag,slashings,maxSlashingLatencySeconds,resultHash,error");
        csv.Skip(1).SkipLast(1).Select(l => l.Split(',')[0]).Should().Equal("3", "4", "5", "6");
        csv[1].Should().Contain(",1,finalized-epoch-at-least = 99,");
        foreach (var s in new[] { 3, 4, 5, 6 }) File.Exists(Path.Combine(dir, $"seed-{s}", "summary.json")).Should().BeTrue();
    }

    [Fact]
    public void Concurrent_seeds_give_byte_identical_outputs_to_single_runs()
    {
        var file = Scenario(Small);
        var sweep = Path.Combine(_tmp.FullName, "sweep");
        Run(file, sweep, "10..13").Code.Should().Be(1);
        foreach (var seed in new[] { 10, 11, 12, 13 })
        {
            var single = Path.Combine(_tmp.FullName, "single-" + seed);
            Run(file, single, null, seed.ToString(System.Globalization.CultureInfo.InvariantCulture)).Code.Should().Be(1);
            var swept = Path.Combine(sweep, "seed-" + seed);
            File.ReadAllBytes(Path.Combine(swept, "events.jsonl")).Should().Equal(File.ReadAllBytes(Path.Combine(single, "events.jsonl")));
            File.ReadAllBytes(Path.Combine(swept, "epochs.jsonl")).Should().Equal(File.ReadAllBytes(Path.Combine(single, "epochs.jsonl")));
            WithoutWallTime(Path.Combine(swept, "summary.json")).Should().Equal(WithoutWallTime(Path.Combine(single, "summary.json")));
        }
    }

    private static string[] WithoutWallTime(string path) =>
        [.. File.ReadAllLines(path).Where(l => !l.Contains("\"wallSeconds\"", StringComparison.Ordinal) && !l.Contains("\"slotsPerSecond\"", StringComparison.Ordinal))];

    [Theory]
    [InlineData("5..1", "A must not exceed B")]
    [InlineData("x", "expected A..B")]
    [InlineData("-1..3", "expected A..B")]
    [InlineData("1..", "expected A..B")]
    [InlineData("1..2..3", "expected A..B")]
    [InlineData("0..10000", "at most 10000")]
    [InlineData("0..18446744073709551615", "at most 10000")]
    public void A_bad_range_is_one_line_and_exit_2(string range, string says)
    {
        var (code, stdout, stderr) = Run(Scenario(Small), Path.Combine(_tmp.FullName, "out"), range);

        code.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().ContainSingle().Which.Should().StartWith("actorchain: simulate: --seeds: ").And.Contain(says);
        Directory.Exists(Path.Combine(_tmp.FullName, "out")).Should().BeFalse("nothing runs");
    }

    [Fact]
    public void Seed_and_seeds_together_are_refused()
    {
        var (code, _, stderr) = Run(Scenario(Small), Path.Combine(_tmp.FullName, "out"), "1..2", seed: "4");
        code.Should().Be(2);
        stderr.Should().ContainSingle().Which.Should().Contain("not both");
    }

    [Fact]
    public void An_unwritable_out_is_one_line_and_exit_2_for_a_run_and_for_a_sweep()
    {
        var file = Path.Combine(_tmp.FullName, "a-file");
        File.WriteAllText(file, "x");
        var under = Path.Combine(file, "out");
        foreach (var seeds in new[] { null, "1..2" })
        {
            var (code, stdout, stderr) = Run(Scenario(Small), under, seeds);
            code.Should().Be(2);
            stdout.Should().BeEmpty();
            stderr.Should().ContainSingle().Which.Should().StartWith($"actorchain: simulate: --out: cannot write to {under}: ");
        }
    }

    [Fact]
    public void Distribution_uses_nearest_rank_quantiles()
    {
        var d = SeedSweep.Distribution([.. Enumerable.Range(1, 10).Select(i => (double)i)])!;
        ((int)d["samples"]!).Should().Be(10);
        ((double)d["min"]!).Should().Be(1);
        ((double)d["median"]!).Should().Be(5);
        ((double)d["p90"]!).Should().Be(9);
        ((double)d["max"]!).Should().Be(10);
        SeedSweep.Distribution([]).Should().BeNull();
        SeedRange.Parse("7..7").Count.Should().Be(1);
        SeedRange.Parse("0..9999").Count.Should().Be(10_000);
    }

    [Fact]
    public void The_command_line_knows_the_new_flags()
    {
        var parse = Program.BuildRoot().Parse(["simulate", "x.conf", "--seeds", "1..3", "--report", "--csv", "--out", "o"]);
        parse.Errors.Should().BeEmpty();
        Program.BuildRoot().Parse(["report", "dir", "--csv"]).Errors.Should().BeEmpty();
    }
}
