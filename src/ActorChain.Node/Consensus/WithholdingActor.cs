using ActorChain.Core.Pow;
using ActorChain.Node.Faults;
using Akka.Actor;

namespace ActorChain.Node.Consensus;

/// <summary>Keeps a faulty node's mined blocks back and publishes them as its policy says (private chain, selfish mining).</summary>
public sealed partial class WithholdingActor : ReceiveActor
{
    /// <summary>A block one of the node's miners found.</summary>
    public sealed record Mined(PowBlock Block) : INoSerializationVerificationNeeded;

    /// <summary>Start withholding under <paramref name="Fault"/>; released blocks go to <paramref name="Publish"/>.</summary>
    public sealed record Start(PowFault Fault, IActorRef Publish) : INoSerializationVerificationNeeded;

    /// <summary>Publish everything withheld now (the fault was cleared).</summary>
    public sealed record Release : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static Release Instance { get; } = new();
    }
}
