using System.Text.Json.Nodes;
using static ActorChain.Cluster.Tests.MultiProcess.ScriptedCluster;

namespace ActorChain.Cluster.Tests.MultiProcess;

/// <summary>
/// A real three-process PoW cluster started by <c>scripts/cluster up 3</c> on free loopback ports in a temporary run
/// dir (Java's <c>MultiProcessClusterTest</c>): a transaction sent with <c>actorchain tx send</c> reaches every node and
/// is mined, a second send in a row lands too, the three agree on one head, <c>scripts/cluster merge H</c> swaps every
/// node to PoS and the first epochs justify a checkpoint, and after <c>scripts/cluster kill 2</c>
/// (<c>kill -9</c>) the other two keep mining. Every wait is bounded.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class MultiProcessClusterTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Command = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MergeWait = TimeSpan.FromSeconds(120);

    /// <summary>Three PoW processes converge on one head, mine two transactions in a row, merge live into PoS, and two go on after <c>kill -9</c> of the third.</summary>
    [SkippableFact]
    public async Task Three_processes_mine_one_chain_merge_live_and_two_go_on_after_kill_9_of_the_third()
    {
        Skip.If(Environment.GetEnvironmentVariable(SkipVariable) == "1", $"{SkipVariable}=1");
        using var cluster = new ScriptedCluster("pow", 3, UpTimeout);
        var passed = false;
        try
        {
            var config = Path.Combine(cluster.RunDir, "test-cluster.hocon");
            await File.WriteAllTextAsync(config, string.Join('\n',
                "actorchain.pow { mode = simulated, block-time = 1s, genesis-hashrate = 3000000, miner-hashrate = 1000000 }",
                "actorchain.node.join-timeout = 60s",
                ""));
            var up = cluster.Up("--config", config);
            up.ExitCode.Should().Be(0, "scripts/cluster up 3 failed (run dir {0}):\n{1}", cluster.RunDir, up.Output);

            var node1 = "127.0.0.1:" + cluster.HttpPort(1);
            foreach (var _ in new[] { 1, 2 })
            {
                var sent = cluster.Cli(Command, "tx", "send", "--node", node1, "--from", "alice", "--to", "bob", "--amount", "1.5");
                sent.ExitCode.Should().Be(0, "tx send:\n{0}", sent.Output);
                LastLine(sent.Output).Should().MatchRegex("[0-9a-f]{64}");
            }

            await AwaitAssertAsync(async () =>
            {
                for (var i = 1; i <= 3; i++)
                    ((long)(await cluster.GetAsync(i, "/api/account/alice"))["nonce"]!).Should().Be(2, "alice's nonce on node {0}", i);
                var members = ByNode(await cluster.GetAsync(1, "/api/status?cluster=true"));
                members.Keys.Should().Equal(1, 2, 3);
                var head = (string?)members[1]["headHash"];
                foreach (var m in members.Values)
                {
                    ((string?)m["member"]).Should().Be("Up");
                    ((string?)m["headHash"]).Should().Be(head, "the head of node {0}", m["node"]);
                    m["peers"]!.AsArray().Count.Should().Be(2);
                }
            }, Converge, Poll);

            // The live merge (issue 12, item 10): merged a few blocks ahead of the running PoW cluster's head, every node
            // swaps its miners for the PoS engine, and the first PoS epochs carry enough votes to justify a checkpoint.
            var head = (long)(await cluster.GetAsync(1, "/api/status"))["headHeight"]!;
            var mergeAt = (head + 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var merge = cluster.Script(Command, "merge", mergeAt);
            merge.ExitCode.Should().Be(0, "merge {0}:\n{1}", mergeAt, merge.Output);
            await AwaitAssertAsync(async () =>
            {
                var members = ByNode(await cluster.GetAsync(1, "/api/status?cluster=true"));
                members.Keys.Should().Equal(1, 2, 3);
                foreach (var m in members.Values)
                {
                    var justified = m["justified"];
                    justified.Should().NotBeNull("node {0} runs PoS after the merge: {1}", m["node"], m.ToJsonString());
                    ((long)justified!["epoch"]!).Should().BeGreaterThanOrEqualTo(1, "the first PoS epochs carry votes on node {0}", m["node"]);
                }
            }, MergeWait, Poll);

            var before = ByNode(await cluster.GetAsync(1, "/api/status?cluster=true"));
            var height1 = (long)before[1]["headHeight"]!;
            var height3 = (long)before[3]["headHeight"]!;
            var killed = cluster.Script(Command, "kill", "2");
            killed.ExitCode.Should().Be(0, "kill 2:\n{0}", killed.Output);

            await AwaitAssertAsync(async () =>
            {
                var now = ByNode(await cluster.GetAsync(1, "/api/status?cluster=true"));
                if (now.TryGetValue(2, out var two))
                {
                    ((string?)two["member"]).Should().NotBe("Up", "node 2 was killed");
                    two["headHeight"].Should().BeNull("node 2 does not answer");
                }
                ((string?)now[1]["member"]).Should().Be("Up");
                ((string?)now[3]["member"]).Should().Be("Up");
                ((long)now[1]["headHeight"]!).Should().BeGreaterThan(height1 + 2);
                ((long)now[3]["headHeight"]!).Should().BeGreaterThan(height3 + 2);
            }, Converge, Poll);

            var status = cluster.Script(Command, "status", "--json");
            status.ExitCode.Should().Be(0, "status --json:\n{0}", status.Output);
            var seen = ByNode(JsonNode.Parse(LastLine(status.Output))!);
            seen.Keys.Should().Contain([1, 3]);
            passed = true;
        }
        finally
        {
            var down = cluster.Finish(passed);
            down.ExitCode.Should().Be(0, "scripts/cluster down:\n{0}", down.Output);
        }
    }
}

/// <summary>The multi-process tests run one at a time: each starts several node processes on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiProcessCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "multi-process";
}
