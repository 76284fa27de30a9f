using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pos.Epoch;

public sealed class ProcessEpochTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;
    private static readonly Checkpoint Genesis = new(0, TestStates.GenesisRoot);
    private const ulong Far = ConsensusConfig.FarFutureEpoch;

    /// <summary>End of epoch 2; everyone set every flag in epochs 1 and 2; v2's balance drifted down to 30.5 coins.</summary>
    private static BeaconState FullParticipationAtEpochTwo()
    {
        var s = TestStates.Uniform(C, TestStates.LastSlot(C, 2), 3, 32);
        for (var i = 0; i < 3; i++)
        {
            s.SetPreviousEpochParticipation(i, 0b111);
            s.SetCurrentEpochParticipation(i, 0b111);
        }

        s.SetBalance(2, Coins(30) + 500_000_000UL);
        return s;
    }

    [Fact]
    public void Records_the_transition_as_epochs_jsonl_prints_it()
    {
        var t = EpochProcessing.ProcessEpoch(FullParticipationAtEpochTwo(), C);

        var epochTwo = new Checkpoint(2, TestStates.BlockRootOf(16));
        t.Epoch.Should().Be(2);
        t.TotalActiveBalance.Should().Be(Coins(96));
        t.PreviousTargetBalance.Should().Be(Coins(96));
        t.CurrentTargetBalance.Should().Be(Coins(96));
        t.InLeak.Should().BeFalse();
        t.BitsBefore.Should().Be(0);
        t.Bits.Should().Be(0b0011);
        EpochTransition.BitString(t.Bits).Should().Be("0011");
        t.PreviousJustifiedBefore.Should().Be(Genesis);
        t.CurrentJustifiedBefore.Should().Be(Genesis);
        t.FinalizedBefore.Should().Be(Genesis);
        t.PreviousJustified.Should().Be(Genesis);
        t.CurrentJustified.Should().Be(epochTwo);
        t.Finalized.Should().Be(Genesis);
        t.PreviousTarget.Should().Be(new Checkpoint(1, TestStates.BlockRootOf(8)));
        t.CurrentTarget.Should().Be(epochTwo);
        t.MarksJustified(new Checkpoint(1, TestStates.BlockRootOf(8))).Should().BeTrue("bit 1: epoch 1 was justified here, then replaced by epoch 2");
        t.MarksJustified(epochTwo).Should().BeTrue();
        t.MarksJustified(new Checkpoint(1, TestStates.BlockRootOf(9))).Should().BeFalse("another root of epoch 1 is not the chain's checkpoint");

        // Everyone set every flag, so each flag pays its full weight: total 96 coins → per increment
        // 64e9 // isqrt(96e9) = 64e9 // 309838 = 206559, and baseReward × w × 96 // (96 × 64) = baseReward × w // 64.
        // v2's effective balance then drops: 30.5 coins + rewards + a quarter coin < 32 coins.
        const ulong baseReward = 32 * 206_559UL;
        const ulong perfect = (baseReward * 14 / 64) + (baseReward * 26 / 64) + (baseReward * 14 / 64);
        t.Validators.Should().Equal(
            new ValidatorTrace(0, Coins(32), Coins(32) + perfect, Coins(32), Coins(32), 0, 0, 7, 7, false, 0, Far, Far),
            new ValidatorTrace(1, Coins(32), Coins(32) + perfect, Coins(32), Coins(32), 0, 0, 7, 7, false, 0, Far, Far),
            new ValidatorTrace(2, Coins(30) + 500_000_000UL, Coins(30) + 500_000_000UL + perfect, Coins(32), Coins(30),
                0, 0, 7, 7, false, 0, Far, Far));
    }

    [Fact]
    public void Carries_the_mix_and_rotates_participation_at_the_end()
    {
        var s = FullParticipationAtEpochTwo();
        s.SetPreviousEpochParticipation(0, 0b001);
        s.SetCurrentEpochParticipation(0, 0b110);
        EpochProcessing.ProcessEpoch(s, C);
        s.RandaoMixAt(3).Should().Be(TestStates.Mix(2));
        s.PreviousEpochParticipation[0].Should().Be(0b110);
        s.CurrentEpochParticipation[0].Should().Be(0);
    }

    [Fact]
    public void Leaves_the_trace_empty_when_not_asked_for()
    {
        var t = EpochProcessing.ProcessEpoch(FullParticipationAtEpochTwo(), C, trace: false);
        t.Validators.Should().BeEmpty();
        t.Bits.Should().Be(0b0011);
    }

    [Fact]
    public void Finalizes_the_epoch_before_when_everyone_attests_throughout()
    {
        var s = TestStates.Uniform(C, 0, 4, 32);
        for (ulong epoch = 0; epoch <= 5; epoch++)
        {
            SlotProcessing.ProcessSlots(s, TestStates.LastSlot(C, epoch), C);
            for (var i = 0; i < 4; i++)
            {
                s.SetCurrentEpochParticipation(i, 0b111);
            }

            var t = SlotProcessing.ProcessSlots(s, C.StartSlot(epoch + 1), C)[0];
            t.Epoch.Should().Be(epoch);
            if (epoch >= 3)
            {
                t.Finalized.Epoch.Should().Be(epoch - 1, $"finalized at the end of {epoch}");
                t.CurrentJustified.Epoch.Should().Be(epoch);
                t.Bits.Should().Be(epoch == 3 ? 0b0111 : 0b1111);
            }
        }
    }
}
