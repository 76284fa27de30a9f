using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Chain;
using ActorChain.Node.Time;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Chain;

/// <summary>The beacon behaviour of ChainActor: block import, refusals with their reasons, orphans, early blocks, sync serving.</summary>
public sealed class BeaconChainImportTests() : Akka.TestKit.Xunit2.TestKit(WireConfig.Strict(SimConfig.Config()))
{
    private static readonly System.Collections.Immutable.ImmutableHashSet<ChainEventKind> Kinds =
    [
        ChainEventKind.PosHead, ChainEventKind.BeaconBlockImported, ChainEventKind.BlockRejected,
        ChainEventKind.BeaconAncestorMissing, ChainEventKind.BlockAttestations,
    ];

    [Fact]
    public void Imports_honest_blocks_and_follows_them_as_head()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var blocks = t.ProduceChain(t.Anchor, 1, 3);
        foreach (var b in blocks)
        {
            t.Tick(b.Slot, 100);
            t.Send(new ChainActor.ImportBeaconBlock(b, 1));
        }

        t.EventsOf("block_imported").Select(e => e["root"]).Should().Equal(blocks.Select(b => (object)b.Root.ToString()));
        var heads = t.ChainEvents<ChainEvent.PosHeadChanged>();
        heads[0].Root.Should().Be(t.Anchor, "a subscriber first gets the current head");
        heads.Skip(1).Select(h => h.Root).Should().Equal(blocks.Select(b => b.Root));
        var status = t.Ask<ChainActor.PosStatus>(r => new ChainActor.GetPosStatus(r), CreateTestProbe());
        status.HeadRoot.Should().Be(blocks[^1].Root);
        status.HeadSlot.Should().Be(3);
        status.CurrentSlot.Should().Be(3);
    }

    [Fact]
    public void Counts_the_votes_of_an_imported_block_as_one_event()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var blocks = t.ProduceChain(t.Anchor, 1, 2);
        foreach (var b in blocks)
        {
            t.Tick(b.Slot, 100);
            t.Send(new ChainActor.ImportBeaconBlock(b, 1));
        }

        var counted = t.ChainEvents<ChainEvent.BlockAttestationsImported>().Should().ContainSingle().Subject;
        counted.BlockRoot.Should().Be(blocks[1].Root);
        counted.Attestations.Select(a => a.Attestation).Should().Equal(blocks[1].Body.Attestations);
        counted.Attestations.Should().AllSatisfy(a => a.FromBlock.Should().BeTrue());
        t.EventsOf("block_imported")[1]["attestations"].Should().Be(blocks[1].Body.Attestations.Length);
    }

    [Fact]
    public void Rejects_bad_blocks_with_their_exact_reason()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var valid = t.Produce(t.Anchor, 1);
        var proposer = (int)valid.ProposerIndex;
        var impostor = (proposer + 1) % BeaconTestChain.Validators;
        var genesis = t.StateOf(t.Anchor);
        var badStateRoot = Resigned(valid.Header with { StateRoot = Sha256.Hash("not the post-state"u8) }, valid.Body,
            t.KeyOf(genesis, proposer));
        var wrongProposer = Resigned(valid.Header with { ProposerIndex = (ulong)impostor }, valid.Body, t.KeyOf(genesis, impostor));

        t.Tick(1, 100);
        t.Send(new ChainActor.ImportBeaconBlock(badStateRoot, 2));
        t.Send(new ChainActor.ImportBeaconBlock(wrongProposer, 2));

        var rejected = t.EventsOf("block_rejected");
        rejected.Select(e => ((string)e["root"]!, (ulong)e["slot"]!, (int)e["from"]!, (string)e["reason"]!)).Should().Equal(
            (badStateRoot.Root.ToString(), 1UL, 2, "STATE_ROOT_MISMATCH"),
            (wrongProposer.Root.ToString(), 1UL, 2, "WRONG_PROPOSER"));
        rejected.Should().AllSatisfy(e => ((string)e["detail"]!).Should().NotBeNullOrWhiteSpace());
        t.ChainEvents<ChainEvent.BlockRejected>().Select(r => r.Reason).Should().Equal("STATE_ROOT_MISMATCH", "WRONG_PROPOSER");
        t.EventsOf("block_imported").Should().BeEmpty();

        t.Send(new ChainActor.ImportBeaconBlock(valid, 2));
        t.EventsOf("block_imported").Should().ContainSingle().Which["root"].Should().Be(valid.Root.ToString());
    }

    [Fact]
    public void Refuses_a_block_from_a_future_slot_by_the_clock()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var future = t.Produce(t.Anchor, 3);
        t.Tick(1, 100);
        t.Send(new ChainActor.ImportBeaconBlock(future, 1));

        var rejected = t.EventsOf("block_rejected").Should().ContainSingle().Subject;
        rejected["reason"].Should().Be("FUTURE_SLOT");
        ((string)rejected["detail"]!).Should().StartWith("FUTURE_SLOT (slot 3, current slot 1");
    }

    [Fact]
    public void Holds_a_block_slightly_early_for_its_slot_until_the_slot_starts()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var b1 = t.Produce(t.Anchor, 1);
        t.Tick(1, 100);
        t.Send(new ChainActor.ImportBeaconBlock(b1, 1));
        var b2 = t.Produce(b1.Root, 2);

        t.RunTo(1_700); // 300 ms before slot 2: within MAXIMUM_GOSSIP_CLOCK_DISPARITY
        t.Send(new ChainActor.ImportBeaconBlock(b2, 3));
        t.EventsOf("block_imported").Should().ContainSingle("b2 is held, not imported yet");

        t.Tick(2);
        t.EventsOf("block_rejected").Should().BeEmpty();
        var imported = t.EventsOf("block_imported").Should().HaveCount(2).And.Subject.Last();
        imported["root"].Should().Be(b2.Root.ToString());
        imported["from"].Should().Be(3);
    }

    [Fact]
    public void Holds_an_orphan_until_its_parent_comes_and_asks_for_the_missing_block()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var blocks = t.ProduceChain(t.Anchor, 1, 3);
        t.Tick(3, 100);
        t.Send(new ChainActor.ImportBeaconBlock(blocks[2], 1));
        t.Send(new ChainActor.ImportBeaconBlock(blocks[1], 1));

        var missing = t.ChainEvents<ChainEvent.BeaconAncestorMissing>();
        missing.Select(m => m.MissingRoot).Should().Equal(blocks[1].Root, blocks[0].Root);
        t.EventsOf("block_imported").Should().BeEmpty();

        t.Send(new ChainActor.ImportBeaconBlock(blocks[0], 1));
        t.EventsOf("block_imported").Select(e => e["slot"]).Should().Equal(1UL, 2UL, 3UL);
        t.Ask<ChainActor.PosStatus>(r => new ChainActor.GetPosStatus(r), CreateTestProbe()).HeadRoot.Should().Be(blocks[2].Root);
    }

    [Fact]
    public void Serves_beacon_blocks_ascending_up_to_the_root_asked_for()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var blocks = t.ProduceChain(t.Anchor, 1, 4);
        t.Tick(4, 100);
        foreach (var b in blocks)
        {
            t.Send(new ChainActor.ImportBeaconBlock(b, 1));
        }

        var found = t.Ask<ChainActor.BeaconBlocksFound>(r => new ChainActor.ServeBeaconBlocks(blocks[2].Root, 2, 5, r), CreateTestProbe());
        found.ForNode.Should().Be(5);
        found.Blocks.Select(b => b.Root).Should().Equal(blocks[1].Root, blocks[2].Root);
    }

    [Fact]
    public void A_sync_reply_keeps_the_newest_blocks_that_fit_its_byte_cap_and_at_least_one()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var blocks = t.ProduceChain(t.Anchor, 1, 4); // ascending
        var newestFirst = Enumerable.Reverse(blocks).ToList();
        var twoNewest = blocks[3].EncodedLength + blocks[2].EncodedLength;

        ChainActor.ServedBeaconBlocks(newestFirst, 64, twoNewest).Select(b => b.Root).Should().Equal(blocks[2].Root, blocks[3].Root);
        ChainActor.ServedBeaconBlocks(newestFirst, 64, 1).Select(b => b.Root).Should().Equal(blocks[3].Root);
        ChainActor.ServedBeaconBlocks(newestFirst, 3, int.MaxValue).Select(b => b.Root).Should().Equal(blocks[1].Root, blocks[2].Root, blocks[3].Root);
        ChainActor.MaxServedBeaconBytes.Should().BeLessThan(ActorChain.Node.Network.WireSerializer.MaxBytes, "a reply fits the serializer's cap");
    }

    [Fact]
    public void Stores_imported_blocks_parents_first()
    {
        var stores = ActorChain.Node.Storage.NodeStores.InMemory();
        using var t = new BeaconTestChain(this, Kinds, stores);
        var blocks = t.ProduceChain(t.Anchor, 1, 3);
        t.Tick(3, 100);
        foreach (var b in blocks)
        {
            t.Send(new ChainActor.ImportBeaconBlock(b, 1));
        }

        stores.Chain.LoadBlocks().OfType<ActorChain.Node.Storage.StoredBlock.Beacon>().Select(b => b.Block.Root)
            .Should().Equal(blocks.Select(b => b.Root));
    }

    [Fact]
    public void A_restarted_chain_reimports_its_stored_blocks_without_announcing_them()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var blocks = t.ProduceChain(t.Anchor, 1, 10);
        foreach (var b in blocks)
        {
            t.Tick(b.Slot, 100);
            t.Send(new ChainActor.ImportBeaconBlock(b, 1));
        }

        t.Tick(11);
        var before = t.EventsOf("block_imported").Count;
        t.Restart(Kinds);

        var reloaded = t.EventsOf("beacon_chain_reloaded").Should().ContainSingle().Subject;
        reloaded["blocks"].Should().Be(10);
        reloaded["imported"].Should().Be(10);
        reloaded["head"].Should().Be(blocks[^1].Root.ToString());
        t.EventsOf("block_imported").Should().HaveCount(before, "re-imported blocks are not news");
        t.Ask<ChainActor.PosStatus>(r => new ChainActor.GetPosStatus(r), CreateTestProbe()).HeadRoot.Should().Be(blocks[^1].Root);
    }

    private static BeaconBlock Resigned(BeaconBlockHeader header, BeaconBlockBody body, SigningKey key) =>
        new(header, body, key.Sign(Domain.Proposer, header.Root));
}
