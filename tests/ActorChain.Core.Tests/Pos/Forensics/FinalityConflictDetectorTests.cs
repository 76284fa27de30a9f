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
}
