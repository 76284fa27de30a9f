using System.Text.Json.Nodes;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Tests;
using ActorChain.Node.Events;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Pos;

/// <summary>
/// Conflicting finality as product output (issue 13, item 4): the shipped <c>accountable-safety</c> scenario (byzantine
/// validators hosted on both nodes of a partition) writes summary.json's <c>forensics</c> naming them with at least 1/3
/// of the stake, and one <c>conflicting_finality</c> event per conflicting pair; an honest run writes <c>"forensics": null</c>.
/// </summary>
public sealed class ForensicsTests : IDisposable
{
    private readonly DirectoryInfo _tmp = Directory.CreateTempSubdirectory("actorchain-forensics-");

    public void Dispose() => _tmp.Delete(recursive: true);

    private static Scenario Shipped(string name) => ScenarioParser.ParseFile(Path.Combine(SharedFiles.RepoRoot, "scenarios", name + ".conf"));

    private (SimulationResult Result, JsonObject Summary, List<JsonObject> Events) Run(Scenario sc, string dir)
    {
        var outDir = Path.Combine(_tmp.FullName, dir);
        var result = Simulations.Run(sc, outDir, null, trace: false);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!.AsObject();
        var events = File.ReadLines(Path.Combine(outDir, "events.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        return (result, summary, events);
    }

    [Fact]
    public void The_accountable_safety_scenario_names_the_byzantine_third_and_emits_one_event_per_conflicting_pair()
    {
        var (result, summary, events) = Run(Shipped("accountable-safety"), "as");

        result.ExitCode.Should().Be(0, string.Join("; ", result.Failures));
        var f = summary["forensics"]!.AsObject();
        var conflicts = f["conflicts"]!.AsArray();
        conflicts.Should().NotBeEmpty();
        foreach (var c in conflicts)
        {
            var first = c!["first"]!;
            var second = c["second"]!;
            first["root"]!.GetValue<string>().Should().NotBe(second["root"]!.GetValue<string>());
            first["nodes"]!.AsArray().Select(n => n!.GetValue<int>()).Should().NotIntersectWith(second["nodes"]!.AsArray().Select(n => n!.GetValue<int>()));
        }

        var slashable = f["slashable"]!.AsArray();
        slashable.Select(v => v!["name"]!.GetValue<string>()).Should().Equal("b0", "b1", "b2", "b3", "b4", "b5");
        slashable.Should().AllSatisfy(v =>
        {
            v!["stake"]!.GetValue<ulong>().Should().Be(32_000_000_000UL);
            var evidence = v["evidence"]!.AsArray();
            evidence.Should().NotBeEmpty();
            evidence.Should().AllSatisfy(e =>
            {
                e!["kind"]!.GetValue<string>().Should().BeOneOf("double_vote", "surround_vote");
                e["first"]!["target"]!["epoch"].Should().NotBeNull();
            });
            // Both sources: the nodes' slashers (after the heal), and the cross-check of the two chains' votes (the
            // partition's own double votes, which no slasher sees: neither node imports the other's finalized branch).
            evidence.Should().Contain(e => e!["foundBy"]!.AsArray().Count > 0);
            evidence.Should().Contain(e => e!["foundBy"]!.AsArray().Count == 0);
        });
        f["slashableStake"]!.GetValue<ulong>().Should().Be(6 * 32_000_000_000UL);
        f["totalStake"]!.GetValue<ulong>().Should().Be(12 * 32_000_000_000UL);
        f["stakeShare"]!.GetValue<decimal>().Should().Be(0.5m);
        f["reachesOneThird"]!.GetValue<bool>().Should().BeTrue();

        // One event per pair, node null, the same checkpoints as the summary's pairs (whose node lists may have grown since).
        var fired = events.Where(e => e["type"]!.GetValue<string>() == ForensicsWatch.EventType).ToList();
        fired.Should().HaveCount(conflicts.Count);
        for (var i = 0; i < fired.Count; i++)
        {
            fired[i]["node"].Should().BeNull();
            foreach (var side in new[] { "first", "second" })
            {
                fired[i][side]!["epoch"]!.GetValue<ulong>().Should().Be(conflicts[i]![side]!["epoch"]!.GetValue<ulong>());
                fired[i][side]!["root"]!.GetValue<string>().Should().Be(conflicts[i]![side]!["root"]!.GetValue<string>());
            }
        }

        summary["validators"]![0]!["nodes"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(0, 1);
        summary["expectations"]!.AsArray().Should().AllSatisfy(x => x!["passed"]!.GetValue<bool>().Should().BeTrue());
    }

    [Fact]
    public void Writes_the_same_forensics_for_the_same_seed()
    {
        var sc = Shipped("accountable-safety");
        var a = Run(sc, "a");
        var b = Run(sc, "b");

        a.Summary["forensics"]!.ToJsonString().Should().Be(b.Summary["forensics"]!.ToJsonString());
        a.Summary["resultHash"]!.GetValue<string>().Should().Be(b.Summary["resultHash"]!.GetValue<string>());
        File.ReadAllBytes(Path.Combine(_tmp.FullName, "a", "events.jsonl")).Should().Equal(File.ReadAllBytes(Path.Combine(_tmp.FullName, "b", "events.jsonl")));
    }

    [Fact]
    public void An_honest_run_writes_null_forensics_and_fails_the_forensics_expectation()
    {
        var sc = ScenarioParser.Parse("""
            scenario {
              name = honest
              consensus = pos
              stop { epochs = 5 }
              network { nodes = 2, latency { mean = 40ms, jitter = 20ms } }
              validators { count = 8, stake = 32 }
              expect = [ { no-conflicting-finality = true }, { forensics-reaches-one-third = true } ]
            }
            """, "honest.conf");

        var (result, summary, events) = Run(sc, "honest");

        summary.ContainsKey("forensics").Should().BeTrue();
        summary["forensics"].Should().BeNull();
        events.Should().NotContain(e => e["type"]!.GetValue<string>() == ForensicsWatch.EventType);
        events.Should().Contain(e => e["type"]!.GetValue<string>() == "block_imported" && e["parent"] != null);
        result.Failures.Should().Equal("forensics-reaches-one-third = true: no conflicting finality, so no forensics");
    }

    [Fact]
    public void The_watch_emits_one_event_per_conflicting_pair_however_often_the_nodes_finalize()
    {
        var watch = new ForensicsWatch();
        var emitted = new List<NodeEvent>();
        watch.Emit = emitted.Add;
        var genesis = H("genesis");
        foreach (var branch in new[] { "a", "b" })
        {
            var parent = genesis;
            for (ulong slot = 1; slot <= 40; slot++)
            {
                var root = H(branch + slot);
                watch.Accept(NodeEvent.Of((long)slot * 6000, branch == "a" ? 0 : 1, "block_imported", "root", root.ToString(), "slot", slot,
                    "proposer", 0UL, "from", -1, "attestations", 0, "parent", parent.ToString()));
                parent = root;
            }
        }

        for (ulong epoch = 1; epoch <= 4; epoch++)
        {
            foreach (var (node, branch) in new[] { (0, "a"), (2, "a"), (1, "b"), (3, "b") })
                watch.OnFinalized(node, new Checkpoint(epoch, H(branch + (epoch * 8))), (long)epoch * 48_000);
        }

        var e = emitted.Should().ContainSingle().Subject;
        e.Type.Should().Be("conflicting_finality");
        e.Node.Should().Be(-1);
        e.T.Should().Be(48_000);
        watch.Conflicts.Should().ContainSingle().Which.First.Nodes.Should().HaveCount(2);
    }

    [Fact]
    public void The_watch_emits_a_pair_when_the_blocks_come_after_the_finality()
    {
        // In `run` the monitor's finality and the log's block_imported events are not ordered.
        var watch = new ForensicsWatch();
        var emitted = new List<NodeEvent>();
        watch.Emit = emitted.Add;
        watch.OnFinalized(0, new Checkpoint(1, H("a8")), 48_000);
        watch.OnFinalized(1, new Checkpoint(1, H("b8")), 48_000);
        emitted.Should().BeEmpty("no block is known yet");

        foreach (var branch in new[] { "a", "b" })
        {
            var parent = H("genesis");
            for (ulong slot = 1; slot <= 8; slot++)
            {
                var root = H(branch + slot);
                watch.Accept(NodeEvent.Of(50_000 + (long)slot, branch == "a" ? 0 : 1, "block_imported", "root", root.ToString(), "slot", slot,
                    "proposer", 0UL, "from", -1, "attestations", 0, "parent", parent.ToString()));
                parent = root;
            }
        }

        var e = emitted.Should().ContainSingle().Subject;
        e.Type.Should().Be(ForensicsWatch.EventType);
        e.T.Should().Be(50_008, "the time of the block that let it be seen");
        watch.Conflicts.Should().ContainSingle();
    }

    private static Hash32 H(string s) => Sha256.Hash(System.Text.Encoding.UTF8.GetBytes(s));
}
