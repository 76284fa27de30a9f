using System.Collections.Immutable;
using System.Numerics;

namespace ActorChain.Simulation.Tests.Audit;

/// <summary>
/// CONSENSUS.md §5.5 recomputed by hand from one <see cref="EpochLine"/>: its Before fields and flags in, the after values
/// out. Written from the document with the <c>minimal</c> constants of §1, and independent of core on purpose: it uses
/// nothing from <c>ActorChain.Core</c>, so a wrong rule or constant there cannot hide here. Only what an honest run
/// exercises is modelled: no deposits, exits or slashings (the caller checks that).
/// </summary>
internal static class TransitionAudit
{
    public const long SlotsPerEpoch = 8;
    public const long Increment = 1_000_000_000L; // EFFECTIVE_BALANCE_INCREMENT, 1 coin
    public const long MaxEffectiveBalance = 2048 * Increment;
    public const long BaseRewardFactor = 64;
    public const long MinEpochsToInactivityPenalty = 4;
    public const long InactivityScoreBias = 4;
    public const long InactivityScoreRecoveryRate = 16;
    public const long InactivityPenaltyQuotient = 1L << 8;
    public const long HysteresisQuotient = 4;
    public const long HysteresisDownwardMultiplier = 1;
    public const long HysteresisUpwardMultiplier = 5;
    /// <summary>Flag bits as epochs.jsonl writes them (<c>1·SOURCE + 2·TARGET + 4·HEAD</c>).</summary>
    public static readonly int[] FlagBits = [1, 2, 4];
    /// <summary>The Altair weights of the flags.</summary>
    public static readonly long[] FlagWeights = [14, 26, 14];
    public const int Source = 0;
    public const int Target = 1;
    public const int Head = 2;
    public const long WeightDenominator = 64;

    /// <summary>The three balances step 1 weighs.</summary>
    public sealed record TargetBalances(long TotalActiveBalance, long PreviousTargetBalance, long CurrentTargetBalance);

    /// <summary>What step 1 leaves: the bits and the three checkpoints.</summary>
    public sealed record Justification(int Bits, EpochLine.Checkpoint PreviousJustified, EpochLine.Checkpoint CurrentJustified,
        EpochLine.Checkpoint Finalized);

    /// <summary>One validator after steps 2, 3 and 6, and which deltas were non-zero on the way.</summary>
    public sealed record ValidatorOutcome(long InactivityScore, long Balance, long EffectiveBalance, int FlagRewards,
        int FlagPenalties, bool InactivityPenalty);

    public static long PreviousEpoch(long epoch) => epoch == 0 ? 0 : epoch - 1;

    /// <summary>
    /// <c>totalActiveBalance = max(INCREMENT, Σ effBal over active(E))</c>; the target balances are <c>max(INCREMENT, Σ
    /// effBal)</c> of the unslashed validators active in that epoch with TARGET set in its participation.
    /// </summary>
    public static TargetBalances TargetBalancesOf(EpochLine l)
    {
        var previous = PreviousEpoch(l.Epoch);
        long total = 0, previousTarget = 0, currentTarget = 0;
        foreach (var v in l.Validators)
        {
            if (ActiveAt(v, l.Epoch)) total = checked(total + v.EffectiveBalanceBefore);
            if (Participated(v, l.Epoch, previous, Target)) previousTarget = checked(previousTarget + v.EffectiveBalanceBefore);
            if (Participated(v, l.Epoch, l.Epoch, Target)) currentTarget = checked(currentTarget + v.EffectiveBalanceBefore);
        }
        return new TargetBalances(Math.Max(Increment, total), Math.Max(Increment, previousTarget), Math.Max(Increment, currentTarget));
    }

    /// <summary>
    /// Step 1: skipped if <c>E ≤ 1</c>; otherwise the rule block of §5.5 on the Before checkpoints and bits, with
    /// <paramref name="blockRoot"/> supplying the root of a newly justified checkpoint. <c>×3 ≥ ×2</c> is compared exactly.
    /// </summary>
    public static Justification JustificationAndFinalization(EpochLine l, TargetBalances b, Func<long, string> blockRoot)
    {
        var e = l.Epoch;
        if (e <= 1)
            return new Justification(l.BitsBefore, l.PreviousJustifiedBefore, l.CurrentJustifiedBefore, l.FinalizedBefore);
        var oldPrevious = l.PreviousJustifiedBefore;
        var oldCurrent = l.CurrentJustifiedBefore;
        var previousJustified = oldCurrent;
        var currentJustified = oldCurrent;
        var finalized = l.FinalizedBefore;
        var bits = (l.BitsBefore << 1) & 0b1111;
        if (TwoThirds(b.PreviousTargetBalance, b.TotalActiveBalance))
        {
            currentJustified = new EpochLine.Checkpoint(e - 1, blockRoot(e - 1));
            bits |= 0b0010;
        }
        if (TwoThirds(b.CurrentTargetBalance, b.TotalActiveBalance))
        {
            currentJustified = new EpochLine.Checkpoint(e, blockRoot(e));
            bits |= 0b0001;
        }
        if ((bits & 0b1110) == 0b1110 && oldPrevious.Epoch + 3 == e) finalized = oldPrevious;
        if ((bits & 0b0110) == 0b0110 && oldPrevious.Epoch + 2 == e) finalized = oldPrevious;
        if ((bits & 0b0111) == 0b0111 && oldCurrent.Epoch + 2 == e) finalized = oldCurrent;
        if ((bits & 0b0011) == 0b0011 && oldCurrent.Epoch + 1 == e) finalized = oldCurrent;
        return new Justification(bits, previousJustified, currentJustified, finalized);
    }

    /// <summary><c>inLeak = (previous − finalized.epoch) &gt; MIN_EPOCHS_TO_INACTIVITY_PENALTY</c>, as step 1 left finalized.</summary>
    public static bool InLeak(long epoch, EpochLine.Checkpoint finalizedAfterStepOne) =>
        PreviousEpoch(epoch) - finalizedAfterStepOne.Epoch > MinEpochsToInactivityPenalty;

    /// <summary>
    /// Steps 2 (inactivity scores), 3 (rewards and penalties, each flag's then the inactivity ones, never below 0) and 6
    /// (effective balance hysteresis) for every validator, in index order. Steps 2 and 3 are skipped at <c>E == 0</c>; the
    /// inactivity penalty reads the score step 2 just wrote, as Ethereum does.
    /// </summary>
    public static ImmutableArray<ValidatorOutcome> Validators(EpochLine l, long totalActiveBalance, bool inLeak)
    {
        var e = l.Epoch;
        var previous = PreviousEpoch(e);
        var participatingIncrements = new long[FlagBits.Length];
        for (var f = 0; f < FlagBits.Length; f++)
        {
            long sum = 0;
            foreach (var v in l.Validators)
                if (Participated(v, e, previous, f)) sum = checked(sum + v.EffectiveBalanceBefore);
            participatingIncrements[f] = Math.Max(Increment, sum) / Increment;
        }
        var baseRewardPerIncrement = Increment * BaseRewardFactor / ISqrt(totalActiveBalance);
        var rewardDenominator = checked(totalActiveBalance / Increment * WeightDenominator);

        var outcomes = ImmutableArray.CreateBuilder<ValidatorOutcome>(l.Validators.Length);
        foreach (var v in l.Validators)
        {
            var score = v.InactivityScoreBefore;
            var balance = v.BalanceBefore;
            int rewards = 0, penalties = 0;
            var inactivityPenalty = false;
            if (e > 0 && Eligible(v, previous))
            {
                var matchingTarget = Participated(v, e, previous, Target);
                score = matchingTarget ? score - Math.Min(1, score) : checked(score + InactivityScoreBias);
                if (!inLeak) score -= Math.Min(InactivityScoreRecoveryRate, score);
                var baseReward = checked(v.EffectiveBalanceBefore / Increment * baseRewardPerIncrement);
                for (var f = 0; f < FlagBits.Length; f++)
                {
                    var weighted = checked(baseReward * FlagWeights[f]);
                    if (Participated(v, e, previous, f))
                    {
                        if (!inLeak)
                        {
                            var reward = checked(weighted * participatingIncrements[f]) / rewardDenominator;
                            balance = checked(balance + reward);
                            rewards += reward > 0 ? 1 : 0;
                        }
                    }
                    else if (f != Head)
                    {
                        var penalty = weighted / WeightDenominator;
                        balance -= Math.Min(balance, penalty);
                        penalties += penalty > 0 ? 1 : 0;
                    }
                }
                if (!matchingTarget)
                {
                    var penalty = checked(v.EffectiveBalanceBefore * score) / (InactivityScoreBias * InactivityPenaltyQuotient);
                    balance -= Math.Min(balance, penalty);
                    inactivityPenalty = penalty > 0;
                }
            }
            outcomes.Add(new ValidatorOutcome(score, balance, EffectiveBalance(v.EffectiveBalanceBefore, balance), rewards, penalties,
                inactivityPenalty));
        }
        return outcomes.MoveToImmutable();
    }

    /// <summary>Step 6: the effective balance moves only when the balance is more than hyst × DOWN below it or hyst × UP above it.</summary>
    public static long EffectiveBalance(long effectiveBalanceBefore, long balance)
    {
        const long hysteresis = Increment / HysteresisQuotient;
        return balance + hysteresis * HysteresisDownwardMultiplier < effectiveBalanceBefore
            || effectiveBalanceBefore + hysteresis * HysteresisUpwardMultiplier < balance
            ? Math.Min(balance - balance % Increment, MaxEffectiveBalance)
            : effectiveBalanceBefore;
    }

    /// <summary>Unslashed, active in <paramref name="epoch"/>, with flag <paramref name="flag"/> in that epoch's participation.</summary>
    public static bool Participated(EpochLine.ValidatorLine v, long lineEpoch, long epoch, int flag)
    {
        var flags = epoch == lineEpoch ? v.CurrentFlags : v.PreviousFlags;
        return !v.Slashed && ActiveAt(v, epoch) && (flags & FlagBits[flag]) != 0;
    }

    /// <summary>Active in <paramref name="previous"/>, or slashed with <c>previous + 1 &lt; withdrawableEpoch</c>.</summary>
    public static bool Eligible(EpochLine.ValidatorLine v, long previous) =>
        ActiveAt(v, previous) || (v.Slashed && (v.WithdrawableEpoch is null || previous + 1 < v.WithdrawableEpoch));

    /// <summary><c>activationEpoch ≤ e &lt; exitEpoch</c>, FAR_FUTURE written as null.</summary>
    public static bool ActiveAt(EpochLine.ValidatorLine v, long e) =>
        v.ActivationEpoch is { } a && a <= e && (v.ExitEpoch is null || e < v.ExitEpoch);

    private static bool TwoThirds(long part, long total) => new BigInteger(part) * 3 >= new BigInteger(total) * 2;

    private static long ISqrt(long n)
    {
        var x = (long)Math.Sqrt(n);
        while (x * x > n) x--;
        while ((x + 1) * (x + 1) <= n) x++;
        return x;
    }
}
