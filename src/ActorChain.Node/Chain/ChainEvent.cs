using System.Collections.Immutable;
using System.Numerics;
using ActorChain.Core.Codec;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using Akka.Actor;

namespace ActorChain.Node.Chain;

/// <summary>What <see cref="ChainActor"/> publishes to its subscribers (<see cref="ChainActor.Subscribe"/>). Every payload is immutable.</summary>
public abstract record ChainEvent : INoSerializationVerificationNeeded
{
    /// <summary>What the event is about; subscribers name the kinds they want.</summary>
    public abstract ChainEventKind Kind { get; }

    /// <summary>The canonical PoW head moved; <paramref name="Next"/> is everything needed to build on it.</summary>
    public sealed record HeadChanged(PowBlock Head, BlockContext Next, BigInteger TotalDifficulty) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.Head;
    }

    /// <summary>A PoW block joined the tree (<paramref name="FromNode"/> is -1 when produced locally).</summary>
    public sealed record BlockImported(PowBlock Block, int FromNode) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.BlockImported;
    }

    /// <summary>A PoW or beacon block was refused, with the rule that refused it (for <c>block_rejected</c>).</summary>
    public sealed record BlockRejected(Hash32 Hash, string Reason, string Detail, int FromNode) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.BlockRejected;
    }

    /// <summary>The PoW head moved to another branch; <paramref name="Abandoned"/> are the transactions left behind.</summary>
    public sealed record Reorged(Reorg Reorg, ImmutableArray<Transaction> Abandoned) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.Reorg;
    }

    /// <summary>
    /// The merge happened (or the chain started in PoS): <paramref name="AnchorRoot"/> anchors the PoS chain, slot 0
    /// starts at <paramref name="GenesisTimeSeconds"/>, and <paramref name="GenesisState"/> is the PoS genesis state
    /// (shared: never mutate it).
    /// </summary>
    public sealed record Merged(Hash32 AnchorRoot, ulong AnchorHeight, ulong GenesisTimeSeconds, BeaconState GenesisState) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.Merged;
    }

    /// <summary>
    /// The PoS head moved; <paramref name="Ledger"/> is its accounts and base fee, what the mempool prunes against;
    /// <paramref name="ReorgDepth"/> is above 0 when it moved to another branch (a <c>reorg</c> event).
    /// </summary>
    public sealed record PosHeadChanged(Hash32 Root, ulong Slot, Checkpoint Justified, Checkpoint Finalized, LedgerState Ledger,
        int ReorgDepth = 0) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.PosHead;
    }

    /// <summary>A beacon block joined the store (<paramref name="FromNode"/> -1: produced on this node).</summary>
    public sealed record BeaconBlockImported(BeaconBlock Block, int FromNode) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.BeaconBlockImported;
    }

    /// <summary>
    /// Gossiped votes that passed validation and count in fork choice, in arrival order, all from
    /// <paramref name="FromNode"/> (-1: made by this node's validators): one event per message.
    /// </summary>
    public sealed record AttestationsImported(int FromNode, ImmutableArray<AttestationImported> Attestations) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => FromNode < 0 ? ChainEventKind.LocalAttestation : ChainEventKind.Attestation;
    }

    /// <summary>The votes of an imported block that counted in fork choice, in block order: one event per block.</summary>
    public sealed record BlockAttestationsImported(Hash32 BlockRoot, ImmutableArray<AttestationImported> Attestations) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.BlockAttestations;
    }

    /// <summary>The canonical chain crossed the end of <c>Transition.Epoch</c>, computed on head <paramref name="HeadRoot"/>.</summary>
    public sealed record EpochTransitioned(EpochTransition Transition, Hash32 HeadRoot, ulong HeadSlot) : ChainEvent
    {
        /// <summary>
        /// The checkpoint of epoch <c>Transition.Epoch − 1</c> explained on this node (epochs.jsonl's <c>tally</c>): null
        /// at the end of epoch 0, or when the transition carries no per-validator trace.
        /// </summary>
        public TargetTally? Tally { get; init; }

        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.EpochTransitioned;
    }

    /// <summary>
    /// Headers and votes whose signatures this node verified, other than those of imported blocks: published once per
    /// slot for the slasher (CONSENSUS.md §6).
    /// </summary>
    public sealed record SignedMessagesSeen(ImmutableArray<SignedBeaconBlockHeader> Headers, ImmutableArray<Attestation> Attestations) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.SignedMessages;
    }

    /// <summary>A beacon block from <paramref name="FromNode"/> waits for the unknown block <paramref name="MissingRoot"/>.</summary>
    public sealed record BeaconAncestorMissing(Hash32 MissingRoot, Hash32 Held, int FromNode) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.BeaconAncestorMissing;
    }

    /// <summary>A PoW block from <paramref name="FromNode"/> waits as an orphan for the unknown <paramref name="MissingRoot"/>.</summary>
    public sealed record AncestorMissing(Hash32 MissingRoot, Hash32 Held, int FromNode) : ChainEvent
    {
        /// <inheritdoc />
        public override ChainEventKind Kind => ChainEventKind.AncestorMissing;
    }
}

/// <summary>A vote that passed validation and counts in fork choice; <paramref name="Stake"/> is the voter's effective balance.</summary>
public sealed record AttestationImported(Attestation Attestation, ulong Stake, int FromNode, bool FromBlock);

/// <summary>The kinds of <see cref="ChainEvent"/>.</summary>
public enum ChainEventKind
{
    /// <summary><see cref="ChainEvent.HeadChanged"/>.</summary>
    Head,
    /// <summary><see cref="ChainEvent.BlockImported"/>.</summary>
    BlockImported,
    /// <summary><see cref="ChainEvent.BlockRejected"/>.</summary>
    BlockRejected,
    /// <summary><see cref="ChainEvent.Reorged"/>.</summary>
    Reorg,
    /// <summary><see cref="ChainEvent.AncestorMissing"/>.</summary>
    AncestorMissing,
    /// <summary><see cref="ChainEvent.Merged"/>.</summary>
    Merged,
    /// <summary><see cref="ChainEvent.PosHeadChanged"/>.</summary>
    PosHead,
    /// <summary><see cref="ChainEvent.BeaconBlockImported"/>.</summary>
    BeaconBlockImported,
    /// <summary>Votes from a peer.</summary>
    Attestation,
    /// <summary>Votes made by this node's validators.</summary>
    LocalAttestation,
    /// <summary><see cref="ChainEvent.BlockAttestationsImported"/>.</summary>
    BlockAttestations,
    /// <summary><see cref="ChainEvent.EpochTransitioned"/>.</summary>
    EpochTransitioned,
    /// <summary><see cref="ChainEvent.BeaconAncestorMissing"/>.</summary>
    BeaconAncestorMissing,
    /// <summary><see cref="ChainEvent.SignedMessagesSeen"/>.</summary>
    SignedMessages,
}
