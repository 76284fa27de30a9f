using CsCheck;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pos.Epoch;

public sealed class JustificationAndFinalizationTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;
    private static readonly ulong Total = Coins(96);
    private static readonly ulong TwoThirds = Coins(64);
    private static readonly Checkpoint Genesis = new(0, TestStates.GenesisRoot);

    /// <summary>The checkpoint of <paramref name="epoch"/> on the fixture's chain: the root at its start slot.</summary>
    private static Checkpoint Cp(ulong epoch) => TestStates.CheckpointAt(C, epoch);

    /// <summary>A state at the end of epoch 5 with the given justification history.</summary>
    private static BeaconState AtEpochFive(byte bits, Checkpoint previousJustified, Checkpoint currentJustified)
    {
        var s = TestStates.Uniform(C, TestStates.LastSlot(C, 5), 3, 32);
        s.JustificationBits = bits;
        s.PreviousJustified = previousJustified;
        s.CurrentJustified = currentJustified;
        return s;
    }

    // Bits read "43210 -- epochs ago" from the right: bit i is epoch E − i.
    [Fact]
    public void Finalizes_the_old_previous_justified_when_it_and_the_two_epochs_after_are_justified()
    {
        var s = AtEpochFive(0b0110, Cp(2), Cp(3)); // rule 1: bits 1..3, oldPrevious + 3 == E
        EpochProcessing.WeighJustificationAndFinalization(s, Total, TwoThirds, 0, C);
        s.JustificationBits.Should().Be(0b1110);
        s.PreviousJustified.Should().Be(Cp(3));
        s.CurrentJustified.Should().Be(Cp(4));
        s.Finalized.Should().Be(Cp(2));
    }

    [Fact]
    public void Finalizes_the_old_previous_justified_when_it_and_the_next_epoch_are_justified()
    {
        var s = AtEpochFive(0b0010, Cp(3), Cp(3)); // rule 2: bits 1..2, oldPrevious + 2 == E
        EpochProcessing.WeighJustificationAndFinalization(s, Total, TwoThirds, 0, C);
        s.JustificationBits.Should().Be(0b0110);
        s.CurrentJustified.Should().Be(Cp(4));
        s.Finalized.Should().Be(Cp(3));
    }

    [Fact]
    public void Finalizes_the_old_current_justified_when_it_and_the_two_epochs_after_are_justified()
    {
        var s = AtEpochFive(0b0010, Cp(2), Cp(3)); // rule 3: bits 0..2, oldCurrent + 2 == E
        EpochProcessing.WeighJustificationAndFinalization(s, Total, TwoThirds, TwoThirds, C);
        s.JustificationBits.Should().Be(0b0111);
        s.PreviousJustified.Should().Be(Cp(3));
        s.CurrentJustified.Should().Be(Cp(5));
        s.Finalized.Should().Be(Cp(3));
    }

    [Fact]
    public void Finalizes_the_old_current_justified_when_the_next_epoch_is_justified()
    {
        var s = AtEpochFive(0b0001, Cp(3), Cp(4)); // rule 4: bits 0..1, oldCurrent + 1 == E
        EpochProcessing.WeighJustificationAndFinalization(s, Total, 0, TwoThirds, C);
        s.JustificationBits.Should().Be(0b0011);
        s.PreviousJustified.Should().Be(Cp(4));
        s.CurrentJustified.Should().Be(Cp(5));
        s.Finalized.Should().Be(Cp(4));
    }

    [Fact]
    public void Only_shifts_the_bits_without_a_supermajority()
    {
        var s = AtEpochFive(0b0101, Cp(3), Cp(3));
        EpochProcessing.WeighJustificationAndFinalization(s, Total, TwoThirds - 1, TwoThirds - 1, C);
        s.JustificationBits.Should().Be(0b1010);
        s.CurrentJustified.Should().Be(Cp(3));
        s.Finalized.Should().Be(Genesis);
    }

    [Fact]
    public void Justifies_when_target_times_three_equals_total_times_two_and_not_one_gwei_short()
    {
        var met = AtEpochFive(0, Genesis, Genesis);
        EpochProcessing.WeighJustificationAndFinalization(met, Total, TwoThirds, TwoThirds, C);
        met.JustificationBits.Should().Be(0b0011);

        var shortByOne = AtEpochFive(0, Genesis, Genesis);
        EpochProcessing.WeighJustificationAndFinalization(shortByOne, Total, TwoThirds - 1, TwoThirds - 1, C);
        shortByOne.JustificationBits.Should().Be(0);
        shortByOne.CurrentJustified.Should().Be(Genesis);
    }

    [Fact]
    public void Compares_without_overflow_near_the_top_of_the_u64_range()
    {
        var total = 3UL << 62; // × 2 and the target × 3 both exceed 2^64
        var met = AtEpochFive(0, Genesis, Genesis);
        EpochProcessing.WeighJustificationAndFinalization(met, total, 1UL << 63, 0, C);
        met.JustificationBits.Should().Be(0b0010);

        var shortByOne = AtEpochFive(0, Genesis, Genesis);
        EpochProcessing.WeighJustificationAndFinalization(shortByOne, total, (1UL << 63) - 1, 0, C);
        shortByOne.JustificationBits.Should().Be(0);
    }

    [Fact]
    public void Weighs_only_unslashed_target_votes_of_active_validators()
    {
        var s = TestStates.Uniform(C, TestStates.LastSlot(C, 5), 3, 32);
        for (var i = 0; i < 3; i++)
        {
            s.SetPreviousEpochParticipation(i, 0b010);
        }

        s.SetCurrentEpochParticipation(0, 0b111);
        s.SetCurrentEpochParticipation(1, 0b010);
        s.SetValidator(1, s.Validators[1] with { Slashed = true });
        EpochProcessing.ComputeTargetBalances(s, C).Should().Be(new TargetBalances(Coins(96), Coins(64), Coins(32)));

        EpochProcessing.ProcessJustificationAndFinalization(s, C); // previous: 64 × 3 = 96 × 2; current: 32 short
        s.JustificationBits.Should().Be(0b0010);
        s.CurrentJustified.Should().Be(Cp(4));
    }

    [Fact]
    public void Skips_justification_until_epoch_two()
    {
        var early = TestStates.Uniform(C, TestStates.LastSlot(C, 1), 3, 32);
        var two = TestStates.Uniform(C, TestStates.LastSlot(C, 2), 3, 32);
        foreach (var s in new[] { early, two })
        {
            for (var i = 0; i < 3; i++)
            {
                s.SetPreviousEpochParticipation(i, 0b111);
                s.SetCurrentEpochParticipation(i, 0b111);
            }
        }

        EpochProcessing.SkipsJustification(early, C).Should().BeTrue();
        EpochProcessing.ProcessJustificationAndFinalization(early, C);
        early.JustificationBits.Should().Be(0);
        early.CurrentJustified.Should().Be(Genesis);

        EpochProcessing.SkipsJustification(two, C).Should().BeFalse();
        EpochProcessing.ProcessJustificationAndFinalization(two, C);
        two.JustificationBits.Should().Be(0b0011);
        two.PreviousJustified.Should().Be(Genesis);
        two.CurrentJustified.Should().Be(Cp(2));
        two.Finalized.Should().Be(Genesis);
    }

    [Fact]
    public void The_supermajority_threshold_is_the_least_balance_with_two_thirds_of_the_total() =>
        Gen.ULong.Sample(total =>
        {
            var needed = EpochProcessing.SupermajorityThreshold(total);
            EpochProcessing.IsSupermajority(needed, total).Should().BeTrue();
            if (needed > 0) EpochProcessing.IsSupermajority(needed - 1, total).Should().BeFalse();
        });

    [Fact]
    public void Two_thirds_exactly_is_a_supermajority_and_one_gwei_less_is_not()
    {
        EpochProcessing.IsSupermajority(Coins(64), Coins(96)).Should().BeTrue();
        EpochProcessing.IsSupermajority(Coins(64) - 1, Coins(96)).Should().BeFalse();
        EpochProcessing.SupermajorityThreshold(Coins(96)).Should().Be(Coins(64));
    }
}
