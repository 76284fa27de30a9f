using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos.Block;

public sealed class TransitionMemoTests
{
    private static readonly BeaconState GenesisState = Genesis(16, Minimal);
    private static readonly ProducedBlock B1 = Produce(GenesisState, 1, [], Minimal);

    [Fact]
    public void Applies_a_block_once_and_hands_out_the_same_post_state()
    {
        var memo = new TransitionMemo();
        var first = memo.ProcessBlock(GenesisState, B1.Block, Minimal, SignatureCheck.Direct).Should().BeOfType<BlockApplied>().Subject;
        var again = memo.ProcessBlock(GenesisState, B1.Block, Minimal, SignatureCheck.Direct).Should().BeOfType<BlockApplied>().Subject;

        again.PostState.Should().BeSameAs(first.PostState);
        first.PostState.Root().Should().Be(B1.Block.Header.StateRoot);
        memo.Count.Should().Be(1);
    }

    [Fact]
    public void Recomputes_rejections_and_results_under_other_constants()
    {
        var memo = new TransitionMemo();
        var rewarded = Minimal with { ProposerBlockReward = 7 };
        memo.ProcessBlock(GenesisState, B1.Block, Minimal, SignatureCheck.Direct).Should().BeOfType<BlockApplied>();

        var other = memo.ProcessBlock(GenesisState, B1.Block, rewarded, SignatureCheck.Direct);

        other.Should().BeOfType<BlockRejected>().Which.Rejection.Reason.Should().Be(BlockInvalidReason.StateRootMismatch);
        memo.Count.Should().Be(1, "a rejection is never remembered");
    }

    [Fact]
    public void Advances_a_post_state_through_empty_slots_once_and_leaves_it_unchanged()
    {
        var memo = new TransitionMemo();
        var before = B1.PostState.Root();

        var a = memo.Advance(B1.Block.Root, B1.PostState, 9, Minimal);
        var b = memo.Advance(B1.Block.Root, B1.PostState, 9, Minimal);

        b.Should().BeSameAs(a);
        a.State.Slot.Should().Be(9);
        a.Transitions.Select(t => t.Epoch).Should().Equal(0UL);
        B1.PostState.Root().Should().Be(before);
        memo.Advance(B1.Block.Root, B1.PostState, 1, Minimal).State.Should().BeSameAs(B1.PostState);
    }

    [Fact]
    public void Forgets_the_least_recently_used_entry_beyond_its_capacity()
    {
        var memo = new TransitionMemo(capacity: 2);
        memo.Advance(B1.Block.Root, B1.PostState, 2, Minimal);
        var three = memo.Advance(B1.Block.Root, B1.PostState, 3, Minimal);
        memo.Advance(B1.Block.Root, B1.PostState, 2, Minimal); // 2 is now the most recent
        memo.Advance(B1.Block.Root, B1.PostState, 4, Minimal); // evicts 3

        memo.Count.Should().Be(2);
        memo.Advance(B1.Block.Root, B1.PostState, 3, Minimal).Should().NotBeSameAs(three);
        var zero = () => new TransitionMemo(0);
        zero.Should().Throw<ArgumentOutOfRangeException>();
    }
}
