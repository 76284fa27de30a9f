using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;

namespace ActorChain.Core.Tests.Pos.Epoch;

public sealed class InactivityUpdatesTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal; // bias 4, recovery 16, MIN_EPOCHS 4

    /// <summary>
    /// End of epoch 10 (previous 9), finalized at <paramref name="finalizedEpoch"/>. v0 voted TARGET (score 50); v1 did
    /// not (50); v2 voted but is slashed (0); v3 exited at 5 (7, not eligible); v4 slashed and exited, withdrawable at
    /// 30 (0, eligible); v5 slashed and exited, withdrawable at 10 = previous + 1 (3, not eligible).
    /// </summary>
    private static BeaconState Scenario(ulong finalizedEpoch)
    {
        var s = TestStates.Uniform(C, TestStates.LastSlot(C, 10), 6, 32);
        s.Finalized = TestStates.CheckpointAt(C, finalizedEpoch);
        s.SetPreviousEpochParticipation(0, 0b011);
        s.SetPreviousEpochParticipation(2, 0b011);
        s.SetValidator(2, s.Validators[2] with { Slashed = true, WithdrawableEpoch = 100 });
        s.SetValidator(3, s.Validators[3] with { ExitEpoch = 5, WithdrawableEpoch = 21 });
        s.SetValidator(4, s.Validators[4] with { Slashed = true, ExitEpoch = 5, WithdrawableEpoch = 30 });
        s.SetValidator(5, s.Validators[5] with { Slashed = true, ExitEpoch = 5, WithdrawableEpoch = 10 });
        ulong[] scores = [50, 50, 0, 7, 0, 3];
        for (var i = 0; i < scores.Length; i++)
        {
            s.SetInactivityScore(i, scores[i]);
        }

        return s;
    }

    private static ulong[] Scores(BeaconState s) => s.InactivityScores.ToArray();

    [Fact]
    public void Starts_the_leak_when_finality_is_more_than_four_epochs_behind_the_previous_epoch()
    {
        EpochProcessing.FinalityDelay(Scenario(4), C).Should().Be(5);
        EpochProcessing.IsInInactivityLeak(Scenario(4), C).Should().BeTrue();
        EpochProcessing.FinalityDelay(Scenario(5), C).Should().Be(4);
        EpochProcessing.IsInInactivityLeak(Scenario(5), C).Should().BeFalse();
    }

    [Fact]
    public void Counts_eligible_validators_as_active_in_previous_or_slashed_and_not_yet_withdrawable() =>
        EpochProcessing.EligibleValidatorIndices(Scenario(8), C).Should().Equal(0, 1, 2, 4);

    [Fact]
    public void Recovers_scores_outside_the_leak()
    {
        var s = Scenario(8);
        EpochProcessing.ProcessInactivityUpdates(s, C);
        // v0 50 − 1 − 16; v1 50 + 4 − 16; v2 0 + 4 − 4; v4 0 + 4 − 4; v3 and v5 untouched.
        Scores(s).Should().Equal(33UL, 38UL, 0UL, 7UL, 0UL, 3UL);
    }

    [Fact]
    public void Grows_scores_of_non_voters_in_the_leak()
    {
        var s = Scenario(4);
        EpochProcessing.ProcessInactivityUpdates(s, C);
        Scores(s).Should().Equal(49UL, 54UL, 4UL, 7UL, 4UL, 3UL);
    }

    [Fact]
    public void Leaves_scores_alone_in_the_first_epoch()
    {
        var s = TestStates.Uniform(C, TestStates.LastSlot(C, 0), 2, 32);
        s.SetInactivityScore(1, 50);
        EpochProcessing.ProcessInactivityUpdates(s, C);
        Scores(s).Should().Equal(0UL, 50UL);
    }
}
