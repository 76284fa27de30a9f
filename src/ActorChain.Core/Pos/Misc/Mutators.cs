using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.Misc;

/// <summary>The registry mutators of CONSENSUS.md §5.4: <c>initiateExit</c> and <c>slashValidator</c>.</summary>
public static class Mutators
{
    /// <summary>
    /// <c>initiate_validator_exit</c> (Ethereum phase0, churn included): a validator not yet exiting leaves at
    /// <c>q = max(every set exitEpoch, current + 1 + MAX_SEED_LOOKAHEAD)</c>, or <c>q + 1</c> when <c>q</c> already
    /// holds <c>churnLimit</c> exits, and becomes withdrawable MIN_VALIDATOR_WITHDRAWABILITY_DELAY later.
    /// Returns the validator's exit epoch afterwards (unchanged if it was already exiting).
    /// </summary>
    public static ulong InitiateExit(BeaconState s, int index, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(s);
        var v = s.Validators[index];
        if (v.ExitEpoch != ConsensusConfig.FarFutureEpoch)
        {
            return v.ExitEpoch;
        }

        var queue = ComputeActivationExitEpoch(Accessors.CurrentEpoch(s, c), c);
        foreach (var other in s.Validators)
        {
            if (other.ExitEpoch != ConsensusConfig.FarFutureEpoch && other.ExitEpoch > queue)
            {
                queue = other.ExitEpoch;
            }
        }

        ulong churn = 0;
        foreach (var other in s.Validators)
        {
            if (other.ExitEpoch == queue)
            {
                churn++;
            }
        }

        if (churn >= Accessors.ChurnLimit(s, c))
        {
            queue++;
        }

        s.SetValidator(index, v with
        {
            ExitEpoch = queue,
            WithdrawableEpoch = checked(queue + c.MinValidatorWithdrawabilityDelay),
        });
        return queue;
    }

    /// <summary><c>compute_activation_exit_epoch</c>: <c>epoch + 1 + MAX_SEED_LOOKAHEAD</c>.</summary>
    public static ulong ComputeActivationExitEpoch(ulong epoch, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return checked(epoch + 1 + c.MaxSeedLookahead);
    }

    /// <summary>
    /// <c>slashValidator</c> (§5.4, Ethereum Altair with §1's quotients): exit, mark slashed, hold until
    /// <c>current + EPOCHS_PER_SLASHINGS_VECTOR</c>, record the effective balance in <c>slashings</c>, take
    /// <c>effBal // MIN_SLASHING_PENALTY_QUOTIENT</c> (the whole balance in the <c>tutorial</c> preset), and pay
    /// <c>w = effBal // WHISTLEBLOWER_REWARD_QUOTIENT</c>: <c>w × PROPOSER_WEIGHT // WEIGHT_DENOMINATOR</c> to the
    /// proposer, the rest to the whistleblower (<paramref name="whistleblower"/>, or the proposer when null). It does
    /// not check that the validator is slashable; block processing does.
    /// </summary>
    public static SlashingOutcome SlashValidator(BeaconState s, int index, int? whistleblower, int proposerIndex, ConsensusConfig c)
    {
        var epoch = Accessors.CurrentEpoch(s, c);
        InitiateExit(s, index, c);
        var v = s.Validators[index];
        var withdrawable = Math.Max(v.WithdrawableEpoch, checked(epoch + c.EpochsPerSlashingsVector));
        v = v with { Slashed = true, WithdrawableEpoch = withdrawable };
        s.SetValidator(index, v);
        var slot = (int)(epoch % c.EpochsPerSlashingsVector);
        s.SetSlashingsAt(slot, checked(s.SlashingsAt(slot) + v.EffectiveBalance));
        var before = s.Balance(index);
        if (c.ConfiscatesWholeBalance)
        {
            s.SetBalance(index, 0);
        }
        else
        {
            s.DecreaseBalance(index, v.EffectiveBalance / c.MinSlashingPenaltyQuotient);
        }

        var penalty = before - s.Balance(index);
        var whistleblowerIndex = whistleblower ?? proposerIndex;
        var reward = v.EffectiveBalance / c.WhistleblowerRewardQuotient;
        var proposerReward = reward * ConsensusConfig.ProposerWeight / ConsensusConfig.WeightDenominator;
        s.IncreaseBalance(proposerIndex, proposerReward);
        s.IncreaseBalance(whistleblowerIndex, reward - proposerReward);
        return new SlashingOutcome(index, penalty, whistleblowerIndex, reward - proposerReward, proposerIndex,
            proposerReward, v.ExitEpoch, v.WithdrawableEpoch);
    }
}
