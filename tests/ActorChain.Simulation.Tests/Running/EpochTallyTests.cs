using System.Text.Json.Nodes;
using ActorChain.Core.Tests;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Running;

/// <summary>epochs.jsonl's <c>tally</c> from real runs: who missed the target and why, on every node's line.</summary>
public sealed class EpochTallyTests : IDisposable
{
    private readonly DirectoryInfo _tmp = Directory.CreateTempSubdirectory("actorchain-tally-");

    public void Dispose() => _tmp.Delete(recursive: true);

    private static string ScenarioText(string name) => File.ReadAllText(Path.Combine(SharedFiles.RepoRoot, "scenarios", name + ".conf"));

    private List<JsonObject> Run(Scenario sc)
    {
        var outDir = Path.Combine(_tmp.FullName, sc.Name);
        Simulations.Run(sc, outDir, null, false);
        return [.. File.ReadAllLines(Path.Combine(outDir, "epochs.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject())];
    }

    private static List<(string Name, string Reason)> Missing(JsonObject line) =>
        [.. line["tally"]!["missing"]!.AsArray().Select(m => ((string)m!["name"]!, (string)m["reason"]!))];

    [Fact]
    public void Names_the_faulty_validators_with_their_reasons()
    {
        // validator-faults with v4's votes held 10 s (an epoch and a quarter of the minimal preset): past their window.
        var text = ScenarioText("validator-faults").Replace("delay = 3s", "delay = 10s", StringComparison.Ordinal);
        text.Should().Contain("delay = 10s");
        var lines = Run(ScenarioParser.Parse(text, "validator-faults-late"));

        lines.Should().AllSatisfy(l => (l["tally"] is null).Should().Be((long)l["epoch"]! == 0, l.ToJsonString()));
        var endOfFive = lines.Where(l => (long)l["epoch"]! == 5).ToList();
        endOfFive.Should().HaveCount(4, "one line per node");
        foreach (var line in endOfFive)
        {
            var tally = line["tally"]!;
            ((long)tally["epoch"]!).Should().Be(4);
            Missing(line).Should().Equal(("v1", "offline"), ("v2", "offline"), ("v4", "late"), ("v5", "slashed"), ("v6", "slashed"));
            var counted = (long)tally["totalActiveStake"]! - tally["missing"]!.AsArray().Sum(m => (long)m!["stake"]!);
            ((long)tally["targetStake"]!).Should().Be(counted, "every active validator is either counted or missing");
            ((bool)tally["justified"]!).Should().BeTrue("11 of 16 validators");
            var total = (long)tally["totalActiveStake"]!;
            ((long)tally["needed"]!).Should().Be(((total * 2) + 2) / 3, "2/3 of the total, rounded up");
        }
    }

    [Fact]
    public void Misses_nobody_in_an_honest_run()
    {
        var lines = Run(ScenarioParser.Parse(ScenarioText("pos-honest"), "pos-honest"));

        lines.Where(l => l["tally"] is not null).Should().NotBeEmpty().And.AllSatisfy(l =>
        {
            Missing(l).Should().BeEmpty(l.ToJsonString());
            ((bool)l["tally"]!["justified"]!).Should().BeTrue();
        });
    }
}
