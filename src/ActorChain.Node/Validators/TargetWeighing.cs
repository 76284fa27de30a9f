using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Node.Validators;

/// <summary>
/// Why a checkpoint was abandoned, read from the epoch transitions the node's canonical chain went through (CONSENSUS.md
/// §5.5 step 1): justification starts at epoch 2; a checkpoint of epoch <c>c</c> is weighed at the end of epoch
/// <c>c</c> (current target) and, last, at the end of <c>c + 1</c> (previous target), and needs
/// core's <see cref="EpochProcessing.IsSupermajority"/>. Pure bookkeeping for <see cref="CheckpointActor"/>; it decides nothing.
/// </summary>
internal sealed class TargetWeighing(Checkpoint checkpoint)
{
    private ulong? _targetStake;
    private ulong _total;
    private ulong _weighedAt;
    private bool _decisive;
    private Checkpoint? _rival;
    private Checkpoint? _canonical;   // the canonical chain's checkpoint of the epoch, as last weighed
    private ulong? _justifiedAt;

    /// <summary>The reason codes of an <c>abandoned</c> event.</summary>
    public static class Reasons
    {
        /// <summary>Its epoch was never weighed by a justifying epoch transition: justification starts at epoch 2.</summary>
        public const string BeforeJustification = "before_justification";

        /// <summary>Its target votes held less than 2/3 of the total active balance.</summary>
        public const string BelowTwoThirds = "below_two_thirds";

        /// <summary>Another checkpoint of the same epoch was justified.</summary>
        public const string RivalJustified = "rival_justified";

        /// <summary>The canonical chain's checkpoint of its epoch has another root: this one is on an abandoned branch.</summary>
        public const string NotCanonical = "not_canonical";

        /// <summary>It was justified, but a later checkpoint was finalized without it (its link was skipped).</summary>
        public const string Superseded = "superseded";

        /// <summary>No transition of its epoch or the next reached this node's canonical chain.</summary>
        public const string NotWeighed = "not_weighed";
    }

    /// <summary>The epoch at whose end the checkpoint was first seen justified, or null.</summary>
    public ulong? JustifiedAt => _justifiedAt;

    /// <summary>Takes in one transition of the canonical chain.</summary>
    public void Observe(EpochTransition e)
    {
        if (e.Epoch == checkpoint.Epoch)
            Weigh(e.CurrentTargetBalance, e.CurrentTarget, e);
        else if (e.Epoch == checkpoint.Epoch + 1)
            Weigh(e.PreviousTargetBalance, e.PreviousTarget, e);
        if (_justifiedAt is null && e.MarksJustified(checkpoint))
            _justifiedAt = e.Epoch;
        foreach (var j in new[] { e.CurrentJustified, e.PreviousJustified })
        {
            if (j.Epoch == checkpoint.Epoch && j != checkpoint)
                _rival = j;
        }
    }

    /// <summary>Why the checkpoint is abandoned at transition <paramref name="e"/>: a reason code, the prose, the target stake and the stake needed.</summary>
    public Verdict WhyAbandoned(EpochTransition e)
    {
        var stake = _targetStake ?? 0;
        var total = _targetStake is null ? e.TotalActiveBalance : _total;
        var needed = EpochProcessing.SupermajorityThreshold(total);
        if (_justifiedAt is { } justifiedAt)
            return new(Reasons.Superseded,
                $"justified at the end of epoch {justifiedAt}, but epoch {e.Finalized.Epoch} was finalized by a link that skipped it", stake, needed);
        if (!_decisive && checkpoint.Epoch < EpochProcessing.FirstJustifyingEpoch)
            return new(Reasons.BeforeJustification, $"justification starts at epoch {EpochProcessing.FirstJustifyingEpoch}; epoch {checkpoint.Epoch} is before it",
                stake, needed);
        if (_rival is not null)
            return new(Reasons.RivalJustified, $"checkpoint {_rival} of epoch {checkpoint.Epoch} was justified instead", stake, needed);
        if (_targetStake is null)
            return new(Reasons.NotWeighed, $"no transition of epoch {checkpoint.Epoch} or {checkpoint.Epoch + 1} reached this node's canonical chain",
                0, needed);
        if (_canonical is { } canonical && canonical != checkpoint)
            return new(Reasons.NotCanonical,
                $"the canonical chain's checkpoint of epoch {checkpoint.Epoch} is root {canonical.Root.ToString()[..8]}, not this one (its target votes held {stake} of {total} gwei)",
                stake, needed);
        if (!EpochProcessing.IsSupermajority(stake, total))
            return new(Reasons.BelowTwoThirds,
                $"target votes held {stake} of {total} gwei at the end of epoch {_weighedAt}; {needed} (2/3) needed", stake, needed);
        return new(Reasons.NotCanonical,
            $"the target stake of epoch {checkpoint.Epoch} on the canonical chain reached 2/3, but for another root", stake, needed);
    }

    private void Weigh(ulong stake, Checkpoint? canonical, EpochTransition e)
    {
        _targetStake = stake;
        _canonical = canonical;
        _total = e.TotalActiveBalance;
        _weighedAt = e.Epoch;
        _decisive |= e.Epoch >= EpochProcessing.FirstJustifyingEpoch;
    }

    /// <summary>Why a checkpoint was abandoned.</summary>
    public sealed record Verdict(string Reason, string Detail, ulong TargetStake, ulong Needed);
}
