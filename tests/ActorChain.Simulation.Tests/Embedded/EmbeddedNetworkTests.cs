using System.Collections.Immutable;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using Akka.Actor;

namespace ActorChain.Simulation.Tests.Embedded;

/// <summary>The embedded network in virtual time: wiring, partitions and heals, crash and restart, fault routing.</summary>
public sealed class EmbeddedNetworkTests
{
    private static readonly LinkSettings Link = new(20, 0, 0.0);

    [Fact]
    public void Two_nodes_link_to_each_other_both_ways()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong>(), Link);

        rig.Nodes().Keys.Should().Equal(0, 1);
        rig.Parts(0).Links.Keys.Should().Equal(1);
        rig.Parts(1).Links.Keys.Should().Equal(0);
        rig.Events("peer_linked").Select(e => (e.Node, e["peer"])).Should().BeEquivalentTo([(0, (object)1), (1, (object)0)]);
    }

    [Fact]
    public void A_partition_cuts_both_links_and_a_heal_restores_them()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong>(), Link);

        rig.Tell(new EmbeddedNetwork.Partition([[0], [1]]));
        LinkStats(rig, 0, 1).Partitioned.Should().BeTrue();
        LinkStats(rig, 1, 0).Partitioned.Should().BeTrue();

        rig.Tell(EmbeddedNetwork.Heal.Instance);
        LinkStats(rig, 0, 1).Partitioned.Should().BeFalse();
        LinkStats(rig, 1, 0).Partitioned.Should().BeFalse();
        rig.Events("partition").Should().ContainSingle().Which["groups"].Should().Be("[[0], [1]]");
        rig.Events("heal").Should().ContainSingle();
    }

    [Fact]
    public void Blocks_cross_only_while_the_nodes_are_not_partitioned()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong> { [0] = 1000 }, Link);

        rig.Tell(new EmbeddedNetwork.Partition([[0], [1]]));
        rig.RunFor(TimeSpan.FromSeconds(30));
        rig.HeadOf(0).Height.Should().BeGreaterThan(0, "node 0 mines alone");
        rig.HeadOf(1).Height.Should().Be(0, "nothing crosses the cut");

        rig.Tell(EmbeddedNetwork.Heal.Instance);
        rig.RunUntil(rig.AllOnOneHead, TimeSpan.FromSeconds(30)).Should().BeTrue("the heal lets the blocks through");
        rig.HeadOf(1).Height.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_crashed_node_is_unlinked_and_restarts_from_its_stores()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong> { [0] = 1000 }, Link);
        rig.RunUntil(() => rig.HeadOf(1).Height >= 3, TimeSpan.FromMinutes(1)).Should().BeTrue();

        var crashed = rig.Ask<FaultReply>(rig.Network, r => new EmbeddedNetwork.InjectFault(new Fault.Crash(1), r));
        crashed.Accepted.Should().BeTrue(crashed.Detail);
        rig.Nodes().Keys.Should().Equal(0);
        rig.Parts(0).Links.Should().BeEmpty();
        rig.Events("node_crashed").Should().ContainSingle().Which.Node.Should().Be(1);
        rig.RunFor(TimeSpan.FromSeconds(20));

        var restarted = rig.Ask<FaultReply>(rig.Network, r => new EmbeddedNetwork.ClearFault(new Fault.Crash(1), r));
        restarted.Accepted.Should().BeTrue(restarted.Detail);
        rig.Nodes().Keys.Should().Equal(0, 1);
        rig.Parts(1).Links.Keys.Should().Equal(0);
        rig.Parts(0).Links.Keys.Should().Equal(1);
        rig.Events("node_restarted").Should().ContainSingle().Which["downMillis"].Should().Be(20_000L);
        rig.RunUntil(rig.AllOnOneHead, TimeSpan.FromSeconds(30)).Should().BeTrue("the restarted node syncs");
    }

    [Fact]
    public void A_fault_naming_an_unknown_validator_or_node_is_refused_and_logged()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong>(), Link);

        var validator = rig.Ask<FaultReply>(rig.Network, r => new EmbeddedNetwork.InjectFault(new Fault.Offline("v9"), r));
        var node = rig.Ask<FaultReply>(rig.Network, r => new EmbeddedNetwork.InjectFault(new Fault.Crash(7), r));

        validator.Accepted.Should().BeFalse();
        validator.Detail.Should().Contain("unknown validator 'v9'");
        node.Accepted.Should().BeFalse();
        node.Detail.Should().Contain("unknown node 7");
        rig.Events("fault_rejected").Should().HaveCount(2);
    }

    [Fact]
    public void A_node_refuses_a_node_fault_that_names_another_node()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong>(), Link);

        var reply = rig.Ask<FaultReply>(rig.Node(0), r => new NodeGuardian.InjectFault(new Fault.SelfishMining(1), r));

        reply.Accepted.Should().BeFalse();
        reply.Detail.Should().Contain("names node 1; this is node 0");
    }

    private static PeerLinkActor.Stats LinkStats(EmbeddedRig rig, int node, int peer) =>
        rig.Ask<PeerLinkActor.Stats>(rig.Parts(node).Links[peer], r => new PeerLinkActor.GetStats(r));
}
