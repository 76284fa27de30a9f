using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pos.Epoch;

public sealed class SlashingsTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal; // multiplier 3, vector 64

    /// <summary>n validators of 32 coins; the first <paramref name="slashed"/> are slashed in epoch 3 (withdrawable at 67).</summary>
    private static BeaconState SlashedAtEpochThree(int n, int slashed, ConsensusConfig? config = null)
    {
        var c = config ?? C;
        var s = TestStates.Uniform(c, c.StartSlot(3), n, 32);
        for (var i = 0; i < slashed; i++)
        {
            Mutators.SlashValidator(s, i, null, n - 1, c);
        }

        return s;
    }

    [Fact]
    public void Takes_the_correlation_penalty_halfway_through_the_slashings_vector()
    {
        var s = SlashedAtEpochThree(10, 1);
        s.Validators[0].WithdrawableEpoch.Should().Be(67);
        s.Balance(0).Should().Be(Coins(31));
        s.Slot = TestStates.LastSlot(C, 35); // 35 + 64 // 2 == 67
        var taken = EpochProcessing.ProcessSlashings(s, C);
        // Active at 35: 9 × 32 = 288 coins. adj = min(32 × 3, 288) = 96. 32 × 96e9 // 288e9 = 10 increments.
        s.Balance(0).Should().Be(Coins(21));
        taken.Should().Equal(new CorrelationPenalty(0, Coins(10)));
    }

    [Fact]
    public void Reports_only_what_the_balance_could_pay()
    {
        var s = SlashedAtEpochThree(4, 3);
        s.SetBalance(1, Coins(5));
        s.Slot = TestStates.LastSlot(C, 35);
        var taken = EpochProcessing.ProcessSlashings(s, C);
        // Each is due 32 increments; v1 had only 5 coins left.
        taken.Should().Equal(new CorrelationPenalty(0, Coins(31)), new CorrelationPenalty(1, Coins(5)),
            new CorrelationPenalty(2, Coins(31)));
    }

    [Fact]
    public void Reports_the_correlation_penalties_and_exits_in_the_transition()
    {
        var s = SlashedAtEpochThree(10, 1); // exit 3 + 1 + 4 = 8, withdrawable max(8 + 16, 3 + 64) = 67
        s.Validators[0].ExitEpoch.Should().Be(8);
        s.Slot = TestStates.LastSlot(C, 7);
        var atSeven = EpochProcessing.ProcessEpoch(s, C, trace: false);
        atSeven.Exits.Should().Equal(new ValidatorExit(0, true, 67));
        atSeven.CorrelationPenalties.Should().BeEmpty();

        s.Slot = TestStates.LastSlot(C, 35);
        var atThirtyFive = EpochProcessing.ProcessEpoch(s, C, trace: false);
        atThirtyFive.Exits.Should().BeEmpty();
        atThirtyFive.CorrelationPenalties.Select(p => p.ValidatorIndex).Should().Equal(0);
        atThirtyFive.CorrelationPenalties[0].Penalty.Should().BePositive();
    }

    [Fact]
    public void Takes_the_whole_effective_balance_when_a_third_of_the_stake_is_slashed()
    {
        var s = SlashedAtEpochThree(4, 3);
        s.Slot = TestStates.LastSlot(C, 35);
        EpochProcessing.ProcessSlashings(s, C);
        // adj = min(96 × 3, 32 active) = 32 coins = total: each loses 32 × 32 // 32 = 32 increments (floored at 0).
        for (var i = 0; i < 3; i++)
        {
            s.Balance(i).Should().Be(0, $"v{i} is slashed");
        }

        s.Balance(3).Should().Be(Coins(32) + (3 * 62_500_000UL));
    }

    [Theory]
    [InlineData(34UL)]
    [InlineData(36UL)]
    public void Takes_no_correlation_penalty_in_any_other_epoch(ulong epoch)
    {
        var s = SlashedAtEpochThree(10, 1);
        s.Slot = TestStates.LastSlot(C, epoch);
        EpochProcessing.ProcessSlashings(s, C).Should().BeEmpty();
        s.Balance(0).Should().Be(Coins(31));
    }

    [Fact]
    public void Clears_the_next_epochs_slashings_entry()
    {
        var s = TestStates.Uniform(C, TestStates.LastSlot(C, 10), 1, 32);
        s.SetSlashingsAt(10, 7);
        s.SetSlashingsAt(11, 5);
        EpochProcessing.ProcessSlashingsReset(s, C);
        s.SlashingsAt(10).Should().Be(7);
        s.SlashingsAt(11).Should().Be(0);
    }

    [Fact]
    public void Tutorial_preset_confiscates_the_whole_balance_rewards_included()
    {
        var t = ConsensusConfig.Tutorial;
        var s = TestStates.Uniform(t, t.StartSlot(3), 4, 32);
        s.SetBalance(0, Coins(40) + 123); // rewards earned above the effective balance go too
        Mutators.SlashValidator(s, 0, null, 3, t);
        s.Balance(0).Should().Be(0);
        s.Validators[0].Slashed.Should().BeTrue();
        // The whistleblower (here the proposer) is paid as usual: w = 32e9 // 512 = 62.5e6, all to v3.
        s.Balance(3).Should().Be(Coins(32) + 62_500_000UL);
    }

    [Fact]
    public void Tutorial_preset_pays_a_slashed_proposer_its_rewards_after_confiscation()
    {
        var t = ConsensusConfig.Tutorial;
        var s = TestStates.Uniform(t, t.StartSlot(3), 4, 32);
        Mutators.SlashValidator(s, 2, null, 2, t); // evidence against itself in its own block
        s.Balance(2).Should().Be(62_500_000UL);
    }
}
