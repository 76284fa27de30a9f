using ActorChain.Core.Pos.Model;
using ActorChain.Node.Chain;
using ActorChain.Node.Faults;
using Akka.Actor;

namespace ActorChain.Node.Validators;

/// <summary>
/// One hosted validator: proposes and attests when on duty. It checks its slashing-protection record and saves the
/// updated one in the node's protection store before anything is signed; fault behaviours swap in here.
/// </summary>
public sealed partial class ValidatorActor : ReceiveActor
{
    /// <summary>Propose the block of <c>Context.Slot</c> as validator <paramref name="ValidatorIndex"/>.</summary>
    public sealed record Propose(ChainActor.SlotContext Context, ulong ValidatorIndex) : INoSerializationVerificationNeeded;

    /// <summary>Attest to <paramref name="Data"/> as validator <paramref name="ValidatorIndex"/>.</summary>
    public sealed record Attest(AttestationData Data, ulong ValidatorIndex) : INoSerializationVerificationNeeded;

    /// <summary>Swap <paramref name="Fault"/> in; <paramref name="Publish"/> receives what the faulty behaviour floods.</summary>
    public sealed record InjectFault(ValidatorFault Fault, IActorRef Publish) : INoSerializationVerificationNeeded;

    /// <summary>Back to honest behaviour.</summary>
    public sealed record ClearFault(ValidatorFault Fault) : INoSerializationVerificationNeeded;

    /// <summary>Reply with this validator's <see cref="DutyReport.Duties"/>.</summary>
    public sealed record GetDuties(IActorRef ReplyTo) : INoSerializationVerificationNeeded;
}
