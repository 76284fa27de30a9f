using System.Collections.Immutable;
using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Node.Configuration;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Running;

/// <summary>summary.json: the documented field order, and resultHash over the canonical JSON of nodes and validators.</summary>
public sealed class SummaryFileTests
{
    private static Scenario Pow() => new("t", 3, "minimal", ConsensusKind.Pow, null, new Stop(StopKind.Height, 30),
        new NetworkSpec(2, NetworkSpec.FullMesh, 4, new LinkSettings(50, 10, 0)), [new Miner(0, 1000)], [],
        ImmutableSortedDictionary<string, string>.Empty, [], []);

    [Fact]
    public void Writes_the_documented_fields_in_order_then_the_versions()
    {
        var nodes = new[] { new JsonMap { ["node"] = 0, ["headHeight"] = 30UL, ["headHash"] = "ab", ["totalDifficulty"] = "99" } };
        var summary = SummaryFile.Build(Pow(), 0, 0, 96.0, 1.5, null, nodes, [], [], new JsonMap { ["height"] = 30UL }, [], []);

        summary.Select(kv => kv.Key).Should().Equal("scenario", "seed", "preset", "consensus", "slots", "epochs", "virtualSeconds",
            "wallSeconds", "slotsPerSecond", "nodes", "validators", "slashings", "pow", "faults", "expectations", "forensics", "resultHash",
            "toolVersion", "schemaVersion");
        Json.WritePretty(summary).Should().Contain("\"virtualSeconds\": 96.0,").And.Contain("\"slotsPerSecond\": null,")
            .And.Contain("\"forensics\": null,");
    }

    [Fact]
    public void Result_hash_is_the_sha256_of_sorted_compact_nodes_and_validators()
    {
        var nodes = new[] { new JsonMap { ["node"] = 0, ["headHeight"] = 30UL, ["headHash"] = "ab", ["totalDifficulty"] = "99" } };
        var canonical = "{\"nodes\":[{\"headHash\":\"ab\",\"headHeight\":30,\"node\":0,\"totalDifficulty\":\"99\"}],\"validators\":[]}";

        SummaryFile.ResultHash(nodes, []).Should().Be(Sha256.Hash(Encoding.UTF8.GetBytes(canonical)).ToString());
    }

    [Fact]
    public void Writes_summary_json_indented_with_a_final_line_end()
    {
        var dir = Directory.CreateTempSubdirectory("summary-").FullName;
        try
        {
            SummaryFile.Write(dir, new JsonMap { ["scenario"] = "t" });
            File.ReadAllText(Path.Combine(dir, "summary.json")).Should().Be("{\n  \"scenario\": \"t\"\n}\n");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
