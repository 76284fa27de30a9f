using System.Collections.Immutable;

namespace ActorChain.Node;

/// <summary>One node's view for status and views: its PoW head, peers, counters and, once merged, its PoS checkpoints.</summary>
public sealed record NodeStatus(
    int Node,
    ulong HeadHeight,
    string HeadHash,
    string TotalDifficulty,
    ImmutableArray<int> Peers,
    int Mempool,
    long Reorgs,
    long Blocks,
    long MalformedMessages,
    ulong? Slot,
    NodeStatus.CheckpointView? Justified,
    NodeStatus.CheckpointView? Finalized)
{
    /// <summary>A checkpoint as shown: its epoch and root in hex.</summary>
    public sealed record CheckpointView(ulong Epoch, string Root);
}
