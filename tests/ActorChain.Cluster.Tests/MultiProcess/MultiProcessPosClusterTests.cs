using System.Text.Json.Nodes;
using static ActorChain.Cluster.Tests.MultiProcess.ScriptedCluster;

namespace ActorChain.Cluster.Tests.MultiProcess;

/// <summary>
/// <c>scripts/cluster up 4 --pos</c> (Java's <c>MultiProcessPosClusterTest</c>): four node processes start in proof of
/// stake from one genesis time, 16 validators dealt four to each, and finalize together; a double vote injected through
/// <c>scripts/cluster inject</c> is slashed on every node and no honest validator ever is; <c>kill -9</c> and
/// <c>restart</c> of a node reloads its chain and records from its data dir and it catches up; a fifth process with
/// another stake exits with code 2 and one line naming it, and the four go on.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class MultiProcessPosClusterTests : Akka.TestKit.Xunit2.TestKit
{
    private const int Nodes = 4;
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Command = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Finality = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>The operator's story of the README, end to end, on four processes.</summary>
    [SkippableFact]
    public async Task Four_processes_finalize_slash_a_double_voter_everywhere_and_survive_kill_9_and_restart()
    {
        Skip.If(Environment.GetEnvironmentVariable(SkipVariable) == "1", $"{SkipVariable}=1");
        using var cluster = new ScriptedCluster("pos", Nodes, UpTimeout);
        var passed = false;
        try
        {
            var up = cluster.Up("--pos");
            up.ExitCode.Should().Be(0, "scripts/cluster up 4 --pos failed (run dir {0}):\n{1}", cluster.RunDir, up.Output);

            // 1. Every node finalizes one checkpoint, at epoch 2 or later.
            await AwaitAssertAsync(async () => AssertFinalizedTogether(ByNode(await cluster.GetAsync(1, "/api/status?cluster=true")), 2),
                Finality, Poll);
            var status = cluster.Script(Command, "status", "--json");
            status.ExitCode.Should().Be(0, "status --json:\n{0}", status.Output);
            AssertFinalizedTogether(ByNode(JsonNode.Parse(LastLine(status.Output))!), 2);

            // 2. An unknown validator is one line and exit code 2.
            var unknown = cluster.Script(Command, "inject", "double-vote", "--validator", "v99");
            unknown.ExitCode.Should().Be(2, "inject v99:\n{0}", unknown.Output);
            LastLine(unknown.Output).Should().Contain("v99");

            // 3. A double vote injected on the node hosting v3 is slashed on every node; no honest validator is.
            var injected = cluster.Script(Command, "inject", "double-vote", "--validator", "v3");
            injected.ExitCode.Should().Be(0, "inject double-vote:\n{0}", injected.Output);
            LastLine(injected.Output).Should().Contain("accepted by node 4", "v3 is dealt to node 4 (round-robin from v0 on node 1)");
            await AwaitAssertAsync(async () =>
            {
                for (var node = 1; node <= Nodes; node++)
                {
                    var v3 = await ValidatorOn(cluster, node, "v3");
                    ((string?)v3["status"]).Should().Be("slashed", "v3 on node {0}: {1}", node, v3.ToJsonString());
                }
            }, Finality, Poll);
            await AssertNoHonestSlashed(cluster, "v3");
            var cleared = cluster.Script(Command, "inject", "double-vote", "--validator", "v3", "--clear");
            cleared.ExitCode.Should().Be(0, "clear:\n{0}", cleared.Output);

            // 4. kill -9 of node 2 and a restart from its data dir: what it finalized comes back before any sync, and it catches up.
            var before = await cluster.GetAsync(2, "/api/status");
            var finalized = (long)before["finalized"]!["epoch"]!;
            var blocks = (long)before["blocks"]!;
            var reorgs = (long)before["reorgs"]!;
            var killed = cluster.Script(Command, "kill", "2");
            killed.ExitCode.Should().Be(0, "kill 2:\n{0}", killed.Output);
            var restarted = cluster.Script(UpTimeout, "restart", "2");
            restarted.ExitCode.Should().Be(0, "restart 2:\n{0}", restarted.Output);
            await AwaitAssertAsync(async () =>
            {
                var own = await cluster.GetAsync(2, "/api/status");
                ((long)own["finalized"]!["epoch"]!).Should().BeGreaterThanOrEqualTo(finalized, "node 2 reloads what it finalized: {0}", own.ToJsonString());
                ((long)own["blocks"]!).Should().BeGreaterThanOrEqualTo(blocks, "node 2 keeps its block total across kill -9");
                ((long)own["reorgs"]!).Should().BeGreaterThanOrEqualTo(reorgs, "node 2 keeps its reorg total across kill -9");
            }, TimeSpan.FromSeconds(30), Poll);
            var log = await File.ReadAllTextAsync(Path.Combine(cluster.RunDir, "node-2", "node.log"));
            log.Should().Contain("\"type\":\"beacon_chain_reloaded\"", "node 2 re-imports its stored blocks before it takes part")
                .And.Contain("slashing-protection record loaded from", "node 2's validators reload their records");
            await AwaitAssertAsync(async () =>
            {
                var members = ByNode(await cluster.GetAsync(1, "/api/status?cluster=true"));
                AssertFinalizedTogether(members, finalized + 1);
            }, Finality, Poll);
            await AssertNoHonestSlashed(cluster, "v3");

            // 5. A fifth process with another stake exits with code 2 and one line naming the difference; the four go on.
            var genesisTime = File.ReadAllLines(Path.Combine(cluster.RunDir, "cluster.env"))
                .First(l => l.StartsWith("GENESIS_TIME=", StringComparison.Ordinal))["GENESIS_TIME=".Length..];
            List<string> args = ["node", "--id", "9", "--port", (FreeRun(1) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--http-port", "0", "--seed-node", "127.0.0.1:" + (cluster.BasePort + 1), "--data-dir", Path.Combine(cluster.RunDir, "node-9"),
                "--pos", "--genesis-time", genesisTime, "--validator", "v15"];
            for (var v = 0; v < 16; v++)
                args.AddRange(["--stake", "v" + v, v == 15 ? "64" : "32"]);
            var joined = cluster.Cli(TimeSpan.FromSeconds(90), [.. args]);
            joined.ExitCode.Should().Be(2, "node 9 with another stake:\n{0}", joined.Output);
            LastLine(joined.Output).Should().MatchRegex("genesis mismatch with node [1-4]: stake of v15 is 64 here, 32 there");
            await AwaitAssertAsync(async () =>
            {
                var members = ByNode(await cluster.GetAsync(1, "/api/status?cluster=true"));
                members.Keys.Should().Equal([1, 2, 3, 4], "node 9 does not linger in the status");
            }, TimeSpan.FromSeconds(60), Poll);
            passed = true;
        }
        finally
        {
            var down = cluster.Finish(passed);
            down.ExitCode.Should().Be(0, "scripts/cluster down:\n{0}", down.Output);
        }
    }

    /// <summary>Every node is Up, linked to the others, and has finalized the same checkpoint, at <paramref name="atLeast"/> or later.</summary>
    private static void AssertFinalizedTogether(SortedDictionary<int, JsonNode> members, long atLeast)
    {
        members.Keys.Should().Equal([1, 2, 3, 4]);
        var first = members[1]["finalized"]!.ToJsonString();
        foreach (var m in members.Values)
        {
            ((string?)m["member"]).Should().Be("Up");
            m["peers"]!.AsArray().Count.Should().Be(Nodes - 1, "the peers of node {0}", m["node"]);
            var finalized = m["finalized"];
            finalized.Should().NotBeNull("node {0} runs PoS: {1}", m["node"], m.ToJsonString());
            ((long)finalized!["epoch"]!).Should().BeGreaterThanOrEqualTo(atLeast, "the finalized epoch of node {0}", m["node"]);
            finalized.ToJsonString().Should().Be(first, "node {0} finalized the same checkpoint as node 1", m["node"]);
        }
    }

    private static async Task<JsonNode> ValidatorOn(ScriptedCluster cluster, int node, string name)
    {
        foreach (var v in (await cluster.GetAsync(node, "/api/validators"))["validators"]!.AsArray())
        {
            if ((string?)v!["name"] == name)
                return v;
        }
        throw new InvalidOperationException($"{name} is not listed by node {node}");
    }

    private static async Task AssertNoHonestSlashed(ScriptedCluster cluster, string faulty)
    {
        for (var node = 1; node <= Nodes; node++)
        {
            foreach (var v in (await cluster.GetAsync(node, "/api/validators"))["validators"]!.AsArray())
            {
                if ((string?)v!["name"] != faulty)
                    ((bool)v["slashed"]!).Should().BeFalse("honest {0} on node {1}", v["name"], node);
            }
        }
    }
}
