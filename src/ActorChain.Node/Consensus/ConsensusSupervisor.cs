using System.Collections.Immutable;
using ActorChain.Node.Faults;
using Akka.Actor;

namespace ActorChain.Node.Consensus;

/// <summary>
/// Owns the node's block producers and swaps them at the merge: it stops the <see cref="MinerActor"/>s, awaits their
/// <c>Terminated</c>, then starts the PoS engine (<c>EpochActor</c> and its validators and checkpoints).
/// </summary>
public sealed partial class ConsensusSupervisor : ReceiveActor
{
    /// <summary>Reply with <see cref="MinerStats"/>.</summary>
    public sealed record GetMinerStats(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The miners running now, in name order.</summary>
    public sealed record MinerStats(ImmutableArray<IActorRef> Miners) : INoSerializationVerificationNeeded;

    /// <summary>Stop every producer (the end of a run).</summary>
    public sealed record StopProducing : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static StopProducing Instance { get; } = new();
    }

    /// <summary>Swap a fault into the producer concerned; <paramref name="Publish"/> receives what a faulty actor floods; reply a <see cref="FaultReply"/>.</summary>
    public sealed record InjectFault(Fault Fault, IActorRef Publish, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>End a fault; reply a <see cref="FaultReply"/>.</summary>
    public sealed record ClearFault(Fault Fault, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Reply with the hosted validators' <c>DutyReport</c>.</summary>
    public sealed record GetDuties(IActorRef ReplyTo) : INoSerializationVerificationNeeded;
}
