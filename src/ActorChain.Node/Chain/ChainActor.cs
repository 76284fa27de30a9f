using System.Collections.Immutable;
using System.Numerics;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Pow;
using Akka.Actor;

namespace ActorChain.Node.Chain;

/// <summary>
/// The single writer of the node's block tree, states and fork-choice store (ARCHITECTURE.md, "Actors of one node").
/// Before the merge it imports PoW blocks; at the merge it becomes the beacon chain, anchored on the terminal block.
/// </summary>
public sealed partial class ChainActor : ReceiveActor
{
    // ---- protocol: PoW ----

    /// <summary>Import a PoW block; <paramref name="FromNode"/> is -1 when mined on this node.</summary>
    public sealed record ImportBlock(PowBlock Block, int FromNode) : INoSerializationVerificationNeeded;

    /// <summary>Import a block this node's withholding miner kept back (a private chain or selfish mining).</summary>
    public sealed record ImportWithheld(PowBlock Block) : INoSerializationVerificationNeeded;

    /// <summary>Send <paramref name="Subscriber"/> every event of the given kinds from now on (and the current head at once).</summary>
    public sealed record Subscribe(IActorRef Subscriber, ImmutableHashSet<ChainEventKind> Kinds) : INoSerializationVerificationNeeded;

    /// <summary>Reply with a <see cref="HeadInfo"/>.</summary>
    public sealed record GetHead(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>A snapshot of the PoW head and counters, for status and views.</summary>
    public sealed record HeadInfo(PowBlock Head, BigInteger TotalDifficulty, int Blocks, long Reorgs, long Rejected, int Orphans,
        ChainEvent.HeadChanged Current) : INoSerializationVerificationNeeded;

    /// <summary>PoW block <paramref name="Root"/> and its ancestors, at most <paramref name="Max"/>, ascending; for a peer's sync request.</summary>
    public sealed record ServeBlocks(Hash32 Root, int Max, int ForNode, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The answer to <see cref="ServeBlocks"/>.</summary>
    public sealed record BlocksFound(ImmutableArray<PowBlock> Blocks, int ForNode) : INoSerializationVerificationNeeded;

    // ---- protocol: the merge and PoS (CONSENSUS.md §4–§5) ----

    /// <summary>Start the PoS chain from the PoW genesis block now (<c>consensus = pos</c>).</summary>
    public sealed record StartPos : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static StartPos Instance { get; } = new();
    }

    /// <summary>Merge at this PoW height; ignored once merged.</summary>
    public sealed record MergeAt(ulong Height) : INoSerializationVerificationNeeded;

    /// <summary>Import a beacon block; <paramref name="FromNode"/> is -1 when proposed on this node.</summary>
    public sealed record ImportBeaconBlock(BeaconBlock Block, int FromNode) : INoSerializationVerificationNeeded;

    /// <summary>Import the votes of one message (or of this node's validators, <paramref name="FromNode"/> -1), in order.</summary>
    public sealed record ImportAttestations(ImmutableArray<Attestation> Attestations, int FromNode) : INoSerializationVerificationNeeded;

    /// <summary>The slot clock: slot <paramref name="Slot"/> has started.</summary>
    public sealed record SlotTick(ulong Slot) : INoSerializationVerificationNeeded;

    /// <summary>Reply with a <see cref="SlotContext"/>: the head and its state advanced to <paramref name="Slot"/>, for duties.</summary>
    public sealed record GetSlotContext(ulong Slot, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The head and its state advanced to <paramref name="Slot"/>; the state is shared: read-only.</summary>
    public sealed record SlotContext(ulong Slot, Hash32 HeadRoot, BeaconState AdvancedState) : INoSerializationVerificationNeeded;

    /// <summary>Beacon block <paramref name="Root"/> and its ancestors, at most <paramref name="Max"/>, ascending.</summary>
    public sealed record ServeBeaconBlocks(Hash32 Root, int Max, int ForNode, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The answer to <see cref="ServeBeaconBlocks"/>.</summary>
    public sealed record BeaconBlocksFound(ImmutableArray<BeaconBlock> Blocks, int ForNode) : INoSerializationVerificationNeeded;

    /// <summary>Reply with a <see cref="PosStatus"/>.</summary>
    public sealed record GetPosStatus(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The node's PoS view. <paramref name="AttestationsProcessed"/> counts the votes fork choice took in.</summary>
    public sealed record PosStatus(ulong CurrentSlot, Hash32 HeadRoot, ulong HeadSlot, Checkpoint Justified, Checkpoint Finalized,
        BeaconState HeadState, long AttestationsProcessed) : INoSerializationVerificationNeeded;

    /// <summary>
    /// Slashing evidence the slasher has not seen before (<paramref name="FromNode"/> -1: it found it itself): verify
    /// that it proves an offence (CONSENSUS.md §6) and, for an attester slashing, drop the offender's fork-choice weight.
    /// </summary>
    public sealed record VerifyEvidence(ISlashingEvidence Evidence, int FromNode, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The answer to <see cref="VerifyEvidence"/>: <paramref name="Rejection"/> null when the evidence is true.</summary>
    public sealed record EvidenceVerdict(ISlashingEvidence Evidence, int FromNode, SlashingRejection? Rejection, bool Equivocating)
        : INoSerializationVerificationNeeded;

    /// <summary>Advance the head state to <paramref name="Slot"/>, publish the epoch transitions that crosses, then reply with a <see cref="PosStatus"/>.</summary>
    public sealed record AdvanceHeadTo(ulong Slot, IActorRef ReplyTo) : INoSerializationVerificationNeeded;
}
