using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pos.Epoch;

public sealed class TargetTallyTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;
    private static readonly Checkpoint Genesis = new(0, TestStates.GenesisRoot);
    private const byte AllFlags = 0b111;

    /// <summary>The checkpoint the transition at the end of epoch 3 weighs: epoch 2's.</summary>
    private static readonly Checkpoint EpochTwo = TestStates.CheckpointAt(C, 2);

    /// <summary>A vote of epoch 2 (slot 17) for <paramref name="target"/> with <paramref name="source"/>.</summary>
    private static AttestationData Vote(Checkpoint target, Checkpoint? source = null, ulong slot = 17) =>
        new(slot, 0, TestStates.BlockRootOf(slot), source ?? Genesis, target);

    /// <summary>
    /// The end of epoch 3, 12 validators of 32 coins: v0–v3 set every flag in epoch 2, v4 did too but is slashed, v10
    /// activates only in epoch 3 and v11 exited at epoch 2; the others set nothing.
    /// </summary>
    private static BeaconState EndOfEpochThree()
    {
        var s = TestStates.Uniform(C, TestStates.LastSlot(C, 3), 12, 32);
        for (var i = 0; i <= 4; i++)
        {
            s.SetPreviousEpochParticipation(i, AllFlags);
        }

        s.SetValidator(4, s.Validators[4] with { Slashed = true, ExitEpoch = 10, WithdrawableEpoch = 70 });
        s.SetValidator(10, s.Validators[10] with { ActivationEpoch = 3 });
        s.SetValidator(11, s.Validators[11] with { ExitEpoch = 2, WithdrawableEpoch = 10 });
        s.SetPreviousEpochParticipation(10, AllFlags); // not active in epoch 2: never counted, never missing
        return s;
    }

    [Fact]
    public void Names_every_reason_for_the_validators_whose_target_did_not_count()
    {
        var t = EpochProcessing.ProcessEpoch(EndOfEpochThree(), C);
        var wrongRoot = new Checkpoint(2, TestStates.Hash("a fork's block"));
        var votes = new Dictionary<int, IReadOnlyList<SeenVote>>
        {
            [6] = [new SeenVote(Vote(wrongRoot), 17, null)],
            [7] = [new SeenVote(Vote(EpochTwo, source: TestStates.CheckpointAt(C, 1)), 18, 19)],
            [8] = [new SeenVote(Vote(EpochTwo), 26, null)], // first seen after its window (17 + 8) closed
            [9] = [new SeenVote(Vote(EpochTwo), 17, null)],
        };
        var asked = new List<int>();

        var tally = TargetTally.Compute(t, C, i =>
        {
            asked.Add(i);
            return votes.TryGetValue(i, out var v) ? v : [];
        })!;

        tally.Epoch.Should().Be(2);
        tally.Root.Should().Be(EpochTwo.Root);
        tally.TargetStake.Should().Be(Coins(4 * 32), "v0–v3; v4 is slashed");
        tally.TotalActiveStake.Should().Be(Coins(11 * 32), "active in epoch 3: all but v11, slashed v4 included");
        tally.Needed.Should().Be(Coins(11 * 32) * 2 / 3 + 1, "the least s with s × 3 ≥ total × 2 (total × 2 is not a multiple of 3 here)");
        EpochProcessing.IsSupermajority(tally.Needed, tally.TotalActiveStake).Should().BeTrue();
        EpochProcessing.IsSupermajority(tally.Needed - 1, tally.TotalActiveStake).Should().BeFalse();
        tally.Justified.Should().BeFalse("4 of 11 validators");
        tally.Missing.Should().Equal(
            new MissingTargetVote(4, Coins(32), MissingVoteReason.Slashed),
            new MissingTargetVote(5, Coins(32), MissingVoteReason.Offline),
            new MissingTargetVote(6, Coins(32), MissingVoteReason.WrongTarget),
            new MissingTargetVote(7, Coins(32), MissingVoteReason.WrongSource),
            new MissingTargetVote(8, Coins(32), MissingVoteReason.Late),
            new MissingTargetVote(9, Coins(32), MissingVoteReason.NotIncluded));
        asked.Should().Equal([5, 6, 7, 8, 9], "asked only for unslashed validators that missed, in index order");
    }

    [Fact]
    public void Justifies_when_the_target_stake_reaches_two_thirds_and_lists_nobody_when_all_counted()
    {
        var s = TestStates.Uniform(C, TestStates.LastSlot(C, 3), 3, 32);
        for (var i = 0; i < 3; i++)
        {
            s.SetPreviousEpochParticipation(i, AllFlags);
        }

        var tally = TargetTally.Compute(EpochProcessing.ProcessEpoch(s, C), C,
            _ => throw new InvalidOperationException("nobody missed"))!;

        tally.Justified.Should().BeTrue();
        tally.TargetStake.Should().Be(Coins(96));
        tally.Needed.Should().Be(Coins(64), "96 × 2 / 3 exactly");
        tally.Missing.Should().BeEmpty();
    }

    [Fact]
    public void Reports_the_effective_balance_before_the_transition_as_the_stake()
    {
        var s = TestStates.State(C, TestStates.LastSlot(C, 3), 32, 32, 32, 20);
        for (var i = 0; i < 3; i++)
        {
            s.SetPreviousEpochParticipation(i, AllFlags);
        }

        s.SetBalance(3, Coins(10)); // its effective balance drops in step 6; the tally keeps the 20 coins step 1 weighed

        var tally = TargetTally.Compute(EpochProcessing.ProcessEpoch(s, C), C, _ => [])!;

        tally.Missing.Should().Equal(new MissingTargetVote(3, Coins(20), MissingVoteReason.Offline));
        tally.Justified.Should().BeTrue("96 of 116 coins");
    }

    [Fact]
    public void Is_null_at_the_end_of_epoch_zero_and_without_a_trace()
    {
        var genesis = TestStates.Uniform(C, TestStates.LastSlot(C, 0), 3, 32);
        TargetTally.Compute(EpochProcessing.ProcessEpoch(genesis, C), C, _ => []).Should().BeNull();

        var untraced = EpochProcessing.ProcessEpoch(EndOfEpochThree(), C, trace: false);
        TargetTally.Compute(untraced, C, _ => []).Should().BeNull();
    }

    [Fact]
    public void Requires_the_source_that_was_justified_during_the_weighed_epoch()
    {
        var s = EndOfEpochThree();
        var one = TestStates.CheckpointAt(C, 1);
        s.PreviousJustified = one;
        s.CurrentJustified = EpochTwo;
        var t = EpochProcessing.ProcessEpoch(s, C);

        TargetTally.RequiredSource(t).Should().Be(one);
        TargetTally.Reason([new SeenVote(Vote(EpochTwo, source: one), 17, null)], EpochTwo, one, C)
            .Should().Be(MissingVoteReason.NotIncluded);
        TargetTally.Reason([new SeenVote(Vote(EpochTwo, source: EpochTwo), 17, null)], EpochTwo, one, C)
            .Should().Be(MissingVoteReason.WrongSource);
    }

    [Fact]
    public void Takes_the_best_of_several_votes_and_a_late_canonical_inclusion()
    {
        var wrongRoot = new Checkpoint(2, TestStates.Hash("a fork's block"));
        var wrongEpoch = new Checkpoint(1, EpochTwo.Root);

        TargetTally.Reason([new SeenVote(Vote(wrongRoot), 17, 18), new SeenVote(Vote(EpochTwo), 17, null)], EpochTwo, Genesis, C)
            .Should().Be(MissingVoteReason.NotIncluded, "one vote matched; the other's inclusion does not count");
        TargetTally.Reason([new SeenVote(Vote(wrongEpoch), 17, null)], EpochTwo, Genesis, C)
            .Should().Be(MissingVoteReason.WrongTarget, "the epoch is part of the target");
        TargetTally.Reason([new SeenVote(Vote(EpochTwo), 17, 26)], EpochTwo, Genesis, C)
            .Should().Be(MissingVoteReason.Late, "included on the canonical chain with d = 9 > SLOTS_PER_EPOCH");
        TargetTally.Reason([new SeenVote(Vote(EpochTwo), 25, null)], EpochTwo, Genesis, C)
            .Should().Be(MissingVoteReason.NotIncluded, "seen in the window's last slot: still includable");
        TargetTally.Reason([new SeenVote(Vote(EpochTwo), 30, null), new SeenVote(Vote(EpochTwo, slot: 20), 21, null)],
            EpochTwo, Genesis, C).Should().Be(MissingVoteReason.NotIncluded, "one matching vote was seen in time");
        TargetTally.Reason([], EpochTwo, Genesis, C).Should().Be(MissingVoteReason.Offline);
    }

    [Theory]
    [InlineData(MissingVoteReason.Slashed, "slashed")]
    [InlineData(MissingVoteReason.Offline, "offline")]
    [InlineData(MissingVoteReason.WrongTarget, "wrong-target")]
    [InlineData(MissingVoteReason.WrongSource, "wrong-source")]
    [InlineData(MissingVoteReason.Late, "late")]
    [InlineData(MissingVoteReason.NotIncluded, "not-included")]
    public void Names_the_reasons_as_epochs_jsonl_writes_them(MissingVoteReason reason, string name) =>
        reason.Name().Should().Be(name);

    [Fact]
    public void Agrees_with_the_stake_step_one_weighed()
    {
        var t = EpochProcessing.ProcessEpoch(EndOfEpochThree(), C);
        var tally = TargetTally.Compute(t, C, _ => [])!;

        tally.TargetStake.Should().Be(t.PreviousTargetBalance);
        var counted = Coins(11 * 32) - tally.Missing.Where(m => m.Index != 4).Aggregate(0UL, (a, m) => a + m.Stake)
            - Coins(32) /* v4, slashed */ - Coins(32) /* v10, active only from epoch 3 */;
        counted.Should().Be(tally.TargetStake, "total − missing − not yet active = the stake that counted");
        Hash32.Zero.Should().NotBe(tally.Root);
    }
}
