using ActorChain.Node.Configuration;
using ActorChain.TestKit;

namespace ActorChain.Simulation.Tests.TestKit;

/// <summary>The fixture itself: asks do not move time, runs stop where they should, and every node's status reads out.</summary>
public sealed class SimNetworkTests
{
    private static SimNetwork FourPosNodes(string name) =>
        SimNetwork.Create(name).Nodes(4).Validators(16, 32).Seed(3).Pos().Start();

    [Fact]
    public void Asks_a_node_without_moving_virtual_time()
    {
        using var net = FourPosNodes("fixture-ask");
        net.RunToEpoch(1, 100);
        var before = net.Now;

        var status = net.PosStatus(2);

        net.Now.Should().Be(before);
        status.CurrentSlot.Should().Be(net.Config.StartSlot(1));
    }

    [Fact]
    public void Runs_until_a_condition_holds_and_no_further()
    {
        using var net = FourPosNodes("fixture-until");

        net.RunUntil(() => net.Transitions(0).Length >= 2, TimeSpan.FromMinutes(1)).Should().BeTrue();

        net.Transitions(0).Should().HaveCount(2, "the run stopped at the instant the condition first held");
        net.RunUntil(() => false, TimeSpan.FromSeconds(3)).Should().BeFalse();
    }

    [Fact]
    public void Reads_every_node_s_pos_status_on_one_head_and_one_finalized_checkpoint()
    {
        using var net = FourPosNodes("fixture-statuses");
        net.RunToEpoch(5, 500);

        var statuses = net.PosStatuses();

        statuses.Keys.Should().Equal(0, 1, 2, 3);
        statuses.Values.Select(s => s.HeadRoot).Distinct().Should().ContainSingle();
        statuses.Values.Select(s => s.Finalized).Distinct().Should().ContainSingle().Which.Epoch.Should().BeGreaterThanOrEqualTo(2);
        net.AllOnOneHead().Should().BeTrue();
        net.Status(1).Finalized!.Epoch.Should().Be(statuses[1].Finalized.Epoch);
        net.Violations.Should().BeEmpty();
    }
}
