using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pos.Epoch;

/// <summary>
/// Four validators of 32 coins at the end of epoch 10: total 128 coins, base reward per increment
/// <c>64 × 10^9 // isqrt(128 × 10^9) = 178885</c>, base reward <c>32 × 178885 = 5724320</c>.
/// </summary>
public sealed class RewardsAndPenaltiesTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;

    /// <summary>v0 all flags; v1 SOURCE and TARGET; v2 nothing, inactivity score 8; v3 all flags but slashed.</summary>
    private static BeaconState Scenario(ulong finalizedEpoch)
    {
        var s = TestStates.Uniform(C, TestStates.LastSlot(C, 10), 4, 32);
        s.Finalized = TestStates.CheckpointAt(C, finalizedEpoch);
        s.SetPreviousEpochParticipation(0, 0b111);
        s.SetPreviousEpochParticipation(1, 0b011);
        s.SetPreviousEpochParticipation(3, 0b111);
        s.SetValidator(3, s.Validators[3] with { Slashed = true });
        s.SetInactivityScore(2, 8);
        return s;
    }

    private static long[] Changes(BeaconState before, BeaconState after) =>
        [.. Enumerable.Range(0, before.ValidatorCount).Select(i => (long)after.Balance(i) - (long)before.Balance(i))];

    [Fact]
    public void Rewards_each_flag_by_its_weight_and_the_participating_share()
    {
        var source = RewardsAndPenalties.FlagIndexDeltas(Scenario(8), ConsensusConfig.TimelySourceFlagIndex, C);
        // 5724320 × 14 × 64 participating increments // (128 × 64) = 626097; penalty 5724320 × 14 // 64 = 1252195.
        source.Rewards.Should().Equal(626_097UL, 626_097UL, 0UL, 0UL);
        source.Penalties.Should().Equal(0UL, 0UL, 1_252_195UL, 1_252_195UL);
        var head = RewardsAndPenalties.FlagIndexDeltas(Scenario(8), ConsensusConfig.TimelyHeadFlagIndex, C);
        // 5724320 × 14 × 32 // 8192 = 313048; a missed HEAD costs nothing.
        head.Rewards.Should().Equal(313_048UL, 0UL, 0UL, 0UL);
        head.Penalties.Should().Equal(0UL, 0UL, 0UL, 0UL);
    }

    [Fact]
    public void Applies_flag_rewards_penalties_and_inactivity_outside_the_leak()
    {
        var s = Scenario(8);
        var before = s.Copy();
        EpochProcessing.ProcessRewardsAndPenalties(s, C);
        // v0: 626097 + 1162752 + 313048. v1: 626097 + 1162752. v2: −1252195 − 2325505 − 32e9 × 8 // (4 × 256).
        // v3 (slashed): −1252195 − 2325505, and no inactivity penalty with score 0.
        Changes(before, s).Should().Equal(2_101_897L, 1_788_849L, -253_577_700L, -3_577_700L);
    }

    [Fact]
    public void Withholds_rewards_but_keeps_penalties_in_the_leak()
    {
        var s = Scenario(4);
        var before = s.Copy();
        EpochProcessing.ProcessRewardsAndPenalties(s, C);
        Changes(before, s).Should().Equal(0L, 0L, -253_577_700L, -3_577_700L);
    }

    [Fact]
    public void Never_takes_a_balance_below_zero()
    {
        var s = Scenario(8);
        s.SetBalance(2, 1_000);
        EpochProcessing.ProcessRewardsAndPenalties(s, C);
        s.Balance(2).Should().Be(0);
    }

    [Fact]
    public void Pays_nothing_in_the_first_epoch()
    {
        var s = TestStates.Uniform(C, TestStates.LastSlot(C, 0), 2, 32);
        s.SetInactivityScore(1, 100);
        EpochProcessing.ProcessRewardsAndPenalties(s, C);
        s.Balance(0).Should().Be(Coins(32));
        s.Balance(1).Should().Be(Coins(32));
    }
}
