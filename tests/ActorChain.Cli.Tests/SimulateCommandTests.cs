using System.Text;
using System.Text.Json.Nodes;
using ActorChain.Cli.Commands;
using ActorChain.Core.Codec;

namespace ActorChain.Cli.Tests;

/// <summary><c>simulate</c>: outputs as SIMULATION.md specifies, exit codes 0/1/2, one line per problem of a bad scenario (Java SimulateCommandTest).</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private const string Pow = """
        name = t
        seed = 3
        consensus = pow
        stop { height = 30 }
        network { nodes = 3, latency { mean = 50ms, jitter = 10ms } }
        miners = [ { node = 0, hashrate = 1000 }, { node = 2, hashrate = 2000 } ]

        """;

    private readonly DirectoryInfo _tmp = Directory.CreateTempSubdirectory("actorchain-simulate-");

    public void Dispose() => _tmp.Delete(recursive: true);

    private string Scenario(string body)
    {
        var f = Path.Combine(_tmp.FullName, "scenario-" + Guid.CreateVersion7().ToString("N")[..8] + ".conf");
        File.WriteAllText(f, "scenario {\n" + body + "\n}\n");
        return f;
    }

    private static (int Code, string[] Out, string[] Err) Simulate(string file, string? outDir, string? seed = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SimulateCommand.Run(file, seed, outDir, trace: false, quiet: true, stdout, stderr);
        return (code, Lines(stdout), Lines(stderr));
    }

    private static string[] Lines(StringWriter w) => w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Passes_and_writes_the_documented_summary()
    {
        var outDir = Path.Combine(_tmp.FullName, "out");
        var (code, stdout, stderr) = Simulate(Scenario(Pow + "expect = [ { head-agreement = true }, { height-at-least = 30 } ]"), outDir);

        code.Should().Be(0, string.Join("\n", stderr));
        stdout.Should().Contain(l => l.Contains("expect head-agreement = true: passed"));
        stdout.Should().Contain(l => l.Contains("virtual seconds per wall second") && l.Contains("peak working set"));
        var s = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!;
        s["scenario"]!.GetValue<string>().Should().Be("t");
        s["consensus"]!.GetValue<string>().Should().Be("pow");
        s["nodes"]!.AsArray().Should().HaveCount(3);
        s["nodes"]![0]!["headHeight"]!.GetValue<ulong>().Should().BeGreaterThanOrEqualTo(30);
        s["nodes"]![0]!["totalDifficulty"].Should().NotBeNull();
        s["pow"]!["height"]!.GetValue<ulong>().Should().BeGreaterThanOrEqualTo(30);
        s["pow"]!["miners"]!.AsArray().Should().HaveCount(2);
        s["expectations"]!.AsArray().Should().HaveCount(2).And.AllSatisfy(e => e!["passed"]!.GetValue<bool>().Should().BeTrue());
        s["schemaVersion"]!.GetValue<int>().Should().Be(1);
        s["toolVersion"]!.GetValue<string>().Should().NotBeEmpty();
        var canonical = "{\"nodes\":" + SortedCompact(s["nodes"]!) + ",\"validators\":[]}";
        s["resultHash"]!.GetValue<string>().Should().Be(Sha256.Hash(Encoding.UTF8.GetBytes(canonical)).ToString());
        File.ReadAllLines(Path.Combine(outDir, "events.jsonl")).Should().NotBeEmpty()
            .And.AllSatisfy(l => l.Should().StartWith("{\"t\":"))
            .And.Contain(l => l.Contains("\"type\":\"pow_block_mined\""));
    }

    [Fact]
    public void Reads_the_chain_defaults_from_another_cluster_hocon_given_with_config()
    {
        var config = Path.Combine(_tmp.FullName, "slow.hocon");
        File.WriteAllText(config, "actorchain { pow { block-time = 8s } }\n");
        var file = Scenario(Pow);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = SimulateCommand.Run(file, null, Path.Combine(_tmp.FullName, "slow"), trace: false, quiet: true, stdout, stderr, config);
        var (defaultCode, _, _) = Simulate(file, Path.Combine(_tmp.FullName, "fast"));

        code.Should().Be(0, stderr.ToString());
        defaultCode.Should().Be(0);
        double VirtualSeconds(string dir) =>
            JsonNode.Parse(File.ReadAllText(Path.Combine(_tmp.FullName, dir, "summary.json")))!["virtualSeconds"]!.GetValue<double>();
        VirtualSeconds("slow").Should().BeGreaterThan(2 * VirtualSeconds("fast"), "30 blocks at an 8 s target take longer than at the default 2 s");
    }

    [Fact]
    public void Takes_consensus_overrides_and_the_merge_delay_from_a_config_file_and_names_a_bad_constant()
    {
        var good = Path.Combine(_tmp.FullName, "overrides.hocon");
        File.WriteAllText(good, "actorchain.consensus {\n overrides { SLOTS_PER_EPOCH = 4 }\n merge { genesis-delay = 5s }\n}\n");
        var bad = Path.Combine(_tmp.FullName, "bad-constant.hocon");
        File.WriteAllText(bad, "actorchain.consensus.overrides { SLOTS_PER_EPOK = 4 }\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var badOut = new StringWriter();
        using var badErr = new StringWriter();

        SimulateCommand.Run(Scenario(Pow), null, Path.Combine(_tmp.FullName, "o"), false, true, stdout, stderr, good).Should().Be(0, stderr.ToString());
        SimulateCommand.Run(Scenario(Pow), null, Path.Combine(_tmp.FullName, "b"), false, true, badOut, badErr, bad).Should().Be(2);
        Lines(badErr).Should().ContainSingle().Which.Should().Contain("SLOTS_PER_EPOK");
    }

    [Fact]
    public void Refuses_a_config_file_that_is_missing_or_has_an_unknown_key_in_one_line()
    {
        var bad = Path.Combine(_tmp.FullName, "bad.hocon");
        File.WriteAllText(bad, "actorchain { pow { blok-time = 8s } }\n");
        foreach (var (config, says) in new[] { (Path.Combine(_tmp.FullName, "none.hocon"), "no such file"), (bad, "blok-time") })
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            SimulateCommand.Run(Scenario(Pow), null, Path.Combine(_tmp.FullName, "x"), false, true, stdout, stderr, config).Should().Be(2);
            Lines(stderr).Should().ContainSingle().Which.Should().StartWith("actorchain: simulate: ").And.Contain(says);
        }
    }

    [Fact]
    public void Exits_one_when_an_expectation_fails()
    {
        var (code, stdout, _) = Simulate(Scenario(Pow + "expect = [ { height-at-least = 100000 } ]"), Path.Combine(_tmp.FullName, "fail"));

        code.Should().Be(1);
        stdout.Should().Contain(l => l.Contains("height-at-least = 100000: FAILED"));
    }

    [Fact]
    public void Lists_every_problem_of_a_bad_scenario_on_its_own_line_and_writes_nothing()
    {
        var bad = Scenario("""
            consensus = pow
            colour = blue
            network { nodes = 2, latency { mean = 10ms, jitter = 50ms } }
            miners = [ { node = 5, hashrate = 0 } ]
            faults = [ { at = "tomorrow", kind = partition, groups = [[0], [7]] } ]
            expect = [ { wishful = true } ]
            """);
        var outDir = Path.Combine(_tmp.FullName, "bad");

        var (code, _, stderr) = Simulate(bad, outDir);

        code.Should().Be(2);
        stderr.Should().HaveCountGreaterThan(3).And.AllSatisfy(l => l.Should().StartWith("actorchain: ").And.NotContain("Exception"));
        string.Join("\n", stderr).Should().Contain("scenario.colour").And.Contain("scenario.network.latency.jitter")
            .And.Contain("scenario.miners[0].node").And.Contain("scenario.faults[0].at").And.Contain("scenario.expect[0].wishful");
        Directory.Exists(outDir).Should().BeFalse();
    }

    [Fact]
    public void Rejects_a_file_that_is_not_hocon_in_one_line()
    {
        var f = Path.Combine(_tmp.FullName, "broken.conf");
        File.WriteAllText(f, "scenario { name = \"unterminated }");

        var (code, _, stderr) = Simulate(f, null);

        code.Should().Be(2);
        stderr.Should().ContainSingle().Which.Should().Contain("not valid HOCON");
    }

    [Fact]
    public void Rejects_a_missing_file_a_bad_seed_and_an_unknown_flag()
    {
        Simulate(Path.Combine(_tmp.FullName, "nope.conf"), null).Err.Should().ContainSingle().Which.Should().Contain("no such scenario file");
        var (code, _, err) = Simulate(Scenario(Pow), null, seed: "-4");
        code.Should().Be(2);
        err.Should().ContainSingle().Which.Should().Contain("--seed");
        Program.BuildRoot().Parse(["simulate", "--frobnicate", "x.conf"]).Errors.Should().NotBeEmpty();
        Program.BuildRoot().Parse(["simulate", "x.conf", "--seed", "9", "--out", "d", "--trace", "--quiet"]).Errors.Should().BeEmpty();
        Program.BuildRoot().Parse(["bench", "sim", "--runs", "2", "--nodes", "4", "--height", "50"]).Errors.Should().BeEmpty();
    }

    // Sorted keys, no spaces: the canonical JSON behind resultHash.
    private static string SortedCompact(JsonNode node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => System.Text.Json.JsonSerializer.Serialize(p.Key) + ":" + SortedCompact(p.Value!))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(x => SortedCompact(x!))) + "]",
        _ => node.ToJsonString(),
    };
}
