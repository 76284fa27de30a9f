using System.Collections.Immutable;
using ActorChain.Node.Consensus;

namespace ActorChain.Node;

/// <summary>
/// What one node hosts (miners; validators by name) and whom it links to (<paramref name="AllowedPeers"/> null: every
/// node). In a full mesh nodes relay blocks but not votes (<paramref name="RelayAttestations"/> false).
/// </summary>
public sealed record NodeSpec(int NodeId, ImmutableArray<MinerSpec> Miners, ImmutableArray<string> Validators,
    ImmutableSortedSet<int>? AllowedPeers, bool RelayAttestations = false)
{
    /// <summary>True when this node may link to <paramref name="peer"/>.</summary>
    public bool MayLinkTo(int peer) => peer != NodeId && (AllowedPeers is null || AllowedPeers.Contains(peer));

    /// <summary>The actor name of node <paramref name="id"/>; peers learn each other's ids from it.</summary>
    public static string ActorName(int id) => "node-" + id;
}
