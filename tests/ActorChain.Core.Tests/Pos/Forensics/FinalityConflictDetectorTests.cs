using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Forensics;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Tests.Pos.Forensics;

/// <summary>
/// CONSENSUS.md §7: two finalized checkpoints conflict when neither root is an ancestor of the other. The detector
/// reports each conflicting pair once, as it appears, and not again as both branches keep finalizing.
/// </summary>
public sealed class FinalityConflictDetectorTests
{
    //            genesis ─ 1 ─ 2 ─┬─ a3 ─ a4 ─ a5 ─ a6     (branch a: slots 3..6)
    //                             └─ b3 ─ b4 ─ b5 ─ b6     (branch b)
    private static readonly Hash32 Genesis = H("genesis");

    private static Hash32 H(string s) => Sha256.Hash(Encoding.UTF8.GetBytes(s));

    private static FinalityConflictDetector Forked()
    {
        var d = new FinalityConflictDetector();
        d.AddBlock(H("1"), Genesis, 1);
        d.AddBlock(H("2"), H("1"), 2);
        foreach (var branch in new[] { "a", "b" })
        {
            var parent = H("2");
            for (ulong slot = 3; slot <= 6; slot++)
            {
                d.AddBlock(H(branch + slot), parent, slot);
                parent = H(branch + slot);
            }
        }

        return d;
    }

    [Fact]
    public void Relates_checkpoints_by_ancestry_of_their_roots()
    {
        var d = Forked();
        d.Relate(new Checkpoint(1, H("2")), new Checkpoint(2, H("a5"))).Should().Be(CheckpointRelation.FirstIsAncestor);
        d.Relate(new Checkpoint(2, H("b5")), new Checkpoint(1, H("2"))).Should().Be(CheckpointRelation.SecondIsAncestor);
        d.Relate(new Checkpoint(2, H("a4")), new Checkpoint(2, H("b4"))).Should().Be(CheckpointRelation.Conflicting);
        d.Relate(new Checkpoint(2, H("a3")), new Checkpoint(3, H("b6"))).Should().Be(CheckpointRelation.Conflicting);
        d.Relate(new Checkpoint(2, H("a3")), new Checkpoint(3, H("a3"))).Should().Be(CheckpointRelation.Same);
        d.Relate(new Checkpoint(0, Genesis), new Checkpoint(3, H("b6"))).Should().Be(CheckpointRelation.Unknown, "the genesis checkpoint is in every chain");
        d.Relate(new Checkpoint(2, H("nowhere")), new Checkpoint(3, H("b6"))).Should().Be(CheckpointRelation.Unknown);
    }

    [Fact]
    public void Reports_nothing_while_every_node_finalizes_one_chain()
    {
        var d = Forked();
        foreach (var node in new[] { 0, 1, 2 })
        {
            d.OnFinalized(node, new Checkpoint(1, H("2"))).Should().BeEmpty();
            d.OnFinalized(node, new Checkpoint(2, H("a4"))).Should().BeEmpty();
        }

        d.OnFinalized(1, new Checkpoint(3, H("a6"))).Should().BeEmpty();
        d.OnFinalized(0, new Checkpoint(0, Genesis)).Should().BeEmpty();
        d.Conflicts.Should().BeEmpty();
    }

    [Fact]
    public void Reports_a_conflicting_pair_once_with_the_nodes_behind_each_side()
    {
        var d = Forked();
        d.OnFinalized(0, new Checkpoint(2, H("a4"))).Should().BeEmpty();
        var found = d.OnFinalized(1, new Checkpoint(2, H("b4")));

        var (first, second) = H("a4").CompareTo(H("b4")) < 0 ? ("a4", "b4") : ("b4", "a4");
        found.Should().ContainSingle().Which.Should().BeEquivalentTo(new FinalityConflict(
            new FinalizedCheckpoint(2, H(first), [first == "a4" ? 0 : 1]), new FinalizedCheckpoint(2, H(second), [second == "a4" ? 0 : 1])));

        // Both branches go on finalizing, and more nodes join each side: the same conflict, no new pair.
        d.OnFinalized(2, new Checkpoint(2, H("a4"))).Should().BeEmpty();
        d.OnFinalized(0, new Checkpoint(3, H("a6"))).Should().BeEmpty();
        d.OnFinalized(1, new Checkpoint(3, H("b6"))).Should().BeEmpty();
        d.OnFinalized(3, new Checkpoint(3, H("b6"))).Should().BeEmpty();

        var all = d.Conflicts.Should().ContainSingle().Subject;
        (all.First.Root == H("a4") ? all.First : all.Second).Nodes.Should().Equal(0, 2);
        (all.First.Root == H("b4") ? all.First : all.Second).Nodes.Should().Equal(1);
    }

    [Fact]
    public void Orders_a_pair_by_epoch_and_finds_conflicts_across_epochs()
    {
        var d = Forked();
        d.OnFinalized(1, new Checkpoint(3, H("b6"))).Should().BeEmpty();
        var found = d.OnFinalized(0, new Checkpoint(2, H("a3")));

        var c = found.Should().ContainSingle().Subject;
        c.First.Checkpoint.Should().Be(new Checkpoint(2, H("a3")));
        c.First.Nodes.Should().Equal(0);
        c.Second.Checkpoint.Should().Be(new Checkpoint(3, H("b6")));
        c.Second.Nodes.Should().Equal(1);
    }

    [Fact]
    public void Finds_a_new_pair_when_an_earlier_checkpoint_of_a_branch_is_finalized_late()
    {
        var d = Forked();
        d.OnFinalized(0, new Checkpoint(3, H("a6")));
        d.OnFinalized(1, new Checkpoint(3, H("b6"))).Should().ContainSingle();
        // A lagging node finalizes a4, an ancestor of a6: (a4, b6) is not implied by (a6, b6), so it is a pair of its own.
        d.OnFinalized(2, new Checkpoint(2, H("a4"))).Should().ContainSingle()
            .Which.First.Checkpoint.Should().Be(new Checkpoint(2, H("a4")));
        d.OnFinalized(3, new Checkpoint(2, H("a4"))).Should().BeEmpty();
        d.Conflicts.Should().HaveCount(2);
    }

    /// <summary>Blocks 1, 2 and both branches, as <see cref="Forked"/> adds them, in order.</summary>
    private static List<(Hash32 Root, Hash32 Parent, ulong Slot)> ForkBlocks()
    {
        List<(Hash32, Hash32, ulong)> blocks = [(H("1"), Genesis, 1), (H("2"), H("1"), 2)];
        foreach (var branch in new[] { "a", "b" })
        {
            var parent = H("2");
            for (ulong slot = 3; slot <= 6; slot++)
            {
                blocks.Add((H(branch + slot), parent, slot));
                parent = H(branch + slot);
            }
        }

        return blocks;
    }

    [Fact]
    public void Judges_a_checkpoint_finalized_before_its_block_arrives_when_it_does()
    {
        // In `run` a node's finality and the block_imported events reach the watch in no fixed order.
        var d = new FinalityConflictDetector();
        foreach (var (root, parent, slot) in ForkBlocks().Where(b => b.Root != H("b4")))
            d.AddBlock(root, parent, slot).Should().BeEmpty();
        d.OnFinalized(0, new Checkpoint(2, H("a4"))).Should().BeEmpty();
        d.OnFinalized(1, new Checkpoint(2, H("b4"))).Should().BeEmpty("b4 is not known yet");
        d.PendingCount.Should().Be(1);

        var found = d.AddBlock(H("b4"), H("b3"), 4);

        found.Should().ContainSingle().Which.Should().BeEquivalentTo(d.Conflicts.Single());
        new[] { found[0].First.Root, found[0].Second.Root }.Should().BeEquivalentTo([H("a4"), H("b4")]);
        d.PendingCount.Should().Be(0);
        d.AddBlock(H("b4"), H("b3"), 4).Should().BeEmpty("a repeat");
    }

    [Fact]
    public void A_checkpoint_waiting_for_its_block_on_the_same_chain_is_no_conflict()
    {
        var d = new FinalityConflictDetector();
        foreach (var (root, parent, slot) in ForkBlocks().Where(b => b.Root != H("a6")))
            d.AddBlock(root, parent, slot);
        d.OnFinalized(0, new Checkpoint(2, H("a4"))).Should().BeEmpty();
        d.OnFinalized(0, new Checkpoint(3, H("a6"))).Should().BeEmpty();
        d.AddBlock(H("a6"), H("a5"), 6).Should().BeEmpty();
        d.OnFinalized(1, new Checkpoint(3, H("b6"))).Should().ContainSingle("a6 is a tip now, and b6 conflicts with it");
    }

    [Fact]
    public void A_gap_in_the_blocks_is_unknown_not_a_conflict()
    {
        var d = new FinalityConflictDetector();
        foreach (var (root, parent, slot) in ForkBlocks().Where(b => b.Root != H("a5")))
            d.AddBlock(root, parent, slot);

        d.Relate(new Checkpoint(1, H("2")), new Checkpoint(3, H("a6"))).Should().Be(CheckpointRelation.Unknown, "a6's chain breaks at a5");
        d.Relate(new Checkpoint(3, H("a6")), new Checkpoint(1, H("2"))).Should().Be(CheckpointRelation.Unknown);
        d.Relate(new Checkpoint(2, H("a4")), new Checkpoint(3, H("b6"))).Should().Be(CheckpointRelation.Conflicting, "b6's chain is whole");

        d.OnFinalized(0, new Checkpoint(2, H("a4"))).Should().BeEmpty();
        d.OnFinalized(1, new Checkpoint(3, H("a6"))).Should().BeEmpty("a4 and a6 cannot be related yet");
        d.UndecidedCount.Should().Be(1);
        d.Conflicts.Should().BeEmpty();

        d.AddBlock(H("a5"), H("a4"), 5).Should().BeEmpty("a4 is an ancestor of a6");
        d.UndecidedCount.Should().Be(0);
        d.Relate(new Checkpoint(2, H("a4")), new Checkpoint(3, H("a6"))).Should().Be(CheckpointRelation.FirstIsAncestor);
        d.OnFinalized(2, new Checkpoint(3, H("b6"))).Should().ContainSingle("a6 alone is the tip: one pair, (a6, b6)")
            .Which.Should().Match<FinalityConflict>(c => c.First.Root == H("a6") || c.Second.Root == H("a6"));
    }

    [Fact]
    public void A_real_conflict_across_a_gap_is_reported_when_the_gap_fills()
    {
        var d = new FinalityConflictDetector();
        foreach (var (root, parent, slot) in ForkBlocks().Where(b => b.Root != H("b5")))
            d.AddBlock(root, parent, slot);
        d.OnFinalized(0, new Checkpoint(2, H("a4"))).Should().BeEmpty();
        d.OnFinalized(1, new Checkpoint(3, H("b6"))).Should().BeEmpty("b6's chain breaks at b5");

        var found = d.AddBlock(H("b5"), H("b4"), 5);

        var c = found.Should().ContainSingle().Subject;
        c.First.Checkpoint.Should().Be(new Checkpoint(2, H("a4")));
        c.Second.Checkpoint.Should().Be(new Checkpoint(3, H("b6")));
        c.Second.Nodes.Should().Equal(1);
    }

    [Fact]
    public void Drops_blocks_far_below_every_nodes_finality_and_still_finds_a_later_conflict()
    {
        var d = new FinalityConflictDetector(keepSlots: 4);
        var parent = Genesis;
        for (ulong slot = 1; slot <= 40; slot++)
        {
            d.AddBlock(H("m" + slot), parent, slot);
            parent = H("m" + slot);
        }

        d.OnFinalized(1, new Checkpoint(1, H("m8"))).Should().BeEmpty();
        d.OnFinalized(0, new Checkpoint(4, H("m32"))).Should().BeEmpty();
        d.Floor.Should().Be(4UL, "node 1's latest, at slot 8, is still needed");
        d.BlockCount.Should().Be(37, "slots 4..40");
        d.OnFinalized(1, new Checkpoint(4, H("m32"))).Should().BeEmpty();
        d.Floor.Should().Be(28UL);
        d.BlockCount.Should().Be(13, "slots 28..40");
        d.AddBlock(H("m10"), H("m9"), 10).Should().BeEmpty();
        d.BlockCount.Should().Be(13, "a block below the floor is not kept again");

        // A branch off slot 33, finalized by node 2, and then m40 by node 0: judged on the blocks kept.
        d.AddBlock(H("x34"), H("m33"), 34);
        d.OnFinalized(2, new Checkpoint(5, H("x34"))).Should().BeEmpty("x34 descends from m32");
        var c = d.OnFinalized(0, new Checkpoint(5, H("m40"))).Should().ContainSingle().Subject;
        new[] { c.First.Root, c.Second.Root }.Should().BeEquivalentTo([H("x34"), H("m40")]);
    }
}
