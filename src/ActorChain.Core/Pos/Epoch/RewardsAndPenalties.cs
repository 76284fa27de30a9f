using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.Epoch;

/// <summary>Per-validator rewards and penalties in gwei, indexed by validator (§5.5 step 3).</summary>
public sealed class Deltas
{
    /// <summary>Zero deltas for <paramref name="count"/> validators.</summary>
    public Deltas(int count)
    {
        Rewards = new ulong[count];
        Penalties = new ulong[count];
    }

    /// <summary>The reward of each validator.</summary>
    public ulong[] Rewards { get; }

    /// <summary>The penalty of each validator.</summary>
    public ulong[] Penalties { get; }
}

/// <summary>
/// The deltas of epoch processing step 3 (CONSENSUS.md §5.5), as Ethereum Altair's <c>get_flag_index_deltas</c> and
/// <c>get_inactivity_penalty_deltas</c> (with Bellatrix's use of the configured INACTIVITY_PENALTY_QUOTIENT). Every
/// delta is computed on the state as step 3 finds it.
/// </summary>
public static class RewardsAndPenalties
{
    /// <summary>
    /// For flag <paramref name="flagIndex"/> and each eligible v: if unslashed with the flag set in the previous epoch,
    /// <c>baseReward × weight × participatingIncrements // (activeIncrements × WEIGHT_DENOMINATOR)</c> out of a leak and
    /// nothing in one; otherwise, except for HEAD, a penalty of <c>baseReward × weight // WEIGHT_DENOMINATOR</c>.
    /// </summary>
    public static Deltas FlagIndexDeltas(BeaconState s, int flagIndex, ConsensusConfig c) =>
        FlagIndexDeltas(s, flagIndex, c, EpochProcessing.EligibleValidatorIndices(s, c), Accessors.TotalActiveBalance(s, c));

    /// <summary><see cref="FlagIndexDeltas(BeaconState, int, ConsensusConfig)"/> with the eligible set and total computed once per epoch.</summary>
    internal static Deltas FlagIndexDeltas(BeaconState s, int flagIndex, ConsensusConfig c, int[] eligible,
        ulong totalActiveBalance)
    {
        var n = s.ValidatorCount;
        var d = new Deltas(n);
        var previous = Accessors.PreviousEpoch(s, c);
        var participatingIndices = Accessors.UnslashedParticipatingIndices(s, flagIndex, previous, c);
        var participating = AsSet(n, participatingIndices);
        var weight = ConsensusConfig.ParticipationFlagWeights[flagIndex];
        var increment = c.EffectiveBalanceIncrement;
        var participatingIncrements = Accessors.TotalBalance(s, participatingIndices, c) / increment;
        var perIncrement = Accessors.BaseRewardPerIncrement(totalActiveBalance, c);
        var rewardDenominator = (UInt128)(totalActiveBalance / increment) * ConsensusConfig.WeightDenominator;
        var inLeak = EpochProcessing.IsInInactivityLeak(s, c);
        foreach (var index in eligible)
        {
            var weighted = checked(Accessors.BaseReward(s, index, perIncrement, c) * weight);
            if (participating[index])
            {
                if (!inLeak)
                {
                    d.Rewards[index] = checked((ulong)((UInt128)weighted * participatingIncrements / rewardDenominator));
                }
            }
            else if (flagIndex != ConsensusConfig.TimelyHeadFlagIndex)
            {
                d.Penalties[index] = weighted / ConsensusConfig.WeightDenominator;
            }
        }

        return d;
    }

    /// <summary>
    /// For each eligible v without TARGET in the previous epoch (slashed ones included):
    /// <c>effBal × inactivityScore // (INACTIVITY_SCORE_BIAS × INACTIVITY_PENALTY_QUOTIENT)</c>.
    /// </summary>
    public static Deltas InactivityPenaltyDeltas(BeaconState s, ConsensusConfig c) =>
        InactivityPenaltyDeltas(s, c, EpochProcessing.EligibleValidatorIndices(s, c));

    /// <summary><see cref="InactivityPenaltyDeltas(BeaconState, ConsensusConfig)"/> with the eligible set computed once per epoch.</summary>
    internal static Deltas InactivityPenaltyDeltas(BeaconState s, ConsensusConfig c, int[] eligible)
    {
        var n = s.ValidatorCount;
        var d = new Deltas(n);
        var previous = Accessors.PreviousEpoch(s, c);
        var matchingTarget = AsSet(n,
            Accessors.UnslashedParticipatingIndices(s, ConsensusConfig.TimelyTargetFlagIndex, previous, c));
        var denominator = (UInt128)c.InactivityScoreBias * c.InactivityPenaltyQuotient;
        foreach (var index in eligible)
        {
            if (!matchingTarget[index])
            {
                d.Penalties[index] = checked((ulong)((UInt128)s.Validators[index].EffectiveBalance
                    * s.InactivityScores[index] / denominator));
            }
        }

        return d;
    }

    private static bool[] AsSet(int n, IEnumerable<int> indices)
    {
        var set = new bool[n];
        foreach (var i in indices)
        {
            set[i] = true;
        }

        return set;
    }
}
