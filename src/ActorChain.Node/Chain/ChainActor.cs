using System.Collections.Immutable;
using System.Numerics;
using ActorChain.Core.Conformance.Golden;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using ActorChain.Node.Storage;
using Akka.Actor;
using Akka.Event;

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

    /// <summary>The node's PoS view. <paramref name="HeadState"/> is fork choice's own post-state of the head, shared: read it, never change it. <paramref name="AttestationsProcessed"/> counts the votes fork choice took in.</summary>
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

    // ---- state ----

    /// <summary>How many PoW blocks wait for their parent at most.</summary>
    internal const int OrphanCapacity = 4096;

    /// <summary>The most blocks one sync reply carries.</summary>
    internal const int MaxServedBlocks = 256;

    /// <summary>A sync reply stays well under a remote transport's frame; the requester continues from its oldest block.</summary>
    internal const int MaxServedBytes = 192 * 1024;

    private readonly NodeContext _node;
    private readonly BlockTree _powTree;
    private readonly Subscribers _subscribers = new();
    private readonly IChainStore _store;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly OrphanPool<PowBlock> _orphans = new(OrphanCapacity, b => b.Hash, b => b.ParentHash);

    /// <summary>The beacon blocks a restarted node reloaded, for the beacon chain to re-import once it has merged again.</summary>
    private ImmutableArray<BeaconBlock> _reloadedBeaconBlocks = [];
    private long _reorgs;
    private long _rejected;
    private ulong? _mergeAtHeight;

    /// <summary>The terminal PoW block once merged (views show it as the last PoW block, CONSENSUS.md §4), else null.</summary>
    private PowBlock? _terminal;
    private ChainEvent.Merged? _merged;

    /// <summary>
    /// The chain of <paramref name="node"/>: a tree from <c>node.Settings.GenesisBlock()</c>, then the blocks its store
    /// holds, reloaded before it handles anything (<see cref="ChainReload"/>), merged again if it had merged.
    /// </summary>
    public static Props Create(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Props.Create(() => new ChainActor(node));
    }

    /// <summary>Use <see cref="Create"/>; public for Akka's props activator.</summary>
    public ChainActor(NodeContext node)
    {
        _node = node;
        _store = node.Stores.Chain;
        _reorgs = NodeCounters.Read(_store, "chain-reorgs"); // the totals before a restart (0 on a fresh store)
        _rejected = NodeCounters.Read(_store, "chain-rejected");
        var settings = node.Settings;
        _powTree = new BlockTree(settings.GenesisBlock(), settings.GenesisLedger(), settings.Pow);
        _mergeAtHeight = settings.Consensus.MergeAtHeight;
        BecomePow();
    }

    /// <inheritdoc />
    protected override void PreStart() => Reload();

    private void BecomePow()
    {
        Receive<ImportBlock>(OnImportBlock);
        Receive<ImportWithheld>(OnImportWithheld);
        Receive<Subscribe>(OnSubscribe);
        Receive<GetHead>(OnGetHead);
        Receive<ServeBlocks>(OnServeBlocks);
        Receive<StartPos>(OnStartPos);
        Receive<MergeAt>(OnMergeAt);
        ReceiveViews();
    }

    // ---- reload and the merge ----

    /// <summary>Re-imports the stored PoW blocks, then merges if the stored chain had (keeping its beacon blocks for the swap).</summary>
    private void Reload()
    {
        var reload = ChainReload.Load(_store, _powTree, Now);
        if (reload.IsEmpty)
        {
            CheckMerge();
            return;
        }

        if (reload.MergeAtHeight is { } h)
        {
            _mergeAtHeight = h;
        }

        _reloadedBeaconBlocks = reload.BeaconBlocks;
        var head = _powTree.Head;
        _log.Info("node {0}: reloaded {1} PoW block(s) (head at height {2}) and {3} beacon block(s) from {4}",
            _node.NodeId, reload.PowBlocks, head.Height, _reloadedBeaconBlocks.Length, _store.Location);
        _node.Emit("chain_reloaded", "powBlocks", reload.PowBlocks, "powHeight", head.Height, "powHead", head.Hash.ToString(),
            "beaconBlocks", _reloadedBeaconBlocks.Length);
        if (reload.StartedPos)
        {
            Merge(_powTree.Genesis);
        }
        else
        {
            CheckMerge();
        }
    }

    private void OnStartPos(StartPos m)
    {
        ChainReload.RecordStartedPos(_store);
        Merge(_powTree.Genesis);
    }

    private void OnMergeAt(MergeAt m)
    {
        _mergeAtHeight = m.Height;
        ChainReload.RecordMergeScheduled(_store, m.Height);
        _node.Emit("merge_scheduled", "atHeight", m.Height);
        CheckMerge();
    }

    /// <summary>CONSENSUS.md §4: once the canonical head is MERGE_CONFIRMATIONS past H, the block at H is terminal.</summary>
    private void CheckMerge()
    {
        if (_terminal is not null || _mergeAtHeight is not { } at
            || _powTree.Head.Height < at + (ulong)_node.Settings.Consensus.MergeConfirmations)
        {
            return;
        }

        Merge(_powTree.CanonicalAt(at) ?? throw new InvalidOperationException($"no canonical PoW block at height {at}"));
    }

    /// <summary>The swap: build the PoS genesis from the terminal block, orphan the PoW blocks above it, become the beacon chain.</summary>
    private void Merge(PowBlock terminal)
    {
        var genesis = MergeGenesis.Build(_node.Settings, _powTree.StateOf(terminal.Hash), terminal);
        var validators = genesis.ValidatorCount;
        _log.Info("node {0}: merge at PoW height {1} ({2}); {3} validators; slot 0 at {4} s", _node.NodeId, terminal.Height,
            terminal.Hash.ShortHex(), validators, genesis.GenesisTime);
        _node.Emit("merge", "terminalHeight", terminal.Height, "terminalHash", terminal.Hash.ToString(),
            "validators", validators, "genesisTime", genesis.GenesisTime);
        // The confirmations and any mined after them, said once: not again by a restarted node that had merged already
        // (it reloaded beacon blocks).
        var orphaned = _powTree.Head.Height - terminal.Height;
        if (orphaned > 0 && _reloadedBeaconBlocks.IsEmpty)
        {
            _node.Emit("pow_orphaned_at_merge", "count", orphaned, "terminalHeight", terminal.Height,
                "terminalHash", terminal.Hash.ToString());
        }

        _terminal = terminal;
        var merged = new ChainEvent.Merged(terminal.Hash, terminal.Height, genesis.GenesisTime, genesis);
        _merged = merged;
        Publish(merged);
        var reimport = _reloadedBeaconBlocks;
        _reloadedBeaconBlocks = [];
        BecomeBeacon(merged, reimport);
    }

    // ---- handlers shared with the beacon behaviour ----

    /// <summary>The current PoW head as an event (the terminal block once merged).</summary>
    private ChainEvent.HeadChanged HeadChangedEvent()
    {
        var head = _terminal ?? _powTree.Head;
        return new ChainEvent.HeadChanged(head, _powTree.ContextFor(head.Hash), _powTree.TotalDifficulty(head.Hash));
    }

    /// <summary>Adds the subscriber; it gets the current PoW head at once (the merge instead, once merged).</summary>
    private void OnSubscribe(Subscribe m)
    {
        _subscribers.Add(m.Subscriber, m.Kinds);
        m.Subscriber.Tell(_merged is null ? HeadChangedEvent() : _merged);
    }

    private void OnGetHead(GetHead m)
    {
        var current = HeadChangedEvent();
        m.ReplyTo.Tell(new HeadInfo(current.Head, current.TotalDifficulty, _powTree.Count, _reorgs, _rejected, _orphans.Count, current));
    }

    private void OnServeBlocks(ServeBlocks m)
    {
        var max = Math.Max(1, Math.Min(m.Max, MaxServedBlocks));
        var ascending = new List<PowBlock>();
        var bytes = 0;
        foreach (var b in _powTree.Ancestors(m.Root, max)) // empty when unknown
        {
            bytes += b.Canonical().Length;
            if (ascending.Count > 0 && bytes > MaxServedBytes)
            {
                break;
            }

            ascending.Add(b);
        }

        ascending.Reverse();
        m.ReplyTo.Tell(new BlocksFound([.. ascending], m.ForNode));
    }

    private void Publish(ChainEvent e)
    {
        RememberEpoch(e);
        _subscribers.Publish(e);
    }

    // ---- PoW import ----

    private ulong Now => (ulong)Math.Max(0L, _node.Clock.NowMillis);

    private void OnImportWithheld(ImportWithheld m)
    {
        ImportOne(m.Block, -1, announce: false);
        CheckMerge();
    }

    private void OnImportBlock(ImportBlock m)
    {
        _orphans.ImportWithDescendants(m.Block, m.FromNode, (block, from) => ImportOne(block, from, announce: true));
        CheckMerge();
    }

    /// <summary>True when the block joined the tree; <paramref name="announce"/> is false for a withheld block of this node.</summary>
    private bool ImportOne(PowBlock block, int fromNode, bool announce)
    {
        switch (_powTree.ImportBlock(block, Now))
        {
            case ImportResult.Imported imported:
                _store.PutPowBlock(block); // parents first: the order a restarted node re-imports them in
                if (announce)
                {
                    Publish(new ChainEvent.BlockImported(block, fromNode));
                }

                _node.Emit("block_imported", "hash", block.Hash.ToString(), "height", block.Height, "from", fromNode,
                    "txs", block.Transactions.Length);
                if (imported.Reorg is { } reorg)
                {
                    OnReorg(reorg);
                }

                if (imported.HeadChanged)
                {
                    var hc = HeadChangedEvent();
                    _node.Emit("head_changed", "hash", block.Hash.ToString(), "height", block.Height,
                        "totalDifficulty", hc.TotalDifficulty.ToString());
                    Publish(hc);
                }

                return true;
            case ImportResult.MissingParent missing:
                if (PowBlockRules.CheckContextFree(block, _powTree.Params) is { } bad)
                {
                    Reject(block, bad, fromNode);
                    return false;
                }

                _orphans.Add(new OrphanPool<PowBlock>.Pending(block, fromNode));
                // Announced on every offer, so a fetch that was given up is tried again when the block comes again.
                Publish(new ChainEvent.AncestorMissing(_orphans.MissingRootOf(missing.ParentHash), block.Hash, fromNode));
                return false;
            case ImportResult.Invalid invalid:
                Reject(block, invalid.Rejection, fromNode);
                return false;
            default: // Duplicate
                return false;
        }
    }

    private void Reject(PowBlock block, BlockRejection rejection, int fromNode)
    {
        _rejected = NodeCounters.Write(_store, "chain-rejected", _rejected + 1);
        var reason = GoldenEnum.Name(rejection.Reason);
        _log.Debug("reject block {0} at height {1} from node {2}: {3} ({4})", block.Hash.ShortHex(), block.Height, fromNode,
            rejection.Reason.Describe(), rejection.Detail);
        _node.Emit("block_rejected", "hash", block.Hash.ToString(), "height", block.Height, "from", fromNode,
            "reason", reason, "detail", rejection.Detail);
        Publish(new ChainEvent.BlockRejected(block.Hash, reason, rejection.Detail, fromNode));
    }

    private void OnReorg(Reorg r)
    {
        _reorgs = NodeCounters.Write(_store, "chain-reorgs", _reorgs + 1);
        _log.Info("reorg depth {0}: {1} -> {2}", r.Depth, r.OldHead.ShortHex(), r.NewHead.ShortHex());
        _node.Emit("reorg", "depth", r.Depth, "oldHead", r.OldHead.ToString(), "newHead", r.NewHead.ToString(),
            "commonAncestor", r.CommonAncestor.ToString());
        var abandoned = ImmutableArray.CreateBuilder<Transaction>();
        foreach (var b in _powTree.Ancestors(r.OldHead, r.Depth))
        {
            abandoned.AddRange(b.Transactions);
        }

        Publish(new ChainEvent.Reorged(r, abandoned.DrainToImmutable()));
    }
}
