using ActorChain.Node.Events;
using ActorChain.TestKit;

namespace ActorChain.Simulation.Tests.TestKit;

/// <summary>The TestKit base class: networks live in its virtual-time <c>Sys</c>, next to its probes.</summary>
public sealed class ConsensusTestKitTests : ConsensusTestKit
{
    [Fact]
    public void A_network_disposed_in_the_testkit_stops_and_the_next_one_runs_alone()
    {
        var first = StartNetwork(Network("first").Nodes(2).Validators(8).Pos());
        first.RunToEpoch(1);
        first.Dispose();
        var seen = first.Events().Length;

        using var second = StartNetwork(Network("second").Nodes(2).Validators(8).Pos());
        second.RunUntilFinalized(epoch: 1, bySlot: 40);

        first.Events().Should().HaveCount(seen, "the first network's actors stopped with it");
        second.Violations.Should().BeEmpty();
    }

    [Fact]
    public void A_probe_holds_the_network_s_events_as_soon_as_a_run_returns()
    {
        using var net = StartNetwork(Network("probe").Nodes(2).Validators(8).Pos());
        var probe = CreateTestProbe();
        net.SubscribeEvents(probe);

        net.RunToEpoch(1);

        probe.HasMessages.Should().BeTrue();
        probe.ExpectMsg<NodeEvent>(TimeSpan.Zero).T.Should().BeGreaterThanOrEqualTo(0);
        Time.Elapsed.Should().Be(TimeSpan.FromMilliseconds(net.Now), "the TestKit's conductor drives the network");
    }
}
