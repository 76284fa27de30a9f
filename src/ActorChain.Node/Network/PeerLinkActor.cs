using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Node.Configuration;
using Akka.Actor;

namespace ActorChain.Node.Network;

/// <summary>
/// One directed link from this node to a peer: adds latency and jitter, drops by loss, cuts on a partition, and
/// dedupes by message id. It does not know whether the peer is local or remote (ARCHITECTURE.md, "Network").
/// </summary>
public sealed partial class PeerLinkActor : ReceiveActor
{
    /// <summary>Carry <paramref name="Payload"/> to the peer unless <paramref name="Id"/> already crossed this link.</summary>
    public sealed record Send(Wire Payload, Hash32 Id) : INoSerializationVerificationNeeded;

    /// <summary>The votes published in one instant, carried as one <see cref="Wire.AttestationBatch"/> with one latency draw; dedupe and loss apply per vote.</summary>
    public sealed record SendVotes(ImmutableArray<Send> Votes) : INoSerializationVerificationNeeded;

    /// <summary>Apply a link fault.</summary>
    public sealed record ApplyFault(LinkFault Fault) : INoSerializationVerificationNeeded;

    /// <summary>Reply with <see cref="Stats"/>.</summary>
    public sealed record GetStats(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>What crossed this link so far.</summary>
    public sealed record Stats(int Peer, long Sent, long Dropped, long Deduped, bool Partitioned, LinkSettings Settings)
        : INoSerializationVerificationNeeded;
}
