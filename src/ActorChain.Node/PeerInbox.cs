using System.Collections.Immutable;
using ActorChain.Node.Chain;
using ActorChain.Node.Network;
using ActorChain.Node.Slashing;
using Akka.Actor;

namespace ActorChain.Node;

/// <summary>
/// Where a peer's payload goes in its node (the guardian's routing of <see cref="Wire"/> messages, Hello aside). Within
/// one process payloads travel decoded, so "malformed" here means a payload with a missing part or of no known kind
/// (part 4's serializer decodes bytes strictly before a payload gets here): it is refused before anything reaches the
/// chain, mempool or slasher.
/// </summary>
internal sealed class PeerInbox(IActorRef chain, IActorRef mempool, IActorRef slasher, IActorRef served)
{
    /// <summary>Hands <paramref name="w"/> from node <paramref name="from"/> to the actor concerned; returns what is malformed about it, or null once delivered.</summary>
    public string? Deliver(int from, Wire? w)
    {
        var problem = Problem(w);
        if (problem is not null)
            return problem;
        switch (w)
        {
            case Wire.BlockGossip b:
                chain.Tell(new ChainActor.ImportBlock(b.Block, from));
                break;
            case Wire.TxGossip t:
                mempool.Tell(new MempoolActor.Submit(t.Tx, from, ActorRefs.Nobody));
                break;
            case Wire.BlocksRequest r:
                chain.Tell(new ChainActor.ServeBlocks(r.Root, r.Max, from, served));
                break;
            case Wire.BlocksResponse r:
                foreach (var block in r.Blocks)
                    chain.Tell(new ChainActor.ImportBlock(block, from));
                break;
            case Wire.BeaconBlockGossip b:
                chain.Tell(new ChainActor.ImportBeaconBlock(b.Block, from));
                break;
            case Wire.AttestationGossip a:
                chain.Tell(new ChainActor.ImportAttestations([a.Attestation], from));
                break;
            case Wire.AttestationBatch a:
                chain.Tell(new ChainActor.ImportAttestations(a.Attestations, from));
                break;
            case Wire.ProposerSlashingGossip p:
                slasher.Tell(new SlasherActor.FromPeer(p.Evidence, from));
                break;
            case Wire.AttesterSlashingGossip a:
                slasher.Tell(new SlasherActor.FromPeer(a.Evidence, from));
                break;
            case Wire.BeaconBlocksRequest r:
                chain.Tell(new ChainActor.ServeBeaconBlocks(r.Root, r.Max, from, served));
                break;
            case Wire.BeaconBlocksResponse r:
                foreach (var block in r.Blocks)
                    chain.Tell(new ChainActor.ImportBeaconBlock(block, from));
                break;
        }
        return null;
    }

    /// <summary>What is malformed about <paramref name="w"/>: a missing part, a count out of range, or no known kind; null when whole.</summary>
    public static string? Problem(Wire? w) => w switch
    {
        null => "no payload",
        Wire.BlockGossip b => b.Block is null ? "block gossip without a block" : null,
        Wire.TxGossip t => t.Tx is null ? "transaction gossip without a transaction" : null,
        Wire.BlocksRequest r => r.Max < 1 ? $"blocks request for {r.Max} blocks" : null,
        Wire.BlocksResponse r => Missing(r.Blocks, "blocks response"),
        Wire.BeaconBlockGossip b => b.Block is null ? "beacon block gossip without a block" : null,
        Wire.AttestationGossip a => a.Attestation is null ? "attestation gossip without an attestation" : null,
        Wire.AttestationBatch a => Missing(a.Attestations, "attestation batch"),
        Wire.ProposerSlashingGossip p => p.Evidence is null ? "proposer slashing gossip without evidence" : null,
        Wire.AttesterSlashingGossip a => a.Evidence is null ? "attester slashing gossip without evidence" : null,
        Wire.BeaconBlocksRequest r => r.Max < 1 ? $"beacon blocks request for {r.Max} blocks" : null,
        Wire.BeaconBlocksResponse r => Missing(r.Blocks, "beacon blocks response"),
        _ => "unknown payload " + w.GetType().Name,
    };

    private static string? Missing<T>(ImmutableArray<T> items, string what) where T : class =>
        items.IsDefault ? what + " without a list"
        : items.Any(i => i is null) ? what + " with a missing item"
        : null;
}
