using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Pos.Epoch;

/// <summary>
/// Why the checkpoint of epoch E − 1 got the stake it got, as one node explains it at the transition at the end of epoch
/// E (epochs.jsonl's <c>tally</c>): the TARGET stake the rule weighed (§5.5 step 1), the total it is weighed against, the
/// least stake that justifies (<see cref="Needed"/>), whether the checkpoint is justified after the transition, and each
/// validator active in E − 1 whose target vote did not count, with the reason.
/// </summary>
public sealed record TargetTally(
    ulong Epoch,
    Hash32 Root,
    ulong TargetStake,
    ulong TotalActiveStake,
    ulong Needed,
    bool Justified,
    ImmutableArray<MissingTargetVote> Missing)
{
    /// <summary>
    /// The tally of the transition <paramref name="t"/> at the end of epoch E, for the checkpoint
    /// <c>(E − 1, blockRoot(E − 1))</c>: null when E == 0, when the state no longer held that root, or when
    /// <paramref name="t"/> carries no per-validator trace (the pre-transition state's flags are read from it).
    /// <paramref name="votesOf"/> gives, for a validator whose TIMELY_TARGET did not count, the votes for target epoch
    /// E − 1 this node saw; it is called for those validators only, in index order.
    /// </summary>
    public static TargetTally? Compute(EpochTransition t, ConsensusConfig c, Func<int, IReadOnlyList<SeenVote>> votesOf)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(votesOf);
        if (t.Epoch == 0 || t.PreviousTarget is not { } target || t.Validators.IsDefaultOrEmpty)
        {
            return null;
        }

        var previous = t.Epoch - 1;
        var source = RequiredSource(t);
        List<MissingTargetVote>? missing = null;
        foreach (var v in t.Validators)
        {
            // Epoch processing sets activation and exit epochs only after E + 1, so "active in E − 1" reads the same
            // before and after it; slashing happens in blocks only.
            var active = v.ActivationEpoch <= previous && previous < v.ExitEpoch;
            if (!active || (!v.Slashed && Accessors.HasFlag(v.PreviousFlags, ConsensusConfig.TimelyTargetFlagIndex)))
            {
                continue;
            }

            var reason = v.Slashed ? MissingVoteReason.Slashed : Reason(votesOf(v.Index), target, source, c);
            (missing ??= []).Add(new MissingTargetVote(v.Index, v.EffectiveBalanceBefore, reason));
        }

        return new TargetTally(previous, target.Root, t.PreviousTargetBalance, t.TotalActiveBalance,
            EpochProcessing.SupermajorityThreshold(t.TotalActiveBalance), t.MarksJustified(target),
            missing is null ? [] : [.. missing]);
    }

    /// <summary>
    /// The source a vote for target E − 1 had to name to be included (§5.4 step 5, "Source"): the current justified
    /// checkpoint during E − 1, which is the previous justified one during E, so the transition's
    /// <see cref="EpochTransition.PreviousJustifiedBefore"/> either way.
    /// </summary>
    public static Checkpoint RequiredSource(EpochTransition t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.PreviousJustifiedBefore;
    }

    /// <summary>
    /// Why an unslashed validator's vote for <paramref name="target"/> did not count, from the votes of it this node saw
    /// for that epoch: none → offline; none naming the target's root → wrong-target; none of those naming
    /// <paramref name="requiredSource"/> → wrong-source; a matching vote included on the canonical chain only with
    /// <c>d &gt; SLOTS_PER_EPOCH</c>, or every matching vote first seen after its inclusion window closed
    /// (<c>slot + SLOTS_PER_EPOCH</c>) → late; otherwise (a matching vote was seen in time, no canonical block included
    /// it) → not-included.
    /// </summary>
    public static MissingVoteReason Reason(IReadOnlyList<SeenVote> votes, Checkpoint target, Checkpoint requiredSource, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(c);
        if (votes.Count == 0)
        {
            return MissingVoteReason.Offline;
        }

        var matchingTarget = false;
        var matching = false;
        var seenInTime = false;
        var includedLate = false;
        foreach (var vote in votes)
        {
            var d = vote.Data;
            if (d.Target.Epoch != target.Epoch || d.Target.Root != target.Root)
            {
                continue;
            }

            matchingTarget = true;
            if (d.Source != requiredSource)
            {
                continue;
            }

            matching = true;
            var windowEnd = d.Slot + c.SlotsPerEpoch;
            seenInTime |= vote.FirstSeenSlot <= windowEnd;
            includedLate |= vote.CanonicalInclusionSlot is { } s && s > windowEnd;
        }

        return !matchingTarget ? MissingVoteReason.WrongTarget
            : !matching ? MissingVoteReason.WrongSource
            : includedLate || !seenInTime ? MissingVoteReason.Late
            : MissingVoteReason.NotIncluded;
    }
}

/// <summary>A validator active in E − 1 whose target vote did not count: its index, effective balance and the reason.</summary>
public sealed record MissingTargetVote(int Index, ulong Stake, MissingVoteReason Reason);

/// <summary>
/// A vote for the weighed target epoch as one node saw it: its data, the clock's slot when the node first saw it (on
/// gossip or in a block), and the slot of a block of the canonical chain that included it (null: none did).
/// </summary>
public readonly record struct SeenVote(AttestationData Data, ulong FirstSeenSlot, ulong? CanonicalInclusionSlot);

/// <summary>Why a validator's target vote did not count, in the order <see cref="TargetTally.Reason"/> decides it.</summary>
public enum MissingVoteReason
{
    /// <summary>The validator is slashed: slashed validators never count (<c>slashed</c>).</summary>
    Slashed,
    /// <summary>The node saw no vote of it for the epoch (<c>offline</c>).</summary>
    Offline,
    /// <summary>Every vote seen named another target root (<c>wrong-target</c>).</summary>
    WrongTarget,
    /// <summary>A vote named the target but not the justified source the rule requires (<c>wrong-source</c>).</summary>
    WrongSource,
    /// <summary>A matching vote came or was included too late for TARGET (<c>late</c>).</summary>
    Late,
    /// <summary>A matching vote was seen in time but no canonical block included it (<c>not-included</c>).</summary>
    NotIncluded,
}

/// <summary>The names epochs.jsonl writes for <see cref="MissingVoteReason"/>.</summary>
public static class MissingVoteReasons
{
    /// <summary><c>offline</c>, <c>late</c>, <c>wrong-target</c>, <c>wrong-source</c>, <c>not-included</c> or <c>slashed</c>.</summary>
    public static string Name(this MissingVoteReason reason) => reason switch
    {
        MissingVoteReason.Slashed => "slashed",
        MissingVoteReason.Offline => "offline",
        MissingVoteReason.WrongTarget => "wrong-target",
        MissingVoteReason.WrongSource => "wrong-source",
        MissingVoteReason.Late => "late",
        MissingVoteReason.NotIncluded => "not-included",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "no such reason"),
    };
}
