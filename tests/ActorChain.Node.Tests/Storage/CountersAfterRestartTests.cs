using System.Collections.Immutable;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Storage;
using ActorChain.Node.Tests.Chain;
using Akka.Actor;

namespace ActorChain.Node.Tests.Storage;

/// <summary>A restarted node reports the same totals and counters as before the crash (the Java version forgot them).</summary>
public sealed class CountersAfterRestartTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly TempDir _tmp = new();

    /// <summary>Deletes the temp dir.</summary>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _tmp.Dispose();
    }

    private NodeStores Stores(string kind) =>
        kind == "memory" ? NodeStores.InMemory() : NodeStores.OpenDataDir(_tmp.Sub("node"), "genesis");

    [Theory]
    [InlineData("memory")]
    [InlineData("rocksdb")]
    public void The_chain_keeps_its_reorg_and_rejection_counts_and_does_not_count_reloaded_blocks(string kind)
    {
        using var stores = Stores(kind);
        var settings = ChainFixture.Settings();
        var pow = new PowChain(settings);
        var first = Sys.ActorOf(ChainActor.Create(ChainFixture.Node(settings, ActorRefs.Nobody, stores)), "chain1");
        var a1 = pow.Child(pow.Genesis, "alice-miner");
        var branch = pow.Extend(pow.Genesis, 2, "bob-miner");
        first.Tell(new ChainActor.ImportBlock(a1, 1));
        first.Tell(new ChainActor.ImportBlock(branch[0], 2));
        first.Tell(new ChainActor.ImportBlock(branch[1], 2)); // a reorg
        first.Tell(new ChainActor.ImportBlock(PowChain.WithWrongTarget(pow.Child(branch[1])), 2)); // a rejection
        var before = Head(first);
        before.Reorgs.Should().Be(1);
        before.Rejected.Should().Be(1);
        Watch(first);
        Sys.Stop(first); // the crash: the actors go, the store stays
        ExpectTerminated(first);

        var second = Sys.ActorOf(ChainActor.Create(ChainFixture.Node(settings, ActorRefs.Nobody, stores)), "chain2");
        var after = Head(second);

        after.Head.Should().Be(branch[1]);
        after.Reorgs.Should().Be(1, "the reload re-imports a1 and the branch without counting a reorg again");
        after.Rejected.Should().Be(1);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("rocksdb")]
    public void The_status_board_reports_the_same_totals_after_a_restart(string kind)
    {
        var settings = ChainFixture.Settings();
        var stores = Stores(kind);
        var board = new StatusBoard(ChainFixture.Node(settings, ActorRefs.Nobody, stores));
        board.BlockImported();
        board.BlockImported();
        board.Reorged();
        board.MalformedMessage();
        var before = board.Status(null, ImmutableArray<int>.Empty, 0);
        if (kind == "rocksdb")
        {
            stores.Dispose(); // the process is gone; the data dir is opened again
            stores = Stores(kind);
        }

        var restarted = new StatusBoard(ChainFixture.Node(settings, ActorRefs.Nobody, stores));
        var after = restarted.Status(null, ImmutableArray<int>.Empty, 0);
        stores.Dispose();

        before.Blocks.Should().Be(2);
        after.Should().Be(before);
        after.Reorgs.Should().Be(1);
        after.MalformedMessages.Should().Be(1);
    }

    [Fact]
    public void A_fresh_node_starts_from_zero_and_counters_are_kept_by_name()
    {
        using var stores = NodeStores.InMemory();
        NodeCounters.Read(stores.Chain, "blocks").Should().Be(0);
        NodeCounters.Write(stores.Chain, "blocks", 41).Should().Be(41);
        NodeCounters.Read(stores.Chain, "blocks").Should().Be(41);
        NodeCounters.Read(null, "blocks").Should().Be(0);
        stores.Chain.PutMeta("counter.bad", [1]);
        FluentActions.Invoking(() => NodeCounters.Read(stores.Chain, "bad")).Should().Throw<StoreException>()
            .WithMessage("data dir memory: metadata counter.bad is corrupt (1 bytes, not 8)");
    }

    private ChainActor.HeadInfo Head(IActorRef chain)
    {
        var probe = CreateTestProbe();
        chain.Tell(new ChainActor.GetHead(probe.Ref));
        return probe.ExpectMsg<ChainActor.HeadInfo>();
    }
}
