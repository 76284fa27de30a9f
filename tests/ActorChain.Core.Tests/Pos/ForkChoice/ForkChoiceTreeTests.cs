using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.ForkChoice;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos.ForkChoice;

/// <summary><see cref="ForkChoiceStore.BlocksSince"/>: the recent tree for views, forks and the canonical flag included.</summary>
public sealed class ForkChoiceTreeTests
{
    private static readonly BeaconState GenesisState = Genesis(16, Minimal);

    [Fact]
    public void Lists_both_branches_of_a_fork_ascending_and_marks_the_heads_ancestry_canonical()
    {
        var store = new ForkChoiceStore(Terminal, GenesisState.Copy(), Minimal);
        var first = Produce(GenesisState, 1, [], Minimal);
        var rival = Produce(GenesisState, 2, [], Minimal);
        var second = Produce(first.PostState, 2, [], Minimal);
        store.OnTick(2, 0);
        foreach (var b in new[] { first.Block, rival.Block, second.Block })
            BlockImport.Import(store, b, Minimal, SignatureCheck.Direct).Status.Should().Be(BlockImportStatus.Imported);

        var tree = store.BlocksSince(0, second.Block.Root);

        tree.Select(b => b.Slot).Should().BeInAscendingOrder();
        tree.Should().HaveCount(4);
        tree[0].Root.Should().Be(Terminal);
        tree[0].ParentRoot.Should().BeNull();
        tree[0].Proposer.Should().BeNull();
        tree.Single(b => b.Root == first.Block.Root).Canonical.Should().BeTrue();
        tree.Single(b => b.Root == second.Block.Root).Canonical.Should().BeTrue();
        tree.Single(b => b.Root == second.Block.Root).ParentRoot.Should().Be(first.Block.Root);
        tree.Single(b => b.Root == rival.Block.Root).Canonical.Should().BeFalse();
        tree.Single(b => b.Root == rival.Block.Root).Proposer.Should().Be(rival.Block.ProposerIndex);

        store.BlocksSince(2, second.Block.Root).Select(b => b.Slot).Should().Equal(2UL, 2UL);
    }
}
