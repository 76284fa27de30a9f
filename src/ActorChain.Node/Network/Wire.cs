using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;

namespace ActorChain.Node.Network;

/// <summary>
/// What travels between two nodes over a <see cref="PeerLinkActor"/>. Within one process the (immutable) decoded values
/// travel, so the nodes of an embedded network share one object; across processes (part 4's serializer) only core's
/// canonical bytes cross, and the receiver decodes them strictly.
/// </summary>
public abstract record Wire : IWireMessage
{
    /// <summary>A PoW block announced by flooding.</summary>
    public sealed record BlockGossip(PowBlock Block) : Wire;

    /// <summary>A transaction announced by flooding.</summary>
    public sealed record TxGossip(Transaction Tx) : Wire;

    /// <summary>Asks for PoW block <paramref name="Root"/> and up to <paramref name="Max"/> − 1 of its ancestors.</summary>
    public sealed record BlocksRequest(Hash32 Root, int Max) : Wire;

    /// <summary>PoW blocks in ascending height order.</summary>
    public sealed record BlocksResponse(ImmutableArray<PowBlock> Blocks) : Wire;

    /// <summary>A beacon block announced by flooding.</summary>
    public sealed record BeaconBlockGossip(BeaconBlock Block) : Wire;

    /// <summary>One validator's vote announced by flooding.</summary>
    public sealed record AttestationGossip(Attestation Attestation) : Wire;

    /// <summary>The votes a node published in one instant, in order, over one link as one message.</summary>
    public sealed record AttestationBatch(ImmutableArray<Attestation> Attestations) : Wire;

    /// <summary>Asks for beacon block <paramref name="Root"/> and up to <paramref name="Max"/> − 1 of its ancestors.</summary>
    public sealed record BeaconBlocksRequest(Hash32 Root, int Max) : Wire;

    /// <summary>Beacon blocks in ascending slot order.</summary>
    public sealed record BeaconBlocksResponse(ImmutableArray<BeaconBlock> Blocks) : Wire;

    /// <summary>Slashing evidence of a double proposal, flooded once by the slasher that found it.</summary>
    public sealed record ProposerSlashingGossip(ProposerSlashing Evidence) : Wire;

    /// <summary>Slashing evidence of a double or surround vote, flooded once by the slasher that found it.</summary>
    public sealed record AttesterSlashingGossip(AttesterSlashing Evidence) : Wire;

    /// <summary>
    /// Whom the sender is, sent between the cluster directories of two processes before their nodes link: its node id,
    /// HTTP port and hosted validators, and its genesis (validators and stakes in order, genesis time, merge height,
    /// engine, and <paramref name="GenesisDigest"/> over all of it and the rest of the chain settings), so that a peer
    /// with another genesis is refused (ARCHITECTURE.md, "Shared genesis").
    /// </summary>
    public sealed record Hello(int NodeId, string GenesisDigest, ImmutableArray<string> ValidatorNames,
        ImmutableArray<ulong> StakesGwei, ulong GenesisTimestamp, ulong? MergeAtHeight, bool Pos, int HttpPort,
        ImmutableArray<string> Hosted) : Wire;
}
