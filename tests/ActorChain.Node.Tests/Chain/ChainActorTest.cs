using System.Collections.Immutable;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pow;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.Node.Storage;
using Akka.Actor;
using Akka.TestKit;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Chain;

/// <summary>The PoW side of <see cref="ChainActor"/>: import, fork choice, orphans, sync serving, the merge, reload.</summary>
public sealed class ChainActorTest : Akka.TestKit.Xunit2.TestKit
{
    private static readonly ImmutableHashSet<ChainEventKind> PowKinds =
    [
        ChainEventKind.Head, ChainEventKind.BlockImported, ChainEventKind.BlockRejected, ChainEventKind.Reorg,
        ChainEventKind.AncestorMissing, ChainEventKind.Merged,
    ];

    private readonly TestProbe _events;
    private readonly TestProbe _subscriber;

    /// <summary>Probes for the node's events and for one subscriber.</summary>
    public ChainActorTest()
        : base(WireConfig.Strict())
    {
        _events = CreateTestProbe("events");
        _subscriber = CreateTestProbe("subscriber");
    }

    [Fact]
    public void Imports_blocks_and_publishes_the_new_head_to_a_subscriber()
    {
        var settings = ChainFixture.Settings();
        var pow = new PowChain(settings);
        var chain = Start(settings);

        _subscriber.ExpectMsg<ChainEvent.HeadChanged>().Head.Should().Be(pow.Genesis);
        var b1 = pow.Child(pow.Genesis);
        chain.Tell(new ChainActor.ImportBlock(b1, 3));

        _subscriber.ExpectMsg<ChainEvent.BlockImported>().Should().Be(new ChainEvent.BlockImported(b1, 3));
        var head = _subscriber.ExpectMsg<ChainEvent.HeadChanged>();
        head.Head.Should().Be(b1);
        head.Next.Height.Should().Be(2);
        head.TotalDifficulty.Should().Be(Targets.Work(pow.Genesis.Target) + Targets.Work(b1.Target));
        var imported = Events(chain).Single(e => e.Type == "block_imported");
        imported["hash"].Should().Be(b1.Hash.ToString());
        imported["from"].Should().Be(3);
    }

    [Fact]
    public void Publishes_a_reorg_when_a_heavier_branch_arrives()
    {
        var settings = ChainFixture.Settings();
        var pow = new PowChain(settings);
        var chain = Start(settings);
        var a1 = pow.Child(pow.Genesis, "alice-miner");
        var branch = pow.Extend(pow.Genesis, 2, "bob-miner");

        chain.Tell(new ChainActor.ImportBlock(a1, 1));
        chain.Tell(new ChainActor.ImportBlock(branch[0], 2)); // equal work: the first seen stays head
        chain.Tell(new ChainActor.ImportBlock(branch[1], 2));

        var reorg = _subscriber.FishForMessage<ChainEvent.Reorged>(_ => true);
        reorg.Reorg.OldHead.Should().Be(a1.Hash);
        reorg.Reorg.NewHead.Should().Be(branch[1].Hash);
        reorg.Reorg.Depth.Should().Be(1);
        reorg.Abandoned.Should().BeEmpty();
        _subscriber.ExpectMsg<ChainEvent.HeadChanged>().Head.Should().Be(branch[1]);
        Head(chain).Reorgs.Should().Be(1);
        Events(chain).Where(e => e.Type == "reorg").Should().ContainSingle().Which["depth"].Should().Be(1);
    }

    [Fact]
    public void Holds_a_block_until_its_parent_arrives_and_asks_for_the_far_end_of_the_gap()
    {
        var settings = ChainFixture.Settings();
        var pow = new PowChain(settings);
        var chain = Start(settings);
        var blocks = pow.Extend(pow.Genesis, 3);

        chain.Tell(new ChainActor.ImportBlock(blocks[2], 5));
        chain.Tell(new ChainActor.ImportBlock(blocks[1], 5));
        _subscriber.FishForMessage<ChainEvent.AncestorMissing>(_ => true)
            .Should().Be(new ChainEvent.AncestorMissing(blocks[1].Hash, blocks[2].Hash, 5));
        _subscriber.ExpectMsg<ChainEvent.AncestorMissing>()
            .Should().Be(new ChainEvent.AncestorMissing(blocks[0].Hash, blocks[1].Hash, 5));
        Head(chain).Orphans.Should().Be(2);

        chain.Tell(new ChainActor.ImportBlock(blocks[0], 5));
        Head(chain).Head.Should().Be(blocks[2]);
        Head(chain).Orphans.Should().Be(0);
    }

    [Fact]
    public void Rejects_a_block_that_breaks_a_rule_naming_the_rule()
    {
        var settings = ChainFixture.Settings();
        var pow = new PowChain(settings);
        var chain = Start(settings);
        var bad = PowChain.WithWrongTarget(pow.Child(pow.Genesis));

        chain.Tell(new ChainActor.ImportBlock(bad, 2));

        var rejected = _subscriber.FishForMessage<ChainEvent.BlockRejected>(_ => true);
        rejected.Reason.Should().Be("WRONG_TARGET");
        rejected.FromNode.Should().Be(2);
        Head(chain).Rejected.Should().Be(1);
        Events(chain).Single(e => e.Type == "block_rejected")["reason"].Should().Be("WRONG_TARGET");
    }

    [Fact]
    public void Serves_a_block_and_its_ancestors_ascending()
    {
        var settings = ChainFixture.Settings();
        var pow = new PowChain(settings);
        var chain = Start(settings);
        var blocks = pow.Extend(pow.Genesis, 4);
        foreach (var b in blocks)
        {
            chain.Tell(new ChainActor.ImportBlock(b, 1));
        }

        chain.Tell(new ChainActor.ServeBlocks(blocks[3].Hash, 3, 7, TestActor));
        var found = ExpectMsg<ChainActor.BlocksFound>();
        found.ForNode.Should().Be(7);
        found.Blocks.Should().Equal(blocks[1], blocks[2], blocks[3]);

        chain.Tell(new ChainActor.ServeBlocks(PowChain.WithWrongTarget(blocks[0]).Hash, 3, 7, TestActor));
        ExpectMsg<ChainActor.BlocksFound>().Blocks.Should().BeEmpty();
    }

    [Fact]
    public void Merges_at_the_configured_height_once_confirmed_and_says_once_that_the_blocks_above_are_orphaned()
    {
        var settings = ChainFixture.Settings(mergeAt: 2, confirmations: 2);
        var pow = new PowChain(settings);
        var chain = Start(settings);
        var blocks = pow.Extend(pow.Genesis, 4);

        foreach (var b in blocks)
        {
            chain.Tell(new ChainActor.ImportBlock(b, 1));
        }

        var merged = _subscriber.FishForMessage<ChainEvent.Merged>(_ => true);
        var terminal = blocks[1];
        merged.AnchorRoot.Should().Be(terminal.Hash);
        merged.AnchorHeight.Should().Be(2);
        var delay = PosGenesis.DefaultGenesisDelayMillis(settings.Consensus.Config, 2, settings.Pow.BlockTimeMillis);
        merged.GenesisTimeSeconds.Should().Be(PosGenesis.GenesisTime(terminal.Timestamp, delay));
        merged.GenesisState.GenesisTime.Should().Be(merged.GenesisTimeSeconds);
        merged.GenesisState.ValidatorCount.Should().Be(4);
        Head(chain).Head.Should().Be(terminal, "views show T as the last PoW block");

        var events = Events(chain);
        events.Where(e => e.Type == "merge").Should().ContainSingle().Which["terminalHeight"].Should().Be(2UL);
        events.Where(e => e.Type == "pow_orphaned_at_merge").Should().ContainSingle().Which["count"].Should().Be(2UL);
    }

    [Fact]
    public void Merges_at_the_height_a_merge_command_names_and_remembers_it()
    {
        var settings = ChainFixture.Settings();
        var pow = new PowChain(settings);
        var stores = NodeStores.InMemory();
        var chain = Start(settings, stores);
        var blocks = pow.Extend(pow.Genesis, 3);
        foreach (var b in blocks)
        {
            chain.Tell(new ChainActor.ImportBlock(b, 1));
        }

        chain.Tell(new ChainActor.MergeAt(1));

        _subscriber.FishForMessage<ChainEvent.Merged>(_ => true).AnchorRoot.Should().Be(blocks[0].Hash);
        stores.Chain.Meta(ChainReload.MergeAtKey).Should().Equal(0, 0, 0, 0, 0, 0, 0, 1);
        Events(chain).Select(e => e.Type).Should().ContainInOrder("merge_scheduled", "merge", "pow_orphaned_at_merge");
    }

    [Fact]
    public void Starts_in_pos_from_the_genesis_block_without_orphaning_anything()
    {
        var settings = ChainFixture.Settings();
        var chain = Start(settings);

        chain.Tell(ChainActor.StartPos.Instance);

        var merged = _subscriber.FishForMessage<ChainEvent.Merged>(_ => true);
        merged.AnchorHeight.Should().Be(0);
        merged.AnchorRoot.Should().Be(settings.GenesisBlock().Hash);
        Events(chain).Select(e => e.Type).Should().Contain("merge").And.NotContain("pow_orphaned_at_merge");
    }

    [Fact]
    public void A_restarted_node_reloads_its_stored_blocks_before_anything_else()
    {
        var settings = ChainFixture.Settings();
        var pow = new PowChain(settings);
        var stores = NodeStores.InMemory();
        var first = Start(settings, stores);
        var blocks = pow.Extend(pow.Genesis, 3);
        foreach (var b in blocks)
        {
            first.Tell(new ChainActor.ImportBlock(b, 1));
        }

        Head(first).Head.Should().Be(blocks[2]);
        Sys.Stop(first);

        var second = Start(settings, stores, "chain2");
        Head(second).Head.Should().Be(blocks[2]);
        var reloaded = Events(second).Single(e => e.Type == "chain_reloaded");
        reloaded["powBlocks"].Should().Be(3);
        reloaded["powHeight"].Should().Be(3UL);
    }

    [Fact]
    public void A_restarted_node_that_had_started_in_pos_merges_again_on_start()
    {
        var settings = ChainFixture.Settings();
        var stores = NodeStores.InMemory();
        var first = Start(settings, stores);
        first.Tell(ChainActor.StartPos.Instance);
        _subscriber.FishForMessage<ChainEvent.Merged>(_ => true);
        Sys.Stop(first);

        var second = Start(settings, stores, "chain2");

        Events(second).Select(e => e.Type).Should().ContainInOrder("chain_reloaded", "merge");
    }

    [Fact]
    public void After_the_merge_a_new_subscriber_gets_the_merge_and_a_late_pow_block_is_ignored()
    {
        var settings = ChainFixture.Settings(mergeAt: 1, confirmations: 1);
        var pow = new PowChain(settings);
        var chain = Start(settings);
        var blocks = pow.Extend(pow.Genesis, 3);
        chain.Tell(new ChainActor.ImportBlock(blocks[0], 1));
        chain.Tell(new ChainActor.ImportBlock(blocks[1], 1));
        var merged = _subscriber.FishForMessage<ChainEvent.Merged>(_ => true);

        var late = CreateTestProbe();
        chain.Tell(new ChainActor.Subscribe(late.Ref, PowKinds));
        late.ExpectMsg<ChainEvent.Merged>().Should().Be(merged);
        chain.Tell(new ChainActor.ImportBlock(blocks[2], 1));

        Head(chain).Head.Should().Be(blocks[0], "views show T as the last PoW block");
        var events = Events(chain);
        events.Where(e => e.Type == "pow_orphaned_at_merge").Should().ContainSingle().Which["count"].Should().Be(1UL);
        events.Where(e => e.Type == "pow_block_ignored").Should().ContainSingle().Which["height"].Should().Be(3UL);
    }

    [Fact]
    public void A_restarted_node_that_had_merged_merges_again_without_saying_again_that_blocks_were_orphaned()
    {
        var settings = ChainFixture.Settings(mergeAt: 1, confirmations: 1);
        var pow = new PowChain(settings);
        var stores = NodeStores.InMemory();
        var blocks = pow.Extend(pow.Genesis, 2);
        stores.Chain.PutPowBlock(blocks[0]);
        stores.Chain.PutPowBlock(blocks[1]);
        stores.Chain.PutBeaconBlock(Storage.Blocks.Beacon(1, blocks[0].Hash));

        var chain = Start(settings, stores);

        _subscriber.FishForMessage<ChainEvent.Merged>(_ => true).AnchorRoot.Should().Be(blocks[0].Hash);
        var types = Events(chain).Select(e => e.Type).ToList();
        types.Should().ContainInOrder("chain_reloaded", "merge").And.NotContain("pow_orphaned_at_merge");
    }

    private IActorRef Start(ChainSettings settings, NodeStores? stores = null, string name = "chain")
    {
        var chain = Sys.ActorOf(ChainActor.Create(ChainFixture.Node(settings, _events.Ref, stores)), name);
        chain.Tell(new ChainActor.Subscribe(_subscriber.Ref, PowKinds));
        return chain;
    }

    private ChainActor.HeadInfo Head(IActorRef chain)
    {
        var probe = CreateTestProbe();
        chain.Tell(new ChainActor.GetHead(probe.Ref));
        return probe.ExpectMsg<ChainActor.HeadInfo>();
    }

    /// <summary>Every event the node emitted so far: the head query is a barrier (the probes run on the calling thread).</summary>
    private List<NodeEvent> Events(IActorRef chain)
    {
        Head(chain);
        var all = new List<NodeEvent>();
        while (_events.HasMessages)
        {
            all.Add(_events.ExpectMsg<NodeEvent>());
        }

        return all;
    }
}
