using System.Globalization;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.Node.Faults;
using ActorChain.TestKit;

namespace ActorChain.Simulation.Tests.Determinism;

/// <summary>
/// The same network and seed give the same run, event for event: across the merge (PoW, the swap, PoS finality), with
/// validator faults, a partition and a crash and restart; another seed gives another run. Nothing here compares wall
/// time, and no work may reach the virtual-time executor from another thread.
/// </summary>
public sealed class DeterminismTests
{
    private static SimNetwork.Builder Merging(ulong seed) =>
        SimNetwork.Create("determinism-merge-" + seed).Nodes(4).Validators(16, 32).Seed(seed)
            .Miner(0, 1000).Miner(1, 1000).Miner(2, 1000).Miner(3, 1000).MergeAt(16);

    /// <summary>The whole run as lines: every event with its time, node, type and fields, then every node's transitions.</summary>
    private static List<string> Trace(SimNetwork net)
    {
        var lines = net.Events().Select(Line).ToList();
        for (var node = 0; node < 4; node++)
            lines.AddRange(net.Transitions(node).Select(t => $"node {node}: " + Line(t)));
        net.Violations.Should().BeEmpty("no work reached the virtual-time executor from another thread");
        return lines;
    }

    private static string Line(NodeEvent e) =>
        $"{e.T} {e.Node} {e.Type} " + string.Join(",", e.Fields.Select(f => f.Key + "=" + Convert.ToString(f.Value, CultureInfo.InvariantCulture)));

    private static string Line(EpochTransition t) =>
        $"epoch {t.Epoch} justified {t.CurrentJustified} finalized {t.Finalized} bits {EpochTransition.BitString(t.Bits)} leak {t.InLeak} "
        + $"balances {t.TotalActiveBalance}/{t.PreviousTargetBalance}/{t.CurrentTargetBalance} "
        + string.Join(";", t.Validators.Select(v => $"{v.Index}:{v.Balance}:{v.InactivityScore}:{v.PreviousFlags}{v.CurrentFlags}"));

    private static List<string> MergeRun(ulong seed)
    {
        using var net = Merging(seed).Start();
        net.RunUntil(() => net.Events("merge").Length == 4, TimeSpan.FromMinutes(10)).Should().BeTrue("every node merged");
        net.RunToEpoch(6, 1);
        return Trace(net);
    }

    [Fact]
    public void Gives_an_identical_event_trace_across_the_merge_for_the_same_seed()
    {
        var first = MergeRun(11);
        var second = MergeRun(11);

        second.Should().Equal(first);
        first.Should().Contain(l => l.Contains(" merge ", StringComparison.Ordinal), "the run crossed the merge")
            .And.Contain(l => l.Contains(" finalized ", StringComparison.Ordinal), "and finalized in PoS")
            .And.Contain(l => l.Contains(" pow_block_mined ", StringComparison.Ordinal), "after mining");
    }

    [Fact]
    public void Gives_an_identical_event_trace_with_faults_a_partition_and_a_crash_for_the_same_seed()
    {
        static List<string> Run()
        {
            using var net = SimNetwork.Create("determinism-faults").Nodes(4).Validators(16, 32)
                .Seed(13).Pos().Start();
            net.RunToEpoch(2, 0);
            net.Inject(new Fault.DoubleVote("v5")).Accepted.Should().BeTrue();
            net.Inject(new Fault.Late("v3", 1500)).Accepted.Should().BeTrue();
            net.RunToEpoch(3, 300);
            net.Partition([0, 1, 2], [3]);
            net.RunToEpoch(4, 700);
            net.Heal();
            net.Crash(2).Accepted.Should().BeTrue();
            net.RunToEpoch(5, 0);
            net.Restart(2).Accepted.Should().BeTrue();
            net.RunToEpoch(8, 1);
            return Trace(net);
        }

        var first = Run();
        var second = Run();

        second.Should().Equal(first);
        first.Should().Contain(l => l.Contains(" validator_slashed ", StringComparison.Ordinal), "the double voter was slashed")
            .And.Contain(l => l.Contains(" node_restarted ", StringComparison.Ordinal));
    }

    [Fact]
    public void Changes_the_run_when_the_seed_changes()
    {
        MergeRun(12).Should().NotEqual(MergeRun(11));
    }
}
