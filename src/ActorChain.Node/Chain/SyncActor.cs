using System.Collections.Immutable;
using ActorChain.Core.Codec;
using Akka.Actor;

namespace ActorChain.Node.Chain;

/// <summary>Fetches missing ancestors (blocks by root) from peers after partitions and restarts.</summary>
public sealed partial class SyncActor : ReceiveActor
{
    /// <summary>Told to the node's guardian: ask <paramref name="Peer"/> for <paramref name="Root"/> and up to <paramref name="Max"/> − 1 ancestors.</summary>
    public sealed record RequestBlocks(int Peer, Hash32 Root, int Max, bool Beacon) : INoSerializationVerificationNeeded;

    /// <summary>The peers this node is linked to now, ascending.</summary>
    public sealed record PeersChanged(ImmutableArray<int> Peers) : INoSerializationVerificationNeeded;
}
