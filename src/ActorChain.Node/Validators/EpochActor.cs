using ActorChain.Node.Faults;
using Akka.Actor;

namespace ActorChain.Node.Validators;

/// <summary>
/// The PoS engine of one node: the slot and epoch clock, duties (proposer and committees from core), epoch boundaries;
/// parent of one <see cref="ValidatorActor"/> per hosted validator and one <see cref="CheckpointActor"/> per live checkpoint.
/// </summary>
public sealed partial class EpochActor : ReceiveActor
{
    /// <summary>Swap a validator fault into the validator's actor; <paramref name="Publish"/> receives what it floods; reply a <see cref="FaultReply"/>.</summary>
    public sealed record InjectFault(ValidatorFault Fault, IActorRef Publish, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>End a validator fault; reply a <see cref="FaultReply"/>.</summary>
    public sealed record ClearFault(ValidatorFault Fault, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Reply with a <see cref="DutyReport"/>.</summary>
    public sealed record GetDuties(IActorRef ReplyTo) : INoSerializationVerificationNeeded;
}
