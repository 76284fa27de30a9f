using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using System.Numerics;

namespace ActorChain.Simulation.Tests.Embedded;

/// <summary>Whole nodes in virtual time: a partition heals onto the heavier chain, and a node that missed blocks syncs (Java PartitionAndSyncTest).</summary>
public sealed class PartitionAndSyncTests
{
    [Fact]
    public void Converges_on_the_heavier_chain_after_a_partition_heals()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong> { [0] = 3000, [1] = 1000 }, new LinkSettings(50, 20, 0.0), seed: 5);
        rig.Tell(new EmbeddedNetwork.Partition([[0], [1]]));
        rig.RunFor(TimeSpan.FromMinutes(4));
        rig.Tell(EmbeddedNetwork.StopProducing.Instance);
        var a = rig.HeadOf(0);
        var b = rig.HeadOf(1);
        a.Hash.Should().NotBe(b.Hash);
        var heavier = BigInteger.Parse(a.TotalDifficulty) > BigInteger.Parse(b.TotalDifficulty) ? a : b;
        var lighterNode = heavier == a ? 1 : 0;

        rig.Tell(EmbeddedNetwork.Heal.Instance);
        var converged = rig.RunUntil(rig.AllOnOneHead, TimeSpan.FromMinutes(2));

        converged.Should().BeTrue("both nodes on one head after the heal");
        rig.HeadOf(0).Hash.Should().Be(heavier.Hash);
        rig.HeadOf(1).Hash.Should().Be(heavier.Hash);
        var reorgs = rig.Events("reorg").Where(e => e.Node == lighterNode).ToList();
        reorgs.Should().NotBeEmpty();
        Convert.ToInt64(reorgs[^1]["depth"], System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(1);
    }

    [Fact]
    public void Syncs_a_node_that_missed_blocks()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong> { [0] = 1000 }, new LinkSettings(20, 0, 0.0));
        rig.Tell(new EmbeddedNetwork.Partition([[0], [1]]));
        rig.RunFor(TimeSpan.FromMinutes(3));
        rig.Tell(EmbeddedNetwork.StopProducing.Instance);
        var mined = rig.HeadOf(0).Height;
        mined.Should().BeGreaterThan((ulong)SyncActor.Batch, "node 0 mined alone, more than one round of fetching");
        rig.HeadOf(1).Height.Should().Be(0);

        rig.Tell(EmbeddedNetwork.Heal.Instance);
        var synced = rig.RunUntil(rig.AllOnOneHead, TimeSpan.FromMinutes(1));

        synced.Should().BeTrue();
        rig.HeadOf(1).Height.Should().Be(mined);
        var batches = ((int)mined + SyncActor.Batch - 1) / SyncActor.Batch;
        rig.Events("sync_request").Count(e => e.Node == 1).Should().BeInRange(2, batches + 1,
            $"one request per batch of {SyncActor.Batch} ancestors, not one per block");
        rig.Events("block_rejected").Should().BeEmpty();
    }

    [Fact]
    public void Keeps_all_nodes_on_one_chain_without_faults()
    {
        using var rig = new EmbeddedRig(4, new Dictionary<int, ulong> { [0] = 1000, [1] = 1000, [2] = 1000, [3] = 1000 },
            new LinkSettings(100, 50, 0.0));
        rig.RunFor(TimeSpan.FromMinutes(3));
        rig.Tell(EmbeddedNetwork.StopProducing.Instance);
        rig.RunUntil(rig.AllOnOneHead, TimeSpan.FromSeconds(30));

        rig.AllOnOneHead().Should().BeTrue();
        rig.HeadOf(0).Height.Should().BeGreaterThan(40);
        rig.Events("pow_block_mined").Count.Should().BeGreaterThanOrEqualTo((int)rig.HeadOf(0).Height);
    }
}
