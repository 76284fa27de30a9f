using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;

namespace ActorChain.Simulation.Tests.Embedded;

/// <summary>Whole PoS nodes through the guardian: beacon blocks and batched votes cross the links, both nodes finalize.</summary>
public sealed class PosEmbeddedTests
{
    [Fact]
    public void Two_pos_nodes_exchange_blocks_and_votes_and_finalize_the_same_checkpoint()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong>(), new LinkSettings(20, 0, 0.0), validators: 8, pos: true);

        rig.RunFor(TimeSpan.FromMilliseconds(8 * 6 * 1000 + 500)); // six minimal epochs of 8 one-second slots, then mid-slot

        var a = rig.Status(0);
        var b = rig.Status(1);
        a.Finalized.Should().NotBeNull();
        a.Finalized!.Epoch.Should().BeGreaterThanOrEqualTo(2);
        b.Finalized.Should().Be(a.Finalized);
        b.HeadHash.Should().Be(a.HeadHash);
        a.Blocks.Should().BeGreaterThan(30, "each node imports its own and its peer's beacon blocks");
        a.MalformedMessages.Should().Be(0);
        rig.Conductor.Violations.Should().BeEmpty("no actor work came from another thread");
    }

    [Fact]
    public void A_pos_node_restarted_after_a_crash_reloads_its_chain_and_catches_up()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong>(), new LinkSettings(20, 0, 0.0), validators: 8, pos: true);
        rig.RunFor(TimeSpan.FromMilliseconds(8 * 4 * 1000 + 500));
        var before = rig.Status(1).Finalized!.Epoch;

        rig.Ask<FaultReply>(rig.Network, r => new EmbeddedNetwork.InjectFault(new Fault.Crash(1), r)).Accepted.Should().BeTrue();
        rig.RunFor(TimeSpan.FromSeconds(8 * 2));
        rig.Ask<FaultReply>(rig.Network, r => new EmbeddedNetwork.ClearFault(new Fault.Crash(1), r)).Accepted.Should().BeTrue();
        rig.RunFor(TimeSpan.FromSeconds(8 * 4));

        var a = rig.Status(0);
        var b = rig.Status(1);
        b.Finalized!.Epoch.Should().BeGreaterThanOrEqualTo(before);
        b.HeadHash.Should().Be(a.HeadHash, "the restarted node caught up");
        b.Finalized.Should().Be(a.Finalized);
        rig.Events("node_restarted").Should().ContainSingle();
    }
}
