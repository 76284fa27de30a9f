using ActorChain.Core.Pos.Epoch;
using ActorChain.Node.Configuration;
using ActorChain.TestKit;
using Xunit.Abstractions;

namespace ActorChain.Simulation.Tests.Pos;

/// <summary>
/// A 50/50 partition for 8 epochs: neither side holds 2/3 of the stake, so each stops finalizing, and each side's
/// inactivity leak drains the stake of the validators it cannot hear. After the heal the nodes converge on one head and
/// finality resumes.
/// </summary>
public sealed class PartitionLeakTests(ITestOutputHelper output)
{
    private const int ValidatorCount = 16;
    private const ulong PartitionFrom = 4;
    private const ulong HealAt = PartitionFrom + 8;

    /// <summary>Validators are dealt round-robin: node n hosts v_n, v_{n+4}, …; side A is nodes 0 and 1.</summary>
    private static bool OnSideA(int validator) => validator % 4 < 2;

    [Fact]
    public void Stalls_and_leaks_on_both_sides_then_converges_and_finalizes_after_the_heal()
    {
        using var net = SimNetwork.Create("partition-50-50").Nodes(4).Validators(ValidatorCount, 32)
            .Seed(5).Pos().Start();
        net.RunToEpoch(PartitionFrom, 1);
        var finalizedBefore = net.LastTransition(0).Finalized.Epoch;
        finalizedBefore.Should().BeGreaterThanOrEqualTo(1, "finality before the partition");

        net.Partition([0, 1], [2, 3]);
        net.RunToEpoch(HealAt, 1);
        var sideA = net.LastTransition(0);
        var sideB = net.LastTransition(2);
        for (var node = 0; node < 4; node++)
        {
            var t = net.LastTransition(node);
            t.Finalized.Epoch.Should().Be(finalizedBefore, $"node {node} finalized nothing new while split");
            t.InLeak.Should().BeTrue($"node {node} is leaking at the end of the partition");
            (t.PreviousTargetBalance * 3).Should().BeLessThan(t.TotalActiveBalance * 2, $"node {node} hears under 2/3 of the stake");
        }
        AssertDrainsTheOtherSide(sideA, true);
        AssertDrainsTheOtherSide(sideB, false);
        output.WriteLine($"partition 50/50 from epoch {PartitionFrom} to {HealAt}: side {{0,1}} finalized epoch {sideA.Finalized.Epoch} "
            + $"({sideA.Finalized.Root}), side {{2,3}} finalized epoch {sideB.Finalized.Epoch} ({sideB.Finalized.Root})");

        net.Heal();
        net.RunUntil(net.AllOnOneHead, TimeSpan.FromMinutes(2)).Should().BeTrue("one head after the heal");
        net.RunToEpoch(HealAt + 6, 1);
        for (var node = 0; node < 4; node++)
            net.LastTransition(node).Finalized.Epoch.Should().BeGreaterThan(HealAt, $"node {node} finalizes again after the heal");
        net.RunUntil(net.AllOnOneHead, TimeSpan.FromSeconds(30)).Should().BeTrue("still one head");
        Enumerable.Range(0, 4).Select(n => net.LastTransition(n).Finalized).Distinct().Should().HaveCount(1, "one finalized checkpoint");
        output.WriteLine($"after the heal: every node on one head, finalized epoch {net.LastTransition(0).Finalized.Epoch} "
            + $"at epoch {net.LastTransition(0).Epoch}");
    }

    /// <summary>
    /// In a side's own view, every validator it cannot hear has lost balance and has a higher inactivity score than any
    /// validator it hears.
    /// </summary>
    private static void AssertDrainsTheOtherSide(EpochTransition t, bool sideA)
    {
        t.Validators.Should().HaveCount(ValidatorCount, "the transition carries per-validator detail");
        ulong absentBalance = 0, presentBalance = 0, highestPresentScore = 0, lowestAbsentScore = ulong.MaxValue;
        foreach (var v in t.Validators)
        {
            if (OnSideA(v.Index) == sideA)
            {
                presentBalance += v.Balance;
                highestPresentScore = Math.Max(highestPresentScore, v.InactivityScore);
            }
            else
            {
                absentBalance += v.Balance;
                lowestAbsentScore = Math.Min(lowestAbsentScore, v.InactivityScore);
                v.Balance.Should().BeLessThan(v.BalanceBefore, $"v{v.Index} leaks");
            }
        }
        lowestAbsentScore.Should().BeGreaterThan(highestPresentScore, "inactivity: absent validators above every present one");
        absentBalance.Should().BeLessThan(presentBalance, "the absent side's stake drains below the present side's");
    }
}
