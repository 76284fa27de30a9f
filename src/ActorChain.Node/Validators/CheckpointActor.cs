using System.Collections.Immutable;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using Akka.Actor;

namespace ActorChain.Node.Validators;

/// <summary>
/// One live checkpoint: the stake tally of the votes for it as target, and its status (pending → justified →
/// finalized | abandoned, with the reason). It shows core's epoch-processing decision; it never decides on its own.
/// It stops once finalized or abandoned.
/// </summary>
public sealed partial class CheckpointActor : ReceiveActor
{
    /// <summary>A validator's vote for this checkpoint as target, with its effective balance.</summary>
    public readonly record struct Vote(ulong ValidatorIndex, ulong Stake);

    /// <summary>Votes for this checkpoint: one message's, or all of one block's.</summary>
    public sealed record Votes(ImmutableArray<Vote> Items) : INoSerializationVerificationNeeded;

    /// <summary>An epoch transition of the node's canonical chain that may justify, finalize or abandon this checkpoint.</summary>
    public sealed record Transition(EpochTransition EpochTransition) : INoSerializationVerificationNeeded;

    /// <summary>Where a checkpoint stands.</summary>
    public enum Status
    {
        /// <summary>Votes are being tallied.</summary>
        Pending,
        /// <summary>Justified by epoch processing.</summary>
        Justified,
        /// <summary>Finalized by epoch processing.</summary>
        Finalized,
        /// <summary>Its epoch ended without justification; the event says why.</summary>
        Abandoned,
    }

    private readonly NodeContext _node;
    private readonly Checkpoint _checkpoint;
    private readonly IndexSet _voters = new();
    private readonly TargetWeighing _weighing;
    private ulong _tally;
    private Status _status = Status.Pending;

    /// <summary>The checkpoint's actor; see <see cref="Create"/>.</summary>
    public CheckpointActor(NodeContext node, Checkpoint checkpoint)
    {
        _node = node;
        _checkpoint = checkpoint;
        _weighing = new TargetWeighing(checkpoint);
        Receive<Votes>(OnVotes);
        Receive<Transition>(OnTransition);
    }

    /// <summary>The actor of <paramref name="checkpoint"/> on <paramref name="node"/>.</summary>
    public static Props Create(NodeContext node, Checkpoint checkpoint) => Props.Create(() => new CheckpointActor(node, checkpoint));

    private void OnVotes(Votes votes)
    {
        foreach (var v in votes.Items)
        {
            if (_voters.Add(v.ValidatorIndex))
                _tally += v.Stake;
        }
    }

    private void OnTransition(Transition t)
    {
        var e = t.EpochTransition;
        _weighing.Observe(e);
        if (_checkpoint == e.Finalized)
        {
            if (_status == Status.Pending)
                Announce(Status.Justified, e);
            Announce(Status.Finalized, e);
            Context.Stop(Self);
            return;
        }

        if (_status == Status.Pending && _weighing.JustifiedAt is not null)
            Announce(Status.Justified, e);
        if (e.Finalized.Epoch >= _checkpoint.Epoch)
        {
            Announce(Status.Abandoned, e);
            Context.Stop(Self);
        }
    }

    private void Announce(Status s, EpochTransition e)
    {
        _status = s;
        object?[] fields = ["epoch", _checkpoint.Epoch, "root", _checkpoint.Root.ToString(), "votes", (long)_voters.Count,
            "stake", _tally, "totalActiveBalance", e.TotalActiveBalance, "atEpoch", e.Epoch];
        if (s == Status.Abandoned)
        {
            var why = _weighing.WhyAbandoned(e);
            fields = [.. fields, "reason", why.Reason, "detail", why.Detail, "targetStake", why.TargetStake, "needed", why.Needed];
        }

        _node.Emit(s.ToString().ToLowerInvariant(), fields);
    }
}
