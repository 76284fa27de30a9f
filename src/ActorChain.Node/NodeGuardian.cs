using System.Collections.Immutable;
using ActorChain.Core.Transactions;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using Akka.Actor;

namespace ActorChain.Node;

/// <summary>
/// One node: supervises its chain, mempool, sync, peer links, slasher and consensus supervisor; routes what peers send
/// to the actor concerned and floods what the node publishes over its links.
/// </summary>
public sealed partial class NodeGuardian : ReceiveActor
{
    /// <summary>A message from peer <paramref name="FromNode"/>, delivered by that peer's link to this node.</summary>
    public sealed record FromPeer(int FromNode, Wire Payload) : INoSerializationVerificationNeeded;

    /// <summary>Link to peer <paramref name="PeerId"/>, whose guardian is <paramref name="Peer"/>.</summary>
    public sealed record Connect(int PeerId, IActorRef Peer) : INoSerializationVerificationNeeded;

    /// <summary>Drop the link to peer <paramref name="PeerId"/>.</summary>
    public sealed record Disconnect(int PeerId) : INoSerializationVerificationNeeded;

    /// <summary>Reply with a <see cref="NodeStatus"/>.</summary>
    public sealed record GetStatus(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Submit a transaction from a local client; the mempool replies a <c>MempoolActor.SubmitResult</c>.</summary>
    public sealed record SubmitTx(Transaction Tx, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Apply a link fault to the link to <paramref name="Peer"/>, or to every link when null.</summary>
    public sealed record ApplyLinkFault(int? Peer, LinkFault Fault) : INoSerializationVerificationNeeded;

    /// <summary>Inject a fault this node holds (a validator it hosts, itself, its miners, its links); reply a <see cref="FaultReply"/>.</summary>
    public sealed record InjectFault(Fault Fault, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>End a fault; reply a <see cref="FaultReply"/>.</summary>
    public sealed record ClearFault(Fault Fault, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Reply with the hosted validators' <c>DutyReport</c>.</summary>
    public sealed record GetDuties(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Send the chain's events of these kinds to <paramref name="Subscriber"/> (<paramref name="HeadsOnly"/>: head moves only).</summary>
    public sealed record SubscribeChain(IActorRef Subscriber, bool HeadsOnly) : INoSerializationVerificationNeeded;

    /// <summary>Reply with <see cref="Parts"/>.</summary>
    public sealed record GetParts(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The node's main actors, for the simulation's recorders and tests.</summary>
    public sealed record Parts(IActorRef Chain, IActorRef Mempool, IActorRef Consensus, IActorRef Slasher, ImmutableSortedDictionary<int, IActorRef> Links)
        : INoSerializationVerificationNeeded;

    /// <summary>Start the PoS chain from genesis now (<c>consensus = pos</c>).</summary>
    public sealed record StartPos : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static StartPos Instance { get; } = new();
    }

    /// <summary>Merge at PoW height <paramref name="Height"/>.</summary>
    public sealed record ScheduleMerge(ulong Height) : INoSerializationVerificationNeeded;

    /// <summary>Stop every block producer (the end of a run).</summary>
    public sealed record StopProducing : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static StopProducing Instance { get; } = new();
    }
}
