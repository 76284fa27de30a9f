using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using Akka.Actor;

namespace ActorChain.Simulation.Tests.Embedded;

/// <summary>Faults held by a node (its FaultDesk), a crash injected into a guardian, and replay from a seed.</summary>
public sealed class NodeFaultTests
{
    private static readonly LinkSettings Link = new(20, 0, 0.0);

    [Fact]
    public void A_held_fault_ends_by_itself_when_its_until_elapses()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong>(), Link, validators: 2, pos: true);
        var node0 = rig.Node(0);

        var answer = rig.Ask<FaultDesk.NodeAnswer>(node0, r => new FaultDesk.Hold(new Fault.Offline("v0"), 5_000, r));
        answer.Outcome.Should().Be(FaultDesk.Outcome.Accepted, answer.Detail);
        rig.Ask<FaultDesk.ActiveFaults>(node0, r => new FaultDesk.GetActive(r)).Faults.Should().ContainSingle()
            .Which.UntilMillis.Should().Be(rig.NowMillis + 5_000);

        rig.RunFor(TimeSpan.FromSeconds(6));

        rig.Ask<FaultDesk.ActiveFaults>(node0, r => new FaultDesk.GetActive(r)).Faults.Should().BeEmpty();
        rig.Events("fault_injected").Should().ContainSingle().Which["fault"].Should().Be("offline v0");
        rig.Events("fault_cleared").Should().ContainSingle().Which["reason"].Should().Be("until");
    }

    [Fact]
    public void A_node_does_not_hold_a_fault_of_a_validator_it_does_not_host()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong>(), Link, validators: 2, pos: true);

        var answer = rig.Ask<FaultDesk.NodeAnswer>(rig.Node(0), r => new FaultDesk.Hold(new Fault.Offline("v1"), null, r));

        answer.Outcome.Should().Be(FaultDesk.Outcome.NotHere);
        answer.Detail.Should().Contain("not hosted on node 0");
    }

    [Fact]
    public void A_crash_injected_into_a_guardian_stops_the_node_and_its_network_restarts_it_on_a_clear()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong> { [0] = 1000 }, Link);
        rig.RunFor(TimeSpan.FromSeconds(10));

        var reply = rig.Ask<FaultReply>(rig.Node(1), r => new NodeGuardian.InjectFault(new Fault.Crash(1), r));
        reply.Accepted.Should().BeTrue(reply.Detail);
        rig.Nodes().Keys.Should().Equal(0);
        rig.Parts(0).Links.Should().BeEmpty("its peer unlinked it");

        var restart = rig.Ask<FaultReply>(rig.Network, r => new EmbeddedNetwork.ClearFault(new Fault.Crash(1), r));
        restart.Accepted.Should().BeTrue(restart.Detail);
        rig.Nodes().Keys.Should().Equal(0, 1);
        rig.RunUntil(rig.AllOnOneHead, TimeSpan.FromSeconds(30)).Should().BeTrue();
    }

    [Fact]
    public void Latency_on_every_link_reaches_each_link_and_a_restarted_node_gets_it_too()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong>(), Link);
        rig.Tell(new EmbeddedNetwork.AllLinks(new LinkFault.Latency(300, 0)));
        rig.Ask<FaultReply>(rig.Network, r => new EmbeddedNetwork.InjectFault(new Fault.Crash(1), r));
        rig.Ask<FaultReply>(rig.Network, r => new EmbeddedNetwork.ClearFault(new Fault.Crash(1), r));

        LinkSettingsOf(rig, 0, 1).MeanLatencyMillis.Should().Be(300);
        LinkSettingsOf(rig, 1, 0).MeanLatencyMillis.Should().Be(300);
    }

    [Fact]
    public void The_same_seed_gives_the_same_events()
    {
        string Run()
        {
            using var rig = new EmbeddedRig(3, new Dictionary<int, ulong> { [0] = 1000, [2] = 500 }, new LinkSettings(50, 20, 0.0), seed: 7);
            rig.Tell(new EmbeddedNetwork.Partition([[0], [1, 2]]));
            rig.RunFor(TimeSpan.FromSeconds(30));
            rig.Tell(EmbeddedNetwork.Heal.Instance);
            rig.RunFor(TimeSpan.FromSeconds(30));
            rig.Conductor.Violations.Should().BeEmpty();
            return string.Join("\n", rig.AllEvents.Select(e => $"{e.T} {e.Node} {e.Type} "
                + string.Join(",", e.Fields.Select(f => f.Key + "=" + f.Value))));
        }

        var first = Run();
        first.Should().Contain("block_imported");
        Run().Should().Be(first);
    }

    private static LinkSettings LinkSettingsOf(EmbeddedRig rig, int node, int peer) =>
        rig.Ask<PeerLinkActor.Stats>(rig.Parts(node).Links[peer], r => new PeerLinkActor.GetStats(r)).Settings;
}
