using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Misc;

namespace ActorChain.Core.Tests.Pos.Misc;

public sealed class AccessorsTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;

    [Fact]
    public void Takes_exact_integer_square_roots_over_the_whole_u64_range()
    {
        ExactMath.IntegerSquareRoot(0).Should().Be(0);
        ExactMath.IntegerSquareRoot(1).Should().Be(1);
        ExactMath.IntegerSquareRoot(3).Should().Be(1);
        ExactMath.IntegerSquareRoot(4).Should().Be(2);
        ExactMath.IntegerSquareRoot(8).Should().Be(2); // isqrt(SLOTS_PER_EPOCH) of minimal, the SOURCE inclusion limit
        ExactMath.IntegerSquareRoot(32).Should().Be(5);
        ExactMath.IntegerSquareRoot((999_999UL * 999_999UL) - 1).Should().Be(999_998);
        ExactMath.IntegerSquareRoot(999_999UL * 999_999UL).Should().Be(999_999);
        ExactMath.IntegerSquareRoot(Units.Coins(128)).Should().Be(357_770);
        ExactMath.IntegerSquareRoot(long.MaxValue).Should().Be(3_037_000_499UL);
        ExactMath.IntegerSquareRoot(ulong.MaxValue).Should().Be(4_294_967_295UL);
    }

    [Fact]
    public void Counts_epochs_from_the_slot_with_previous_never_below_genesis()
    {
        Accessors.CurrentEpoch(TestStates.Uniform(C, 87, 1, 32), C).Should().Be(10);
        Accessors.PreviousEpoch(TestStates.Uniform(C, 87, 1, 32), C).Should().Be(9);
        Accessors.CurrentEpoch(TestStates.Uniform(C, 3, 1, 32), C).Should().Be(0);
        Accessors.PreviousEpoch(TestStates.Uniform(C, 3, 1, 32), C).Should().Be(0);
    }

    [Fact]
    public void Lists_active_validators_by_activation_and_exit_epochs()
    {
        var s = TestStates.Uniform(C, 87, 4, 32);
        s.SetValidator(1, s.Validators[1] with { ExitEpoch = 10 });
        s.SetValidator(2, s.Validators[2] with { ActivationEpoch = 11 });
        Accessors.ActiveValidatorIndices(s, 10).Should().Equal(0, 3);
        Accessors.ActiveValidatorIndices(s, 9).Should().Equal(0, 1, 3);
        Accessors.ActiveValidatorIndices(s, 11).Should().Equal(0, 2, 3);
        Accessors.ActiveValidatorCount(s, 10).Should().Be(2);
    }

    [Fact]
    public void Counts_slashed_but_active_stake_in_the_total_and_never_goes_below_one_increment()
    {
        var s = TestStates.State(C, 87, 32, 32, 32, 32);
        s.SetValidator(3, s.Validators[3] with { Slashed = true });
        Accessors.TotalActiveBalance(s, C).Should().Be(Units.Coins(128));
        for (var i = 0; i < 4; i++)
        {
            s.SetValidator(i, s.Validators[i] with { EffectiveBalance = 0 });
        }

        Accessors.TotalActiveBalance(s, C).Should().Be(C.EffectiveBalanceIncrement);
    }

    [Fact]
    public void Sums_a_set_of_indices_once_each_with_a_floor_of_one_increment()
    {
        var s = TestStates.State(C, 87, 32, 20, 7);
        Accessors.TotalBalance(s, [0, 0, 1], C).Should().Be(Units.Coins(52));
        Accessors.TotalBalance(s, [], C).Should().Be(Units.Coins(1));
    }

    [Fact]
    public void Derives_base_rewards_from_the_square_root_of_the_total()
    {
        var s = TestStates.Uniform(C, 87, 4, 32);
        // 10^9 × 64 // isqrt(128 × 10^9) = 64 × 10^9 // 357770 = 178885; × 32 increments.
        Accessors.BaseRewardPerIncrement(s, C).Should().Be(178_885);
        Accessors.BaseReward(s, 0, C).Should().Be(5_724_320);
        s.SetValidator(1, s.Validators[1] with { EffectiveBalance = Units.Coins(31) });
        var perIncrement = Accessors.BaseRewardPerIncrement(Units.Coins(128), C);
        Accessors.BaseReward(s, 1, perIncrement, C).Should().Be(31 * 178_885);
    }

    [Fact]
    public void Keeps_a_churn_limit_of_at_least_the_minimum()
    {
        Accessors.ChurnLimit(TestStates.Uniform(C, 87, 10, 32), C).Should().Be(4);
        var small = C.WithOverride("CHURN_LIMIT_QUOTIENT", 2);
        Accessors.ChurnLimit(TestStates.Uniform(small, 87, 10, 32), small).Should().Be(5);
    }

    [Fact]
    public void Reads_block_roots_only_for_past_slots_still_held()
    {
        var s = TestStates.Uniform(C, 87, 1, 32);
        Accessors.BlockRootAtSlot(s, 86, C).Should().Be(TestStates.BlockRootOf(86));
        Accessors.BlockRootAtSlot(s, 23, C).Should().Be(TestStates.BlockRootOf(23), "exactly 64 slots back");
        Accessors.BlockRoot(s, 10, C).Should().Be(TestStates.BlockRootOf(80));
        Accessors.HoldsBlockRootAt(s, 87, C).Should().BeFalse();
        var current = () => Accessors.BlockRootAtSlot(s, 87, C);
        current.Should().Throw<ArgumentOutOfRangeException>();
        var tooOld = () => Accessors.BlockRootAtSlot(s, 22, C);
        tooOld.Should().Throw<ArgumentOutOfRangeException>();
        var epochTooOld = () => Accessors.BlockRoot(s, 2, C);
        epochTooOld.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Finds_unslashed_participants_of_the_previous_or_current_epoch_only()
    {
        var s = TestStates.Uniform(C, 87, 4, 32);
        s.SetPreviousEpochParticipation(0, 0b010);
        s.SetPreviousEpochParticipation(1, 0b011);
        s.SetPreviousEpochParticipation(2, 0b111);
        s.SetValidator(2, s.Validators[2] with { Slashed = true });
        s.SetCurrentEpochParticipation(3, 0b010);
        const int target = ConsensusConfig.TimelyTargetFlagIndex;
        Accessors.UnslashedParticipatingIndices(s, target, 9, C).Should().Equal(0, 1);
        Accessors.UnslashedParticipatingIndices(s, ConsensusConfig.TimelySourceFlagIndex, 9, C).Should().Equal(1);
        Accessors.UnslashedParticipatingIndices(s, target, 10, C).Should().Equal(3);
        var older = () => Accessors.UnslashedParticipatingIndices(s, target, 8, C);
        older.Should().Throw<ArgumentOutOfRangeException>();
    }
}
