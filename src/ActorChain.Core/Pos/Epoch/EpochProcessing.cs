using System.Collections.Immutable;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.Epoch;

/// <summary>
/// Epoch processing (CONSENSUS.md §5.5): Ethereum Altair and Bellatrix's <c>process_epoch</c> with §1's constants,
/// run at the end of epoch <c>E</c> (the state's current epoch), one public method per step, in order.
/// </summary>
public static class EpochProcessing
{
    /// <summary>The nine steps in order; <paramref name="trace"/> false leaves <see cref="EpochTransition.Validators"/> empty.</summary>
    public static EpochTransition ProcessEpoch(BeaconState s, ConsensusConfig c, bool trace = true)
    {
        var epoch = Accessors.CurrentEpoch(s, c);
        var balances = ComputeTargetBalances(s, c);
        var bitsBefore = s.JustificationBits;
        var previousJustifiedBefore = s.PreviousJustified;
        var currentJustifiedBefore = s.CurrentJustified;
        var finalizedBefore = s.Finalized;
        var previousTarget = TargetOf(s, epoch == 0 ? 0 : epoch - 1, c);
        var currentTarget = TargetOf(s, epoch, c);
        var before = trace ? EpochTrace.Capture(s) : null;

        ProcessJustificationAndFinalization(s, c, balances);
        var inLeak = IsInInactivityLeak(s, c);
        ProcessInactivityUpdates(s, c);
        ProcessRewardsAndPenalties(s, c);
        ProcessRegistryUpdates(s, c);
        var penalties = ProcessSlashings(s, c);
        ProcessEffectiveBalanceUpdates(s, c);
        ProcessSlashingsReset(s, c);
        ProcessRandaoMixesReset(s, c);
        ProcessParticipationFlagUpdates(s, c);

        return new EpochTransition(epoch, balances.TotalActiveBalance, balances.PreviousTargetBalance,
            balances.CurrentTargetBalance, inLeak, bitsBefore, s.JustificationBits, previousJustifiedBefore,
            currentJustifiedBefore, finalizedBefore, s.PreviousJustified, s.CurrentJustified, s.Finalized,
            before is null ? [] : before.Validators(s), penalties, ExitsAfter(s, epoch))
        {
            PreviousTarget = previousTarget,
            CurrentTarget = currentTarget,
        };
    }

    /// <summary>The checkpoint <c>(e, blockRoot(e))</c> the target votes of epoch <paramref name="e"/> are weighed for; null if the state no longer holds it.</summary>
    private static Checkpoint? TargetOf(BeaconState s, ulong e, ConsensusConfig c) =>
        Accessors.HoldsBlockRootAt(s, c.StartSlot(e), c) ? new Checkpoint(e, Accessors.BlockRoot(s, e, c)) : null;

    /// <summary>The validators whose exit epoch is <c>epoch + 1</c>, in index order.</summary>
    internal static ImmutableArray<ValidatorExit> ExitsAfter(BeaconState s, ulong epoch)
    {
        var exits = ImmutableArray.CreateBuilder<ValidatorExit>();
        for (var i = 0; i < s.ValidatorCount; i++)
        {
            var v = s.Validators[i];
            if (v.ExitEpoch == epoch + 1)
            {
                exits.Add(new ValidatorExit(i, v.Slashed, v.WithdrawableEpoch));
            }
        }

        return exits.ToImmutable();
    }

    /// <summary>Step 1 (§5.5), weighing the TARGET balances of the previous and current epochs. Skipped if E ≤ 1.</summary>
    public static void ProcessJustificationAndFinalization(BeaconState s, ConsensusConfig c) =>
        ProcessJustificationAndFinalization(s, c, ComputeTargetBalances(s, c));

    /// <summary>The first epoch at whose end step 1 weighs the targets: it does nothing while E ≤ 1 (§5.5, as Ethereum's <c>GENESIS_EPOCH + 1</c>).</summary>
    public const ulong FirstJustifyingEpoch = 2;

    /// <summary>Step 1 does nothing while E &lt; <see cref="FirstJustifyingEpoch"/>.</summary>
    public static bool SkipsJustification(BeaconState s, ConsensusConfig c) => Accessors.CurrentEpoch(s, c) < FirstJustifyingEpoch;

    /// <summary>
    /// Step 1 (§5.5) with target balances the caller already has: <see cref="ProcessEpoch"/> and the phase0 conformance
    /// runner (which derives them from pending attestations). Skipped if E ≤ 1.
    /// </summary>
    public static void ProcessJustificationAndFinalization(BeaconState s, ConsensusConfig c, TargetBalances b)
    {
        if (SkipsJustification(s, c))
        {
            return;
        }

        WeighJustificationAndFinalization(s, b.TotalActiveBalance, b.PreviousTargetBalance, b.CurrentTargetBalance, c);
    }

    /// <summary>
    /// The total active balance and the unslashed TARGET balances of the previous and current epochs
    /// (<c>get_unslashed_participating_indices</c>, then <c>get_total_balance</c>).
    /// </summary>
    public static TargetBalances ComputeTargetBalances(BeaconState s, ConsensusConfig c)
    {
        var previous = Accessors.PreviousEpoch(s, c);
        var current = Accessors.CurrentEpoch(s, c);
        return new TargetBalances(
            Accessors.TotalActiveBalance(s, c),
            ParticipatingBalance(s, ConsensusConfig.TimelyTargetFlagIndex, previous, c),
            ParticipatingBalance(s, ConsensusConfig.TimelyTargetFlagIndex, current, c));
    }

    /// <summary>Casper FFG's 2/3 vote (§5.5 step 1): <c>target × 3 ≥ total × 2</c>, exact in 128 bits.</summary>
    public static bool IsSupermajority(ulong targetBalance, ulong totalActiveBalance) =>
        ExactMath.CompareProducts(targetBalance, 3, totalActiveBalance, 2) >= 0;

    /// <summary>The least target balance that <see cref="IsSupermajority"/> accepts for <paramref name="totalActiveBalance"/>.</summary>
    public static ulong SupermajorityThreshold(ulong totalActiveBalance) =>
        (ulong)((((UInt128)totalActiveBalance * 2) + 2) / 3);

    /// <summary>
    /// The rule block of step 1 (<c>weigh_justification_and_finalization</c>) for any source of target balances. It
    /// does not check E &gt; 1; callers skip it as step 1 does. <c>×3 ≥ ×2</c> is exact (128-bit).
    /// </summary>
    public static void WeighJustificationAndFinalization(BeaconState s, ulong totalActiveBalance,
        ulong previousTargetBalance, ulong currentTargetBalance, ConsensusConfig c)
    {
        var previous = Accessors.PreviousEpoch(s, c);
        var current = Accessors.CurrentEpoch(s, c);
        var oldPrevious = s.PreviousJustified;
        var oldCurrent = s.CurrentJustified;
        s.PreviousJustified = oldCurrent;
        var bits = (s.JustificationBits << 1) & 0b1111;
        if (IsSupermajority(previousTargetBalance, totalActiveBalance))
        {
            s.CurrentJustified = new Checkpoint(previous, Accessors.BlockRoot(s, previous, c));
            bits |= 0b0010;
        }

        if (IsSupermajority(currentTargetBalance, totalActiveBalance))
        {
            s.CurrentJustified = new Checkpoint(current, Accessors.BlockRoot(s, current, c));
            bits |= 0b0001;
        }

        s.JustificationBits = (byte)bits;
        if ((bits & 0b1110) == 0b1110 && oldPrevious.Epoch + 3 == current)
        {
            s.Finalized = oldPrevious;
        }

        if ((bits & 0b0110) == 0b0110 && oldPrevious.Epoch + 2 == current)
        {
            s.Finalized = oldPrevious;
        }

        if ((bits & 0b0111) == 0b0111 && oldCurrent.Epoch + 2 == current)
        {
            s.Finalized = oldCurrent;
        }

        if ((bits & 0b0011) == 0b0011 && oldCurrent.Epoch + 1 == current)
        {
            s.Finalized = oldCurrent;
        }
    }

    /// <summary><c>previous − finalized.epoch &gt; MIN_EPOCHS_TO_INACTIVITY_PENALTY</c> (<c>is_in_inactivity_leak</c>).</summary>
    public static bool IsInInactivityLeak(BeaconState s, ConsensusConfig c) =>
        FinalityDelay(s, c) > c.MinEpochsToInactivityPenalty;

    /// <summary><c>previous − finalized.epoch</c> (0 if the finalized epoch is ahead, which a valid state never has).</summary>
    public static ulong FinalityDelay(BeaconState s, ConsensusConfig c)
    {
        var previous = Accessors.PreviousEpoch(s, c);
        var finalized = s.Finalized.Epoch;
        return previous > finalized ? previous - finalized : 0;
    }

    /// <summary>§5.5 <c>eligible(v)</c>: active in previous, or slashed with <c>previous + 1 &lt; withdrawableEpoch</c>; ascending.</summary>
    public static int[] EligibleValidatorIndices(BeaconState s, ConsensusConfig c)
    {
        var previous = Accessors.PreviousEpoch(s, c);
        var n = s.ValidatorCount;
        var list = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            var v = s.Validators[i];
            if (v.IsActive(previous) || (v.Slashed && previous + 1 < v.WithdrawableEpoch))
            {
                list.Add(i);
            }
        }

        return [.. list];
    }

    /// <summary>
    /// Step 2 (§5.5). Skipped if E == 0. Each eligible v: <c>−min(1, score)</c> if unslashed with TARGET in previous,
    /// else <c>+INACTIVITY_SCORE_BIAS</c>; then, out of a leak, <c>−min(INACTIVITY_SCORE_RECOVERY_RATE, score)</c>.
    /// </summary>
    public static void ProcessInactivityUpdates(BeaconState s, ConsensusConfig c)
    {
        if (Accessors.CurrentEpoch(s, c) == 0)
        {
            return;
        }

        var previous = Accessors.PreviousEpoch(s, c);
        var inLeak = IsInInactivityLeak(s, c);
        foreach (var index in EligibleValidatorIndices(s, c))
        {
            var score = s.InactivityScores[index];
            var v = s.Validators[index];
            if (!v.Slashed && v.IsActive(previous)
                && Accessors.HasFlag(s.PreviousEpochParticipation[index], ConsensusConfig.TimelyTargetFlagIndex))
            {
                score -= Math.Min(1UL, score);
            }
            else
            {
                score = checked(score + c.InactivityScoreBias);
            }

            if (!inLeak)
            {
                score -= Math.Min(c.InactivityScoreRecoveryRate, score);
            }

            s.SetInactivityScore(index, score);
        }
    }

    /// <summary>
    /// Step 3 (§5.5). Skipped if E == 0. The SOURCE, TARGET and HEAD deltas, then the inactivity penalties, each
    /// applied to every validator in index order (reward, then penalty, never below 0) before the next.
    /// </summary>
    public static void ProcessRewardsAndPenalties(BeaconState s, ConsensusConfig c)
    {
        if (Accessors.CurrentEpoch(s, c) == 0)
        {
            return;
        }

        // Every delta is computed on the state as step 3 finds it, before any is applied.
        var eligible = EligibleValidatorIndices(s, c);
        var total = Accessors.TotalActiveBalance(s, c);
        var all = new List<Deltas>(ConsensusConfig.ParticipationFlagWeights.Length + 1);
        for (var flag = 0; flag < ConsensusConfig.ParticipationFlagWeights.Length; flag++)
        {
            all.Add(RewardsAndPenalties.FlagIndexDeltas(s, flag, c, eligible, total));
        }

        all.Add(RewardsAndPenalties.InactivityPenaltyDeltas(s, c, eligible));
        foreach (var d in all)
        {
            for (var i = 0; i < s.ValidatorCount; i++)
            {
                s.IncreaseBalance(i, d.Rewards[i]);
                s.DecreaseBalance(i, d.Penalties[i]);
            }
        }
    }

    /// <summary>
    /// Step 4 (§5.5), Ethereum phase0's <c>process_registry_updates</c> without the eligibility queue: ejections, then
    /// activations at <c>E + 1 + MAX_SEED_LOOKAHEAD</c> by (eligibility epoch, index), at most <c>churnLimit</c>.
    /// </summary>
    public static void ProcessRegistryUpdates(BeaconState s, ConsensusConfig c)
    {
        var current = Accessors.CurrentEpoch(s, c);
        for (var i = 0; i < s.ValidatorCount; i++)
        {
            var v = s.Validators[i];
            if (v.IsActive(current) && v.EffectiveBalance <= c.EjectionBalance)
            {
                Mutators.InitiateExit(s, i, c);
            }
        }

        var finalizedEpoch = s.Finalized.Epoch;
        var queue = new List<int>();
        for (var i = 0; i < s.ValidatorCount; i++)
        {
            var v = s.Validators[i];
            if (v.ActivationEligibilityEpoch <= finalizedEpoch && v.ActivationEpoch == ConsensusConfig.FarFutureEpoch)
            {
                queue.Add(i);
            }
        }

        // Stable by index within an eligibility epoch: the list is built in index order.
        var ordered = queue.OrderBy(i => s.Validators[i].ActivationEligibilityEpoch).ThenBy(i => i).ToList();
        var churn = Accessors.ChurnLimit(s, c);
        var activation = Mutators.ComputeActivationExitEpoch(current, c);
        for (var k = 0; k < ordered.Count && (ulong)k < churn; k++)
        {
            var i = ordered[k];
            s.SetValidator(i, s.Validators[i] with { ActivationEpoch = activation });
        }
    }

    /// <summary>
    /// Step 5 (§5.5): <c>adj = min(Σ slashings × PROPORTIONAL_SLASHING_MULTIPLIER, totalActiveBalance)</c>; each slashed
    /// v with <c>E + EPOCHS_PER_SLASHINGS_VECTOR // 2 == withdrawableEpoch</c> loses
    /// <c>effBal // INCREMENT × adj // totalActiveBalance × INCREMENT</c>. Returns the penalties taken, in index
    /// order, one per validator due (also when it is 0).
    /// </summary>
    public static ImmutableArray<CorrelationPenalty> ProcessSlashings(BeaconState s, ConsensusConfig c)
    {
        var epoch = Accessors.CurrentEpoch(s, c);
        var total = Accessors.TotalActiveBalance(s, c);
        var adjusted = ExactMath.MulCapped(s.TotalSlashings(), c.ProportionalSlashingMultiplier, total);
        var increment = c.EffectiveBalanceIncrement;
        var due = epoch + (c.EpochsPerSlashingsVector / 2);
        var taken = ImmutableArray.CreateBuilder<CorrelationPenalty>();
        for (var i = 0; i < s.ValidatorCount; i++)
        {
            var v = s.Validators[i];
            if (v.Slashed && v.WithdrawableEpoch == due)
            {
                var increments = (ulong)((UInt128)(v.EffectiveBalance / increment) * adjusted / total);
                var penalty = checked(increments * increment);
                var before = s.Balance(i);
                s.DecreaseBalance(i, penalty);
                taken.Add(new CorrelationPenalty(i, before - s.Balance(i)));
            }
        }

        return taken.ToImmutable();
    }

    /// <summary>
    /// Step 6 (§5.5). With <c>hyst = INCREMENT // HYSTERESIS_QUOTIENT</c>: if <c>balance + hyst × DOWN &lt; effBal</c>
    /// or <c>effBal + hyst × UP &lt; balance</c>, <c>effBal = min(balance − balance % INCREMENT, MAX_EFFECTIVE_BALANCE)</c>.
    /// </summary>
    public static void ProcessEffectiveBalanceUpdates(BeaconState s, ConsensusConfig c)
    {
        var hysteresis = c.EffectiveBalanceIncrement / c.HysteresisQuotient;
        var downward = checked(hysteresis * c.HysteresisDownwardMultiplier);
        var upward = checked(hysteresis * c.HysteresisUpwardMultiplier);
        for (var i = 0; i < s.ValidatorCount; i++)
        {
            var balance = s.Balance(i);
            var v = s.Validators[i];
            if ((UInt128)balance + downward < v.EffectiveBalance || (UInt128)v.EffectiveBalance + upward < balance)
            {
                s.SetValidator(i, v with { EffectiveBalance = c.EffectiveBalanceOf(balance) });
            }
        }
    }

    /// <summary>Step 7 (§5.5): <c>slashings[(E + 1) % EPOCHS_PER_SLASHINGS_VECTOR] = 0</c>.</summary>
    public static void ProcessSlashingsReset(BeaconState s, ConsensusConfig c)
    {
        var next = Accessors.CurrentEpoch(s, c) + 1;
        s.SetSlashingsAt((int)(next % c.EpochsPerSlashingsVector), 0);
    }

    /// <summary>Step 8 (§5.5): <c>randaoMixes[(E + 1) % EPOCHS_PER_HISTORICAL_VECTOR] = randaoMix(E)</c>.</summary>
    public static void ProcessRandaoMixesReset(BeaconState s, ConsensusConfig c)
    {
        var current = Accessors.CurrentEpoch(s, c);
        s.SetRandaoMixAt(Seeds.MixIndex(current + 1, c), Seeds.RandaoMix(s, current, c));
    }

    /// <summary>Step 9 (§5.5): previous participation = current; current = all zero.</summary>
    public static void ProcessParticipationFlagUpdates(BeaconState s, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        s.RotateParticipation();
    }

    /// <summary><c>max(INCREMENT, Σ effBal)</c> of the unslashed validators active at <paramref name="epoch"/> with the flag set.</summary>
    internal static ulong ParticipatingBalance(BeaconState s, int flagIndex, ulong epoch, ConsensusConfig c) =>
        Accessors.TotalBalance(s, Accessors.UnslashedParticipatingIndices(s, flagIndex, epoch, c), c);
}
