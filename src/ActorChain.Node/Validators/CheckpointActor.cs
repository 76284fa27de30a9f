using System.Collections.Immutable;
using ActorChain.Core.Pos.Epoch;
using Akka.Actor;

namespace ActorChain.Node.Validators;

/// <summary>
/// One live checkpoint: the stake tally of the votes for it as target, and its status (pending → justified →
/// finalized | abandoned, with the reason). It shows core's epoch-processing decision; it never decides on its own.
/// </summary>
public sealed partial class CheckpointActor : ReceiveActor
{
    /// <summary>A validator's vote for this checkpoint as target, with its effective balance.</summary>
    public sealed record Vote(ulong ValidatorIndex, ulong Stake);

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
}
