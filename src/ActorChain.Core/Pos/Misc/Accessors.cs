using ActorChain.Core.Codec;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.Misc;

/// <summary>State accessors of CONSENSUS.md §5.1, §5.3 and §5.4, named as Ethereum's beacon-chain accessors.</summary>
public static class Accessors
{
    /// <summary><c>epoch(state.slot)</c>.</summary>
    public static ulong CurrentEpoch(BeaconState s, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(c);
        return c.EpochOf(s.Slot);
    }

    /// <summary><c>max(current − 1, 0)</c> (GENESIS_EPOCH = 0).</summary>
    public static ulong PreviousEpoch(BeaconState s, ConsensusConfig c)
    {
        var current = CurrentEpoch(s, c);
        return current == 0 ? 0 : current - 1;
    }

    /// <summary><c>active(state, e)</c>: indices with <c>activationEpoch ≤ e &lt; exitEpoch</c>, ascending (a fresh array).</summary>
    public static int[] ActiveValidatorIndices(BeaconState s, ulong epoch)
    {
        ArgumentNullException.ThrowIfNull(s);
        var validators = s.Validators;
        var indices = new List<int>(validators.Count);
        for (var i = 0; i < validators.Count; i++)
        {
            if (validators[i].IsActive(epoch))
            {
                indices.Add(i);
            }
        }

        return [.. indices];
    }

    /// <summary>The number of validators active at <paramref name="epoch"/>, without building the list.</summary>
    public static int ActiveValidatorCount(BeaconState s, ulong epoch)
    {
        ArgumentNullException.ThrowIfNull(s);
        var k = 0;
        foreach (var v in s.Validators)
        {
            if (v.IsActive(epoch))
            {
                k++;
            }
        }

        return k;
    }

    /// <summary><c>max(INCREMENT, Σ effBal over active(current))</c>; slashed-but-active validators count.</summary>
    public static ulong TotalActiveBalance(BeaconState s, ConsensusConfig c)
    {
        var epoch = CurrentEpoch(s, c);
        ulong sum = 0;
        foreach (var v in s.Validators)
        {
            if (v.IsActive(epoch))
            {
                sum = checked(sum + v.EffectiveBalance);
            }
        }

        return Math.Max(c.EffectiveBalanceIncrement, sum);
    }

    /// <summary>
    /// <c>get_total_balance</c>: <c>max(INCREMENT, Σ effBal)</c> over the set of <paramref name="indices"/>; an index
    /// given twice counts once, as Ethereum's <c>Set</c> argument.
    /// </summary>
    public static ulong TotalBalance(BeaconState s, ReadOnlySpan<int> indices, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(c);
        var seen = new bool[s.ValidatorCount];
        ulong sum = 0;
        foreach (var i in indices)
        {
            if (!seen[i])
            {
                seen[i] = true;
                sum = checked(sum + s.Validators[i].EffectiveBalance);
            }
        }

        return Math.Max(c.EffectiveBalanceIncrement, sum);
    }

    /// <summary>
    /// <c>get_unslashed_participating_indices</c>: validators active at <paramref name="epoch"/>, not slashed, with flag
    /// <paramref name="flagIndex"/> set. <paramref name="epoch"/> must be the current or the previous epoch
    /// (<see cref="ArgumentOutOfRangeException"/> otherwise).
    /// </summary>
    public static int[] UnslashedParticipatingIndices(BeaconState s, int flagIndex, ulong epoch, ConsensusConfig c)
    {
        var current = CurrentEpoch(s, c);
        var previous = PreviousEpoch(s, c);
        var isCurrent = epoch == current;
        if (!isCurrent && epoch != previous)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch,
                $"participation is kept for epochs {previous} and {current} only");
        }

        var flags = isCurrent ? s.CurrentEpochParticipation : s.PreviousEpochParticipation;
        var indices = new List<int>();
        for (var i = 0; i < s.ValidatorCount; i++)
        {
            var v = s.Validators[i];
            if (v.IsActive(epoch) && !v.Slashed && HasFlag(flags[i], flagIndex))
            {
                indices.Add(i);
            }
        }

        return [.. indices];
    }

    /// <summary><c>has_flag</c>: bit <paramref name="flagIndex"/> of a participation byte.</summary>
    public static bool HasFlag(byte flags, int flagIndex) => ((flags >> flagIndex) & 1) == 1;

    /// <summary><c>INCREMENT × BASE_REWARD_FACTOR // isqrt(totalActiveBalance)</c> (§5.4).</summary>
    public static ulong BaseRewardPerIncrement(BeaconState s, ConsensusConfig c) =>
        BaseRewardPerIncrement(TotalActiveBalance(s, c), c);

    /// <summary><see cref="BaseRewardPerIncrement(BeaconState, ConsensusConfig)"/> from a total computed once by the caller.</summary>
    public static ulong BaseRewardPerIncrement(ulong totalActiveBalance, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return ExactMath.MulDiv(c.EffectiveBalanceIncrement, c.BaseRewardFactor, ExactMath.IntegerSquareRoot(totalActiveBalance));
    }

    /// <summary><c>effBal(v) // INCREMENT × baseRewardPerIncrement</c> (§5.4).</summary>
    public static ulong BaseReward(BeaconState s, int index, ConsensusConfig c) =>
        BaseReward(s, index, BaseRewardPerIncrement(s, c), c);

    /// <summary><see cref="BaseReward(BeaconState, int, ConsensusConfig)"/> with the per-increment value computed once.</summary>
    public static ulong BaseReward(BeaconState s, int index, ulong baseRewardPerIncrement, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(c);
        var increments = s.Validators[index].EffectiveBalance / c.EffectiveBalanceIncrement;
        return checked(increments * baseRewardPerIncrement);
    }

    /// <summary><c>max(MIN_PER_EPOCH_CHURN_LIMIT, |active(current)| // CHURN_LIMIT_QUOTIENT)</c>.</summary>
    public static ulong ChurnLimit(BeaconState s, ConsensusConfig c)
    {
        var active = (ulong)ActiveValidatorCount(s, CurrentEpoch(s, c));
        return Math.Max(c.MinPerEpochChurnLimit, active / c.ChurnLimitQuotient);
    }

    /// <summary><c>blockRoot(state, e)</c>: the root at <c>startSlot(e)</c> (Ethereum's <c>get_block_root</c>, §5.3).</summary>
    public static Hash32 BlockRoot(BeaconState s, ulong epoch, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return BlockRootAtSlot(s, c.StartSlot(epoch), c);
    }

    /// <summary>True when the state holds the root at <paramref name="slot"/>: <c>slot &lt; state.slot ≤ slot + SLOTS_PER_HISTORICAL_ROOT</c>.</summary>
    public static bool HoldsBlockRootAt(BeaconState s, ulong slot, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(c);
        return slot < s.Slot && s.Slot - slot <= c.SlotsPerHistoricalRoot;
    }

    /// <summary>
    /// <c>get_block_root_at_slot</c>: <c>blockRoots[slot % SLOTS_PER_HISTORICAL_ROOT]</c>, the root of the latest block
    /// at or before <paramref name="slot"/>; <see cref="ArgumentOutOfRangeException"/> unless <see cref="HoldsBlockRootAt"/>.
    /// </summary>
    public static Hash32 BlockRootAtSlot(BeaconState s, ulong slot, ConsensusConfig c)
    {
        if (!HoldsBlockRootAt(s, slot, c))
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot,
                $"block root not held by a state at slot {s.Slot} (needs slot < {s.Slot} and within the last {c.SlotsPerHistoricalRoot} slots)");
        }

        return s.BlockRootAt((int)(slot % c.SlotsPerHistoricalRoot));
    }
}
