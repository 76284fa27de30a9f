using System.Collections.Immutable;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Pos.Epoch;

/// <summary>
/// One run of epoch processing at the end of <see cref="Epoch"/> (CONSENSUS.md §5.5), with the fields of
/// SIMULATION.md's <c>epochs.jsonl</c>. "Before" values are read just before processing; the others after it. The
/// target balances are those step 1 weighs (taken before processing, also when step 1 is skipped for E ≤ 1);
/// <see cref="InLeak"/> is what steps 2 and 3 used. <see cref="Validators"/> is empty unless a trace was asked for.
/// </summary>
public sealed record EpochTransition(
    ulong Epoch,
    ulong TotalActiveBalance,
    ulong PreviousTargetBalance,
    ulong CurrentTargetBalance,
    bool InLeak,
    int BitsBefore,
    int Bits,
    Checkpoint PreviousJustifiedBefore,
    Checkpoint CurrentJustifiedBefore,
    Checkpoint FinalizedBefore,
    Checkpoint PreviousJustified,
    Checkpoint CurrentJustified,
    Checkpoint Finalized,
    ImmutableArray<ValidatorTrace> Validators,
    ImmutableArray<CorrelationPenalty> CorrelationPenalties,
    ImmutableArray<ValidatorExit> Exits)
{
    /// <summary>
    /// The checkpoint the previous epoch's target votes were weighed for: <c>(E − 1, blockRoot(E − 1))</c> of this chain
    /// (epoch 0's at E = 0); null when the state no longer holds that root.
    /// </summary>
    public Checkpoint? PreviousTarget { get; init; }

    /// <summary>The checkpoint the current epoch's target votes were weighed for: <c>(E, blockRoot(E))</c> of this chain.</summary>
    public Checkpoint? CurrentTarget { get; init; }

    /// <summary>
    /// True when the state after this transition holds <paramref name="checkpoint"/> justified: it is
    /// <see cref="CurrentJustified"/> or <see cref="PreviousJustified"/>, or the justification bits mark it (bit 0 for
    /// <see cref="CurrentTarget"/>, bit 1 for <see cref="PreviousTarget"/>: "bit i = epoch E − i justified", §5.5). The
    /// bits matter for a previous-epoch checkpoint justified together with the current one: it is never
    /// <see cref="CurrentJustified"/>.
    /// </summary>
    public bool MarksJustified(Checkpoint checkpoint) =>
        checkpoint == CurrentJustified || checkpoint == PreviousJustified
        || ((Bits & 0b01) != 0 && checkpoint == CurrentTarget) || ((Bits & 0b10) != 0 && Epoch > 0 && checkpoint == PreviousTarget);

    /// <summary>Justification bits as <c>epochs.jsonl</c> writes them, epoch E's bit rightmost: <c>"0111"</c>.</summary>
    public static string BitString(int bits) =>
        string.Create(4, bits, static (span, b) =>
        {
            for (var i = 0; i < 4; i++)
            {
                span[i] = ((b >> (3 - i)) & 1) == 1 ? '1' : '0';
            }
        });
}

/// <summary>
/// A slashed validator's correlation penalty, taken by §5.5 step 5: <see cref="Penalty"/> gwei actually left its
/// balance (less than the formula's amount when the balance was smaller).
/// </summary>
public sealed record CorrelationPenalty(int ValidatorIndex, ulong Penalty);

/// <summary>A validator whose exit epoch is the transition's epoch + 1: active until this transition, not after.</summary>
public sealed record ValidatorExit(int ValidatorIndex, bool Slashed, ulong WithdrawableEpoch);

/// <summary>
/// One validator across an epoch transition: participation bytes (<c>1·SOURCE + 2·TARGET + 4·HEAD</c>) before
/// processing, the epochs after it (FAR_FUTURE as 2^64 − 1).
/// </summary>
public sealed record ValidatorTrace(
    int Index,
    ulong BalanceBefore,
    ulong Balance,
    ulong EffectiveBalanceBefore,
    ulong EffectiveBalance,
    ulong InactivityScoreBefore,
    ulong InactivityScore,
    byte PreviousFlags,
    byte CurrentFlags,
    bool Slashed,
    ulong ActivationEpoch,
    ulong ExitEpoch,
    ulong WithdrawableEpoch);
