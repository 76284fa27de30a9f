using ActorChain.Core.Pos.Model;
using Akka.Actor;

namespace ActorChain.Node.Slashing;

/// <summary>
/// Watches every proposal and vote the node sees and turns a double proposal, double vote or surround vote into
/// evidence (core's <c>Slasher</c> decides, CONSENSUS.md §6); reports it once, gossips it once, hands it to the mempool.
/// </summary>
public sealed partial class SlasherActor : ReceiveActor
{
    /// <summary>Evidence gossiped by peer <paramref name="FromNode"/>.</summary>
    public sealed record FromPeer(ISlashingEvidence Evidence, int FromNode) : INoSerializationVerificationNeeded;

    /// <summary>Reply with <see cref="Stats"/>.</summary>
    public sealed record GetStats(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Evidence found, received, dropped as duplicates, rejected and gossiped; what core's slasher holds.</summary>
    public sealed record Stats(long Found, long Received, long Duplicates, long Rejected, long Gossiped, int StoredHeaders, int StoredVotes)
        : INoSerializationVerificationNeeded;

    /// <summary>Told to the guardian: true, newly reported evidence to flood to every peer but <paramref name="FromNode"/> (-1: all).</summary>
    public sealed record Gossip(ISlashingEvidence Evidence, int FromNode) : INoSerializationVerificationNeeded;
}
