using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Misc;

namespace ActorChain.Core.Tests.Pos.Misc;

public sealed class MutatorsTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;
    private const ulong Epoch3 = 24;

    [Fact]
    public void Exits_at_the_activation_exit_epoch_and_withdraws_after_the_delay()
    {
        var s = TestStates.Uniform(C, Epoch3, 10, 32);
        Mutators.InitiateExit(s, 0, C).Should().Be(8); // 3 + 1 + MAX_SEED_LOOKAHEAD 4
        s.Validators[0].ExitEpoch.Should().Be(8);
        s.Validators[0].WithdrawableEpoch.Should().Be(24); // + MIN_VALIDATOR_WITHDRAWABILITY_DELAY 16
    }

    [Fact]
    public void Queues_exits_beyond_the_churn_limit_to_the_next_epoch()
    {
        var s = TestStates.Uniform(C, Epoch3, 10, 32);
        for (var i = 0; i < 4; i++)
        {
            Mutators.InitiateExit(s, i, C).Should().Be(8, $"exit {i}");
        }

        Mutators.InitiateExit(s, 4, C).Should().Be(9); // churn limit max(4, 10 // 65536) = 4
        s.Validators[4].WithdrawableEpoch.Should().Be(25);
        Mutators.InitiateExit(s, 5, C).Should().Be(9);
    }

    [Fact]
    public void Queues_behind_the_latest_scheduled_exit_and_leaves_an_exiting_validator_alone()
    {
        var s = TestStates.Uniform(C, Epoch3, 10, 32);
        s.SetValidator(9, s.Validators[9] with { ExitEpoch = 20, WithdrawableEpoch = 36 });
        Mutators.InitiateExit(s, 0, C).Should().Be(20);
        Mutators.InitiateExit(s, 9, C).Should().Be(20);
        s.Validators[9].WithdrawableEpoch.Should().Be(36);
    }

    [Fact]
    public void Penalises_the_slashed_and_splits_the_whistleblower_reward_with_the_proposer()
    {
        var s = TestStates.Uniform(C, Epoch3, 4, 32);
        var outcome = Mutators.SlashValidator(s, 1, 2, 0, C);

        // effBal 32 coins: penalty 32/32 = 1 coin; w = 32e9 // 512 = 62,500,000; pr = w × 8 // 64 = 7,812,500.
        outcome.Should().Be(new SlashingOutcome(1, 1_000_000_000UL, 2, 54_687_500UL, 0, 7_812_500UL, 8, 67));
        s.Balance(1).Should().Be(Units.Coins(31));
        s.Balance(0).Should().Be(Units.Coins(32) + 7_812_500UL);
        s.Balance(2).Should().Be(Units.Coins(32) + 54_687_500UL);
        s.Validators[1].Slashed.Should().BeTrue();
        s.Validators[1].ExitEpoch.Should().Be(8);
        s.Validators[1].WithdrawableEpoch.Should().Be(67, "max(8 + 16, 3 + 64)");
        s.SlashingsAt(3).Should().Be(Units.Coins(32));
    }

    [Fact]
    public void Pays_the_whole_whistleblower_reward_to_the_proposer_when_none_is_named()
    {
        var s = TestStates.Uniform(C, Epoch3, 4, 32);
        var outcome = Mutators.SlashValidator(s, 1, null, 3, C);
        outcome.WhistleblowerIndex.Should().Be(3);
        s.Balance(3).Should().Be(Units.Coins(32) + 62_500_000UL);
    }

    [Fact]
    public void Takes_the_whole_balance_under_the_tutorial_preset_rewards_included()
    {
        var tutorial = ConsensusConfig.Tutorial;
        var s = TestStates.Uniform(tutorial, Epoch3, 4, 32);
        s.IncreaseBalance(1, 700_000_000); // above its effective balance: rewards it earned
        Mutators.SlashValidator(s, 1, null, 0, tutorial).Penalty.Should().Be(Units.Coins(32) + 700_000_000UL);
        s.Balance(1).Should().Be(0);
        s.Balance(0).Should().Be(Units.Coins(32) + 62_500_000UL, "the rewards are paid as usual");
    }

    [Fact]
    public void Never_takes_more_than_the_balance_and_keeps_an_earlier_exit()
    {
        var s = TestStates.Uniform(C, Epoch3, 4, 32);
        s.SetBalance(1, 400_000_000UL);
        s.SetValidator(1, s.Validators[1] with { ExitEpoch = 6, WithdrawableEpoch = 100 });
        var outcome = Mutators.SlashValidator(s, 1, 2, 0, C);
        outcome.Penalty.Should().Be(400_000_000UL);
        s.Balance(1).Should().Be(0);
        outcome.ExitEpoch.Should().Be(6);
        outcome.WithdrawableEpoch.Should().Be(100);
    }
}
