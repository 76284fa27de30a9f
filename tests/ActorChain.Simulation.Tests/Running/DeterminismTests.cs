using System.Text.Json.Nodes;
using ActorChain.Core.Tests;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Running;

/// <summary>
/// SIMULATION.md, "Determinism": the same scenario and seed give byte-identical events.jsonl and epochs.jsonl, and a
/// summary.json equal but for wallSeconds and slotsPerSecond, wherever the outputs are written (Java SimulateDeterminismTest).
/// </summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly DirectoryInfo _tmp = Directory.CreateTempSubdirectory("actorchain-determinism-");

    public void Dispose() => _tmp.Delete(recursive: true);

    private static Scenario Load(string name) => ScenarioParser.ParseFile(Path.Combine(SharedFiles.RepoRoot, "scenarios", name + ".conf"));

    private string Run(Scenario sc, string dir, bool trace = false)
    {
        var outDir = Path.Combine(_tmp.FullName, dir);
        Simulations.Run(sc, outDir, null, trace);
        return outDir;
    }

    private static JsonNode WithoutWallClock(string dir)
    {
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!.AsObject();
        summary.Remove("wallSeconds");
        summary.Remove("slotsPerSecond");
        return summary;
    }

    private static void ShouldMatch(string a, string b, params string[] files)
    {
        foreach (var f in files)
            File.ReadAllBytes(Path.Combine(a, f)).Should().Equal(File.ReadAllBytes(Path.Combine(b, f)), f + " must be byte-identical");
        JsonNode.DeepEquals(WithoutWallClock(a), WithoutWallClock(b)).Should().BeTrue("summary.json differs only in wall-clock fields");
    }

    [Fact]
    public void Writes_identical_pow_outputs_for_the_same_seed_wherever_they_go()
    {
        var sc = Load("pow-partition");
        var a = Run(sc, "first");
        var b = Run(sc, "elsewhere/second");

        ShouldMatch(a, b, "events.jsonl");
        var events = File.ReadAllText(Path.Combine(a, "events.jsonl"));
        events.Should().Contain("\"type\":\"reorg\"").And.Contain("\"type\":\"partition\"");
    }

    [Fact]
    public void Writes_identical_proof_of_stake_outputs_across_the_merge()
    {
        var sc = Load("merge");
        var a = Run(sc, "merge-a", trace: true);
        var b = Run(sc, "merge-b", trace: true);

        ShouldMatch(a, b, "events.jsonl", "epochs.jsonl");
        var lines = File.ReadAllLines(Path.Combine(a, "epochs.jsonl"));
        lines.Should().HaveCount(4 * 8).And.AllSatisfy(l => l.Should().Contain("\"validators\":["));
        File.ReadAllText(Path.Combine(a, "events.jsonl")).Should().Contain("\"type\":\"merge\"").And.Contain("\"type\":\"finalized\"");
    }

    [Fact]
    public void Writes_identical_outputs_when_a_node_crashes_and_restarts()
    {
        var sc = Load("crash-restart");
        var a = Run(sc, "crash-a", trace: true);
        var b = Run(sc, "elsewhere/crash-b", trace: true);

        ShouldMatch(a, b, "events.jsonl", "epochs.jsonl");
        var events = File.ReadAllText(Path.Combine(a, "events.jsonl"));
        // Java: t 18000; CONSENSUS.md §4 puts PoS genesis 12 s after the PoW genesis (Java: 2 s), so epoch 2 starts at 28 s.
        events.Should().Contain("{\"t\":28000,\"node\":2,\"type\":\"node_crashed\"}").And.Contain("\"type\":\"node_restarted\",\"downMillis\":16000}").And.Contain("\"type\":\"beacon_chain_reloaded\"");
        var summary = WithoutWallClock(a);
        summary["expectations"]!.AsArray().Should().AllSatisfy(x => ((bool)x!["passed"]!).Should().BeTrue(x!.ToJsonString()));
    }

    [Fact]
    public void Changes_the_run_when_the_seed_changes()
    {
        var sc = Load("pow-partition");
        var a = Run(sc, "seed-a");
        var b = Run(sc.WithSeed(12), "seed-b");

        WithoutWallClock(a)["resultHash"]!.GetValue<string>().Should().NotBe(WithoutWallClock(b)["resultHash"]!.GetValue<string>());
        WithoutWallClock(b)["seed"]!.GetValue<ulong>().Should().Be(12);
    }
}
