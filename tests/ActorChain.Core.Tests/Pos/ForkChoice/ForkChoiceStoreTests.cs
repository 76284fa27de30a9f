using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.ForkChoice;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos.ForkChoice;

/// <summary>CONSENSUS.md §5.6 on 32 validators of 32 coins: the boost is 1024 // 8 × 40 // 100 = 51.2 coins, one vote 32.</summary>
public sealed class ForkChoiceStoreTests
{
    private static readonly BeaconState GenesisState = Genesis(32, Minimal);

    /// <summary>Two siblings on the anchor: A at slot 1, B at slot 2.</summary>
    private static readonly ProducedBlock A = Produce(GenesisState, 1, [], Minimal);
    private static readonly ProducedBlock B = Produce(GenesisState, 2, [], Minimal);

    private readonly ForkChoiceStore _store = new(Terminal, GenesisState.Copy(), Minimal);

    [Fact]
    public void Starts_at_the_anchor()
    {
        _store.GetHead().Should().Be(Terminal);
        _store.Justified.Should().Be(new Checkpoint(0, Terminal));
        _store.Finalized.Should().Be(new Checkpoint(0, Terminal));
        _store.Contains(Terminal).Should().BeTrue();
        _store.Block(Terminal).Should().BeNull();
        _store.State(Terminal)!.Root().Should().Be(GenesisState.Root());
    }

    [Fact]
    public void Breaks_a_weight_tie_towards_the_greater_root()
    {
        _store.OnTick(2, 0);
        Add(A, false);
        Add(B, false);

        _store.GetHead().Should().Be(Greater(A.Block.Root, B.Block.Root));
    }

    [Fact]
    public void Follows_the_branch_with_more_votes_from_the_next_slot_on()
    {
        var lesser = A.Block.Root > B.Block.Root ? B : A;
        _store.OnTick(2, 0);
        Add(A, false);
        Add(B, false);

        Count(VotesFor(lesser, 2));
        _store.GetHead().Should().NotBe(lesser.Block.Root, "votes of slot 2 count from slot 3");
        _store.OnTick(3, 0);

        _store.GetHead().Should().Be(lesser.Block.Root);
    }

    [Fact]
    public void Removes_the_weight_of_equivocating_validators()
    {
        _store.OnTick(2, 0);
        Add(A, false);
        Add(B, false);
        var forA = VotesFor(A, 2).GetRange(0, 2);
        var forB = VotesFor(B, 2).GetRange(2, 1);
        Count(forA);
        Count(forB);
        _store.OnTick(3, 0);
        _store.GetHead().Should().Be(A.Block.Root);

        _store.OnAttesterSlashing(forA.Select(a => a.ValidatorIndex));

        _store.GetHead().Should().Be(B.Block.Root);
        _store.IsEquivocating(forA[0].ValidatorIndex).Should().BeTrue();
        _store.Equivocating.Should().Equal(forA.Select(a => a.ValidatorIndex).Order());
    }

    [Fact]
    public void Lets_a_timely_block_of_the_current_slot_win_with_the_proposer_boost()
    {
        _store.OnTick(1, 0);
        Add(A, false);
        Count(VotesFor(A, 1).GetRange(0, 1));
        _store.OnTick(2, 0);
        _store.GetHead().Should().Be(A.Block.Root);

        Add(B, true);

        _store.ProposerBoostRoot.Should().Be(B.Block.Root);
        _store.GetHead().Should().Be(B.Block.Root);
        _store.OnTick(3, 0);
        _store.ProposerBoostRoot.Should().BeNull();
        _store.GetHead().Should().Be(A.Block.Root);
    }

    [Fact]
    public void Gives_no_boost_to_a_late_block()
    {
        _store.OnTick(1, 0);
        Add(A, false);
        Count(VotesFor(A, 1).GetRange(0, 1));
        _store.OnTick(2, 0);

        Add(B, false);

        _store.ProposerBoostRoot.Should().BeNull();
        _store.GetHead().Should().Be(A.Block.Root);
    }

    [Fact]
    public void Is_timely_only_in_its_own_slot_before_the_attestation_deadline()
    {
        _store.OnTick(2, 332);
        _store.IsTimely(2).Should().BeTrue();
        _store.IsTimely(1).Should().BeFalse();
        _store.OnTick(2, 333);
        _store.IsTimely(2).Should().BeFalse("a block at 333 ms of a 1-s slot is late");
        _store.AttestationDeadlineMillis.Should().Be(333);
    }

    [Fact]
    public void Excludes_a_branch_whose_justified_checkpoint_is_not_the_stores()
    {
        _store.OnTick(2, 0);
        Add(A, false);
        Count(VotesFor(A, 2));
        var justifiedOnB = B.PostState.Copy();
        justifiedOnB.CurrentJustified = new Checkpoint(1, Terminal);

        Add(B.Block, justifiedOnB);
        _store.OnTick(3, 0);

        _store.Justified.Should().Be(new Checkpoint(1, Terminal));
        _store.GetHead().Should().Be(B.Block.Root);
    }

    [Fact]
    public void Excludes_a_branch_whose_finalized_checkpoint_is_not_the_stores()
    {
        _store.OnTick(2, 0);
        var justifiedOnA = A.PostState.Copy();
        justifiedOnA.CurrentJustified = new Checkpoint(1, Terminal);
        Add(A.Block, justifiedOnA);
        Count(VotesFor(A, 2));
        _store.OnTick(3, 0);
        _store.GetHead().Should().Be(A.Block.Root);
        var finalizedOnB = B.PostState.Copy();
        finalizedOnB.CurrentJustified = new Checkpoint(1, Terminal);
        finalizedOnB.Finalized = new Checkpoint(1, Terminal);

        Add(B.Block, finalizedOnB);

        _store.Finalized.Should().Be(new Checkpoint(1, Terminal));
        _store.GetHead().Should().Be(B.Block.Root);
    }

    [Fact]
    public void Takes_the_blocks_justified_checkpoint_when_a_new_finalized_one_leaves_the_stores_on_a_dead_branch()
    {
        _store.OnTick(10, 0);
        Add(A, false);
        Add(B, false);
        var onA = Produce(A.PostState, 9, [], Minimal);
        var justifiedA = onA.PostState.Copy();
        justifiedA.CurrentJustified = new Checkpoint(1, A.Block.Root);
        Add(onA.Block, justifiedA);
        _store.Justified.Should().Be(new Checkpoint(1, A.Block.Root));
        var onB = Produce(B.PostState, 10, [], Minimal);
        var finalizedB = onB.PostState.Copy(); // justified epoch 1 too: not newer than the store's
        finalizedB.CurrentJustified = new Checkpoint(1, B.Block.Root);
        finalizedB.Finalized = new Checkpoint(1, B.Block.Root);

        Add(onB.Block, finalizedB);

        _store.Finalized.Should().Be(new Checkpoint(1, B.Block.Root));
        _store.Justified.Should().Be(new Checkpoint(1, B.Block.Root), "the store's justified block was on the branch finality left out");
        _store.Contains(onA.Block.Root).Should().BeFalse();
        _store.GetHead().Should().Be(onB.Block.Root);
    }

    [Fact]
    public void Refuses_blocks_with_an_unknown_parent_or_from_the_future()
    {
        _store.OnTick(1, 0);
        var onA = Produce(A.PostState, 2, [], Minimal);

        _store.OnBlock(onA.Block, onA.PostState, false)?.Reason.Should().Be(ForkChoiceInvalidReason.UnknownParent);
        _store.OnBlock(B.Block, B.PostState, false)?.Reason.Should().Be(ForkChoiceInvalidReason.FutureSlot);
        _store.Contains(B.Block.Root).Should().BeFalse();
    }

    [Fact]
    public void Holds_a_block_at_most_500_ms_early_until_its_slot_starts()
    {
        _store.OnTick(1, 400);
        _store.IsEarlyWithinClockDisparity(2).Should().BeFalse("600 ms early");
        _store.HoldEarlyBlock(B.Block).Should().BeFalse();
        _store.OnTick(1, 500);
        _store.CheckBlock(B.Block)!.Reason.Should().Be(ForkChoiceInvalidReason.FutureSlot);
        _store.IsEarlyWithinClockDisparity(3).Should().BeFalse("a slot further is never early enough");

        _store.HoldEarlyBlock(B.Block).Should().BeTrue("500 ms early");
        _store.HoldEarlyBlock(B.Block).Should().BeTrue("held once");
        _store.TakeDueBlocks().Should().BeEmpty();
        _store.OnTick(2, 0);

        _store.TakeDueBlocks().Should().Equal(B.Block);
        _store.TakeDueBlocks().Should().BeEmpty();
        _store.CheckBlock(B.Block).Should().BeNull();
    }

    [Fact]
    public void Prunes_branches_that_do_not_descend_from_the_finalized_block_but_keeps_the_finalized_chain()
    {
        _store.OnTick(10, 0);
        Add(A, false);
        Add(B, false);
        var c = Produce(A.PostState, 9, [], Minimal);
        var finalizedA = c.PostState.Copy();
        finalizedA.CurrentJustified = new Checkpoint(1, A.Block.Root);
        finalizedA.Finalized = new Checkpoint(1, A.Block.Root);

        Add(c.Block, finalizedA);

        _store.Contains(B.Block.Root).Should().BeFalse();
        _store.Contains(Terminal).Should().BeTrue();
        _store.State(Terminal).Should().BeNull();
        _store.Block(A.Block.Root).Should().Be(A.Block);
        _store.AncestorAt(c.Block.Root, 0).Should().Be(Terminal);
        _store.GetHead().Should().Be(c.Block.Root);
        var early = Produce(A.PostState, 3, [], Minimal);
        _store.OnBlock(early.Block, early.PostState, false)?.Reason.Should().Be(ForkChoiceInvalidReason.NotAfterFinalized);
    }

    [Fact]
    public void Refuses_a_block_whose_parent_is_at_the_finalized_start_slot_on_another_branch()
    {
        _store.OnTick(20, 0);
        Add(A, false);
        var a3 = Produce(A.PostState, 3, [], Minimal);
        Add(a3, false);
        var side = Produce(a3.PostState, 8, [], Minimal); // the start slot of epoch 1, after the finalized block
        Add(side, false);
        var c = Produce(a3.PostState, 9, [], Minimal);
        var finalizedAt3 = c.PostState.Copy(); // Checkpoint(1, a3): epoch 1's start slot 8 is empty on c's chain
        finalizedAt3.CurrentJustified = new Checkpoint(1, a3.Block.Root);
        finalizedAt3.Finalized = new Checkpoint(1, a3.Block.Root);
        Add(c.Block, finalizedAt3);
        var child = Produce(side.PostState, 10, [], Minimal);

        _store.Contains(side.Block.Root).Should().BeTrue("it descends from the finalized block");
        _store.CheckBlock(child.Block)!.Reason.Should().Be(ForkChoiceInvalidReason.NotDescendantOfFinalized);
    }

    [Fact]
    public void Walks_to_the_ancestor_at_a_slot()
    {
        _store.OnTick(3, 0);
        Add(A, false);
        var a3 = Produce(A.PostState, 3, [], Minimal);
        Add(a3, false);

        _store.AncestorAt(a3.Block.Root, 3).Should().Be(a3.Block.Root);
        _store.AncestorAt(a3.Block.Root, 2).Should().Be(A.Block.Root);
        _store.AncestorAt(a3.Block.Root, 0).Should().Be(Terminal);
        _store.AncestorAt(B.Block.Root, 0).Should().BeNull("B is unknown");
    }

    [Fact]
    public void Counts_the_old_branch_blocks_a_new_head_leaves_out()
    {
        _store.OnTick(3, 0);
        Add(A, false);
        Add(B, false);
        var a3 = Produce(A.PostState, 3, [], Minimal);
        Add(a3, false);

        _store.ReorgDepth(A.Block.Root, a3.Block.Root).Should().Be(0, "a3 extends A");
        _store.ReorgDepth(Terminal, B.Block.Root).Should().Be(0, "everything extends the anchor");
        _store.ReorgDepth(a3.Block.Root, B.Block.Root).Should().Be(2, "a3 and A left out");
        _store.ReorgDepth(B.Block.Root, a3.Block.Root).Should().Be(1, "B left out");
    }

    [Fact]
    public void Refuses_attestations_that_cannot_count()
    {
        _store.OnTick(2, 0);
        Add(A, false);
        var vote = VotesFor(A, 2)[0];
        var d = vote.Data;

        Reason(With(vote, new AttestationData(2, 0, B.Block.Root, d.Source, d.Target))).Should().Be(ForkChoiceInvalidReason.UnknownHeadBlock);
        Reason(With(vote, new AttestationData(2, 0, d.HeadRoot, d.Source, new Checkpoint(0, A.Block.Root))))
            .Should().Be(ForkChoiceInvalidReason.TargetNotAncestorOfHead);
        Reason(With(vote, new AttestationData(0, 0, d.HeadRoot, d.Source, d.Target))).Should().Be(ForkChoiceInvalidReason.HeadAfterAttestationSlot);
        Reason(With(vote, new AttestationData(9, 0, d.HeadRoot, d.Source, new Checkpoint(1, A.Block.Root))))
            .Should().Be(ForkChoiceInvalidReason.FutureTarget);
        Reason(With(vote, new AttestationData(9, 0, d.HeadRoot, d.Source, d.Target))).Should().Be(ForkChoiceInvalidReason.TargetEpochNotSlotEpoch);
        Reason(With(vote, new AttestationData(2, 0, d.HeadRoot, d.Source, new Checkpoint(0, B.Block.Root))))
            .Should().Be(ForkChoiceInvalidReason.UnknownTargetBlock);
        Reason(new Attestation(32, d, vote.Sig)).Should().Be(ForkChoiceInvalidReason.UnknownValidator);
        _store.OnAttestation(vote, false).Should().BeNull();
    }

    [Fact]
    public void Refuses_gossip_votes_older_than_the_previous_epoch_but_counts_them_from_blocks()
    {
        _store.OnTick(2, 0);
        Add(A, false);
        var vote = VotesFor(A, 2)[0];
        _store.OnTick(16, 0);

        Reason(vote).Should().Be(ForkChoiceInvalidReason.TargetEpochTooOld);
        _store.OnAttestation(vote, true).Should().BeNull();
        _store.LatestMessage(vote.ValidatorIndex).Should().Be(new Checkpoint(0, A.Block.Root));
    }

    [Fact]
    public void Keeps_only_the_latest_message_by_target_epoch()
    {
        _store.OnTick(9, 0);
        Add(A, false);
        Add(B, false);
        var b9 = Produce(B.PostState, 9, [], Minimal);
        Add(b9, false);
        var late = VotesFor(A, 2)[0];
        var v = late.ValidatorIndex;
        var newer = AttestationOf(b9.PostState, b9.Block.Root, DutySlotInEpoch1(b9.PostState, (int)v), (int)v, Minimal);
        _store.OnTick(17, 0);
        _store.OnAttestation(newer, true).Should().BeNull();

        _store.OnAttestation(late, true).Should().BeNull();

        _store.LatestMessage(v).Should().Be(new Checkpoint(1, b9.Block.Root));
    }

    private static ulong DutySlotInEpoch1(BeaconState s, int v) =>
        Committees.CommitteeOf(Advanced(s, 9, Minimal), 1, v, Minimal)!.Value.Slot;

    private static List<Attestation> VotesFor(ProducedBlock head, ulong slot) =>
        Attestations(head.PostState, head.Block.Root, slot, Minimal);

    private static Hash32 Greater(Hash32 x, Hash32 y) => x > y ? x : y;

    private static Attestation With(Attestation a, AttestationData d) => new(a.ValidatorIndex, d, a.Sig);

    private ForkChoiceInvalidReason? Reason(Attestation a) => _store.OnAttestation(a, false)?.Reason;

    private void Add(ProducedBlock p, bool timely) => _store.OnBlock(p.Block, p.PostState, timely).Should().BeNull();

    private void Add(BeaconBlock b, BeaconState postState) => _store.OnBlock(b, postState, false).Should().BeNull();

    private void Count(List<Attestation> votes)
    {
        foreach (var a in votes)
        {
            _store.OnAttestation(a, false).Should().BeNull();
        }
    }
}
